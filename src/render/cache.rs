//! What `serve` keeps of each page between builds: a page whose inputs hash the same (hashed
//! as `pages::PageValue` writes them, without making a template context) is the same page.
//! And the templates, compiled once per theme.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use tera::Tera;

use crate::error::ContentErrors;
use crate::memo::Memo;
use crate::output::Bytes;
use crate::theme::Theme;

/// The pages of the last build with a hash of what each was made from (its template context,
/// and the theme's templates): a page whose context hashes the same is the same page, so only
/// pages whose content changed are rendered again. No list of what depends on what to keep
/// up to date: a report edit re-renders its page, its topic page, the pages of the initiatives
/// it mentions, the lists it is in, and nothing else. A page kept is the buffer that was
/// served: handing it on again copies nothing. A build's is [`PageCache::off`].
pub struct PageCache {
    /// Off in a build: nothing is hashed or kept.
    pub(super) on: bool,
    /// The hash of the templates the kept pages were made with.
    templates: u64,
    pages: HashMap<String, (u64, Bytes)>,
    /// The site paths of the last build's pages that differ because of concepts, for the
    /// banner of a page rendered on its own (see `Pages::Reports`).
    pub(super) changed: HashSet<String>,
    /// The templates compiled, by their hash.
    tera: Option<(u64, Arc<Tera>)>,
    /// The open data files' lines, by their items' keys.
    pub(super) data: super::data::DataMemo,
    /// The feeds, by their reports' keys (see `render::feeds`).
    pub(super) feeds: Memo<Bytes>,
    /// The organisations' views, by what they are made of.
    pub(super) organisations: super::views::OrganisationsMemo,
}

/// What became of one page: whether it was rendered (or came from the cache), and what the
/// cache keeps of it.
pub(super) struct Made {
    pub(super) fresh: bool,
    pub(super) kept: Option<(String, (u64, Bytes))>,
    /// Its site path, when it differs because of concepts.
    pub(super) changed: Option<String>,
}

impl Default for PageCache {
    fn default() -> Self {
        PageCache {
            on: true,
            templates: 0,
            pages: HashMap::new(),
            changed: HashSet::new(),
            tera: None,
            data: Default::default(),
            feeds: Memo::default(),
            organisations: Memo::default(),
        }
    }
}

impl PageCache {
    /// A cache that keeps nothing: a build's.
    pub fn off() -> PageCache {
        PageCache {
            on: false,
            data: super::data::DataMemo::off(),
            feeds: Memo::off(),
            organisations: Memo::off(),
            ..PageCache::default()
        }
    }

    /// The theme's templates compiled: the ones kept when the theme's templates are as
    /// before (a page alone is rendered in a few milliseconds; compiling takes longer).
    pub(super) fn templates(&mut self, theme: &Theme) -> Result<Arc<Tera>, ContentErrors> {
        let hash = super::templates_hash(theme);
        if let Some((kept, tera)) = &self.tera
            && *kept == hash
        {
            return Ok(Arc::clone(tera));
        }
        let tera = Arc::new(super::load_templates(theme)?);
        if self.on {
            self.tera = Some((hash, Arc::clone(&tera)));
        }
        Ok(tera)
    }

    /// The pages kept, when they were made with `theme`'s templates.
    pub(super) fn known(&self, theme: &Theme) -> Option<&HashMap<String, (u64, Bytes)>> {
        (self.on && self.templates == super::templates_hash(theme)).then_some(&self.pages)
    }

    /// Keeps exactly the pages of a whole site's render (a page gone is forgotten).
    pub(super) fn keep(&mut self, theme: &Theme, made: Vec<Made>) {
        if !self.on {
            return;
        }
        self.changed = made.iter().filter_map(|m| m.changed.clone()).collect();
        self.templates = super::templates_hash(theme);
        self.pages = made.into_iter().filter_map(|m| m.kept).collect();
    }
}

//! What `serve` keeps of each page between builds: a page whose inputs hash the same (hashed
//! as `pages::PageValue` writes them, without making a template context) is the same page.
//! Also the fast path's render of an edited report's page alone ([`PageCache::render_reports`]).

use std::collections::HashMap;

use super::views::{self, Views};
use crate::error::BuildError;
use crate::output::{Bytes, Memory, OutputFile, Sink};
use crate::parsed::Site;
use crate::theme::Theme;

/// The pages of the last build with a hash of what each was made from (its template context,
/// and the theme's templates): a page whose context hashes the same is the same page, so only
/// pages whose content changed are rendered again. No list of what depends on what to keep
/// up to date: a report edit re-renders its page, its topic page, the pages of the initiatives
/// it mentions, the lists it is in, and nothing else.
pub struct PageCache {
    /// Off in a build: nothing is hashed or kept.
    pub(super) on: bool,
    pub(super) templates: u64,
    pub(super) pages: HashMap<String, (u64, Bytes)>,
    /// Pages rendered by the last build (the others came from the cache).
    pub rendered: usize,
    /// The site paths of the last build's pages that differ because of concepts, for the
    /// banner of a page [`PageCache::render_reports`] makes.
    pub(super) changed: std::collections::HashSet<String>,
    /// The templates compiled for [`PageCache::render_reports`], by their hash.
    tera: Option<(u64, tera::Tera)>,
}

impl Default for PageCache {
    fn default() -> Self {
        PageCache {
            on: true,
            templates: 0,
            pages: HashMap::new(),
            rendered: 0,
            changed: Default::default(),
            tera: None,
        }
    }
}

impl PageCache {
    /// A cache that keeps nothing: a build's.
    pub fn off() -> PageCache {
        PageCache {
            on: false,
            ..PageCache::default()
        }
    }
}

/// What became of one page: whether it was rendered (or came from the cache), and what the
/// cache keeps of it.
pub(super) struct Made {
    pub(super) fresh: bool,
    pub(super) kept: Option<(String, (u64, Bytes))>,
    /// Its site path, when it differs because of concepts.
    pub(super) changed: Option<String>,
}

impl PageCache {
    /// `serve`'s fast path: the pages at `paths` (site paths of report pages) of `site`, a
    /// site of a few reports (the edited ones and their neighbours), made as [`render`]
    /// makes them, with the whole site's rounds (in `site`) in every page's footer. Views of
    /// a few reports take next to no time, where the whole site's lists take most of a full
    /// render's. The templates are compiled once and kept.
    ///
    /// [`render`]: super::render
    pub fn render_reports(
        &mut self,
        site: &Site,
        theme: &Theme,
        generated: &[(&str, String)],
        paths: &[String],
    ) -> Result<Vec<OutputFile>, BuildError> {
        let templates = super::templates_hash(theme);
        let tera = match self.tera.take() {
            Some((hash, tera)) if hash == templates => tera,
            _ => super::load_templates(theme)?,
        };
        // The static files are served already: only their names are needed here.
        let assets = super::assets(theme, generated, &|_| Ok(()))?;
        let views = Views::new(site);
        let summaries: Vec<&views::ReportSummary> =
            views.reports.iter().map(|r| &r.summary).collect();
        let shared = super::Shared::new(site, &assets);
        let memory = Memory::default();
        let put = |file: OutputFile| memory.put(file).map_err(BuildError::Other);
        let made = super::pages::all(&views, &summaries)
            .into_iter()
            .filter(|p| paths.contains(&p.path))
            .map(|mut page| {
                // As the last build found it: this small site cannot tell.
                page.changed = self.changed.contains(&page.path);
                page
            })
            .try_for_each(|page| {
                super::render_page(&tera, theme, site, &shared, page, None, None, &put).map(|_| ())
            });
        self.tera = Some((templates, tera));
        made?;
        Ok(memory.into_files())
    }
}

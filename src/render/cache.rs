//! What `serve` keeps of each page between builds, and how a page's inputs are hashed without
//! making its template context: a page whose inputs hash the same is the same page. Also the
//! fast path's render of an edited report's page alone ([`PageCache::render_reports`]).

use std::collections::HashMap;

use super::views::{self, Views};
use crate::error::BuildError;
use crate::output::{Memory, OutputFile, Sink};
use crate::parsed::Site;
use crate::theme::Theme;

/// The pages of the last build with a hash of what each was made from (its template context,
/// and the theme's templates): a page whose context hashes the same is the same page, so only
/// pages whose content changed are rendered again. No list of what depends on what to keep
/// up to date: a report edit re-renders its page, its topic page, the pages of the initiatives
/// it mentions, the lists it is in, and nothing else.
#[derive(Default)]
pub struct PageCache {
    pub(super) templates: u64,
    pub(super) pages: HashMap<String, (u64, Vec<u8>)>,
    /// Pages rendered by the last build (the others came from the cache).
    pub rendered: usize,
    /// The templates compiled for [`PageCache::render_reports`], by their hash.
    tera: Option<(u64, tera::Tera)>,
}

/// What became of one page: whether it was rendered (or came from the cache), and what the
/// cache keeps of it.
pub(super) struct Made {
    pub(super) fresh: bool,
    pub(super) kept: Option<(String, (u64, Vec<u8>))>,
}

impl PageCache {
    /// `serve`'s fast path: the pages at `paths` (site paths of report pages) of `site`, a
    /// site of a few reports (the edited ones and their neighbours), made as [`render`]
    /// makes them, with `editions` (the whole site's rounds) in every page's footer. Views of
    /// a few reports take next to no time, where the whole site's lists take most of a full
    /// render's. The templates are compiled once and kept.
    ///
    /// [`render`]: super::render
    pub fn render_reports(
        &mut self,
        site: &Site,
        editions: &[views::EditionSummary],
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
        let shared = super::Shared::new(site, editions.iter().collect(), &assets);
        let memory = Memory::default();
        let put = |file: OutputFile| memory.put(file).map_err(BuildError::Other);
        let made = super::pages::all(&views, &summaries)
            .into_iter()
            .filter(|p| paths.contains(&p.path))
            .try_for_each(|page| {
                super::render_page(&tera, theme, site, &shared, page, None, None, &put).map(|_| ())
            });
        self.tera = Some((templates, tera));
        made?;
        Ok(memory.into_files())
    }
}

//! `serve`'s session: the build with memos. It owns what the stages keep from one build to
//! the next ([`Memos`]) and the last good build, and runs the steps of an edit in their order:
//! the edited reports' pages first ([`Session::edited`]), then the whole site
//! ([`Session::rebuild`]), then its index ([`Session::index`]), each handed over as soon as it
//! is made ([`Session::update`]). `serve` only serves what it is handed and tells
//! open pages to reload.
//!
//! A build is a session with no memos: [`crate::site::build`] runs the same stages with
//! [`Memos::off`]. Nothing here is a second pipeline: the fast path parses an edited report
//! with the build's own [`parse::report`] and renders its page with the build's own
//! [`render::render`], limited to that page, on the last good site with the edited records
//! put in its place.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use crate::content::{Report, front_matter};
use crate::diagnostics::Severity;
use crate::error::{BuildError, ContentError};
use crate::memo::Changed;
use crate::output::{Memory, OutputFile};
use crate::parse::{self, concepts};
use crate::parsed::{ReportId, Site, Text};
use crate::render;
use crate::site::{self, BuildOptions, Memos, Mode};
use crate::theme::Theme;

/// What `serve` is serving, and what it keeps to make the next build from.
pub struct Session {
    opts: BuildOptions,
    memos: Memos,
    /// The last good build: where an edit's fast path starts. `None` before the first build
    /// and after a failed one.
    last: Option<Last>,
}

/// The last good build: its site and text (with an edited report's records put in by the
/// fast path), its theme, and how its reports were parsed.
struct Last {
    site: Site,
    text: Text,
    theme: Theme,
    context: parse::Context,
}

/// A whole site built in memory, without its search index ([`Session::index`] makes it).
pub struct Rebuilt {
    pub files: Vec<OutputFile>,
    /// The warnings of the build (a report still holding the text `new` wrote).
    pub warnings: Vec<ContentError>,
    /// How many pages were rendered again (the others were taken from the last build).
    pub rendered: usize,
    /// How long each stage took.
    pub timings: site::Timings,
}

/// One step of [`Session::update`], handed to `serve` as soon as it is made.
pub enum Update {
    /// The edited reports' pages, before anything else is built.
    Edited(Vec<OutputFile>),
    /// The search index of the last build with the edited reports in it: after a whole site
    /// that failed ([`Session::update`]), or by [`Session::show_edited`].
    EditedIndex(anyhow::Result<Vec<OutputFile>>),
    /// The whole site, or why it could not be built.
    Rebuilt(Result<Rebuilt, BuildError>),
    /// The whole site's search index.
    Index(anyhow::Result<Vec<OutputFile>>),
}

impl Session {
    /// A session for the site `opts` names, built in [`Mode::Preview`]. It has built
    /// nothing yet.
    pub fn new(opts: BuildOptions) -> Session {
        Session {
            opts,
            memos: Memos::default(),
            last: None,
        }
    }

    pub fn options(&self) -> &BuildOptions {
        &self.opts
    }

    /// What the session keeps for the next build (the tests read what was made anew).
    pub fn memos(&self) -> &Memos {
        &self.memos
    }

    /// The steps after a change of `files` (none for the first build), in order, each handed
    /// to `serve` with the moment it began: when only reports changed, their pages first
    /// ([`Session::edited`]); then the whole site, which has the last word, and its index
    /// ([`Session::show_edited_with_rebuild`], [`Session::show_all`]).
    /// Load reads again only the files named (see [`Changed::of`]) and takes the others from
    /// its memos.
    pub fn update(&mut self, files: &[PathBuf], mut serve: impl FnMut(Update, Instant)) {
        let started = Instant::now();
        self.memos.saw(&Changed::of(files, &self.opts.root));
        match self.edited(files) {
            Some(pages) => {
                serve(Update::Edited(pages), started);
                self.show_edited_with_rebuild(&mut serve);
            }
            None => self.show_whole(&mut serve),
        }
    }

    /// After the fast path: the whole site, on both cores, then its search index, which holds
    /// the edit (the index memo counts only the edited reports' documents again). The search
    /// index of the last site with the edited reports in it (the fast index) is made only when
    /// the whole site fails, so that search still finds the edit while the errors are shown.
    /// Made beside the rebuild, the fast index took half of the two cores from it until it was
    /// made (and the whole site waited for it), and made first it delayed the whole site by all
    /// of its time: at 10,000 reports the whole site now comes about 0.8 s sooner (at a load of
    /// 4–6 on two cores), and the whole site's index about when the fast index came beside it
    /// (BENCHMARKS.md, "serve after a save, fourth pass").
    fn show_edited_with_rebuild(&mut self, mut serve: impl FnMut(Update, Instant)) {
        let Some(last) = self.last.take() else {
            return self.show_whole(serve);
        };
        let started = Instant::now();
        let built = site::render_all(&self.opts, Mode::Preview, &mut self.memos);
        if built.is_ok() {
            // Its memory back before the index is made.
            drop(last);
            let rebuilt = self.keep(built);
            return self.show_rebuilt(rebuilt, started, serve);
        }
        serve(Update::Rebuilt(self.keep(built)), started);
        let started = Instant::now();
        let index = site::index(&last.site, &last.text, &last.theme, &mut self.memos.index);
        serve(Update::EditedIndex(index), started);
    }

    /// The edited reports' pages ([`Session::edited`]) and then the search index with them
    /// in it, handed to `serve`, one after the other (the tests show each step alone;
    /// [`Session::update`] makes that index only after a whole site that failed). Whether the
    /// fast path applied.
    pub fn show_edited(
        &mut self,
        files: &[PathBuf],
        mut serve: impl FnMut(Update, Instant),
    ) -> bool {
        let started = Instant::now();
        let Some(pages) = self.edited(files) else {
            return false;
        };
        serve(Update::Edited(pages), started);
        // Search finds the new words before the rest of the site is rebuilt: only the edited
        // reports' documents are counted again.
        let started = Instant::now();
        if let Some(index) = self.index() {
            serve(Update::EditedIndex(index), started);
        }
        true
    }

    /// The whole site ([`Session::rebuild`]) and then its search index, handed to `serve`;
    /// every file read again.
    pub fn show_all(&mut self, serve: impl FnMut(Update, Instant)) {
        self.memos.saw(&Changed::All);
        self.show_whole(serve);
    }

    /// [`Session::show_all`] with the files read again that [`Session::update`] was told of.
    fn show_whole(&mut self, serve: impl FnMut(Update, Instant)) {
        let started = Instant::now();
        let rebuilt = self.build();
        self.show_rebuilt(rebuilt, started, serve);
    }

    /// A rebuild begun at `started` handed to `serve`, then, when it succeeded, its search
    /// index: the last two steps of both ways through [`Session::update`].
    fn show_rebuilt(
        &mut self,
        rebuilt: Result<Rebuilt, BuildError>,
        started: Instant,
        mut serve: impl FnMut(Update, Instant),
    ) {
        let good = rebuilt.is_ok();
        serve(Update::Rebuilt(rebuilt), started);
        if good {
            let started = Instant::now();
            if let Some(index) = self.index() {
                serve(Update::Index(index), started);
            }
        }
    }

    /// The whole site again, through the memos: every page, static and data file, without
    /// the search index ([`Session::index`], made after the pages are served). Kept as the
    /// last good build when it succeeds; a failed build leaves none. Every file is read again.
    pub fn rebuild(&mut self) -> Result<Rebuilt, BuildError> {
        self.memos.saw(&Changed::All);
        self.build()
    }

    /// [`Session::rebuild`], with the files read again that the memos were told of.
    fn build(&mut self) -> Result<Rebuilt, BuildError> {
        // The last site is for the fast path only: a failed build must leave none (and at
        // 10,000 reports it is worth its memory back before a new one is made).
        self.last = None;
        let built = site::render_all(&self.opts, Mode::Preview, &mut self.memos);
        self.keep(built)
    }

    /// A rebuild's site kept as the last good build when it succeeded, its files handed on.
    fn keep(&mut self, built: Result<site::Built, BuildError>) -> Result<Rebuilt, BuildError> {
        let built = built?;
        self.last = Some(Last {
            site: built.site,
            text: built.text,
            theme: built.theme,
            context: built.context,
        });
        Ok(Rebuilt {
            files: built.files,
            warnings: built.warnings,
            rendered: built.rendered,
            timings: built.timings,
        })
    }

    /// The search index of the last good build (with the edited reports in it after
    /// [`Session::edited`]); only what changed since the last index is made again. `None`
    /// before the first good build.
    pub fn index(&mut self) -> Option<anyhow::Result<Vec<OutputFile>>> {
        let last = self.last.as_ref()?;
        Some(site::index(
            &last.site,
            &last.text,
            &last.theme,
            &mut self.memos.index,
        ))
    }

    // Longer than most: the checks that decide whether the fast path applies, one per line,
    // before the few lines that do the work.
    /// The fast path, for an edit of report files only: each edited report read, scanned for
    /// contact data and parsed as the build does it ([`parse::report`]), its records put in
    /// place of its old ones in the last good build, and its page rendered as the build
    /// renders it, on that site ([`render::Pages::Reports`]). What the edit changes elsewhere
    /// (lists, topic and initiative pages, its place among the other reports) and the checks
    /// across reports are the full rebuild's, which follows and whose pages replace these:
    /// they are only ever shown early. `None` when the fast path does not apply: no last good
    /// build, concepts left out (their ids are not the parsed site's), a file that is not one
    /// of its reports (a new or removed report, anything but a report), a report that no
    /// longer parses or renders without errors, has another slug, a topic or round the site
    /// does not know, or holds contact data.
    pub fn edited(&mut self, files: &[PathBuf]) -> Option<Vec<OutputFile>> {
        if files.is_empty() || !self.opts.concepts {
            return None;
        }
        let last = self.last.as_mut()?;
        let mut edited = Vec::new();
        for file in files {
            let (id, old) = last.site.reports().find(|(_, r)| &r.report.file == file)?;
            let text = std::fs::read_to_string(file).ok()?;
            let allow = &last.site.config.privacy_allowlist;
            // The build's patterns, compiled once: an edited report is scanned before it is
            // shown.
            let guard = self.memos.guard.get_or_init(crate::privacy::Guard::new);
            let found = guard.scan(file, &text, allow);
            if found
                .iter()
                .any(|(severity, _)| *severity == Severity::Error)
            {
                return None;
            }
            let (report, markdown) = front_matter::strict(Report::read(file, &text)).ok()?;
            if report.slug != old.report.slug {
                return None;
            }
            let reported = parse::report(
                Arc::new(report),
                &markdown,
                &last.context,
                &self.memos.passes,
            );
            if reported.stand_in || !reported.pass.errors.is_empty() {
                return None;
            }
            edited.push((id, reported.record?, reported.pass.text));
        }
        let mut ids: Vec<ReportId> = edited.iter().map(|(id, _, _)| *id).collect();
        ids.sort_unstable();
        ids.dedup();
        for (id, record, text) in edited {
            last.put(id, record, text);
        }
        let memory = Memory::default();
        render::render(
            &last.site,
            &last.theme,
            &memory,
            &mut self.memos.pages,
            None,
            render::Pages::Reports(&ids),
        )
        .ok()?;
        Some(memory.into_files())
    }
}

impl Last {
    /// An edited report's records in place of its old ones: its body and mentions, its text,
    /// and whether it is a concept (what the last build decided about everything else stays,
    /// until the full rebuild decides again).
    fn put(&mut self, id: ReportId, record: crate::parsed::ParsedReport, text: Arc<Vec<String>>) {
        let round = self.site.edition(record.edition).edition.concept;
        self.site.concepts.reports[id.0] = concepts::of_report(&record, round);
        self.site.mentions.replace(id, &record.body);
        self.site.reports[id.0] = record;
        self.text.reports[id.0] = text;
    }
}

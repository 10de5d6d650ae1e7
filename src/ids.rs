//! Typed ids: how the records of the parsed site refer to each other. A ground-floor module,
//! so the Markdown pass (which records mentions) and the parsed site (which holds them) can
//! both name them without knowing each other.

use serde::Serialize;

/// A report, by its place in `Site::reports` (date order).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct ReportId(pub usize);

/// An initiative, by its place in `Site::initiatives` (as the data file lists them).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct InitiativeId(pub usize);

/// An edition (a yearly round), by its place in `Site::editions` (oldest first).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct EditionId(pub usize);

/// A topic, by its place in `Site::topics` (by `order`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct TopicId(pub usize);

/// One section of one report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct SectionId {
    pub report: ReportId,
    /// Its place in the report's `Rendered::sections`.
    pub section: usize,
}

/// One mention of an initiative: the report and its place in the report's mentions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct MentionId {
    pub report: ReportId,
    pub index: usize,
}

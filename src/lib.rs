//! vindplaats: a static site generator for *De sociale staat van Almere*.
//!
//! The pipeline lives in [`site`]; each stage has its own module. The ground floor that every
//! stage may use is [`text`], [`urls`] and [`error`].

mod check;
pub mod cli;
pub mod cmd;
pub mod config;
pub mod content;
mod diagnostics;
pub mod editor;
pub mod error;
mod hash;
pub mod ids;
pub mod manifest;
pub mod memo;
pub mod output;
pub mod parse;
pub mod parsed;
pub mod privacy;
pub mod render;
pub mod search;
pub mod session;
pub mod site;
mod steps;
pub mod text;
pub mod theme;
mod toml_doc;
pub mod urls;

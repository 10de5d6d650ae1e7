//! The editor: Decap CMS with a form for every kind of content, generated from the content
//! model (`form`), reading and writing the files through vindplaats's own format
//! (`admin/vindplaats-format.js`). See docs/editor.md.
//!
//! Two ways to use it, one configuration generator and one set of files:
//! - locally, `serve` offers it at the reserved folder [`PATH`] and answers Decap's local
//!   protocol itself (`backend`): files are read and written in the site's `content/`;
//! - online, `build` writes it into the folder `[editor] path` of `vindplaats.toml` names
//!   ([`published`]), and it saves to the site's GitLab or GitHub repository with each
//!   person's own login. Without `[editor]`, a build has no editor at all.

pub mod backend;
pub mod csp;
pub mod files;
pub mod form;
pub mod paths;

use std::io::Read;
use std::path::Path;

pub use backend::Editor;

use crate::config::Config;
use crate::output::OutputFile;

/// The editor's folder on `serve`, under the base path, beside the reload channel.
pub const PATH: &str = "__vindplaats/beheer/";

/// Answers a request `serve` received under [`PATH`]; `rest` is the (decoded) path after it.
pub fn respond(editor: &Editor, mut request: tiny_http::Request, rest: &str) {
    let header = |name: &'static str| {
        request
            .headers()
            .iter()
            .find(|h| h.field.equiv(name))
            .map(|h| h.value.as_str().to_owned())
    };
    let (host, origin, content_type) = (header("Host"), header("Origin"), header("Content-Type"));
    let method = request.method().as_str().to_owned();
    let mut body = Vec::new();
    // One byte more than allowed, so a larger body is seen as too large, not cut short.
    let read = request
        .as_reader()
        .take(backend::MAX_BODY as u64 + 1)
        .read_to_end(&mut body);
    let answer = match read {
        Ok(_) => editor.handle(&backend::Request {
            method: &method,
            path: rest,
            host: host.as_deref(),
            origin: origin.as_deref(),
            content_type: content_type.as_deref(),
            body: &body,
        }),
        Err(_) => backend::Response {
            status: 400,
            content_type: "text/plain; charset=utf-8",
            body: b"De vraag kon niet worden gelezen.".to_vec(),
            policy: false,
        },
    };
    let head = |name: &str, value: &str| {
        tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("valid header")
    };
    let mut response = tiny_http::Response::from_data(answer.body)
        .with_status_code(answer.status)
        .with_header(head("Content-Type", answer.content_type))
        .with_header(head("Cache-Control", "no-store"))
        .with_header(head("X-Content-Type-Options", "nosniff"))
        .with_header(head("Referrer-Policy", "same-origin"));
    if answer.policy {
        response = response.with_header(head("Content-Security-Policy", csp::LOCAL));
    }
    let _ = request.respond(response);
}

/// The editor's files for the published site, under its folder (`beheer/index.html`, …), when
/// `[editor]` asks for it. The configuration is made from the content at `root` (the editor
/// offers the concepts' themes and rounds too, which the published site leaves out).
pub fn published(config: &Config, root: &Path) -> Vec<OutputFile> {
    let Some(editor) = &config.editor else {
        return Vec::new();
    };
    let folder = editor.folder();
    let site_url = config.urls().base_url().to_owned();
    let settings = form::config(
        root,
        &form::Backend::Online {
            editor,
            site_url: &site_url,
        },
    );
    let mut out = vec![
        OutputFile {
            path: format!("{folder}index.html"),
            bytes: files::index_html(&config.title, &csp::online(editor))
                .into_bytes()
                .into(),
        },
        OutputFile {
            path: format!("{folder}config.json"),
            bytes: serde_json::to_vec_pretty(&settings)
                .expect("plain data")
                .into(),
        },
    ];
    out.extend(files::all().into_iter().map(|(path, bytes)| OutputFile {
        path: format!("{folder}{path}"),
        bytes: bytes.to_vec().into(),
    }));
    out
}

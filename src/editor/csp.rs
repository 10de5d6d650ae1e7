//! The editor's Content-Security-Policy. Decap CMS needs two things the site's own pages never
//! allow: `'unsafe-eval'` (it compiles its configuration schema with AJV at start, open upstream
//! as decaporg/decap-cms#2138) and inline styles (emotion writes `<style>` elements). So the
//! editor has a policy of its own, sent only with the editor's page and, in a build, scoped by
//! the host files to the editor's folder; every other page keeps `render::headers::CSP`.

use crate::config::{EditorBackend, EditorConfig};

/// With `serve`: every request goes to the same server.
pub const LOCAL: &str = "default-src 'none'; script-src 'self' 'unsafe-eval'; \
     style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; \
     font-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/// On the published site: the same, plus the Git host's API (and the login, which GitLab's
/// PKCE finishes with a request to its token address) and the people's pictures it shows.
pub fn online(editor: &EditorConfig) -> String {
    let hosts = match editor.backend {
        EditorBackend::Gitlab => editor
            .gitlab_url
            .as_deref()
            .map(|u| u.trim_end_matches('/').to_owned())
            .unwrap_or_else(|| "https://gitlab.com".into()),
        // Decap also asks GitHub's status page whether GitHub works.
        EditorBackend::Github => "https://api.github.com https://www.githubstatus.com".into(),
    };
    format!(
        "default-src 'none'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; \
         img-src 'self' data: blob: https:; connect-src 'self' {hosts}; font-src 'self'; \
         base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    )
}

//! The security and caching headers of the published site, for every common host.
//!
//! The headers are listed once ([`EVERY_RESPONSE`], [`STATIC_FILES`]); each host's file is
//! generated from that list, so a policy changed here changes on every host at once:
//! `_headers` (Netlify, Cloudflare Pages), `.htaccess` (Apache with mod_headers) and
//! `nginx.conf.voorbeeld` (one `location` block for the site's folder, to put in the domain's
//! `server` block: nginx reads no file from the site itself). Every file applies to the site's
//! folder only: the strict policy must never reach the rest of a larger site's domain. IIS and
//! other hosts get the same list through the handleiding.

use crate::output::OutputFile;
use crate::urls::Urls;

/// The Content-Security-Policy: the site needs nothing but its own files; no other site may
/// frame it, and forms and `<base>` stay on the site.
pub const CSP: &str =
    "default-src 'self'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

/// Headers for every response, error pages included: the policy, no MIME sniffing, no full
/// address sent to other sites.
pub const EVERY_RESPONSE: &[(&str, &str)] = &[
    ("Content-Security-Policy", CSP),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "strict-origin-when-cross-origin"),
];

/// Headers for the files under `static/`, which are named by their content hash: a changed
/// file gets a new name, so a browser may keep one for a year without asking again.
pub const STATIC_FILES: &[(&str, &str)] =
    &[("Cache-Control", "public, max-age=31536000, immutable")];

/// The search index's first file (`zoekindex.js`, [`crate::search::MAIN_PATH`]) keeps its
/// address from build to build, so a browser must ask whether it changed each time it is used
/// (a `304 Not Modified` when it did not). Every other file of the index is under `static/`,
/// named by its content, and the first file names them: a browser never mixes a new first
/// file with old parts. Outside `static/` on purpose: Cloudflare Pages joins the values of
/// two rules that match one file, which would give it both policies.
pub const REVALIDATED: &[(&str, &str)] = &[("Cache-Control", "no-cache")];

/// The editor's folder under the site (`beheer/`) and its own policy, when `[editor]` puts it
/// in the site: the only place the site's policy is replaced (see `editor::csp`).
pub type EditorPolicy<'a> = Option<(&'a str, &'a str)>;

/// The headers of the editor's folder: those of every response, with its own policy.
fn editor_headers(csp: &str) -> Vec<(&str, &str)> {
    EVERY_RESPONSE
        .iter()
        .map(|&(name, value)| match name {
            "Content-Security-Policy" => (name, csp),
            _ => (name, value),
        })
        .collect()
}

/// The three files, for a site published at `base_path` (`/` or `/almere/`).
pub fn files(base_path: &str, editor: EditorPolicy) -> Vec<OutputFile> {
    [
        ("_headers", netlify(base_path, editor)),
        (".htaccess", apache(base_path, editor)),
        ("nginx.conf.voorbeeld", nginx(base_path, editor)),
    ]
    .into_iter()
    .map(|(path, text)| OutputFile::new(path, text.into_bytes()))
    .collect()
}

/// `_headers`: a path pattern, then its headers indented. Netlify takes, for one header, the
/// value of the last rule that matches: the editor's rule comes last.
fn netlify(base_path: &str, editor: EditorPolicy) -> String {
    let mut text = String::new();
    let own = editor.map(|(folder, csp)| (format!("{base_path}{folder}*"), editor_headers(csp)));
    let rules = [
        (format!("{base_path}*"), EVERY_RESPONSE.to_vec()),
        (format!("{base_path}static/*"), STATIC_FILES.to_vec()),
        (
            format!("{base_path}{}", crate::search::MAIN_PATH),
            REVALIDATED.to_vec(),
        ),
    ];
    for (pattern, headers) in rules.into_iter().chain(own) {
        text.push_str(&pattern);
        text.push('\n');
        for (name, value) in headers {
            text.push_str(&format!("  {name}: {value}\n"));
        }
    }
    text
}

/// A value in double quotes for Apache and nginx.
fn quoted(value: &str) -> String {
    format!("\"{}\"", value.replace('\\', "\\\\").replace('"', "\\\""))
}

/// `.htaccess` in the site's root folder: `Header always set` (also on error pages), the
/// static files matched on their address (`<If>`, Apache 2.4; `<Files>` sees names only), and
/// the site's own 404 page.
fn apache(base_path: &str, editor: EditorPolicy) -> String {
    let mut text = String::from(
        "# Beveiligings- en cacheheaders voor Apache 2.4 (mod_headers), gemaakt door vindplaats.\n\
         # Dit bestand werkt als de host .htaccess-bestanden leest (AllowOverride FileInfo).\n\
         <IfModule mod_headers.c>\n",
    );
    for (name, value) in EVERY_RESPONSE {
        text.push_str(&format!("  Header always set {name} {}\n", quoted(value)));
    }
    text.push_str(&format!(
        "  <If \"%{{REQUEST_URI}} =~ m#^{base_path}static/#\">\n"
    ));
    for (name, value) in STATIC_FILES {
        text.push_str(&format!("    Header always set {name} {}\n", quoted(value)));
    }
    text.push_str("  </If>\n");
    text.push_str(&format!(
        "  <If \"%{{REQUEST_URI}} =~ m#^{base_path}{}$#\">\n",
        crate::search::MAIN_PATH.replace('.', "\\.")
    ));
    for (name, value) in REVALIDATED {
        text.push_str(&format!("    Header always set {name} {}\n", quoted(value)));
    }
    text.push_str("  </If>\n");
    // Apache applies <If> after the lines above it, so the editor's policy replaces the site's.
    if let Some((folder, csp)) = editor {
        text.push_str(&format!(
            "  <If \"%{{REQUEST_URI}} =~ m#^{base_path}{folder}#\">\n    Header always set Content-Security-Policy {}\n  </If>\n",
            quoted(csp)
        ));
    }
    text.push_str("</IfModule>\n");
    text.push_str(&format!("ErrorDocument 404 {base_path}404.html\n"));
    text
}

/// `nginx.conf.voorbeeld`: one `location` block for the site's folder, with the static files'
/// own block inside it, so nothing applies to the rest of the domain (its own pages may need
/// scripts from elsewhere). An `add_header` inside a `location` replaces those of the block
/// around it, so the static location repeats them.
fn nginx(base_path: &str, editor: EditorPolicy) -> String {
    let add = |indent: &str, headers: &[(&str, &str)]| -> String {
        headers
            .iter()
            .map(|(name, value)| format!("{indent}add_header {name} {} always;\n", quoted(value)))
            .collect()
    };
    format!(
        "# Beveiligings- en cacheheaders voor nginx, gemaakt door vindplaats.\n\
         # Dit blok geldt alleen voor de map van de site ({base_path}). Zet het in het server-blok\n\
         # van het domein en laad nginx opnieuw (nginx -s reload). Zet de regels nooit los in het\n\
         # server-blok: dan gelden ze voor het hele domein. Staat er al een blok\n\
         # location {base_path} {{ … }}? Zet de regels dan daarbinnen.\n\
         location {base_path} {{\n\
         {every}\
         \n\
         \x20   location {base_path}static/ {{\n\
         \x20       # add_header hier vervangt die van het blok erboven: daarom staan ze er opnieuw.\n\
         {every_static}{static}\
         \x20   }}\n\
         \n\
         \x20   location = {base_path}{index} {{\n\
         \x20       # Het eerste bestand van de zoekindex houdt zijn naam: de browser vraagt telkens of het veranderd is.\n\
         {every_static}{revalidated}\
         \x20   }}\n\
         {editor}\
         \n\
         \x20   error_page 404 {base_path}404.html;\n\
         }}\n",
        every = add("    ", EVERY_RESPONSE),
        every_static = add("        ", EVERY_RESPONSE),
        static = add("        ", STATIC_FILES),
        index = crate::search::MAIN_PATH,
        revalidated = add("        ", REVALIDATED),
        editor = editor
            .map(|(folder, csp)| format!(
                "\n    location {base_path}{folder} {{\n        # De beheerpagina: een eigen beleid, alleen in deze map.\n{}    }}\n",
                add("        ", &editor_headers(csp))
            ))
            .unwrap_or_default(),
    )
}

/// The file for the web administrator of a larger site, written only when the site lives in a
/// folder of it (`base_path` is not `/`). Not linked from any page and not in the sitemap.
pub const WEBMASTER_FILE: &str = "voor-de-webbeheerder.txt";

/// What only works at the domain's root, and what to hand the web administrator instead: the
/// sitemap line for the main `robots.txt`, the headers for their server, the 404 rule. A file
/// in the output rather than only a message in the terminal, because the output folder is
/// what reaches the administrator, and the note travels with it. `None` at the domain root.
pub fn webmaster(urls: &Urls, security_headers: bool, editor: EditorPolicy) -> Option<OutputFile> {
    let base_path = urls.base_path();
    if base_path == "/" {
        return None;
    }
    let root = urls
        .base_url()
        .strip_suffix(&base_path[1..])
        .unwrap_or(urls.base_url());
    let sitemap = urls.absolute("sitemap.xml");
    let mut lines = vec![
        format!("Voor de webbeheerder van {root}"),
        String::new(),
        format!(
            "Deze site staat in de map {base_path} van een grotere site. Drie dingen werken alleen"
        ),
        "vanuit de hoofdmap van het domein. Ze staan ook in deze map, maar servers en".into(),
        "zoekmachines zoeken ze daar niet.".into(),
        String::new(),
        "1. robots.txt".into(),
        format!("   Zet deze regel in {root}robots.txt, zodat zoekmachines de sitemap vinden:"),
        String::new(),
        format!("   Sitemap: {sitemap}"),
        String::new(),
        "2. Beveiligings- en cacheheaders".into(),
    ];
    if security_headers {
        lines.extend([
            "   In deze map staan de headers voor drie soorten servers:".into(),
            "   - Apache: .htaccess in deze map werkt, als de server .htaccess-bestanden leest"
                .into(),
            "     (AllowOverride FileInfo voor deze map).".into(),
            format!(
                "   - nginx: nginx.conf.voorbeeld is één blok location {base_path} {{ … }}. Zet dat"
            ),
            format!(
                "     blok in het server-blok van {root}; zet de regels nooit los in het server-blok,"
            ),
            format!("     want dan gelden ze voor heel {root}."),
            "   - Netlify en Cloudflare Pages lezen _headers alleen in de hoofdmap: zet de regels"
                .into(),
            "     uit _headers in het bestand _headers van de hoofdmap.".into(),
            "   Voor een andere server (zoals IIS) zijn dit de headers voor elk antwoord:".into(),
        ]);
        lines.extend(header_lines(EVERY_RESPONSE));
        lines.push(format!("   en voor alles onder {base_path}static/ ook:"));
        lines.extend(header_lines(STATIC_FILES));
        lines.push(format!(
            "   en voor {base_path}{} (de zoekindex, die zijn naam houdt) ook:",
            crate::search::MAIN_PATH
        ));
        lines.extend(header_lines(REVALIDATED));
        if let Some((folder, csp)) = editor {
            lines.push(format!(
                "   Onder {base_path}{folder} staat de beheerpagina; die heeft een eigen beleid, in plaats van het bovenste:"
            ));
            lines.push(format!("     Content-Security-Policy: {csp}"));
        }
    } else {
        lines.push(
            "   De site maakt geen headerbestanden: security_headers staat uit in vindplaats.toml."
                .into(),
        );
    }
    lines.extend([
        String::new(),
        "3. De pagina 'Niet gevonden' (404)".into(),
        format!("   Laat de server bij een onbekend adres onder {base_path} deze pagina tonen:"),
        format!("   - Apache: ErrorDocument 404 {base_path}404.html"),
        format!("   - nginx:  location {base_path} {{ error_page 404 {base_path}404.html; }}"),
        String::new(),
        "Dit bestand is gemaakt door vindplaats build. Geen enkele pagina linkt ernaar.".into(),
        String::new(),
    ]);
    let text = lines.join("\n");
    Some(OutputFile::new(WEBMASTER_FILE, text.into_bytes()))
}

/// `     Naam: waarde` lines, for a server the files do not cover.
fn header_lines(headers: &[(&str, &str)]) -> Vec<String> {
    headers
        .iter()
        .map(|(name, value)| format!("     {name}: {value}"))
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_webmaster_note_only_for_a_folder() {
        let at_root = Urls::new("https://www.almere.nl/").unwrap();
        assert!(webmaster(&at_root, true, None).is_none());
        let folder = Urls::new("https://www.almere.nl/sociale-staat/").unwrap();
        let note =
            String::from_utf8(webmaster(&folder, true, None).unwrap().bytes.to_vec()).unwrap();
        for line in [
            "Voor de webbeheerder van https://www.almere.nl/\n",
            "in https://www.almere.nl/robots.txt",
            "   Sitemap: https://www.almere.nl/sociale-staat/sitemap.xml\n",
            "ErrorDocument 404 /sociale-staat/404.html\n",
            "error_page 404 /sociale-staat/404.html;",
            "   - nginx: nginx.conf.voorbeeld is één blok location /sociale-staat/ { … }.",
            "     Content-Security-Policy: default-src 'self'",
            "     Cache-Control: public, max-age=31536000, immutable\n",
        ] {
            assert!(note.contains(line), "{line:?} in\n{note}");
        }
        let without =
            String::from_utf8(webmaster(&folder, false, None).unwrap().bytes.to_vec()).unwrap();
        assert!(without.contains("security_headers staat uit"), "{without}");
        let editor = Some(("beheer/", "default-src 'none'"));
        let with =
            String::from_utf8(webmaster(&folder, true, editor).unwrap().bytes.to_vec()).unwrap();
        assert!(
            with.contains("Onder /sociale-staat/beheer/ staat de beheerpagina; die heeft een eigen beleid, in plaats van het bovenste:\n     Content-Security-Policy: default-src 'none'\n"),
            "{with}"
        );
    }

    use super::*;

    fn text(base_path: &str, path: &str) -> String {
        let file = files(base_path, None)
            .into_iter()
            .find(|f| f.path == path)
            .unwrap();
        String::from_utf8(file.bytes.to_vec()).unwrap()
    }

    /// `_headers` is byte for byte what it was before the other hosts were added, with the
    /// search index's first file revalidated (issue 29).
    #[test]
    fn netlify_headers_as_before() {
        assert_eq!(
            text("/almere/", "_headers"),
            "/almere/*\n  Content-Security-Policy: default-src 'self'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'\n  \
             X-Content-Type-Options: nosniff\n  Referrer-Policy: strict-origin-when-cross-origin\n\
             /almere/static/*\n  Cache-Control: public, max-age=31536000, immutable\n\
             /almere/zoekindex.js\n  Cache-Control: no-cache\n"
        );
    }

    /// With the editor in the site, its folder alone gets the editor's policy, on every host;
    /// the rest of the site keeps its own.
    #[test]
    fn the_editor_policy_only_in_its_folder() {
        let csp = "default-src 'none'; script-src 'self' 'unsafe-eval'";
        let with = |path: &str| {
            let file = files("/almere/", Some(("beheer/", csp)))
                .into_iter()
                .find(|f| f.path == path)
                .unwrap();
            String::from_utf8(file.bytes.to_vec()).unwrap()
        };
        let netlify = with("_headers");
        assert!(
            netlify.starts_with(&text("/almere/", "_headers")),
            "{netlify}"
        );
        assert!(netlify.ends_with(&format!(
            "/almere/beheer/*\n  Content-Security-Policy: {csp}\n  X-Content-Type-Options: nosniff\n  Referrer-Policy: strict-origin-when-cross-origin\n"
        )));
        let apache = with(".htaccess");
        assert!(apache.contains(&format!(
            "  <If \"%{{REQUEST_URI}} =~ m#^/almere/beheer/#\">\n    Header always set Content-Security-Policy \"{csp}\"\n  </If>\n</IfModule>\n"
        )), "{apache}");
        let nginx = with("nginx.conf.voorbeeld");
        assert!(
            nginx.contains("\n    location /almere/beheer/ {\n"),
            "{nginx}"
        );
        assert!(nginx.contains(&format!(
            "add_header Content-Security-Policy \"{csp}\" always;"
        )));
        assert_eq!(
            nginx.matches("add_header X-Content-Type-Options").count(),
            4
        );
    }

    #[test]
    fn apache_and_nginx_carry_every_header_and_the_404_page() {
        let apache = text("/almere/", ".htaccess");
        let nginx = text("/almere/", "nginx.conf.voorbeeld");
        for (name, value) in EVERY_RESPONSE.iter().chain(STATIC_FILES).chain(REVALIDATED) {
            assert!(
                apache.contains(&format!("Header always set {name} \"{value}\"\n")),
                "{apache}"
            );
            assert!(
                nginx.contains(&format!("add_header {name} \"{value}\" always;\n")),
                "{nginx}"
            );
        }
        assert!(apache.contains("<If \"%{REQUEST_URI} =~ m#^/almere/static/#\">\n"));
        assert!(apache.contains(
            "<If \"%{REQUEST_URI} =~ m#^/almere/zoekindex\\.js$#\">\n    Header always set Cache-Control \"no-cache\"\n"
        ));
        assert!(nginx.contains("\n    location = /almere/zoekindex.js {\n"));
        assert!(apache.ends_with("ErrorDocument 404 /almere/404.html\n"));
        // One block for the site's folder, the static files' block inside it: no header
        // outside it, so none reaches the rest of the domain.
        let lines: Vec<&str> = nginx.lines().filter(|l| !l.starts_with('#')).collect();
        assert_eq!(lines.first(), Some(&"location /almere/ {"), "{nginx}");
        assert_eq!(lines.last(), Some(&"}"), "{nginx}");
        assert!(
            lines[1..lines.len() - 1]
                .iter()
                .all(|l| l.is_empty() || l.starts_with("    ")),
            "{nginx}"
        );
        assert!(nginx.contains("\n    location /almere/static/ {\n"));
        assert!(nginx.contains("\n    error_page 404 /almere/404.html;\n}\n"));
        // Inside the static and index locations the headers of the server block are repeated.
        assert_eq!(
            nginx.matches("add_header Content-Security-Policy").count(),
            3
        );
    }
}

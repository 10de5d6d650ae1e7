//! The one URL helper: every link, asset, canonical URL and sitemap entry is made here.
//!
//! Pages link to each other with *relative* URLs (`../../themas/eenzaamheid/`), so the same
//! output works at a domain root, under any sub-path and opened from disk, without a rebuild.
//! Only what must be absolute is: canonical URLs and the sitemap (from `base_url`), and the
//! links of a page a host may serve at any address, such as `404.html` (from the base path).
//!
//! A *site path* names a page or file relative to the site root: `""` is the home page,
//! `"rapporten/eenzaamheid/"` a page, `"static/style.1a2b3c4d.css"` a file.

/// Where a link is written: on a page with a fixed site path, or on a page that hosts serve at
/// whatever address was requested (the 404 page).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin<'a> {
    Page(&'a str),
    Anywhere,
}

/// Why an address cannot be the site's base: said in Dutch, with the address as written (the
/// config adds its line and a hint, `--base-url` its name).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BaseUrlError {
    /// It does not start with `https://` or `http://`.
    NotAbsolute(String),
    /// No host, or a space, `?` or `#` in it.
    Invalid(String),
}

impl std::fmt::Display for BaseUrlError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BaseUrlError::NotAbsolute(url) => write!(
                f,
                "'{url}' is geen volledig webadres: het moet beginnen met https:// of http://"
            ),
            BaseUrlError::Invalid(url) => write!(f, "'{url}' is geen geldig webadres"),
        }
    }
}

impl std::error::Error for BaseUrlError {}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Urls {
    /// `https://example.org/sociale-staat/`, always ending in `/`.
    base_url: String,
    /// `/sociale-staat/`, always starting and ending in `/`.
    base_path: String,
}

impl Urls {
    /// Accepts `http(s)://host[/path]`; adds the final `/` when it is missing.
    pub fn new(base_url: &str) -> Result<Urls, BaseUrlError> {
        let base_url = base_url.trim();
        let rest = base_url
            .strip_prefix("https://")
            .or_else(|| base_url.strip_prefix("http://"))
            .ok_or_else(|| BaseUrlError::NotAbsolute(base_url.to_owned()))?;
        let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
        if host.is_empty() || host.contains(['?', '#', ' ']) || path.contains(['?', '#', ' ']) {
            return Err(BaseUrlError::Invalid(base_url.to_owned()));
        }
        let path = path.trim_end_matches('/');
        let base_path = if path.is_empty() {
            "/".to_owned()
        } else {
            format!("/{path}/")
        };
        let scheme = &base_url[..base_url.len() - rest.len()];
        Ok(Urls {
            base_url: format!("{scheme}{host}{base_path}"),
            base_path,
        })
    }

    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// Whether the address is a stand-in rather than where the site will be: the domains
    /// reserved for examples (`example.org`, `.com`, `.net` and their subdomains, RFC 2606's
    /// `.example`, `.test`, `.invalid`) and this computer (`localhost`, `127.0.0.1`, `[::1]`).
    pub fn is_placeholder(&self) -> bool {
        let rest = self.base_url.split_once("://").map_or("", |(_, r)| r);
        let authority = rest.split('/').next().unwrap_or("").to_ascii_lowercase();
        let host = match authority.rsplit_once(':') {
            Some((host, port)) if port.bytes().all(|b| b.is_ascii_digit()) => host,
            _ => authority.as_str(),
        };
        let host = host.trim_end_matches('.');
        let under = |domain: &str| host == domain || host.ends_with(&format!(".{domain}"));
        [
            "example.org",
            "example.com",
            "example.net",
            "example",
            "test",
            "invalid",
            "localhost",
        ]
        .into_iter()
        .any(under)
            || host.starts_with("127.")
            || host == "[::1]"
            || host == "0.0.0.0"
    }

    pub fn base_path(&self) -> &str {
        &self.base_path
    }

    /// The full address of a site path, for canonical links and the sitemap.
    pub fn absolute(&self, site_path: &str) -> String {
        format!("{}{}", self.base_url, site_path)
    }

    /// The prefix that leads from `origin` back to the site root: `../../` from
    /// `rapporten/eenzaamheid/`, the base path from a page served anywhere.
    pub fn root(&self, origin: Origin) -> String {
        match origin {
            Origin::Page(path) => up_to_root(path),
            Origin::Anywhere => self.base_path.clone(),
        }
    }

    /// The link from `origin` to `site_path` (which may carry a `#fragment`).
    pub fn href(&self, origin: Origin, site_path: &str) -> String {
        format!("{}{}", self.root(origin), site_path)
    }
}

/// The relative way from the page at site path `path` back to the site root: `../../` from
/// `rapporten/eenzaamheid/`, `./` from the home page.
pub fn up_to_root(path: &str) -> String {
    match path.matches('/').count() {
        // `./` rather than nothing: a link to the home page is never an empty href.
        0 => "./".to_owned(),
        depth => "../".repeat(depth),
    }
}

// The site path of every page kind, in one place: a page that moves moves here, and every
// link to it (templates, search results, open data, the mention linker) follows.

/// The home page.
pub const HOME: &str = "";
/// The list of topics.
pub const TOPICS: &str = "themas/";
/// The list of reports.
pub const REPORTS: &str = "rapporten/";
/// The index of initiatives.
pub const INITIATIVES: &str = "initiatieven/";
/// The organisations page.
pub const ORGANISATIONS: &str = "organisaties/";
/// The search page.
pub const SEARCH: &str = "zoeken/";
/// The accessibility statement.
pub const ACCESSIBILITY: &str = "toegankelijkheid/";
/// The list of editions (yearly rounds).
pub const EDITIONS: &str = "edities/";
/// The Atom feed of all reports.
pub const FEED: &str = "feed.xml";
/// The sitemap (or, on a very large site, the index of its parts).
pub const SITEMAP: &str = "sitemap.xml";
/// The search index's first file: one address in every build, which hosts revalidate (the
/// parts it names carry their own hashes; see `search/files.rs`).
pub const SEARCH_INDEX: &str = "zoekindex.js";
/// The page hosts serve for any missing address.
pub const NOT_FOUND: &str = "404.html";

/// A topic's page: `themas/<slug>/`.
pub fn topic(slug: &str) -> String {
    format!("{TOPICS}{slug}/")
}

/// An edition's page: `edities/<jaar>/`.
pub fn edition(year: u16) -> String {
    format!("{EDITIONS}{year}/")
}

/// A topic's Atom feed: `themas/<slug>/feed.xml`.
pub fn topic_feed(slug: &str) -> String {
    format!("{}{FEED}", topic(slug))
}

/// A report's page: `rapporten/<slug>/`.
pub fn report(slug: &str) -> String {
    format!("{REPORTS}{slug}/")
}

/// An initiative's page: `initiatieven/<slug>/`.
pub fn initiative(slug: &str) -> String {
    format!("{INITIATIVES}{slug}/")
}

/// An organisation's entry on the organisations page: `organisaties/#<slug>`, or on a later
/// page of it, `organisaties/pagina/3/#<slug>`. `position` is its place (from 0) in the list,
/// which shows the organisations in the order of `organisaties.toml`.
pub fn organisation(slug: &str, position: usize) -> String {
    format!("{}#{slug}", list_page_of(ORGANISATIONS, position))
}

/// An organisation's own page, made only when its entry on the organisations page is too long
/// to list every table: `organisaties/<slug>/`. (A slug `pagina` is no clash: page *n* of the
/// list is `organisaties/pagina/<n>/`, never `organisaties/pagina/` itself.)
pub fn organisation_tables(slug: &str) -> String {
    format!("{ORGANISATIONS}{slug}/")
}

/// A section of a page: `<page>#<id>`.
pub fn section(page: &str, id: &str) -> String {
    format!("{page}#{id}")
}

/// How many items a page of a list shows: a longer list goes on over more pages, so a page
/// stays small at any size of the site. Here rather than with the pages, because where an item
/// stands is part of its address: a link to an organisation names the page its entry is on.
/// No list of the real site is this long.
pub const LIST_PAGE_SIZE: usize = 200;

/// The page of `list` that shows item `index` (from 0).
pub fn list_page_of(list: &str, index: usize) -> String {
    list_page(list, index / LIST_PAGE_SIZE + 1)
}

/// Page `n` (from 1) of a list that is cut into pages: the list's own path for the first, so
/// every link to the list lands on its start, and `<list>pagina/<n>/` for the others.
pub fn list_page(list: &str, n: usize) -> String {
    if n <= 1 {
        list.to_owned()
    } else {
        format!("{list}pagina/{n}/")
    }
}

/// Part `n` (from 1) of a sitemap too long for one file; `sitemap.xml` is then their index.
pub fn sitemap_part(n: usize) -> String {
    format!("sitemap-{n}.xml")
}

/// The file a site path is written to: pages are folders with an `index.html`.
pub fn file_for(site_path: &str) -> String {
    if site_path.is_empty() || site_path.ends_with('/') {
        format!("{site_path}index.html")
    } else {
        site_path.to_owned()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn placeholder_addresses() {
        for url in [
            "https://example.org/",
            "https://www.example.com/sociale-staat/",
            "http://EXAMPLE.net",
            "http://localhost:1111/",
            "http://127.0.0.1:8000/x/",
            "http://[::1]:80/",
            "https://almere.test/",
        ] {
            assert!(super::Urls::new(url).unwrap().is_placeholder(), "{url}");
        }
        for url in [
            "https://www.almere.nl/sociale-staat/",
            "https://example.org.nl/",
            "https://myexample.org/",
            "https://socialestaat.almere.nl/",
        ] {
            assert!(!super::Urls::new(url).unwrap().is_placeholder(), "{url}");
        }
    }

    use super::*;

    #[test]
    fn base_url_is_normalised() {
        let u = Urls::new("https://example.org/sociale-staat").unwrap();
        assert_eq!(u.base_url(), "https://example.org/sociale-staat/");
        assert_eq!(u.base_path(), "/sociale-staat/");
        let u = Urls::new("http://localhost:1111").unwrap();
        assert_eq!(u.base_url(), "http://localhost:1111/");
        assert_eq!(u.base_path(), "/");
        assert_eq!(
            Urls::new("example.org"),
            Err(BaseUrlError::NotAbsolute("example.org".into()))
        );
        assert_eq!(
            Urls::new("https:///x"),
            Err(BaseUrlError::Invalid("https:///x".into()))
        );
    }

    #[test]
    fn links_are_relative_to_the_page() {
        let u = Urls::new("https://example.org/almere/").unwrap();
        for (from, to, want) in [
            ("", "", "./"),
            ("", "themas/eenzaamheid/", "./themas/eenzaamheid/"),
            ("rapporten/eenzaamheid/", "", "../../"),
            (
                "rapporten/eenzaamheid/",
                "themas/x/#kop",
                "../../themas/x/#kop",
            ),
            ("themas/", "static/a.css", "../static/a.css"),
            ("404.html", "themas/", "./themas/"),
        ] {
            assert_eq!(u.href(Origin::Page(from), to), want, "{from} -> {to}");
        }
        assert_eq!(u.href(Origin::Anywhere, "themas/"), "/almere/themas/");
        assert_eq!(
            u.absolute("rapporten/a/"),
            "https://example.org/almere/rapporten/a/"
        );
    }

    #[test]
    fn list_pages_start_at_the_list() {
        assert_eq!(list_page("rapporten/", 1), "rapporten/");
        assert_eq!(list_page("rapporten/", 2), "rapporten/pagina/2/");
        assert_eq!(list_page("", 3), "pagina/3/");
    }

    #[test]
    fn an_organisation_link_names_the_page_of_its_entry() {
        assert_eq!(organisation("ggd", 0), "organisaties/#ggd");
        assert_eq!(organisation("ggd", LIST_PAGE_SIZE - 1), "organisaties/#ggd");
        assert_eq!(
            organisation("ggd", LIST_PAGE_SIZE),
            "organisaties/pagina/2/#ggd"
        );
        assert_eq!(
            organisation("ggd", 2 * LIST_PAGE_SIZE + 5),
            "organisaties/pagina/3/#ggd"
        );
    }

    #[test]
    fn pages_are_folders() {
        assert_eq!(file_for(""), "index.html");
        assert_eq!(file_for("rapporten/a/"), "rapporten/a/index.html");
        assert_eq!(file_for("sitemap.xml"), "sitemap.xml");
    }
}

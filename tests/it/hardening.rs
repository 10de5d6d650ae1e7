//! Hostile and broken input, interrupted builds: every bad input gets a clear error or is
//! handled, and `public/` is always a complete site.

use crate::common;

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use common::{copy_tree, fixture, read_tree, repo_root, run_cli};

/// Builds the minimal site after `change` has run on a copy of it: (exit code, stderr).
fn build_with(change: impl FnOnce(&Path)) -> (i32, String) {
    build_with_args(change, &[])
}

/// [`build_with`], with more arguments for `build`.
fn build_with_args(change: impl FnOnce(&Path), args: &[&str]) -> (i32, String) {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    copy_tree(&fixture("minimal"), &root);
    change(&root);
    let out_dir = tmp.path().join("out");
    let mut all = vec![
        "build",
        "--root",
        root.to_str().unwrap(),
        "--output",
        out_dir.to_str().unwrap(),
        "--quiet",
    ];
    all.extend(args);
    let out = run_cli(&all);
    (
        out.status.code().unwrap(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn report(root: &Path) -> std::path::PathBuf {
    root.join("content/rapporten/verslag.md")
}

fn append(root: &Path, text: &str) {
    let file = report(root);
    let body = std::fs::read_to_string(&file).unwrap();
    std::fs::write(file, body + text).unwrap();
}

#[test]
fn invalid_utf8_is_a_clear_error() {
    let (code, err) =
        build_with(|r| std::fs::write(report(r), b"+++\ntitle = \"\xff\xfe\"\n+++\n").unwrap());
    assert_eq!(code, 1);
    assert!(
        err.contains("fout: het bestand bevat tekens die geen geldige UTF-8 zijn"),
        "{err}"
    );
    assert!(err.contains("content/rapporten/verslag.md:2"), "{err}");
}

/// What Kladblok may write (issue 25: the handleiding names it as the team's editor): every
/// content file saved as "UTF-8 met BOM" builds as before (the list files gave "tekst buiten een
/// blok" on every line), and a list file saved as ANSI gets the Dutch message with its line, as
/// a report does.
#[test]
fn files_saved_by_kladblok_with_a_bom_build_and_ansi_is_a_clear_error() {
    let (code, err) = build_with(|r| {
        for file in [
            "vindplaats.toml",
            "content/organisaties.toml",
            "content/initiatieven.toml",
            "content/rapporten/verslag.md",
            "content/themas/eenzaamheid.md",
        ] {
            let text = std::fs::read(r.join(file)).unwrap();
            std::fs::write(r.join(file), [b"\xef\xbb\xbf".as_slice(), &text].concat()).unwrap();
        }
    });
    assert_eq!(code, 0, "{err}");
    let (code, err) = build_with(|r| {
        let file = r.join("content/organisaties.toml");
        let text = std::fs::read(&file).unwrap();
        std::fs::write(&file, [text.as_slice(), b"# caf\xe9\n"].concat()).unwrap();
    });
    assert_eq!(code, 1);
    assert!(
        err.contains("fout: het bestand bevat tekens die geen geldige UTF-8 zijn"),
        "{err}"
    );
    assert!(err.contains("content/organisaties.toml:"), "{err}");
}

#[test]
fn an_empty_file_is_a_clear_error() {
    let (code, err) = build_with(|r| std::fs::write(report(r), "").unwrap());
    assert_eq!(code, 1);
    assert!(
        err.contains("fout: het bestand begint niet met gegevens tussen +++ regels"),
        "{err}"
    );
}

#[test]
fn a_20_mb_file_is_refused() {
    let (code, err) = build_with(|r| append(r, &"woord ".repeat(20 * 1024 * 1024 / 6)));
    assert_eq!(code, 1);
    assert!(
        err.contains("fout: het bestand is 20.0 MB; de grens is 2 MB"),
        "{err}"
    );
}

#[test]
fn a_100000_word_paragraph_is_handled() {
    let (code, err) = build_with(|r| append(r, &format!("\n{}\n", "woord ".repeat(100_000))));
    assert_eq!(code, 0, "{err}");
}

#[test]
fn a_1000_level_nested_list_or_quote_is_a_clear_error() {
    let nested: String = (0..1000)
        .map(|i| format!("{}- x\n", "  ".repeat(i)))
        .collect();
    let (code, err) = build_with(|r| append(r, &format!("\n{nested}")));
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("fout: lijsten of citaten zijn hier meer dan 32 niveaus diep genest"),
        "{err}"
    );
    let (code, err) = build_with(|r| append(r, &format!("\n{} diep\n", ">".repeat(1000))));
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("niveaus diep genest"), "{err}");
}

#[test]
fn file_names_with_spaces_or_accents_are_refused_with_a_suggestion() {
    let (code, err) = build_with(|r| {
        std::fs::rename(report(r), r.join("content/rapporten/Verslag één.md")).unwrap();
    });
    assert_eq!(code, 1);
    assert!(
        err.contains("fout: de bestandsnaam 'Verslag één' is niet geschikt als webadres"),
        "{err}"
    );
    assert!(err.contains("bijvoorbeeld 'verslag-een.md'"), "{err}");
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_under_content_is_handled() {
    let (code, err) = build_with(|r| {
        std::os::unix::fs::symlink(r.join("content"), r.join("content/rapporten/lus")).unwrap();
    });
    assert_eq!(code, 0, "{err}");
}

/// The team reads a Dutch message naming the template and what to do; Tera's English chain
/// (which tag or variable) is the technical part: with `--uitleg`, and in JSON.
#[test]
fn a_missing_template_and_a_template_error_are_clear_errors() {
    let missing_partial = |r: &Path| {
        let dir = r.join("themes/almere/templates/partials");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("footer.html"),
            "{% include \"partials/bestaat-niet.html\" %}",
        )
        .unwrap();
    };
    let (code, err) = build_with(missing_partial);
    assert_eq!(code, 1);
    assert!(
        err.contains("fout in een sjabloon van het ontwerp"),
        "{err}"
    );
    // The footer is rendered on its own (`render::Frame`), so Tera names it: the theme's file.
    assert!(
        err.contains("themes/almere/templates/partials/footer.html"),
        "{err}"
    );
    assert!(
        err.contains(
            "tip: herstel het sjabloon, of haal het weg: dan gebruikt de site het ingebouwde"
        ),
        "{err}"
    );
    assert!(
        !err.contains("bestaat-niet.html"),
        "Tera's words only with --uitleg: {err}"
    );
    assert!(
        err.contains("Met --uitleg ziet u ook de technische melding"),
        "{err}"
    );
    let (code, err) = build_with_args(missing_partial, &["--uitleg"]);
    assert_eq!(code, 1);
    assert!(err.contains("technische melding: "), "{err}");
    assert!(err.contains("bestaat-niet.html"), "{err}");
    let tmp = tempfile::tempdir().unwrap();
    copy_tree(&fixture("minimal"), tmp.path());
    missing_partial(tmp.path());
    let (_, findings) = common::check_json(tmp.path());
    let template = findings
        .iter()
        .find(|f| f["message"] == "fout in een sjabloon van het ontwerp")
        .expect("the template error in JSON");
    assert!(
        template["technical"]
            .as_str()
            .is_some_and(|t| t.contains("bestaat-niet.html")),
        "{template}"
    );
    let (code, err) = build_with(|r| {
        let dir = r.join("themes/almere/templates");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("report.html"), "{% if %}").unwrap();
    });
    assert_eq!(code, 1);
    assert!(
        err.contains("fout in een sjabloon van het ontwerp"),
        "{err}"
    );
    assert!(err.contains("themes/almere/templates/report.html"), "{err}");
    assert!(
        err.contains(
            "tip: herstel het sjabloon, of haal het weg: dan gebruikt de site het ingebouwde"
        ),
        "{err}"
    );
}

#[test]
fn hostile_markdown_never_reaches_the_page_as_markup() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    copy_tree(&fixture("minimal"), &root);
    append(
        &root,
        "\n## Kop <img src=x onerror=alert(1)>\n\nTekst <img src=x onerror=alert(1)> en <script>alert(2)</script> [klik](javascript:alert(3)) ![p](data:image/svg+xml,x)\n",
    );
    let (_t, out) = common::build(&root, None);
    let page = std::fs::read_to_string(out.join("rapporten/verslag/index.html")).unwrap();
    for bad in ["onerror", "<script>alert", "javascript:", "data:image"] {
        assert!(!page.contains(bad), "{bad} reached the page");
    }
}

#[test]
fn security_headers_are_written_when_asked() {
    let (_t, out) = common::build(&repo_root(), Some("https://example.org/almere/"));
    let headers = std::fs::read_to_string(out.join("_headers")).unwrap();
    assert!(
        headers.starts_with("/almere/*\n  Content-Security-Policy: default-src 'self'"),
        "{headers}"
    );
    assert!(headers.contains("X-Content-Type-Options: nosniff"));
    assert!(headers.contains("Referrer-Policy: strict-origin-when-cross-origin"));
    // The same headers for Apache and nginx, with the base path (src/render/headers.rs).
    let apache = std::fs::read_to_string(out.join(".htaccess")).unwrap();
    assert!(
        apache.contains("ErrorDocument 404 /almere/404.html"),
        "{apache}"
    );
    let nginx = std::fs::read_to_string(out.join("nginx.conf.voorbeeld")).unwrap();
    assert!(nginx.contains("location /almere/static/ {"), "{nginx}");
    let (_t, out) = common::build(&fixture("minimal"), None);
    for file in ["_headers", ".htaccess", "nginx.conf.voorbeeld"] {
        assert!(
            !out.join(file).exists(),
            "{file}: off unless the config asks for it"
        );
    }
}

/// Kills builds at random moments; the output must always be one complete site, A or B.
#[test]
fn interrupted_builds_leave_a_complete_site() {
    let tmp = tempfile::tempdir().unwrap();
    let site_a = repo_root();
    let site_b = tmp.path().join("b");
    for part in ["content", "vindplaats.toml"] {
        let from = site_a.join(part);
        if from.is_dir() {
            copy_tree(&from, &site_b.join(part))
        } else {
            std::fs::copy(&from, site_b.join(part)).map(|_| ()).unwrap()
        }
    }
    let eenzaamheid = site_b.join("content/rapporten/eenzaamheid.md");
    let text = std::fs::read_to_string(&eenzaamheid).unwrap();
    std::fs::write(
        &eenzaamheid,
        text.replace("Wat is eenzaamheid?", "Wat is eenzaamheid eigenlijk?"),
    )
    .unwrap();

    let out = tmp.path().join("public");
    let build = |root: &Path| {
        Command::new(env!("CARGO_BIN_EXE_vindplaats"))
            .args([
                "build",
                "--quiet",
                "--root",
                root.to_str().unwrap(),
                "--output",
                out.to_str().unwrap(),
            ])
            .spawn()
            .unwrap()
    };
    assert!(build(&site_a).wait().unwrap().success());
    let tree_a = read_tree(&out);
    assert!(build(&site_b).wait().unwrap().success());
    let tree_b = read_tree(&out);
    assert_ne!(tree_a, tree_b);

    // A fixed sequence of delays across the whole build, so the kills land in every stage.
    let mut seed: u64 = 0x5eed;
    for round in 0..12 {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let delay = Duration::from_millis((seed >> 33) % 160);
        let mut child = build(if round % 2 == 0 { &site_a } else { &site_b });
        std::thread::sleep(delay);
        let _ = child.kill();
        let _ = child.wait();
        let now = read_tree(&out);
        assert!(
            now == tree_a || now == tree_b,
            "round {round} (killed after {delay:?}): public/ is a mix"
        );
    }
    assert!(build(&site_a).wait().unwrap().success());
    assert!(read_tree(&out) == tree_a);
    let left: Vec<_> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("public."))
        .collect();
    assert!(
        left.is_empty(),
        "stray folders after a successful build: {left:?}"
    );
}

/// The header is rendered once per depth and section (`render::Frame`) and told the page's
/// first folder as `section`: which menu item that makes current is the template's rule alone,
/// so a theme's own header can add an item for a folder the built-in menu does not have.
#[test]
fn a_themes_header_can_make_any_folder_its_current_menu_item() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    copy_tree(&fixture("minimal"), &root);
    let built_in =
        std::fs::read_to_string(repo_root().join("themes/almere/templates/partials/header.html"))
            .unwrap();
    let item = r#"<li><a href="{{ root }}organisaties/"{% if section == "organisaties/" %} aria-current="page"{% endif %}>Organisaties</a></li>"#;
    let header = built_in.replacen("</ul>", &format!("{item}\n</ul>"), 1);
    assert_ne!(header, built_in, "the built-in header has a menu list");
    let dir = root.join("themes/almere/templates/partials");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("header.html"), header).unwrap();
    let (_tmp, out) = common::build(&root, None);
    let page = |path: &str| std::fs::read_to_string(out.join(path)).unwrap();
    let current = r#"aria-current="page">Organisaties</a>"#;
    assert!(page("organisaties/index.html").contains(current));
    assert!(!page("index.html").contains(current));
    let themes = page("themas/index.html");
    assert!(!themes.contains(current));
    assert!(themes.contains(r#"aria-current="page">Thema's</a>"#));
}

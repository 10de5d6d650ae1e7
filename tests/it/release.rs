//! The release's archives and checksums (issue 25, item 6), made here by the workflow's own
//! steps: the `Archive` step of `.github/workflows/release.yml`, read from the file and run with
//! bash as the runner runs it (for Linux, `tar.gz`, and macOS, `zip`; the Windows branch needs
//! 7-Zip, which is not here), then its checksum step, `scripts/checksums`, which
//! `.gitlab-ci.yml` runs too. SHA256SUMS must hold the SHA-256 of each archive and of the
//! program in it, computed here with the `sha2` crate, and pass `sha256sum -c` once unpacked.
//!
//! And what `docs/ict.md` tells an ICT department about the program, held against the code: the
//! line it quotes for `serve` listening on 127.0.0.1 only is in `src/cmd/serve.rs`, and nothing
//! in the program opens a connection.

use crate::common::repo_root;

use std::path::Path;
use std::process::Command;

use sha2::{Digest, Sha256};

/// The `run: |` block of the step named `name` in a workflow file, without its indentation.
fn step_script(workflow: &str, name: &str) -> String {
    let mut lines = workflow
        .lines()
        .skip_while(|l| l.trim() != format!("- name: {name}"));
    assert!(lines.next().is_some(), "no step '{name}'");
    let run = lines
        .find(|l| l.trim_start().starts_with("run:"))
        .unwrap_or_else(|| panic!("step '{name}' has no run"));
    let indent = run.len() - run.trim_start().len();
    let value = run.trim_start().strip_prefix("run:").unwrap().trim();
    if value != "|" {
        return value.to_owned();
    }
    lines
        .take_while(|l| l.trim().is_empty() || l.len() - l.trim_start().len() > indent)
        .map(|l| l.get(indent + 2..).unwrap_or("").to_owned() + "\n")
        .collect()
}

fn sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn bash(dir: &Path, script: &str, env: &[(&str, &str)]) -> std::process::Output {
    // GitHub's `shell: bash` is `bash --noprofile --norc -eo pipefail {0}`.
    Command::new("bash")
        .args(["--noprofile", "--norc", "-eo", "pipefail", "-c", script])
        .current_dir(dir)
        .envs(env.iter().copied())
        .output()
        .unwrap()
}

#[test]
fn release_archives_get_checksums_of_the_archive_and_the_program_in_it() {
    let root = repo_root();
    let workflow = std::fs::read_to_string(root.join(".github/workflows/release.yml")).unwrap();
    let archive_step = step_script(&workflow, "Archive");
    let checksum_step = step_script(&workflow, "Checksums (SHA256SUMS)");
    assert_eq!(checksum_step, "scripts/checksums dist");

    // The build job's checkout: the program where cargo puts it, the guide and the licence.
    let tmp = tempfile::tempdir().unwrap();
    let checkout = tmp.path().join("checkout");
    let dist = tmp.path().join("release/dist");
    std::fs::create_dir_all(checkout.join("docs")).unwrap();
    std::fs::create_dir_all(&dist).unwrap();
    std::fs::copy(
        root.join("docs/handleiding.md"),
        checkout.join("docs/handleiding.md"),
    )
    .unwrap();
    std::fs::copy(root.join("LICENSE"), checkout.join("LICENSE")).unwrap();
    let mut programs = Vec::new();
    for (name, target, archive, os) in [
        (
            "linux-x86_64",
            "x86_64-unknown-linux-musl",
            "tar.gz",
            "Linux",
        ),
        ("macos-arm64", "aarch64-apple-darwin", "zip", "macOS"),
    ] {
        let program = format!("a stand-in for the {name} program\n");
        let release = checkout.join(format!("target/{target}/release"));
        std::fs::create_dir_all(&release).unwrap();
        std::fs::write(release.join("vindplaats"), &program).unwrap();
        let script = archive_step
            .replace("${{ matrix.name }}", name)
            .replace("${{ matrix.target }}", target)
            .replace("${{ matrix.archive }}", archive);
        assert!(!script.contains("${{"), "{script}");
        let out = bash(
            &checkout,
            &script,
            &[("GITHUB_REF_NAME", "v9.9.9"), ("RUNNER_OS", os)],
        );
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let file = format!("vindplaats-v9.9.9-{name}.{archive}");
        std::fs::rename(checkout.join(&file), dist.join(&file)).unwrap();
        programs.push((
            file,
            format!("vindplaats-v9.9.9-{name}/vindplaats"),
            program,
        ));
    }

    // The release job: a checkout of scripts/, the archives downloaded into dist/.
    std::fs::create_dir_all(tmp.path().join("release/scripts")).unwrap();
    std::fs::copy(
        root.join("scripts/checksums"),
        tmp.path().join("release/scripts/checksums"),
    )
    .unwrap();
    let out = bash(&tmp.path().join("release"), &checksum_step, &[]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let sums = std::fs::read_to_string(dist.join("SHA256SUMS")).unwrap();
    let mut expected = Vec::new();
    for (archive, program, bytes) in &programs {
        expected.push(format!(
            "{}  {archive}",
            sha256(&std::fs::read(dist.join(archive)).unwrap())
        ));
        expected.push(format!("{}  {program}", sha256(bytes.as_bytes())));
    }
    expected.sort_by(|a, b| a[66..].cmp(&b[66..]));
    assert_eq!(sums, expected.join("\n") + "\n");

    // Unpacked where they were downloaded, sha256sum checks every line.
    let out = bash(
        &dist,
        "tar xzf vindplaats-v9.9.9-linux-x86_64.tar.gz && unzip -q vindplaats-v9.9.9-macos-arm64.zip && sha256sum -c SHA256SUMS",
        &[],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).matches(": OK").count(),
        4
    );
    // And a changed program fails.
    std::fs::write(
        dist.join("vindplaats-v9.9.9-linux-x86_64/vindplaats"),
        "changed",
    )
    .unwrap();
    assert!(
        !bash(&dist, "sha256sum -c --quiet SHA256SUMS", &[])
            .status
            .success()
    );
}

#[test]
fn the_checksums_script_refuses_a_folder_without_archives_or_an_archive_without_the_program() {
    let tmp = tempfile::tempdir().unwrap();
    let script = repo_root().join("scripts/checksums");
    let run = || Command::new(&script).arg(tmp.path()).output().unwrap();
    let out = run();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no vindplaats-* archives"));
    let dir = tmp.path().join("vindplaats-v9-linux-x86_64");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(dir.join("LICENSE"), "licence").unwrap();
    let tar = Command::new("tar")
        .args([
            "czf",
            "vindplaats-v9-linux-x86_64.tar.gz",
            "vindplaats-v9-linux-x86_64",
        ])
        .current_dir(tmp.path())
        .status()
        .unwrap();
    assert!(tar.success());
    let out = run();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("not exactly one program"));
}

/// GitLab's release runs the same script and links its result, and the site jobs use the CI
/// formats of `check` (issue 25): the files themselves are validated against their schemas by
/// `scripts/check-workflows`.
#[test]
fn both_hosts_publish_the_checksums_and_use_the_ci_formats() {
    let root = repo_root();
    let gitlab = std::fs::read_to_string(root.join(".gitlab-ci.yml")).unwrap();
    assert!(gitlab.contains("- scripts/checksums .\n"));
    assert!(gitlab.contains("url: \"${PACKAGE_URL}/SHA256SUMS\""));
    assert!(gitlab.contains("vindplaats check --format gitlab > gl-code-quality-report.json\n"));
    assert!(gitlab.contains("codequality: gl-code-quality-report.json\n"));
    let site = std::fs::read_to_string(root.join(".github/workflows/site.yml")).unwrap();
    assert_eq!(
        step_script(&site, "vindplaats check"),
        "vindplaats check --format github"
    );
}

/// `docs/ict.md` quotes the line that makes `serve` listen on this computer only; it must be the
/// code's.
#[test]
fn the_ict_page_quotes_the_line_serve_listens_with() {
    let root = repo_root();
    let page = std::fs::read_to_string(root.join("docs/ict.md")).unwrap();
    let quoted = page
        .split("```rust\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("docs/ict.md quotes the code");
    let quoted = quoted.trim();
    assert!(quoted.contains("\"127.0.0.1\""), "{quoted}");
    let serve = std::fs::read_to_string(root.join("src/cmd/serve.rs")).unwrap();
    assert!(
        serve.lines().any(|l| l.trim() == quoted),
        "docs/ict.md quotes `{quoted}`, which is not in src/cmd/serve.rs"
    );
    assert_eq!(serve.matches("Server::http(").count(), 1, "one server");
}

/// "Geen verbindingen naar buiten" (docs/ict.md): no source file opens a connection or looks a
/// name up, and no HTTP client or TLS library is among the program's dependencies.
#[test]
fn the_program_opens_no_connection() {
    let root = repo_root();
    let mut files = 0;
    for entry in walkdir::WalkDir::new(root.join("src")) {
        let entry = entry.unwrap();
        if entry.path().extension().is_none_or(|e| e != "rs") {
            continue;
        }
        files += 1;
        let code = std::fs::read_to_string(entry.path()).unwrap();
        for client in ["TcpStream", "UdpSocket", "ToSocketAddrs", "lookup_host"] {
            assert!(
                !code.contains(client),
                "{} uses {client}: docs/ict.md says the program opens no connection",
                entry.path().display()
            );
        }
    }
    assert!(files > 20);
    let dependencies = Command::new(env!("CARGO"))
        .args(["tree", "--edges", "normal", "--prefix", "none", "--offline"])
        .current_dir(&root)
        .output()
        .unwrap();
    assert!(dependencies.status.success());
    let tree = String::from_utf8(dependencies.stdout).unwrap();
    assert!(tree.contains("tiny_http"), "{tree}");
    for client in [
        "reqwest",
        "ureq",
        "hyper",
        "curl",
        "isahc",
        "attohttpc",
        "surf",
        "minreq",
        "rustls",
        "native-tls",
        "openssl",
    ] {
        assert!(
            !tree.lines().any(|l| l.split(' ').next() == Some(client)),
            "the program depends on {client}: docs/ict.md says it opens no connection"
        );
    }
}

//! Writes that fail part-way, the most common way a real regeneration fails: a full disk, an
//! output folder without write permission, a file name the file system refuses. Each case
//! builds the minimal site once, then runs the real binary in a way that makes the system
//! refuse a write, and asserts: exit code 2, a Dutch message naming the output folder and the
//! cause, the earlier `public/` byte for byte as it was, and no staging folder left behind.

#![cfg(target_os = "linux")]

use crate::common;

use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::{copy_tree, fixture, read_tree};

/// A copy of the minimal site with a successful build in `public/` beside it.
struct Built {
    tmp: tempfile::TempDir,
    root: PathBuf,
    out: PathBuf,
}

fn built_once() -> Built {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    copy_tree(&fixture("minimal"), &root);
    let out = tmp.path().join("public");
    let ok = common::run_build(&root, &out, &["--quiet"]);
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    Built { tmp, root, out }
}

impl Built {
    /// The build command for this site, to be changed by the test before it runs.
    fn command(&self) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_vindplaats"));
        command.args([
            "build",
            "--root",
            self.root.to_str().unwrap(),
            "--output",
            self.out.to_str().unwrap(),
        ]);
        command
    }
}

/// The failure every case must show: exit code 2, the output folder and `cause` in one Dutch
/// message, nothing on standard output, and the system's own English words only behind
/// `--uitleg` (issue 23). Returns the message.
fn assert_refused(output: &Output, out: &Path, cause: &str) -> String {
    let stderr = String::from_utf8(output.stderr.clone()).unwrap();
    assert_eq!(
        output.status.code(),
        Some(2),
        "exit code; stderr:\n{stderr}"
    );
    let expected = format!(
        "fout: de site kan niet worden geschreven naar {}: {cause} (bij ",
        out.display()
    );
    assert!(
        stderr.starts_with(&expected)
            && stderr.ends_with(
                ". De uitvoermap is niet veranderd.\n\
                 Met --uitleg ziet u ook de technische melding van de fouten hierboven.\n"
            ),
        "expected {expected:?}…; got:\n{stderr}"
    );
    assert!(!stderr.contains("os error"), "{stderr}");
    assert!(output.stdout.is_empty(), "nothing on stdout");
    stderr
}

/// No `public.new-<pid>` or `public.old-<pid>` beside the output: only the site and `public`.
fn assert_no_staging_left(dir: &Path) {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["public", "site"], "stray folders");
}

/// A full disk part-way, as a write limit (`RLIMIT_FSIZE` in the child, as `ulimit -f`, CI
/// runners and systemd units set it): the small pages go through, the first script over 8 KB
/// does not. `SIGXFSZ` stays at its default, which kills a process that writes past the limit
/// (exit 153, the staging folder left behind): vindplaats ignores the signal, so the limit is
/// an ordinary write error, worded as a full disk is.
#[test]
fn a_full_disk_part_way_leaves_the_old_site() {
    let site = built_once();
    let before = read_tree(&site.out);
    let mut command = site.command();
    write_limit(&mut command, 8 * 1024);
    let output = command.output().unwrap();
    let message = assert_refused(
        &output,
        &site.out,
        "de schijf is vol of een schrijflimiet is bereikt",
    );
    assert!(
        message.contains("(bij static/"),
        "names the file: {message}"
    );
    assert!(read_tree(&site.out) == before, "the old site was changed");
    assert_no_staging_left(site.tmp.path());
}

/// The ways to make the system refuse writing the output's parent, for every user. Not root:
/// the permission bits do it. Root ignores them, so the child first gives up what lets it:
/// the capabilities that bypass permissions (`CAP_DAC_OVERRIDE`, `CAP_DAC_READ_SEARCH`,
/// `CAP_FOWNER`) from its bounding set, which `exec` keeps; or its user, becoming `nobody`;
/// or, in a mount namespace of its own, it sees the parent as a read-only bind mount (`EROFS`,
/// which reads as the same Dutch cause). A container may forbid any one of them; the test runs
/// every one the system allows and fails when it allows none: it never passes by skipping.
#[derive(Debug, Clone, Copy)]
enum Refusal {
    Permissions,
    DropCapabilities,
    Nobody,
    ReadOnlyMount,
}

impl Refusal {
    /// Prepares `command` to be refused writing in `parent`.
    fn prepare(self, command: &mut Command, parent: &Path) {
        use std::os::unix::ffi::OsStrExt;
        let parent = std::ffi::CString::new(parent.as_os_str().as_bytes()).unwrap();
        // SAFETY: between fork and exec only async-signal-safe system calls (prctl, setgroups,
        // setgid, setuid, unshare, mount) on data made before the fork.
        unsafe {
            match self {
                Refusal::Permissions => {}
                Refusal::DropCapabilities => {
                    command.pre_exec(|| {
                        for cap in [1, 2, 3] {
                            if libc::prctl(libc::PR_CAPBSET_DROP, cap, 0, 0, 0) != 0 {
                                return Err(std::io::Error::last_os_error());
                            }
                        }
                        Ok(())
                    });
                }
                Refusal::Nobody => {
                    command.pre_exec(|| {
                        if libc::setgroups(0, std::ptr::null()) != 0
                            || libc::setgid(65534) != 0
                            || libc::setuid(65534) != 0
                        {
                            return Err(std::io::Error::last_os_error());
                        }
                        Ok(())
                    });
                }
                Refusal::ReadOnlyMount => {
                    command.pre_exec(move || {
                        let none = std::ptr::null();
                        let root = c"/".as_ptr();
                        let at = parent.as_ptr();
                        let private = (libc::MS_REC | libc::MS_PRIVATE) as libc::c_ulong;
                        let bind = libc::MS_BIND as libc::c_ulong;
                        let read_only =
                            (libc::MS_BIND | libc::MS_REMOUNT | libc::MS_RDONLY) as libc::c_ulong;
                        if libc::unshare(libc::CLONE_NEWNS) != 0
                            || libc::mount(none, root, none, private, none.cast()) != 0
                            || libc::mount(at, at, none, bind, none.cast()) != 0
                            || libc::mount(none, at, none, read_only, none.cast()) != 0
                        {
                            return Err(std::io::Error::last_os_error());
                        }
                        Ok(())
                    });
                }
            }
        }
    }
}

/// An output folder whose parent may not be written, in each way the system allows
/// ([`Refusal`]): the same Dutch message, the old site untouched, no staging folder.
#[test]
fn an_output_parent_without_write_permission_leaves_the_old_site() {
    use std::os::unix::fs::PermissionsExt;
    let root = unsafe { libc::geteuid() } == 0;
    let ways: &[Refusal] = if root {
        &[
            Refusal::DropCapabilities,
            Refusal::Nobody,
            Refusal::ReadOnlyMount,
        ]
    } else {
        &[Refusal::Permissions]
    };
    let mut refused = Vec::new();
    let mut not_allowed = Vec::new();
    for &way in ways {
        let site = built_once();
        let before = read_tree(&site.out);
        let parent = site.tmp.path();
        // Readable for `nobody` too: the temporary folder is the owner's alone.
        std::fs::set_permissions(parent, std::fs::Permissions::from_mode(0o555)).unwrap();
        let mut command = site.command();
        way.prepare(&mut command, parent);
        let output = command.output();
        std::fs::set_permissions(parent, std::fs::Permissions::from_mode(0o755)).unwrap();
        let output = match output {
            Ok(output) => output,
            // The child could not take this way (a container without the right): the next.
            Err(e) => {
                not_allowed.push(format!("{way:?}: {e}"));
                continue;
            }
        };
        let message = assert_refused(&output, &site.out, "geen schrijfrechten");
        assert!(
            message.contains(&format!("(bij {})", parent.display())),
            "{way:?}: names the folder it may not write in: {message}"
        );
        assert!(
            read_tree(&site.out) == before,
            "{way:?}: the old site was changed"
        );
        assert_no_staging_left(parent);
        refused.push(way);
    }
    println!("refused by {refused:?}; not allowed here: {not_allowed:?}");
    assert!(
        !refused.is_empty(),
        "no way to make the system refuse the write here (as root: {not_allowed:?}); \
         this test must not pass without asserting"
    );
}

/// An output path with a regular file where a folder should be: the same refusal, for every
/// user, root included.
#[test]
fn an_output_path_through_a_file_is_refused() {
    let site = built_once();
    let before = read_tree(&site.out);
    let file = site.tmp.path().join("public/index.html");
    let out = file.join("public");
    let output = common::run_build(&site.root, &out, &[]);
    assert_refused(
        &output,
        &out,
        "een deel van het pad is een bestand en geen map",
    );
    // With --uitleg the system's own words follow, for whoever helps.
    let explained = common::run_build(&site.root, &out, &["--uitleg"]);
    let stderr = String::from_utf8(explained.stderr).unwrap();
    assert!(
        stderr.contains("\n  = technische melding: not a directory"),
        "{stderr}"
    );
    assert!(read_tree(&site.out) == before, "the old site was changed");
    assert_no_staging_left(site.tmp.path());
}

/// A name longer than the file system takes (255 bytes on ext4 and tmpfs). A report's slug is
/// its file name, so it can never be too long; an initiative's slug is written in
/// `initiatieven.toml` and becomes a folder name: 303 characters fail part-way, at that page.
#[test]
fn a_file_name_too_long_leaves_the_old_site() {
    let site = built_once();
    let before = read_tree(&site.out);
    let slug = ["buurtinitiatief"; 19].join("-");
    let toml = site.root.join("content/initiatieven.toml");
    let text = std::fs::read_to_string(&toml).unwrap();
    std::fs::write(
        &toml,
        text.replace("slug = \"naamloze-pilot\"", &format!("slug = \"{slug}\"")),
    )
    .unwrap();
    let output = site.command().output().unwrap();
    let message = assert_refused(&output, &site.out, "de bestandsnaam is te lang");
    assert!(
        message.contains(&format!("(bij initiatieven/{slug}")),
        "names the file: {message}"
    );
    assert!(read_tree(&site.out) == before, "the old site was changed");
    assert_no_staging_left(site.tmp.path());
}

/// A content save from the editor that the disk refuses part-way (the write limit of a full
/// disk, in `serve`'s process): the answer says so in Dutch, the old file is whole, and no
/// temporary file is left beside it.
#[test]
fn a_full_disk_during_a_content_save_leaves_the_old_file() {
    let tmp = common::real_site_copy();
    let root = tmp.path();
    let path = "content/rapporten/eenzaamheid.md";
    let before = std::fs::read(root.join(path)).unwrap();
    assert!(before.len() > 4096, "the report is larger than the limit");
    let mut command = Command::new(env!("CARGO_BIN_EXE_vindplaats"));
    command.args(["serve", "--root", root.to_str().unwrap(), "--port", "0"]);
    write_limit(&mut command, 4096);
    let server = common::serve_command(command);
    let (_, entry) = common::editor_api(&server, "getEntry", serde_json::json!({ "path": path }));
    let longer = format!("{}\nNog een alinea.\n", entry["data"].as_str().unwrap());
    let (status, answer) = common::editor_api(
        &server,
        "persistEntry",
        serde_json::json!({ "dataFiles": [{ "path": path, "raw": longer, "loadedVersion": entry["file"]["id"] }], "options": {} }),
    );
    assert_eq!(status, 500, "{answer}");
    assert_eq!(
        answer["error"],
        format!(
            "{path} is niet bewaard: de schijf is vol of een schrijflimiet is bereikt. Het bestand is niet veranderd."
        )
    );
    assert!(
        std::fs::read(root.join(path)).unwrap() == before,
        "the old file was changed"
    );
    let folder: Vec<String> = std::fs::read_dir(root.join("content/rapporten"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(folder.is_empty(), "left behind: {folder:?}");
    // The server is still there and saves what fits.
    let (status, answer) = common::editor_api(&server, "info", serde_json::json!({}));
    assert_eq!(status, 200, "{answer}");
}

/// Not a test of its own: the child process of `a_killed_save_leaves_old_or_new_bytes`,
/// saving the file named in `VINDPLAATS_TORN_WRITE` over and over, version after version,
/// until it is killed. Does nothing without it.
#[test]
fn torn_write_child_process() {
    let Ok(file) = std::env::var(TORN_WRITE_ENV) else {
        return;
    };
    let file = PathBuf::from(file);
    for i in 0.. {
        vindplaats::content::store::write(
            &file,
            &torn_write_version(i),
            vindplaats::content::store::Mode::Replace,
        )
        .unwrap();
    }
}

const TORN_WRITE_ENV: &str = "VINDPLAATS_TORN_WRITE";

/// Version `i` of the file: 256 KB of one letter, so a mix of two versions shows.
fn torn_write_version(i: usize) -> Vec<u8> {
    vec![b'a' + (i % 26) as u8; 256 * 1024]
}

/// A save killed at any moment (`SIGKILL`, as a crash or a power cut stops a process) leaves
/// the file with the old bytes or the new ones, whole: never a mix, never cut short, never
/// gone. 60 kills at times spread over the saves.
#[test]
fn a_killed_save_leaves_old_or_new_bytes() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("verslag.md");
    std::fs::write(&file, torn_write_version(0)).unwrap();
    let versions: Vec<Vec<u8>> = (0..26).map(torn_write_version).collect();
    let mut seen = std::collections::BTreeSet::new();
    for round in 0..60u64 {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args([
                "failing_writes::torn_write_child_process",
                "--exact",
                "--test-threads=1",
            ])
            .env(TORN_WRITE_ENV, &file)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        // 20-139 ms: past the start of the test binary, into the loop of saves.
        std::thread::sleep(std::time::Duration::from_millis(20 + (round * 37) % 120));
        child.kill().unwrap();
        child.wait().unwrap();
        let now = std::fs::read(&file).unwrap();
        assert!(
            versions.contains(&now),
            "round {round}: the file holds {} bytes that are no whole version",
            now.len()
        );
        seen.insert(now[0]);
    }
    // The kills came during the saves, not before the first one.
    assert!(seen.len() > 10, "versions seen: {seen:?}");
}

const FULL_DISK_ENV: &str = "VINDPLAATS_FULL_DISK";

/// Not a test of its own: the child of `a_content_save_on_a_full_disk_leaves_the_old_file`,
/// which fills a disk under the folder named in `VINDPLAATS_FULL_DISK` and saves a report
/// there. The disk is a 64 KB tmpfs in a mount namespace of its own (a real `ENOSPC`, as root
/// where the container allows it); otherwise a write limit (`EFBIG`, always possible), so the
/// check runs in every environment. Prints the way it used. Does nothing without it.
#[test]
fn full_disk_child_process() {
    use std::os::unix::ffi::OsStrExt;
    let Ok(dir) = std::env::var(FULL_DISK_ENV) else {
        return;
    };
    let dir = PathBuf::from(dir);
    let at = std::ffi::CString::new(dir.as_os_str().as_bytes()).unwrap();
    let old = vec![b'o'; 16 * 1024];
    let new = vec![b'n'; 32 * 1024];
    let file = dir.join("verslag.md");
    // SAFETY: plain system calls on data owned here; this process is the test's child alone.
    let tmpfs = unsafe {
        let none = std::ptr::null();
        let private = (libc::MS_REC | libc::MS_PRIVATE) as libc::c_ulong;
        libc::unshare(libc::CLONE_NEWNS) == 0
            && libc::mount(none, c"/".as_ptr(), none, private, none.cast()) == 0
            && libc::mount(
                c"tmpfs".as_ptr(),
                at.as_ptr(),
                c"tmpfs".as_ptr(),
                0,
                c"size=64k".as_ptr().cast(),
            ) == 0
    };
    std::fs::write(&file, &old).unwrap();
    let expected = if tmpfs {
        // 16 of the 64 KB hold the report; the filler leaves less than the new version needs.
        std::fs::write(dir.join("vol"), vec![0u8; 40 * 1024]).unwrap();
        std::io::ErrorKind::StorageFull
    } else {
        // SAFETY: async-signal-safe calls on this process's own limits.
        unsafe {
            libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
            let limit = libc::rlimit {
                rlim_cur: 20 * 1024,
                rlim_max: 20 * 1024,
            };
            assert_eq!(libc::setrlimit(libc::RLIMIT_FSIZE, &limit), 0);
        }
        std::io::ErrorKind::FileTooLarge
    };
    let error =
        vindplaats::content::store::write(&file, &new, vindplaats::content::store::Mode::Replace)
            .expect_err("the save cannot fit");
    assert_eq!(error.kind(), expected, "{error}");
    assert!(
        std::fs::read(&file).unwrap() == old,
        "the old file was changed"
    );
    let mut left: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert!(
        left == ["verslag.md"] || left == ["verslag.md", "vol"],
        "left behind: {left:?}"
    );
    println!(
        "\nway={}",
        if tmpfs {
            "tmpfs (ENOSPC)"
        } else {
            "write limit (EFBIG)"
        }
    );
}

/// A content save on a full disk (`content::store::write`, as the editor and `new` save):
/// the error is the system's "full" (ENOSPC on a real, small tmpfs where the container allows
/// a mount namespace; EFBIG under a write limit where it does not), the old bytes stay whole
/// and no temporary file is left.
#[test]
fn a_content_save_on_a_full_disk_leaves_the_old_file() {
    let tmp = tempfile::tempdir().unwrap();
    let output = Command::new(std::env::current_exe().unwrap())
        .args([
            "failing_writes::full_disk_child_process",
            "--exact",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(FULL_DISK_ENV, tmp.path())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success() && stdout.contains("way="),
        "{stdout}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    eprintln!(
        "full disk during a content save: {}",
        stdout.lines().find(|l| l.starts_with("way=")).unwrap()
    );
}

/// Limits the child's file size to `bytes` (`RLIMIT_FSIZE`, as `ulimit -f` does) and leaves
/// `SIGXFSZ` at its default, which kills a process that writes past the limit: vindplaats itself
/// must ignore the signal so that the write fails with EFBIG, as on a full disk.
fn write_limit(command: &mut Command, bytes: u64) {
    // SAFETY: only async-signal-safe calls (signal, setrlimit) between fork and exec.
    unsafe {
        command.pre_exec(move || {
            libc::signal(libc::SIGXFSZ, libc::SIG_DFL);
            let limit = libc::rlimit {
                rlim_cur: bytes,
                rlim_max: bytes,
            };
            if libc::setrlimit(libc::RLIMIT_FSIZE, &limit) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
}

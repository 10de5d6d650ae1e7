//! `vindplaats wijzigingen`: the files of the built site that differ from the site online, by
//! their manifests ([`crate::manifest`]), so that a publish without rsync (robocopy, WinSCP, a
//! network folder) can upload only those and remove what is gone.

use std::fs;
use std::path::{Path, PathBuf};

use super::{EXIT_OK, EXIT_OTHER};
use crate::cli::ChangesArgs;
use crate::manifest::{self, Changes, Manifest};
use crate::text::kilobytes as kb;

/// The manifest of the last published site, in the site's folder, unless `--vorige` names one.
pub const PUBLISHED: &str = "gepubliceerd.sha256";

pub fn run(args: &ChangesArgs) -> i32 {
    match changes(args) {
        Ok(()) => EXIT_OK,
        Err(e) => {
            eprintln!("fout: {e:#}");
            EXIT_OTHER
        }
    }
}

fn changes(args: &ChangesArgs) -> anyhow::Result<()> {
    // In the wrong folder, say where to go, as every command does; and read the output folder
    // as `build` does: a config it cannot read is reported, not guessed around.
    crate::config::ensure_site(&args.root)?;
    let output = match &args.output {
        Some(o) => o.clone(),
        None => {
            let config =
                crate::config::Config::from_root(&args.root).map_err(|e| anyhow::anyhow!("{e}"))?;
            crate::site::output_dir(&config, &args.root, None)
        }
    };
    let built = output.join(manifest::FILE_NAME);
    if !built.exists() {
        anyhow::bail!(
            "in {} staat geen gebouwde site (het bestand {} ontbreekt).\n  tip: typ eerst vindplaats build",
            output.display(),
            manifest::FILE_NAME
        );
    }
    let new = Manifest::from_file(&built)?;
    let previous = args
        .vorige
        .clone()
        .unwrap_or_else(|| args.root.join(PUBLISHED));
    if args.gepubliceerd {
        fs::copy(&built, &previous).map_err(|e| {
            anyhow::anyhow!(
                "kan de lijst niet bewaren als {}: {}",
                previous.display(),
                crate::error::cause(&e, crate::error::Access::Write)
            )
        })?;
        println!(
            "Bewaard: de lijst met de {} bestanden van de site die nu online staat, in {}. De volgende keer toont vindplaats wijzigingen wat daarna veranderd is.",
            new.len(),
            previous.display()
        );
        return Ok(());
    }
    let before = if previous.exists() {
        Manifest::from_file(&previous)?
    } else {
        println!(
            "Er is nog geen lijst van de site die online staat ({}): alles is nieuw. Upload de hele map {}, en typ daarna vindplaats wijzigingen --gepubliceerd.",
            previous.display(),
            output.display()
        );
        Manifest::default()
    };
    let mut changes = new.changes_since(&before);
    // The manifest goes up with the files it lists, so that the server always holds the list
    // of what it serves (and the next publish can start from it).
    if !changes.upload.is_empty() || !changes.remove.is_empty() {
        let at = changes
            .upload
            .partition_point(|p| p.as_str() < manifest::FILE_NAME);
        changes.upload.insert(at, manifest::FILE_NAME.to_owned());
    }
    if let Some(to) = &args.naar {
        copy(&output, to, &changes.upload)?;
    }
    print(
        &output,
        &changes,
        new.len() + 1,
        before.is_empty(),
        args.naar.as_deref(),
    );
    Ok(())
}

/// Prints the lists (unless everything is new) and the totals of what to upload and remove.
fn print(output: &Path, changes: &Changes, files: usize, all_new: bool, naar: Option<&Path>) {
    let mut bytes = 0;
    if !all_new && !changes.upload.is_empty() {
        println!("Veranderd of nieuw ({}):", changes.upload.len());
    }
    for path in &changes.upload {
        bytes += fs::metadata(output.join(path))
            .map(|m| m.len())
            .unwrap_or(0) as usize;
        if !all_new {
            println!("  {path}");
        }
    }
    if !changes.remove.is_empty() {
        println!(
            "Niet meer op de site, weg te halen van de server ({}):",
            changes.remove.len()
        );
        for path in &changes.remove {
            println!("  {path}");
        }
    }
    println!(
        "Te uploaden: {} van de {} bestanden ({} KB){}. Te verwijderen van de server: {}.",
        changes.upload.len(),
        files,
        kb(bytes),
        match naar {
            Some(to) => format!(", gekopieerd naar {}", to.display()),
            None => String::new(),
        },
        match changes.remove.len() {
            0 => "niets".to_owned(),
            1 => "1 bestand".to_owned(),
            n => format!("{n} bestanden"),
        }
    );
}

/// Copies the files `paths` of the site in `from` into the folder `to`, with their folders;
/// `to` must be new or empty, so that it holds exactly what is to be uploaded.
fn copy(from: &Path, to: &PathBuf, paths: &[String]) -> anyhow::Result<()> {
    if fs::read_dir(to).is_ok_and(|mut entries| entries.next().is_some()) {
        anyhow::bail!(
            "de map {} bestaat al en is niet leeg: daarin zou meer staan dan wat veranderd is.\n  tip: kies een nieuwe map, of maak deze map eerst leeg",
            to.display()
        );
    }
    for path in paths {
        let target = to.join(path);
        let copied = target
            .parent()
            .map_or(Ok(()), fs::create_dir_all)
            .and_then(|()| fs::copy(from.join(path), &target));
        if let Err(e) = copied {
            anyhow::bail!(
                "kan {path} niet kopiëren naar {}: {}",
                to.display(),
                crate::error::cause(&e, crate::error::Access::Write)
            );
        }
    }
    Ok(())
}

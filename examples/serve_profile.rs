//! Times `serve`'s rebuild after a one-report edit, stage by stage, through the library:
//! `cargo run --release --example serve_profile -- ROOT [EDITS] [fast|update]`. ROOT is edited: use a
//! copy. `update`: the steps as `serve` runs them ([`Session::update`]), each with the time from
//! the save to its being handed over.
//! Besides wall times it gives the CPU time of each rebuild (both cores, from
//! `/proc/self/stat`): on a machine shared with other builds the wall times move with the
//! load, the CPU time much less.
//! With `VINDPLAATS_STEPS=1` the stages print their steps' times too (`src/steps.rs`).

use std::time::Instant;

use vindplaats::session::Session;
use vindplaats::site::BuildOptions;

fn main() {
    let mut args = std::env::args().skip(1);
    let root: std::path::PathBuf = args.next().expect("ROOT").into();
    let edits: usize = args.next().map_or(3, |n| n.parse().expect("EDITS"));
    // `fast`: only the fast path after each edit (to profile it), no full rebuild.
    let mode = args.next();
    let fast_only = mode.as_deref() == Some("fast");
    // `sequential`: the same steps one after the other (the fast index before the rebuild),
    // as `update` ran them before the two were made side by side: to compare.
    let sequential = mode.as_deref() == Some("sequential");
    let update = sequential || mode.as_deref() == Some("update");
    let opts = BuildOptions {
        root: root.clone(),
        output: None,
        base_url: Some("http://127.0.0.1:1111/".into()),
        concepts: true,
    };
    let mut session = Session::new(opts);
    session.rebuild().expect("builds");
    session.index().expect("a build").expect("indexes");
    let file = walkdir::WalkDir::new(root.join("content/rapporten"))
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .find(|e| e.path().extension().is_some_and(|x| x == "md"))
        .expect("a report")
        .into_path();
    for i in 0..edits {
        let mut text = std::fs::read_to_string(&file).unwrap();
        text.push_str(&format!("\nEen zin om te meten, {i}.\n"));
        std::fs::write(&file, text).unwrap();
        if update {
            let saved = Instant::now();
            let cpu_before = cpu_ms();
            let mut steps = Vec::new();
            let mut step = |step, _| {
                let name = match step {
                    vindplaats::session::Update::Edited(_) => "page",
                    vindplaats::session::Update::EditedIndex(_) => "fast index",
                    vindplaats::session::Update::Rebuilt(Ok(built)) => {
                        let stages: Vec<String> = built
                            .timings
                            .0
                            .iter()
                            .map(|(s, d)| format!("{s} {}", d.as_millis()))
                            .collect();
                        steps.push(format!("stages: {}", stages.join(", ")));
                        "whole site"
                    }
                    vindplaats::session::Update::Rebuilt(Err(_)) => "whole site (failed)",
                    vindplaats::session::Update::Index(_) => "index",
                };
                steps.push(format!("{name} {} ms", saved.elapsed().as_millis()));
            };
            if sequential {
                assert!(session.show_edited(std::slice::from_ref(&file), &mut step));
                session.show_all(&mut step);
            } else {
                session.update(std::slice::from_ref(&file), &mut step);
            }
            let cpu = cpu_ms() - cpu_before;
            println!("edit {i}: {} (CPU {cpu} ms)", steps.join(", "));
            continue;
        }
        let started = Instant::now();
        let shown = session.edited(std::slice::from_ref(&file));
        let fast = started.elapsed();
        assert!(shown.is_some(), "the fast path applies");
        if fast_only {
            println!("edit {i}: page shown in {} ms", fast.as_millis());
            continue;
        }
        let started = Instant::now();
        let cpu_before = cpu_ms();
        let built = session.rebuild().expect("builds");
        let pages = started.elapsed();
        let cpu = cpu_ms() - cpu_before;
        let started = Instant::now();
        session.index().expect("a build").expect("indexes");
        let index = started.elapsed();
        let stages: Vec<String> = built
            .timings
            .0
            .iter()
            .map(|(s, d)| format!("{s} {} ms", d.as_millis()))
            .collect();
        println!(
            "edit {i}: page shown in {} ms, pages {} ms ({}; CPU {cpu} ms), index {} ms",
            fast.as_millis(),
            pages.as_millis(),
            stages.join(", "),
            index.as_millis()
        );
    }
}

/// The CPU time this process has used (user and system, all threads), in ms; 0 where
/// `/proc` is missing.
fn cpu_ms() -> u64 {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return 0;
    };
    // After the command's name in parentheses: utime and stime are fields 14 and 15, in
    // clock ticks (100 a second on Linux).
    let rest = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
    let ticks: u64 = rest
        .split_whitespace()
        .skip(11)
        .take(2)
        .filter_map(|f| f.parse::<u64>().ok())
        .sum();
    ticks * 10
}

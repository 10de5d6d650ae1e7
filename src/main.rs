use clap::Parser;
use vindplaats::cli::{Cli, Command};
use vindplaats::cmd;

/// jemalloc on Linux. glibc's malloc mapped and unmapped every large buffer afresh (system
/// time above the build's own work, 2026-11-28) and, measured again at 10,000 reports, still
/// takes 2 s more CPU than the others (+22 %). mimalloc (3.3, freed memory kept 100 ms) peaked
/// at 410–428 MB (median 418): the site's records sit in pages it shares with what parse and
/// the index freed, and those stay. jemalloc, handing freed pages back after 500 ms
/// (`dirty_decay_ms`, below; its default is 10 s), peaked at 385–395 MB (median 391) with the
/// same CPU and wall time, 20 interleaved pairs; after 200 ms, 5 MB lower still
/// (BENCHMARKS.md, "Peak memory: allocators").
#[cfg(target_os = "linux")]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

/// jemalloc's options, read by jemalloc itself at its start (`malloc_conf`; the environment's
/// `_RJEM_MALLOC_CONF` comes after it, to try others). Freed pages go back to the system after
/// 200 ms: at 10,000 reports 10 s (the default) peaked at 424 MB, 1 s at 391–399 MB, 500 ms at
/// 390–395 MB but 397–398 MB in runs as fast as on a quiet machine (the delay is wall time, not
/// work), 200 ms at 383–392 MB (7 pairs with 500 ms, each lower, the same CPU time), 100 ms
/// with a third more system time, 0 ms at 376 MB but twice the system time.
#[cfg(target_os = "linux")]
#[unsafe(export_name = "_rjem_malloc_conf")]
static JEMALLOC_CONF: Option<&'static std::ffi::c_char> =
    // SAFETY: a pointer to the first byte of a static, NUL-terminated string, as jemalloc reads it.
    Some(unsafe { &*c"dirty_decay_ms:200".as_ptr() });

/// mimalloc elsewhere (jemalloc does not build for Windows' MSVC): it keeps and reuses the large
/// buffers glibc's malloc mapped afresh each time.
#[cfg(not(target_os = "linux"))]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's option `purge_delay` (`mi_option_purge_delay` in mimalloc 3's `mimalloc.h`;
/// libmimalloc-sys names no constant for it).
#[cfg(not(target_os = "linux"))]
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

fn main() {
    // mimalloc 3 keeps freed memory a second (purge_delay 1000 ms) before it goes back to the
    // system. A build frees and allocates hundreds of MB within that second from stage to
    // stage (the search text and the index's term lists, then render's pages), so the peak
    // was the index stage's high-water mark plus render's. Measured at 10,000 reports,
    // interleaved: peak RSS 504–524 MB by default, 476–480 MB at 100 ms with the same time,
    // 443–448 MB at 0 ms but 10 % more wall time and twice the system time.
    // SAFETY: sets a number in mimalloc's option table; no pointers, any thread, any time.
    #[cfg(not(target_os = "linux"))]
    unsafe {
        libmimalloc_sys::mi_option_set(PURGE_DELAY, 100)
    };
    // No transparent huge pages: mimalloc asked for them on its arenas (MADV_HUGEPAGE), and
    // each memory purge then cost the kernel a whole 2 MB page zeroed again on the next
    // touch (clear_page_erms was 10 % of a build's CPU time at 10,000 reports). Without them,
    // interleaved at 10,000 reports: CPU time 13.1 → 11.9 s (system 1.8 → 0.8 s), peak RSS
    // 460 → 431 MB. jemalloc does not ask for them; the flag stays for systems that give them
    // to every process (`transparent_hugepage/enabled` = always; this one has `madvise`, so
    // jemalloc was not measured with them). The flag is the process's own and overrides any
    // madvise.
    // SAFETY: sets a flag of this process; no pointers.
    #[cfg(target_os = "linux")]
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
    // A write limit (`ulimit -f`, as CI runners and systemd units set it) sends SIGXFSZ, whose
    // default is to kill the process on the spot: exit 153, the staging folder left behind.
    // Ignored, the write fails with EFBIG instead and takes the path of every failed write:
    // exit 2, "de schijf is vol of een schrijflimiet is bereikt", the old site and content
    // files as they were, nothing left behind.
    // SAFETY: sets the disposition of one signal to "ignore", before any thread is started.
    #[cfg(unix)]
    unsafe {
        libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
    }
    let cli = Cli::parse();
    let code = match &cli.command {
        Command::Build(args) => cmd::build::run(args),
        Command::Check(args) => cmd::check::run(args),
        Command::New(args) => cmd::new::run(args),
        Command::Serve(args) => cmd::serve::run(args),
        Command::Wijzigingen(args) => cmd::changes::run(args),
        Command::SearchTerms(args) => cmd::search_terms::run(args),
        Command::Sentences => cmd::search_terms::sentences(),
    };
    std::process::exit(code);
}

use clap::Parser;
use vindplaats::cli::{Cli, Command};
use vindplaats::cmd;

/// glibc's malloc maps and unmaps every large buffer (pages, index shards) afresh: with two
/// threads that is contention on the process's memory map and zeroed pages, more system time
/// than the build's own work (measured: 1.3–2.8 s of 2 s). mimalloc keeps and reuses them.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's option `purge_delay` (`mi_option_purge_delay` in mimalloc 3's `mimalloc.h`;
/// libmimalloc-sys names no constant for it).
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

fn main() {
    // mimalloc 3 keeps freed memory a second (purge_delay 1000 ms) before it goes back to the
    // system. A build frees and allocates hundreds of MB within that second from stage to
    // stage (the search text and the index's term lists, then render's pages), so the peak
    // was the index stage's high-water mark plus render's. Measured at 10,000 reports,
    // interleaved: peak RSS 504–524 MB by default, 476–480 MB at 100 ms with the same time,
    // 443–448 MB at 0 ms but 10 % more wall time and twice the system time.
    // SAFETY: sets a number in mimalloc's option table; no pointers, any thread, any time.
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, 100) };
    // No transparent huge pages: mimalloc asks for them on its arenas (MADV_HUGEPAGE), and
    // each memory purge then costs the kernel a whole 2 MB page zeroed again on the next
    // touch (clear_page_erms was 10 % of a build's CPU time at 10,000 reports). Without them,
    // interleaved at 10,000 reports: CPU time 13.1 → 11.9 s (system 1.8 → 0.8 s), peak RSS
    // 460 → 431 MB. The flag is the process's own and overrides mimalloc's madvise.
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

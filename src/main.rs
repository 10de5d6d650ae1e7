use clap::Parser;
use vindplaats::cli::{Cli, Command};
use vindplaats::cmd;

/// glibc's malloc maps and unmaps every large buffer (pages, index shards) afresh: with two
/// threads that is contention on the process's memory map and zeroed pages, more system time
/// than the build's own work (measured: 1.3–2.8 s of 2 s). mimalloc keeps and reuses them.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let cli = Cli::parse();
    let code = match &cli.command {
        Command::Build(args) => cmd::build::run(args),
        Command::Check(args) => cmd::check::run(args),
        Command::New(args) => cmd::new::run(args),
        Command::Serve(args) => cmd::serve::run(args),
        Command::SearchTerms(args) => cmd::search_terms::run(args),
    };
    std::process::exit(code);
}

use clap::Parser;
use vindplaats::cli::{Cli, Command};
use vindplaats::cmd;

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

//! The `casebook` command: the desktop app, or one of the subcommands of `cli`.

use std::process::ExitCode;

fn main() -> ExitCode {
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("warn")).init();
    casebook::cli::main()
}

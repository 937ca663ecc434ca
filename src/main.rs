//! The `casebook` command: the desktop app, or `casebook check` for case authors.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(name = "casebook", version, about = "Read, annotate and teach with case studies.")]
struct Cli {
    /// A case folder, a Markdown file or a folder of cases to open.
    path: Option<PathBuf>,
    /// Start without the remembered library, last case and settings.
    #[arg(long)]
    fresh: bool,
    #[command(subcommand)]
    command: Option<Sub>,
}

#[derive(Subcommand)]
enum Sub {
    /// Check cases for problems, the way a linter does: `path:line:col: error|warning: message`.
    Check {
        /// Print one JSON object instead of lines.
        #[arg(long)]
        json: bool,
        /// Case folders, Markdown files or folders of cases.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
}

fn main() -> ExitCode {
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("warn")).init();
    let cli = Cli::parse();
    match cli.command {
        Some(Sub::Check { json, paths }) => check(json, &paths),
        None => match gui(cli.path, cli.fresh) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("casebook: {e:#}");
                ExitCode::FAILURE
            }
        },
    }
}

#[allow(clippy::print_stdout)]
fn check(json: bool, paths: &[PathBuf]) -> ExitCode {
    let report = casebook::check::check(paths);
    if json {
        match serde_json::to_string(&report) {
            Ok(s) => println!("{s}"),
            Err(e) => {
                eprintln!("casebook: cannot write the report: {e}");
                return ExitCode::from(2);
            }
        }
    } else {
        print!("{}", report.to_text());
    }
    if report.error_count() > 0 { ExitCode::FAILURE } else { ExitCode::SUCCESS }
}

fn gui(path: Option<PathBuf>, fresh: bool) -> anyhow::Result<()> {
    let start = casebook::ui::Start { path, data_dir: casebook::ui::Start::data_dir(), fresh };
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Casebook")
            .with_app_id("casebook")
            .with_inner_size([1360.0, 880.0])
            .with_min_inner_size([640.0, 420.0]),
        ..Default::default()
    };
    eframe::run_native("Casebook", options, Box::new(|cc| Ok(Box::new(casebook::App::new(cc, start)))))
        .map_err(|e| anyhow::anyhow!("cannot open a window: {e}"))
}

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

#[derive(Clone, Copy, clap::ValueEnum)]
enum ExportFormat {
    /// W3C Web Annotation JSON-LD, with TextQuote and TextPosition selectors.
    W3c,
    /// The case's timeline as a TimelineJS3 document.
    Timelinejs,
    /// Objectives, plan, questions with teaching notes, key passages and timeline, as Markdown.
    TeachingNoteMd,
    /// The teaching note as one HTML file that prints well.
    TeachingNoteHtml,
    /// The questions and shared passages only, for students, as Markdown.
    HandoutMd,
    /// The student handout as one HTML file that prints well.
    HandoutHtml,
    /// A case pack for students: a folder (`-o DIR`, new or empty) with case.md, its images and
    /// the instructor layer without anything private.
    Pack,
    /// Notes as Markdown: passages with notes by section, answers, and timeline events.
    NotesMd,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum LayerChoice {
    Instructor,
    /// The student's own layer, beside the case or in the data directory.
    Student,
}

#[derive(Subcommand)]
enum Sub {
    /// Export a case's annotations, timeline, teaching note or student handout.
    Export {
        #[arg(long, value_enum)]
        format: ExportFormat,
        /// A case folder or Markdown file.
        case: PathBuf,
        /// Where to write; standard output when absent.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Whose notes, for notes-md.
        #[arg(long, value_enum, default_value = "instructor")]
        layer: LayerChoice,
    },
    /// Import W3C annotations (a JSON array of Annotations) or a TimelineJS3 document into a
    /// case's instructor layer; the kind is recognised from the file.
    Import {
        /// A case folder or Markdown file.
        case: PathBuf,
        /// The JSON file to import.
        file: PathBuf,
    },
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
        Some(Sub::Export { format, case, output, layer }) => report(export(format, &case, output.as_deref(), layer)),
        Some(Sub::Import { case, file }) => report(import(&case, &file)),
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

fn report(result: anyhow::Result<()>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("casebook: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn export(
    format: ExportFormat,
    case: &std::path::Path,
    output: Option<&std::path::Path>,
    layer_choice: LayerChoice,
) -> anyhow::Result<()> {
    use casebook::notes::{pack, store};
    use casebook::plan::export::Document;
    let case_file = casebook::case::case_file(case)?;

    let case = casebook::case::load(&case_file)?;
    let layer = casebook::notes::store::load(&casebook::notes::store::instructor_path(&case_file))?.layer;
    let json = |value: serde_json::Value| serde_json::to_string_pretty(&value).map(|s| s + "\n");
    let text = match format {
        ExportFormat::W3c => {
            let source = case_file.file_name().map_or_else(String::new, |n| n.to_string_lossy().into_owned());
            json(casebook::notes::w3c::export(&layer, &source))?
        }
        ExportFormat::Timelinejs => json(casebook::timeline::timelinejs::export_case(&case, &layer))?,
        ExportFormat::TeachingNoteMd => Document::TeachingNoteMd.render(&case, &layer),
        ExportFormat::TeachingNoteHtml => Document::TeachingNoteHtml.render(&case, &layer),
        ExportFormat::HandoutMd => Document::HandoutMd.render(&case, &layer),
        ExportFormat::HandoutHtml => Document::HandoutHtml.render(&case, &layer),
        ExportFormat::NotesMd => {
            let mine = match layer_choice {
                LayerChoice::Instructor => layer.clone(),
                LayerChoice::Student => {
                    let (path, _) = store::student_path(&case_file, &casebook::ui::Start::data_dir());
                    store::load(&path)?.layer
                }
            };
            casebook::plan::export::notes_md(&case, &mine, &pack::strip_private(&layer), "")
        }
        ExportFormat::Pack => {
            let out = output.ok_or_else(|| anyhow::anyhow!("a pack is a folder: name it with -o DIR"))?;
            let files = pack::export_pack(&case_file, out)?;
            eprintln!("wrote a case pack of {} files to {}", files.len(), out.display());
            return Ok(());
        }
    };
    write_out(&text, output)
}

#[allow(clippy::print_stdout)]
fn write_out(text: &str, output: Option<&std::path::Path>) -> anyhow::Result<()> {
    match output {
        Some(path) => casebook::notes::store::write_atomic(path, text.as_bytes())
            .map_err(|e| anyhow::anyhow!("{}: cannot write: {e}", path.display()))?,
        None => print!("{text}"),
    }
    Ok(())
}

fn import(case: &std::path::Path, file: &std::path::Path) -> anyhow::Result<()> {
    let case_file = casebook::case::case_file(case)?;
    let report = casebook::notes::import_file(&case_file, file)?;
    for why in &report.skipped {
        eprintln!("casebook: {}: skipped {why}", file.display());
    }
    eprintln!(
        "imported {} new and {} updated {} into {}",
        report.added,
        report.updated,
        report.what,
        casebook::notes::store::instructor_path(&case_file).display()
    );
    Ok(())
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

//! The command line: the window by default, or `check`, `export`, `import` and `convert`, which call the
//! same functions of the core as the window does.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context as _;
use casebook_core::case;
use casebook_core::check::printable;
use casebook_core::formats::export::{self, Format, Sources};
use casebook_core::layer::store;
use casebook_core::session::{Role, Session};
use casebook_core::shared::{LayerView, Results};
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

/// The export formats, as `--format` names them.
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

impl From<ExportFormat> for Format {
    fn from(f: ExportFormat) -> Self {
        match f {
            ExportFormat::W3c => Format::W3c,
            ExportFormat::Timelinejs => Format::Timelinejs,
            ExportFormat::TeachingNoteMd => Format::TeachingNoteMd,
            ExportFormat::TeachingNoteHtml => Format::TeachingNoteHtml,
            ExportFormat::HandoutMd => Format::HandoutMd,
            ExportFormat::HandoutHtml => Format::HandoutHtml,
            ExportFormat::Pack => Format::Pack,
            ExportFormat::NotesMd => Format::NotesMd,
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum LayerChoice {
    Instructor,
    /// The student's own layer, beside the case or in the data directory.
    Student,
}

#[derive(Subcommand)]
enum Sub {
    /// Export a case's annotations, timeline, teaching note, student handout, notes or pack.
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
        /// Put vote tallies and Council ballots in a pack (left out by default, so students
        /// don't see the results before class).
        #[arg(long)]
        include_results: bool,
        /// Replace the output file if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Import W3C Web Annotations, a Hypothesis export or a TimelineJS document (version 3 or 2)
    /// into a case's instructor layer; the kind is recognised from the file.
    Import {
        /// A case folder or Markdown file.
        case: PathBuf,
        /// The JSON file to import.
        file: PathBuf,
        /// Import every annotation as private: only for the instructor, never for students or
        /// the projector. (Hypothesis annotations only their author or a private group could
        /// read are private anyway.)
        #[arg(long)]
        private: bool,
    },
    /// Serve one question of a case's plan to the room's phones until interrupted (SIGINT,
    /// SIGTERM); then save the round in the instructor layer and print it as JSON.
    Serve {
        /// A case folder or Markdown file.
        case: PathBuf,
        /// The question, counted from 1 in the order the plan shows them.
        #[arg(long)]
        question: usize,
        /// The address to listen on and to show; the best LAN address when absent.
        #[arg(long)]
        bind: Option<std::net::IpAddr>,
        /// The port; 7420, or a free one if it is taken, when absent (0: any free one).
        #[arg(long)]
        port: Option<u16>,
    },
    /// Make a case of a PDF, a Word file (.docx), a saved web page (.html) or a Markdown file:
    /// case.md with front matter, the body in Markdown and the images beside it. Prints what
    /// was found and what was left out; fails when nothing usable came out.
    Convert {
        /// The document.
        file: PathBuf,
        /// The new case folder (it must not exist, or be empty).
        #[arg(short, long)]
        output: PathBuf,
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

/// Runs the command line; with no subcommand, the window.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Some(Sub::Check { json, paths }) => return check(json, &paths),
        Some(Sub::Export { format, case, output, layer, include_results, force }) => {
            let results = if include_results { Results::Include } else { Results::Leave };
            export(format.into(), &case, output.as_deref(), layer, results, force)
        }
        Some(Sub::Import { case, file, private }) => import(&case, &file, private),
        Some(Sub::Convert { file, output }) => convert(&file, &output),
        Some(Sub::Serve { case, question, bind, port }) => crate::live::serve::run(&case, question, bind, port),
        None => crate::ui::run(cli.path, cli.fresh),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("casebook: {}", printable(&describe(&e)));
            ExitCode::FAILURE
        }
    }
}

/// The error and its causes, each said once: the core's errors already name their cause in
/// their message, and a context added here does not.
fn describe(error: &anyhow::Error) -> String {
    let mut text = String::new();
    for cause in error.chain().map(ToString::to_string) {
        if !text.contains(&cause) {
            if !text.is_empty() {
                text.push_str(": ");
            }
            text.push_str(&cause);
        }
    }
    text
}

#[allow(clippy::print_stdout)]
fn check(json: bool, paths: &[PathBuf]) -> ExitCode {
    let report = casebook_core::check::check(paths);
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

#[allow(clippy::print_stdout)]
fn export(
    format: Format,
    case: &Path,
    output: Option<&Path>,
    whose: LayerChoice,
    results: Results,
    force: bool,
) -> anyhow::Result<()> {
    let case_file = case::case_file(case)?;
    let case = case::load(&case_file)?;
    let instructor = store::load(&store::instructor_path(&case_file))?.layer;
    let student = match whose {
        LayerChoice::Student => {
            let path = store::existing_student_path(&case_file, &crate::data_dir())
                .with_context(|| format!("{}: this case has no student notes yet", case_file.display()))?;
            Some(store::load(&path)?.layer)
        }
        LayerChoice::Instructor => None,
    };
    let sources = Sources {
        case: &case,
        instructor: LayerView::Full(&instructor),
        mine: student.as_ref().unwrap_or(&instructor),
        author: "",
        results,
    };
    match (output, format.is_folder()) {
        (Some(out), _) => eprintln!("{}", printable(&export::write(format, sources, out, force)?)),
        (None, true) => anyhow::bail!("a pack is a folder: name it with -o DIR"),
        (None, false) => print!("{}", export::render(format, sources)?.unwrap_or_default()),
    }
    Ok(())
}

/// Imports through an editing session, as the window does, and saves at once.
fn import(case: &Path, file: &Path, private: bool) -> anyhow::Result<()> {
    let case_file = case::case_file(case)?;
    let case = case::load(&case_file)?;
    let (mut session, _) = Session::open(case, Role::Instructor, &crate::data_dir());
    if session.student().is_some() {
        anyhow::bail!("{}: this is a student case pack; import into the instructor's case", case_file.display());
    }
    if let Some(problem) = session.problem() {
        anyhow::bail!("{problem}");
    }
    let report = session.import(file, private, 0.0)?;
    session.save_now()?;
    for why in &report.skipped {
        eprintln!("casebook: {}", printable(&format!("{}: skipped {why}", file.display())));
    }
    for what in &report.not_carried {
        eprintln!("casebook: {}", printable(&format!("{}: not carried: {what}", file.display())));
    }
    let path = session.layer_path().display().to_string();
    eprintln!(
        "imported {} new, {} updated and {} unchanged {} into {}",
        report.added,
        report.updated,
        report.unchanged,
        report.what,
        printable(&path)
    );
    Ok(())
}

/// Converts a document into a new case folder and prints the import report.
#[allow(clippy::print_stdout)]
fn convert(file: &Path, output: &Path) -> anyhow::Result<()> {
    use casebook_core::convert::{self, Destination, Limits};
    let mut last_percent = None;
    let mut progress = |done: u32, total: u32| {
        // Only a long document is worth a progress line, and only once per tenth.
        let percent = (total >= 50).then(|| done * 10 / total.max(1));
        if percent.is_some() && percent != last_percent {
            last_percent = percent;
            eprint!("\rconverting: {done} of {total}");
        }
        true
    };
    let imported = convert::import(file, Destination::Folder(output), &Limits::default(), &mut progress);
    if last_percent.is_some() {
        eprintln!();
    }
    let imported = imported?;
    for line in imported.report.to_string().lines() {
        println!("{}", printable(line));
    }
    println!("wrote {}", printable(&imported.dir.join(case::CASE_FILE).display().to_string()));
    Ok(())
}

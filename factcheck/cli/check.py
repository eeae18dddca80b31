"""`factcheck check FILE...` (also plain `factcheck FILE...`): read, check and report.

Exit codes (DESIGN.md): 0 nothing at or above --fail-on; 1 findings at or above it; 2 the tool
could not do its job. Errors are one line on stderr (`factcheck: error: ...`), never a traceback.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional

import typer

from factcheck import __version__
from factcheck.cli.app import app
from factcheck.cli.config import Settings, check_choice, find_config, parse_date, settings_for
from factcheck.document.reader import MAX_BYTES
from factcheck.errors import ConfigError, FactcheckError, InputError
from factcheck.safe_files import refuse_inputs, write_text_safely

# The stages (document conversion, report, and through them verify, spaCy and pandas) are imported
# where a check needs them, so `factcheck --help`, `--version` and the other commands start fast.
if TYPE_CHECKING:
    from factcheck.document.model import SourceDocument
    from factcheck.report import DocumentReport, Report


def fail(message: str) -> typer.Exit:
    typer.echo(f"factcheck: error: {' '.join(str(message).split())}", err=True)
    return typer.Exit(2)


def _print_version(value: bool) -> None:
    if value:
        typer.echo(f"factcheck {__version__}")
        raise typer.Exit(0)


@app.callback()
def _root(version: bool = typer.Option(False, "--version", is_eager=True, callback=_print_version,
                                       help="Print the version and exit.")) -> None:
    """Check the numbers in trade journalism against reference trade data."""


# ---- the pipeline, looked up late so tests can stand in for it and `factcheck --help` stays fast
_CATALOGS: dict[tuple[str | None, tuple[str, ...]], Any] = {}


def load_catalog(data_dir: str | None, prefer: tuple[str, ...]):
    key = (data_dir, prefer)
    if key not in _CATALOGS:
        from factcheck.reference import Catalog

        catalog = Catalog.load(data_dir=Path(data_dir) if data_dir else None, preferred=prefer)
        known = {info.id for info in catalog.datasets()}
        unknown = [p for p in prefer if p not in known]
        if unknown:  # a misspelt preference would silently change nothing
            raise ConfigError(f"--prefer {', '.join(unknown)}: no such dataset (known: {', '.join(sorted(known))})")
        _CATALOGS[key] = catalog
    return _CATALOGS[key]


@dataclass(frozen=True)
class Job:
    doc: SourceDocument
    settings: Settings
    data_dir: str | None


def run_pipeline(doc: SourceDocument, catalog, settings: Settings) -> DocumentReport:
    from factcheck.pipeline import check_document

    return check_document(doc, catalog, _options(settings))


def run_pipeline_batch(docs: list[SourceDocument], catalog, settings: Settings) -> list[DocumentReport]:
    from factcheck.pipeline import check_documents

    return list(check_documents(docs, catalog, _options(settings)))


def check_job(job: Job) -> DocumentReport | str:
    """One document through the pipeline; an error becomes one line (run in a worker with --jobs)."""
    try:
        catalog = load_catalog(job.data_dir, job.settings.prefer)
        return run_pipeline(job.doc, catalog, job.settings)
    except FactcheckError as exc:
        return f"{job.doc.path}: {exc}"
    except Exception as exc:  # noqa: BLE001 - any failure is exit 2 with one line, never a traceback
        return f"{job.doc.path}: internal error: {exc.__class__.__name__}: {exc}"


def check_batch(jobs: list[Job]) -> list[DocumentReport | str]:
    """Jobs that share settings, their texts read through spaCy's `nlp.pipe` together. If anything
    fails, the batch is redone one document at a time so the error names its file."""
    first = jobs[0]
    try:
        catalog = load_catalog(first.data_dir, first.settings.prefer)
        return run_pipeline_batch([j.doc for j in jobs], catalog, first.settings)
    except Exception:  # noqa: BLE001 - isolate the failing document below
        return [check_job(job) for job in jobs]


def _options(settings: Settings):
    from factcheck.pipeline import CheckOptions

    return CheckOptions(as_of=settings.as_of, tolerances=settings.tolerances)


def batches(jobs: list[Job], size: int) -> list[list[Job]]:
    """Consecutive jobs with the same settings and data, at most `size` at a time."""
    out: list[list[Job]] = []
    for job in jobs:
        if out and len(out[-1]) < size and out[-1][0].settings == job.settings and out[-1][0].data_dir == job.data_dir:
            out[-1].append(job)
        else:
            out.append([job])
    return out


def _progress():
    """A progress bar on stderr, only when stderr is a terminal (piped output stays clean)."""
    if not sys.stderr.isatty():
        return None
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    return Progress(TextColumn("checking"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                    console=Console(stderr=True), transient=True, auto_refresh=False)


BATCH_SIZE = 32  # documents per nlp.pipe batch


def usable_cores() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def worker_count(requested: int, batch_count: int) -> int:
    """Never more workers than batches to give them or cores to run them (`--jobs 100000` forked
    100,000 processes and met the OOM killer)."""
    return max(1, min(requested, batch_count, usable_cores()))


def _stop_workers(pool: ProcessPoolExecutor) -> None:
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        process.kill()
    pool.shutdown(wait=False, cancel_futures=True)


def _die_with_parent(parent: int) -> None:
    """Worker initializer: a worker must not outlive the run that started it. On Linux the kernel
    sends SIGKILL when the parent dies (prctl PR_SET_PDEATHSIG), even if the parent was killed with
    SIGKILL; elsewhere a watcher thread notices the parent is gone within half a second."""
    import signal
    import threading
    import time

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG = 1
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent:  # the parent died before the line above ran
        os._exit(1)

    def watch() -> None:
        while True:
            time.sleep(0.5)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


def run_jobs(jobs: list[Job], workers: int) -> list[DocumentReport | str]:
    progress = _progress() if len(jobs) > 1 else None
    results: list[DocumentReport | str] = []
    task = progress.add_task("check", total=len(jobs)) if progress else None
    if progress:
        progress.start()
    try:
        if workers > 1 and len(jobs) > 2:
            # The first document runs here, so the spaCy pipeline and the stages' caches are loaded
            # once and shared by the forked workers (fork: no progress thread runs, see _progress).
            results.append(check_job(jobs[0]))
            if progress:
                progress.advance(task), progress.refresh()
            methods = multiprocessing.get_all_start_methods()
            context = multiprocessing.get_context("fork" if "fork" in methods else None)
            rest = jobs[1:]
            size = max(1, min(BATCH_SIZE, len(rest) // (workers * 4)))
            work = batches(rest, size)
            pool = ProcessPoolExecutor(max_workers=worker_count(workers, len(work)), mp_context=context,
                                       initializer=_die_with_parent, initargs=(os.getpid(),))
            try:
                for done in pool.map(check_batch, work):
                    results.extend(done)
                    if progress:
                        progress.advance(task, len(done)), progress.refresh()
            except BaseException:  # Ctrl-C or an error: stop the workers now, not after the queue
                _stop_workers(pool)
                raise
            pool.shutdown()
        else:
            for batch in batches(jobs, BATCH_SIZE):
                done = check_batch(batch)
                results.extend(done)
                if progress:
                    progress.advance(task, len(done)), progress.refresh()
    finally:
        if progress:
            progress.stop()
    return results


# ---- reading inputs and writing outputs
def read_input(path: str, input_format: str | None, max_bytes: int) -> SourceDocument:
    from factcheck.document import read_document, read_stdin

    if path == "-":
        return read_stdin(format=input_format or "text", max_bytes=max_bytes)
    return read_document(path, format=input_format, max_bytes=max_bytes)


def refuse_clobber(target: Path, inputs: list[str], option: str = "--output") -> None:
    """Never write a report or baseline over an article being checked."""
    refuse_inputs(target, inputs, option)
    if target.is_dir():
        raise ConfigError(f"{option} {target} is a directory")


def write_atomically(target: Path, text: str) -> None:
    """The report to `target` (see factcheck/safe_files.py: atomic for regular files, in place for
    devices and FIFOs, modes kept, temporary files removed)."""
    write_text_safely(target, text, option="--output")


def write_stdout(text: str) -> None:
    """The report on stdout; a full device or a closed pipe is one clear error, not a traceback."""
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader went away (`factcheck ... | head`): nothing more to say, as other CLI tools do.
        _silence_stdout()
    except OSError as exc:
        _silence_stdout()
        raise ConfigError(f"cannot write the report to stdout ({exc.strerror or exc})") from None


def _silence_stdout() -> None:
    """Point stdout at the null device so Python's own flush at exit does not fail a second time."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):  # stdout is not a real file (a test runner's buffer)
        pass


def exit_code(report: Report, fail_on: str) -> int:
    from factcheck.verify.model import VERDICT_RANK

    if fail_on == "never":
        return 0
    threshold = VERDICT_RANK[fail_on]
    failing = any(VERDICT_RANK[lf.finding.verdict] >= threshold for doc in report.documents for lf in doc.findings)
    return 1 if failing else 0


@app.command("check")
def check_command(
    files: Optional[list[str]] = typer.Argument(None, metavar="FILE...", show_default=False,
        help="Articles (.txt, .md, .html), folders (searched recursively) or - for stdin."),
    format: Optional[str] = typer.Option(None, "--format", "-f", show_default=False,
        help="Report format: terminal, json, sarif, github, markdown or jsonl. [default: terminal]"),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write the report to FILE (atomically)."),
    fail_on: Optional[str] = typer.Option(None, "--fail-on", show_default=False,
        help="Exit 1 when a finding is at or above: contradicted, approximate, unverifiable or never. [default: contradicted]"),
    as_of: Optional[str] = typer.Option(None, "--as-of", help="Date (YYYY-MM-DD) that relative periods such as 'last year' refer to."),
    explain: bool = typer.Option(False, "--explain", help="Show each sentence, the evidence rows and the arithmetic."),
    jobs: int = typer.Option(1, "--jobs", "-j", help="Check files in N processes."),
    baseline: Optional[Path] = typer.Option(None, "--baseline", help="Hide findings recorded in this baseline file."),
    write_baseline_to: Optional[Path] = typer.Option(None, "--write-baseline", help="Record the current findings as a baseline file."),
    config: Optional[Path] = typer.Option(None, "--config", help="Use this config file instead of searching upward from each file."),
    data_dir: Optional[Path] = typer.Option(None, "--data-dir", help="Folder of imported reference datasets."),
    prefer: Optional[list[str]] = typer.Option(None, "--prefer", help="Prefer this dataset id when sources disagree (repeatable)."),
    include: Optional[list[str]] = typer.Option(None, "--include", help="Glob of files to check inside folders (repeatable)."),
    exclude: Optional[list[str]] = typer.Option(None, "--exclude", help="Glob of files to skip (repeatable)."),
    input_format: Optional[str] = typer.Option(None, "--input-format", help="Read inputs as text, markdown or html whatever their extension (useful with -)."),
    max_bytes: int = typer.Option(MAX_BYTES, "--max-bytes", help="Refuse input files larger than this."),
    version: bool = typer.Option(False, "--version", is_eager=True, callback=_print_version, help="Print the version and exit."),
) -> None:
    """Check the numbers in articles against reference trade data."""
    request = Request(files or [], format, output, fail_on, as_of, explain, jobs, baseline, write_baseline_to,
                      config, data_dir, tuple(prefer or ()), tuple(include or ()), tuple(exclude or ()),
                      input_format, max_bytes)
    try:
        code = run_check(request)
    except FactcheckError as exc:
        raise fail(str(exc)) from None
    except Exception as exc:  # noqa: BLE001 - exit 2 with one line, never a traceback
        raise fail(f"internal error: {exc.__class__.__name__}: {exc}") from None
    raise typer.Exit(code)


@dataclass(frozen=True)
class Request:
    """The command line as given (None: not given, so the config file or the default decides)."""

    files: list[str]
    format: str | None
    output: Path | None
    fail_on: str | None
    as_of: str | None
    explain: bool
    jobs: int
    baseline: Path | None
    write_baseline: Path | None
    config: Path | None
    data_dir: Path | None
    prefer: tuple[str, ...]
    include: tuple[str, ...]
    exclude: tuple[str, ...]
    input_format: str | None
    max_bytes: int


def run_check(request: Request) -> int:
    """Read, check, report; returns the exit code. Raises FactcheckError when the tool cannot work."""
    from factcheck.document import iter_input_files
    from factcheck.report import Report, formats, render
    from factcheck.report.baseline import apply_baseline, load_baseline, write_baseline
    from factcheck.report.github import write_step_summary

    files, config, output = request.files, request.config, request.output
    if not files:
        raise InputError("give one or more files, folders, or - to read stdin")
    if request.jobs < 1:
        raise ConfigError("--jobs must be at least 1")
    if request.input_format is not None:
        check_choice(request.input_format, ("text", "markdown", "html"), "--input-format")
    cli_values: dict[str, Any] = {
        "format": request.format, "fail-on": request.fail_on,
        "as-of": parse_date(request.as_of, "command line") if request.as_of else None,
        "prefer": request.prefer, "include": request.include, "exclude": request.exclude,
    }
    known_formats = formats()
    first = next((Path(f) for f in files if f != "-"), None)
    run_settings = settings_for(first, config, cli_values, known_formats)
    paths = list(iter_input_files(files, run_settings.include, run_settings.exclude))
    if output is not None:
        refuse_clobber(output, paths)
    if request.write_baseline is not None:
        refuse_clobber(request.write_baseline, paths, "--write-baseline")
    known = load_baseline(request.baseline) if request.baseline is not None else None
    data_dir = str(request.data_dir) if request.data_dir else None

    settings_by_config: dict[Any, Settings] = {}
    job_list = []
    for path in paths:
        doc = read_input(path, request.input_format, request.max_bytes)
        key = config or (find_config(Path(path)) if path != "-" else find_config(Path.cwd()))
        if key not in settings_by_config:
            settings_by_config[key] = settings_for(Path(path) if path != "-" else None, config, cli_values, known_formats)
        job_list.append(Job(doc, settings_by_config[key], data_dir))

    catalogs = {}
    for job in job_list:  # loaded here so a broken dataset fails once, and forked workers share it
        key = (job.data_dir, job.settings.prefer)
        if key not in catalogs:
            catalogs[key] = load_catalog(*key)
    results = run_jobs(job_list, request.jobs)
    errors = [r for r in results if isinstance(r, str)]
    if errors:
        raise FactcheckError(errors[0] + (f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""))

    datasets = {}
    for catalog in catalogs.values():
        for info in getattr(catalog, "datasets", lambda: ())():
            datasets.setdefault(info.id, info)
    report = Report(documents=tuple(results), datasets=tuple(datasets.values()), tool_version=__version__,
                    as_of=run_settings.as_of.isoformat() if run_settings.as_of else None)
    if request.write_baseline is not None:
        # Every current finding, before the old baseline hides any: `--baseline b.json
        # --write-baseline b.json` updates the file instead of emptying it.
        write_baseline(report, request.write_baseline)
    if known is not None:
        report = apply_baseline(report, known)

    text = render(report, run_settings.format, explain=request.explain,
                  color=False if output is not None else None)
    if output is not None:
        write_atomically(output, text)
    else:
        write_stdout(text)
    if run_settings.format == "github":
        write_step_summary(report)
    return exit_code(report, run_settings.fail_on)

"""`factcheck check FILE...` (also plain `factcheck FILE...`): read, check and report.

Exit codes (DESIGN.md): 0 nothing at or above --fail-on; 1 findings at or above it; 2 the tool
could not do its job. Errors are one line on stderr (`factcheck: error: ...`), never a traceback.
"""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional

import typer

from factcheck import __version__
from factcheck.cli.app import app
from factcheck.cli.config import Settings, apply, check_choice, config_table, find_config, parse_date, settings_for
from factcheck.cli.data import note_outdated
from factcheck.document.reader import MAX_BYTES
from factcheck.errors import ConfigError, FactcheckError, InputError
from factcheck.safe_files import refuse_inputs, write_text_safely, writing_safely

# The stages (document conversion, report, and through them verify, spaCy and pandas) are imported
# where a check needs them, so `factcheck --help`, `--version` and the other commands start fast.
if TYPE_CHECKING:
    from collections.abc import Iterator

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


def render_batch(jobs: list[Job], name: str) -> list:
    """check_batch, then each document's findings rendered in the stream format `name`
    (report/stream.py RenderedDocument): what a --jobs worker sends back for a streamed report,
    so the parent copies text instead of unpickling findings and serialising them itself."""
    from factcheck.report.stream import get_streamer, render_document

    writer_class = get_streamer(name)
    out = []
    for result in check_batch(jobs):
        try:
            out.append(result if isinstance(result, str) else
                       render_document(result.path, result.notices, result.findings, writer_class))
        except Exception:  # noqa: BLE001 - the parent renders it and meets the error as without workers
            out.append(result)
    return out


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
WORKER_BATCH_SIZE = 16  # documents per batch sent to a --jobs worker (see workers.batch_size)
WARM_UP_TEXT = "China's exports to Japan were $2 billion in 2020, up 5% on 2019."


def warm_up(data_dir: str | None, prefer: tuple[str, ...]) -> None:
    """Build what every check needs once per worker that does not inherit it (spawn, on macOS and
    Windows): the catalog, spaCy's pipeline and the claims stage's patterns, by putting a
    one-sentence document through the whole pipeline. A failure here is left for the documents
    themselves to meet, so that it names a file."""
    from factcheck.document import from_text

    try:
        run_pipeline(from_text(WARM_UP_TEXT, path="<warm-up>"), load_catalog(data_dir, prefer), Settings())
    except Exception:  # noqa: BLE001 - see the docstring
        pass


def iter_jobs(jobs: list[Job], workers: int, render: str | None = None) -> Iterator[DocumentReport | str]:
    """Each job's result (a DocumentReport, or one line naming the file that failed), in the
    order of `jobs`, as soon as it and those before it are done, so a caller can write a report as
    the run goes. `workers` 1 (or a run too small to share, see workers.worker_count) checks in
    this process; more checks the first document here, then forks warm workers (cli/workers.py)
    that take batches of the rest. With `render` (a stream format), the workers' documents come
    back rendered (RenderedDocument, see render_batch). The output is the same whatever `workers` is."""
    from functools import partial

    from factcheck.cli.workers import WorkerPool, batch_size, worker_count

    progress = _progress() if len(jobs) > 1 else None
    task = progress.add_task("check", total=len(jobs)) if progress else None
    if progress:
        progress.start()
    try:
        count = worker_count(workers, len(jobs))
        if count == 1:
            for batch in batches(jobs, BATCH_SIZE):
                yield from _advanced(check_batch(batch), progress, task)
            return
        # The first document runs here, so the spaCy pipeline and the stages' caches are loaded
        # once and shared by the forked workers (fork: no progress thread runs, see _progress).
        yield from _advanced([check_job(jobs[0])], progress, task)
        rest = jobs[1:]
        work = batches(rest, batch_size(len(rest), count, WORKER_BATCH_SIZE))
        first = jobs[0]
        with WorkerPool(count, warm_up, (first.data_dir, first.settings.prefer)) as pool:
            for done in pool.ordered(partial(render_batch, name=render) if render else check_batch, work):
                yield from _advanced(done, progress, task)
    finally:
        if progress:
            progress.stop()


def _advanced(results: list, progress, task) -> Iterator:
    if progress:
        progress.advance(task, len(results)), progress.refresh()
    yield from results


def run_jobs(jobs: list[Job], workers: int) -> list[DocumentReport | str]:
    """Every job's result, in order (iter_jobs, for a report built whole)."""
    return list(iter_jobs(jobs, workers))


# ---- reading inputs and writing outputs
def read_input(path: str, input_format: str | None, max_bytes: int, stdin_name: str | None = None) -> SourceDocument:
    """One input. Standard input is read as `--stdin-filename` says (its name in the report, its
    format by extension), as ruff and eslint do; without it, as text named <stdin>."""
    from factcheck.document import format_for, read_document, read_stdin

    if path == "-":
        doc = read_stdin(format=input_format or (format_for(stdin_name) if stdin_name else "text"), max_bytes=max_bytes)
        return replace(doc, path=stdin_name) if stdin_name else doc
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


def _catalog_for(settings: Settings, data_dir: str | None, prefer_from_cli: bool):
    """The catalog for these settings; an unknown dataset in `prefer` names where it was set."""
    try:
        return load_catalog(data_dir, settings.prefer)
    except ConfigError as exc:
        if prefer_from_cli or not settings.source or not str(exc).startswith("--prefer "):
            raise
        raise ConfigError(f"{settings.source}: prefer {str(exc)[len('--prefer '):]}") from None


def nothing_to_check(files: list[str]) -> int:
    """No file to check. A folder (or - ) that holds nothing checkable is an error (exit 2): a
    misspelt folder or an --include that matches nothing must not pass CI as clean. Files named
    one by one that settings exclude are fine (exit 0): pre-commit hands over whatever was staged."""
    folders = [f for f in files if f == "-" or Path(f).is_dir()]
    if folders:
        raise InputError(f"no files to check in {', '.join(folders)} (see --include, --exclude and .gitignore)")
    typer.echo(f"factcheck: no files to check ({len(files)} given, all excluded by the settings)", err=True)
    return 0


def _is_output(path: str, given: list[str], outputs: tuple[Path | None, ...]) -> bool:
    """A file found in a folder that is this run's --output or --write-baseline: last run's report
    is not an article (a file named explicitly is still refused by refuse_clobber)."""
    if path == "-" or path in given:
        return False
    try:
        resolved = Path(path).resolve()
        return any(o is not None and o.resolve() == resolved for o in outputs)
    except (OSError, RuntimeError):
        return False


# Settings that are one per run (how the report looks and when the run fails, which files a
# folder means); every other setting (tolerances, prefer, as-of) is per file, from its nearest config.
RUN_LEVEL = {"format": "format", "fail-on": "fail_on", "include": "include", "exclude": "exclude"}
_WARNED: set[str] = set()


def file_settings(path: str, config: Path | None | bool, cli_values: dict[str, Any], known_formats: tuple[str, ...],
                  run_settings: Settings) -> Settings:
    """The settings one file is checked with: its nearest config (or --config), then the command
    line, with the run-level settings of the run. A nearer config that sets a run-level key is
    told on stderr once, not silently ignored."""
    settings = _settings_cached(None if path == "-" else Path(path).absolute().parent, config,
                                tuple(sorted((k, v) for k, v in cli_values.items() if v is not None and v != ())),
                                known_formats)
    if settings.source and settings.source != run_settings.source and settings.source not in _WARNED:
        ignored = [key for key in RUN_LEVEL if key in config_table(Path(settings.source))]
        if ignored:
            _WARNED.add(settings.source)
            typer.echo(f"factcheck: warning: {settings.source}: {', '.join(ignored)} apply to a whole run and are "
                       f"taken from the command line or the config of the folder factcheck runs in; ignored here",
                       err=True)
    return replace(settings, **{attr: getattr(run_settings, attr) for attr in RUN_LEVEL.values()})


_SETTINGS_CACHE: dict[Any, Settings] = {}


def settings_for_no_config(cli_items: tuple, known_formats: tuple[str, ...]) -> Settings:
    return apply(Settings(), dict(cli_items), "command line", known_formats)


def _settings_cached(folder: Path | None, config: Path | None | bool, cli_items: tuple,
                     known_formats: tuple[str, ...]) -> Settings:
    """`config` False: --no-config (defaults and the command line only)."""
    if config is False:
        return settings_for_no_config(cli_items, known_formats)
    key = (config or find_config(folder if folder is not None else Path.cwd()), cli_items, known_formats)
    if key not in _SETTINGS_CACHE:
        _SETTINGS_CACHE[key] = settings_for(folder, config, dict(cli_items), known_formats)
    return _SETTINGS_CACHE[key]


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
        help="Report format: terminal, json, jsonl, sarif, github, markdown, html, concise or junit. [default: terminal]"),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write the report to FILE (atomically)."),
    fail_on: Optional[str] = typer.Option(None, "--fail-on", show_default=False,
        help="Exit 1 when a finding is at or above: contradicted, approximate, unverifiable or never. [default: contradicted]"),
    as_of: Optional[str] = typer.Option(None, "--as-of", help="Date (YYYY-MM-DD) that relative periods such as 'last year' refer to."),
    explain: bool = typer.Option(False, "--explain",
        help="Show each sentence, the evidence rows and the arithmetic for the claims that are not supported; --explain all for every claim."),
    sort: str = typer.Option("severity", "--sort", help="List findings by severity (what to fix first) or position (reading order)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Leave supported claims out of the list (they stay counted)."),
    jobs: str = typer.Option("auto", "--jobs", "-j",
        help="Check files in up to N processes; auto (the default) uses the cores this process may run on, 1 checks in this process."),
    baseline: Optional[Path] = typer.Option(None, "--baseline", help="Hide findings recorded in this baseline file."),
    write_baseline_to: Optional[Path] = typer.Option(None, "--write-baseline", help="Record the current findings as a baseline file."),
    config: Optional[Path] = typer.Option(None, "--config", help="Use this config file instead of searching upward from each file."),
    data_dir: Optional[Path] = typer.Option(None, "--data-dir", help="Folder of imported reference datasets."),
    prefer: Optional[list[str]] = typer.Option(None, "--prefer", help="Prefer this dataset id when sources disagree (repeatable)."),
    include: Optional[list[str]] = typer.Option(None, "--include", help="Glob of files to check inside folders (repeatable)."),
    exclude: Optional[list[str]] = typer.Option(None, "--exclude", help="Glob of files to skip (repeatable)."),
    input_format: Optional[str] = typer.Option(None, "--input-format", help="Read inputs as text, markdown or html whatever their extension (useful with -)."),
    max_bytes: int = typer.Option(MAX_BYTES, "--max-bytes", help="Refuse input files larger than this."),
    color: Optional[str] = typer.Option(None, "--color", show_default=False,
        help="Colour: auto (the terminal, NO_COLOR and FORCE_COLOR decide), always or never. [default: auto]"),
    no_config: bool = typer.Option(False, "--no-config", help="Read no config file: defaults and the command line only."),
    show_settings: bool = typer.Option(False, "--show-settings", help="Print the resolved settings, each with where it came from, and exit."),
    stdin_filename: Optional[str] = typer.Option(None, "--stdin-filename", help="The name of the file read from - (its name in the report, its format and its config)."),
    select: Optional[list[str]] = typer.Option(None, "--select", help="Report only these claim kinds (comma-separated, repeatable): value, share, growth, rank, trend, comparison, balance."),
    ignore: Optional[list[str]] = typer.Option(None, "--ignore", help="Do not report these claim kinds (comma-separated, repeatable)."),
    statistics: bool = typer.Option(False, "--statistics", help="Print the number of claims per kind and verdict instead of the report."),
    version: bool = typer.Option(False, "--version", is_eager=True, callback=_print_version, help="Print the version and exit."),
) -> None:
    """Check the numbers in articles against reference trade data."""
    files = list(files or [])
    # `--explain all`: the word after the flag arrives among the files (a flag with an optional
    # value would swallow the next file or option); a file really named `all` is still a file.
    explain_all = explain and "all" in files and not Path("all").exists()
    if explain_all:
        files.remove("all")
    from factcheck.cli.workers import parse_jobs

    try:
        workers = parse_jobs(jobs)
    except ConfigError as exc:
        raise fail(str(exc)) from None
    request = Request(files, format, output, fail_on, as_of, explain, workers, baseline, write_baseline_to,
                      config, data_dir, tuple(prefer or ()), tuple(include or ()), tuple(exclude or ()),
                      input_format, max_bytes, color, no_config, show_settings, stdin_filename,
                      tuple(select or ()), tuple(ignore or ()), statistics, explain_all, sort, quiet)
    try:
        code = run_check(request)
    except KeyboardInterrupt:
        # typer turns Ctrl-C into a silent exit 130: say in one line why the run stopped (the
        # workers are already stopped and --output is untouched, see cli/workers.py)
        typer.echo("factcheck: error: interrupted", err=True)
        raise typer.Exit(130) from None
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
    color: str | None = None
    no_config: bool = False
    show_settings: bool = False
    stdin_filename: str | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    statistics: bool = False
    explain_all: bool = False
    sort: str = "severity"
    quiet: bool = False


# The cyclic garbage collector's first threshold (CPython's default is 700 allocations). A check
# allocates hundreds of thousands of short-lived, acyclic records per article (observations,
# figures, spans) that reference counting frees, while the catalog's caches keep many long-lived
# ones: at the default, collections that find nothing were a fifth of a check's CPU time on
# bench_speed's articles with COW. Set for the check run only (its --jobs workers inherit it).
GC_THRESHOLD = (100_000, 50, 100)


def _tune_process() -> None:
    """The collector's threshold (above), and Arrow's memory from the system allocator: its default
    (mimalloc) kept ~120 MB of freed decoding buffers from returning to the system on bench_speed's
    200 articles with COW (peak 850 -> 735 MB; 384 -> 352 MB with the bundled data only), at the
    same speed. A user's ARROW_DEFAULT_MEMORY_POOL is left as it is."""
    import gc

    gc.set_threshold(*GC_THRESHOLD)
    if "ARROW_DEFAULT_MEMORY_POOL" not in os.environ:
        import pyarrow

        pyarrow.set_memory_pool(pyarrow.system_memory_pool())


def run_check(request: Request) -> int:
    """Read, check, report; returns the exit code. Raises FactcheckError when the tool cannot work."""
    from factcheck.report import Report, formats
    from factcheck.report.baseline import load_baseline
    from factcheck.report.lint import parse_kinds, select_kinds

    _tune_process()
    _SETTINGS_CACHE.clear(), _WARNED.clear()
    files = request.files
    _check_conventions(request)
    config = False if request.no_config else request.config
    if request.show_settings:
        return show_settings(request, config)
    cli_values = _cli_values(request)
    known_formats = formats()
    run_settings = _run_settings(config, cli_values, known_formats)
    select, ignore = parse_kinds(request.select, "--select"), parse_kinds(request.ignore, "--ignore")
    paths = _input_paths(request, run_settings)
    known = load_baseline(request.baseline) if request.baseline is not None else None
    data_dir = str(request.data_dir) if request.data_dir else None
    job_list = [Job(read_input(path, request.input_format, request.max_bytes, request.stdin_filename),
                    file_settings(request.stdin_filename if path == "-" and request.stdin_filename else path,
                                  config, cli_values, known_formats, run_settings), data_dir)
                for path in paths]

    catalogs = _load_catalogs([run_settings, *(job.settings for job in job_list)], data_dir, bool(request.prefer))
    note_outdated(catalogs.values())
    if not job_list:
        return nothing_to_check(files)
    streamed = _streamer_for(request, run_settings)
    if streamed is not None:
        return stream_check(job_list, request, run_settings, streamed, _datasets(catalogs), (known, select, ignore))
    results = run_jobs(job_list, request.jobs)
    errors = [r for r in results if isinstance(r, str)]
    if errors:
        raise FactcheckError(errors[0] + (f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""))

    report = Report(documents=tuple(results), datasets=_datasets(catalogs), tool_version=__version__,
                    as_of=run_settings.as_of.isoformat() if run_settings.as_of else None)
    report = _baselines(report, request, known)
    report = select_kinds(report, select, ignore)

    return emit(report, request, run_settings)


def emit(report: Report, request: Request, run_settings: Settings) -> int:
    """The report (or --statistics) to stdout or --output; returns the exit code."""
    from factcheck.report.github import write_step_summary
    from factcheck.report.lint import statistics as lint_statistics
    from factcheck.report.registry import RenderOptions, get_renderer

    output = request.output
    code = exit_code(report, run_settings.fail_on)
    if request.statistics:
        text = lint_statistics(report)
    else:
        text = get_renderer(run_settings.format)(report, RenderOptions(
            explain=request.explain or request.explain_all, explain_all=request.explain_all,
            sort=request.sort, quiet=request.quiet, color=resolve_color(request.color, output is not None),
            fail_on=run_settings.fail_on, exit_code=code))
    if output is not None:
        write_atomically(output, text)
    else:
        write_stdout(text)
    if run_settings.format == "github":
        write_step_summary(report)
    return code


# ---- streamed reports (issue 13, item 5): json, jsonl, sarif and github written as the run goes
STDOUT_BUFFER_CHARS = 4_000_000  # a report this short reaches stdout whole or, on an error, not at all
STREAM_FINDINGS_CHARS = 1_000_000  # prose beyond which a file's findings are written as they are verified


def _streamer_for(request: Request, run_settings: Settings):
    """The stream writer of the run's format, or None when the report must be whole first
    (--statistics, the human formats, and github when the job summary wants the Markdown report)."""
    from factcheck.report.stream import get_streamer

    if request.statistics or (run_settings.format == "github" and os.environ.get("GITHUB_STEP_SUMMARY")):
        return None
    return get_streamer(run_settings.format)


def stream_check(job_list: list[Job], request: Request, run_settings: Settings, writer_class, datasets: tuple,
                 filters: tuple) -> int:
    """Check and write the report one document (and one finding) at a time; returns the exit
    code. Output as `emit` writes it: --output replaced atomically only when the run succeeded."""
    from factcheck.report import Report
    from factcheck.report.baseline import write_baseline_entries

    head = Report(documents=(), datasets=datasets, tool_version=__version__,
                  as_of=run_settings.as_of.isoformat() if run_settings.as_of else None)
    errors: list[str] = []
    entries: list[dict] | None = [] if request.write_baseline is not None else None
    with _report_sink(request.output) as write:
        writer = writer_class(head, [job.doc.path for job in job_list], write)
        for path, notices, findings in stream_results(job_list, request.jobs, errors, run_settings.format):
            writer.document(path, notices, _kept(findings, entries, *filters))
        if errors:
            raise FactcheckError(errors[0] + (f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""))
        code = _exit_code_of(writer.summary, run_settings.fail_on)
        writer.end(code)
    if entries is not None:
        write_baseline_entries(entries, request.write_baseline)
    return code


def stream_results(job_list: list[Job], workers: int, errors: list[str], render: str | None = None):
    """(path, notices, findings) per document in input order; a failure is added to `errors`. In
    one process the documents are checked as they are asked for, and the findings of a file longer
    than STREAM_FINDINGS_CHARS are verified as the writer takes them; a worker pool (iter_jobs)
    hands over its results as they arrive, in order, rendered in the format `render` if given."""
    from factcheck.cli.workers import worker_count

    if worker_count(workers, len(job_list)) > 1:
        for result in iter_jobs(job_list, workers, render):
            if isinstance(result, str):
                errors.append(result)
            else:
                yield result.path, result.notices, result.findings
        return
    for batch in batches(job_list, BATCH_SIZE):
        if any(len(job.doc.text) > STREAM_FINDINGS_CHARS for job in batch):
            for job in batch:
                yield job.doc.path, job.doc.notices, _guarded(_findings_as_verified(job), job.doc.path, errors)
            continue
        for result in check_batch(batch):
            if isinstance(result, str):
                errors.append(result)
            else:
                yield result.path, result.notices, result.findings


def _findings_as_verified(job: Job):
    from factcheck.pipeline import iter_findings

    return iter_findings(job.doc, load_catalog(job.data_dir, job.settings.prefer), _options(job.settings))


def _guarded(findings, path: str, errors: list[str]):
    """The findings until one fails; the failure becomes one line in `errors` (as check_job's)."""
    try:
        yield from findings
    except FactcheckError as exc:
        errors.append(f"{path}: {exc}")
    except Exception as exc:  # noqa: BLE001 - any failure is exit 2 with one line, never a traceback
        errors.append(f"{path}: internal error: {exc.__class__.__name__}: {exc}")


def _kept(findings, entries: list[dict] | None, known: frozenset[str] | None, select: frozenset[str],
          ignore: frozenset[str]):
    """The findings the report shows: every one recorded for --write-baseline first, then those in
    --baseline and the kinds --select/--ignore leave out dropped (as _baselines and select_kinds).
    A finding may come rendered by a worker (report/stream.py RenderedFinding)."""
    from factcheck.report.stream import baseline_of, kind_of_item

    for item in findings:
        if entries is not None:
            entries.append(baseline_of(item))
        if known is not None and item.fingerprint in known:
            continue
        kind = kind_of_item(item)
        if (select and kind not in select) or kind in ignore:
            continue
        yield item


def _exit_code_of(summary: dict[str, int], fail_on: str) -> int:
    from factcheck.verify.model import VERDICT_RANK

    if fail_on == "never":
        return 0
    return 1 if any(summary[v] for v, rank in VERDICT_RANK.items() if rank >= VERDICT_RANK[fail_on]) else 0


@contextmanager
def _report_sink(output: Path | None):
    """A `write(text)` for the report: into --output (atomically, see safe_files.writing_safely),
    or to stdout in pieces of STDOUT_BUFFER_CHARS (a shorter report is written whole at the end, so
    a failed run prints no half report)."""
    if output is not None:
        with writing_safely(output, option="--output") as handle:
            yield handle.write
        return
    pending: list[str] = []
    size = 0

    def write(text: str) -> None:
        nonlocal size
        pending.append(text)
        size += len(text)
        if size >= STDOUT_BUFFER_CHARS:
            write_stdout("".join(pending))
            pending.clear()
            size = 0

    yield write
    write_stdout("".join(pending))


COLOR_MODES = ("auto", "always", "never")


def _input_paths(request: Request, run_settings: Settings) -> list[str]:
    """The files to check, less this run's own outputs; an output over an input is refused."""
    from factcheck.document import iter_input_files

    outputs = (request.output, request.write_baseline)
    paths = [p for p in iter_input_files(request.files, run_settings.include, run_settings.exclude)
             if not _is_output(p, request.files, outputs)]
    for target, option in zip(outputs, ("--output", "--write-baseline")):
        if target is not None:
            refuse_clobber(target, paths, option)
    return paths


def _baselines(report: Report, request: Request, known: frozenset[str] | None) -> Report:
    from factcheck.report.baseline import apply_baseline, write_baseline

    if request.write_baseline is not None:
        # Every current finding, before the old baseline hides any: `--baseline b.json
        # --write-baseline b.json` updates the file instead of emptying it.
        write_baseline(report, request.write_baseline)
    return apply_baseline(report, known) if known is not None else report


def _cli_values(request: Request) -> dict[str, Any]:
    """The settings given on the command line, as config keys (None: not given)."""
    if not request.files and not request.show_settings:
        raise InputError("give one or more files, folders, or - to read stdin")
    if request.jobs < 1:
        raise ConfigError("--jobs must be at least 1")
    if request.input_format is not None:
        check_choice(request.input_format, ("text", "markdown", "html"), "--input-format")
    return {
        "format": request.format, "fail-on": request.fail_on,
        "as-of": parse_date(request.as_of, "command line") if request.as_of else None,
        "prefer": request.prefer, "include": request.include, "exclude": request.exclude,
    }


def _load_catalogs(all_settings: list[Settings], data_dir: str | None, prefer_from_cli: bool) -> dict:
    """Loaded before any work, so a broken dataset or an unknown prefer fails once (also when there
    is nothing to check), and forked workers share the catalogs."""
    catalogs = {}
    for settings in all_settings:
        key = (data_dir, settings.prefer)
        if key not in catalogs:
            catalogs[key] = _catalog_for(settings, data_dir, prefer_from_cli)
    return catalogs


def _datasets(catalogs: dict) -> tuple:
    datasets = {}
    for catalog in catalogs.values():
        for info in getattr(catalog, "datasets", lambda: ())():
            datasets.setdefault(info.id, info)
    return tuple(datasets.values())


def _check_conventions(request: Request) -> None:
    from factcheck.report.registry import SORTS

    check_choice(request.sort, SORTS, "--sort")
    if request.color is not None:
        check_choice(request.color, COLOR_MODES, "--color")
    if request.no_config and request.config is not None:
        raise ConfigError("--no-config and --config cannot be used together")
    if request.stdin_filename is not None and "-" not in request.files and not request.show_settings:
        raise ConfigError("--stdin-filename names standard input: give - as the file")


def resolve_color(mode: str | None, to_file: bool) -> bool | None:
    """--color always/never decide; auto: NO_COLOR (https://no-color.org) turns colour off, then
    FORCE_COLOR on (CI logs that render ANSI), then whether stdout is a terminal. A report
    written with --output has no colour unless --color always."""
    if mode == "always":
        return True
    if mode == "never" or to_file or os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR", "") not in ("", "0", "false"):
        return True
    return None


def _run_settings(config: Path | None | bool, cli_values: dict[str, Any], known_formats: tuple[str, ...]) -> Settings:
    if config is False:
        return settings_for_no_config(tuple(sorted((k, v) for k, v in cli_values.items() if v is not None and v != ())),
                                      known_formats)
    return settings_for(None, config, cli_values, known_formats)


def _settings_folder(request: Request) -> Path:
    """The folder --show-settings resolves for: --stdin-filename's, the first file's, or here."""
    target = request.stdin_filename or next((f for f in request.files if f != "-"), None)
    if target is None:
        return Path.cwd()
    path = Path(target).absolute()
    return path if path.is_dir() else path.parent


def _setting_values(settings: Settings) -> dict[str, Any]:
    return {"format": settings.format, "fail-on": settings.fail_on, "prefer": list(settings.prefer),
            "include": list(settings.include), "exclude": list(settings.exclude),
            "as-of": settings.as_of.isoformat() if settings.as_of else "today",
            **{f"tolerance.{name}": getattr(settings.tolerances, name) for name in ("value", "points", "about")}}


def show_settings(request: Request, config: Path | None | bool) -> int:
    """`--show-settings`: every setting as resolved for the folder run in (or --stdin-filename /
    the first file given), and where each value came from: default, the config file or the
    command line. Exits 0 (ruff --show-settings, Vale ls-config)."""
    from factcheck.report import formats

    known_formats = formats()
    config_path = None if config is False else (config or find_config(_settings_folder(request)))
    from_file = config_table(config_path) if config_path is not None else {}
    cli = {k: v for k, v in _cli_values(request).items() if v not in (None, ())}
    settings = Settings()
    if from_file:
        settings = apply(settings, from_file, str(config_path), known_formats)
    settings = apply(settings, cli, "command line", known_formats)
    values = _setting_values(settings)
    width = max(map(len, values))
    found = config_path or ("none (--no-config)" if config is False else "none found")
    lines = [f"{'config file':<{width}}  {found}"]
    for key, value in values.items():
        where = "command line" if key in cli else str(config_path) if key in from_file else "default"
        lines.append(f"{key:<{width}}  {value!s:<14}  {where}  ({'run' if key in RUN_LEVEL else 'per file'})")
    write_stdout("\n".join(lines) + "\n")
    return 0

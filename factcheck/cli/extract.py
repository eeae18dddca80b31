"""`factcheck extract`: the quantities the extractor reads, for people (a table) and for scorers
(`--jsonl IN.jsonl`: one JSON line per input line, the contract in DESIGN.md)."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Iterator

import typer
from rich.console import Console
from rich.table import Table

from factcheck.cli.app import app, error_line
from factcheck.errors import ConfigError, FactcheckError, InputError

CONTRACT_FIELDS = ("surface", "kind", "value", "value_max", "unit", "start", "end")


def quantity_record(q) -> dict:
    """A quantity as the `factcheck extract` contract writes it."""
    return {name: getattr(q, name) for name in CONTRACT_FIELDS}


def _parse_as_of(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ConfigError(f"--as-of {value!r} is not a date (use YYYY-MM-DD)") from None


def _jsonl_cases(path: Path) -> Iterator[tuple[object, str]]:
    try:
        handle = sys.stdin if str(path) == "-" else path.open(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from None
    with handle:
        try:
            for number, line in enumerate(handle, 1):
                if not line.strip():
                    continue
                try:
                    case = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise InputError(f"{path}:{number}: not a JSON line ({exc.msg})") from None
                if not isinstance(case, dict) or not isinstance(case.get("text"), str):
                    raise InputError(f'{path}:{number}: each line needs a "text" string')
                yield case.get("id"), case["text"]
        except UnicodeDecodeError:
            raise InputError(f"{path}: not UTF-8 text") from None


# json.dumps(..., ensure_ascii=False) builds an encoder for every call; one kept encoder writes the
# same text (a line per input line: the per-line cost counts there).
_ENCODER = json.JSONEncoder(ensure_ascii=False)
JSONL_BATCH = 512  # lines read together (many to a Doc, see quantities_many) and written out together


def jsonl_batch_out(batch: list[tuple[object, str]], date: dt.date | None = None) -> str:
    """The output lines of one batch of input lines, as one string (what a worker sends back)."""
    from factcheck.extract import quantities_many

    encode = _ENCODER.encode
    lines = [encode({"id": case_id, "quantities": [quantity_record(q) for q in quantities]})
             for (case_id, _), quantities in zip(batch, quantities_many([text for _, text in batch], as_of=date))]
    return "\n".join(lines) + "\n"


def _batches(cases: Iterator[tuple[object, str]]) -> Iterator[list[tuple[object, str]]]:
    from itertools import islice

    while batch := list(islice(cases, JSONL_BATCH)):
        yield batch


def _extract_jsonl(path: Path, date: dt.date | None, workers: int) -> None:
    """One JSON line out per line in, in input order, a batch at a time (one write per batch:
    typer.echo flushed every line). The first batch is read here, which loads the pipeline;
    with more than one worker and more batches to come, the rest go to workers forked from this
    warm process (cli/workers.py), one batch each at a time, and come back in order. Reading
    the lines is the only part that is not spread: the rules' Python work per line (~100 µs)
    is most of the time, and a second core halves it (benchmarks/bench_speed.py, part lines)."""
    from functools import partial

    from factcheck.cli.workers import WorkerPool, usable_cores

    batches = _batches(_jsonl_cases(path))
    first = next(batches, None)
    if first is None:
        return
    sys.stdout.write(jsonl_batch_out(first, date))
    count = min(workers, usable_cores())
    if count > 1:
        second = next(batches, None)
        if second is not None:
            from itertools import chain

            with WorkerPool(count) as pool:
                for text in pool.ordered(partial(jsonl_batch_out, date=date), chain([second], batches)):
                    sys.stdout.write(text)
    else:
        for batch in batches:
            sys.stdout.write(jsonl_batch_out(batch, date))
    sys.stdout.flush()


@app.command("extract")
def extract_command(
    file: Path | None = typer.Argument(None, help="Article to read (text, Markdown or HTML)."),
    jsonl: Path | None = typer.Option(None, "--jsonl", help='Lines {"id", "text"} in ("-" for stdin); one JSON line out per line in.'),
    output_format: str = typer.Option("terminal", "--format", help="terminal or json (for FILE)."),
    as_of: str | None = typer.Option(None, "--as-of", help="Date that relative periods (\"last year\") are resolved against, YYYY-MM-DD."),
    jobs: str = typer.Option("auto", "--jobs", "-j",
                             help="Processes for --jsonl: auto (one per usable core), or a number; 1 reads in this process."),
) -> None:
    """List every quantity in a text: money, percentages, counts, years and periods."""
    from factcheck.extract import extract_quantities

    try:
        date = _parse_as_of(as_of)
        if (file is None) == (jsonl is None):
            raise ConfigError("give either FILE or --jsonl IN.jsonl")
        if output_format not in ("terminal", "json"):
            raise ConfigError(f"unknown format {output_format!r} (terminal or json)")
        if jsonl is not None:
            from factcheck.cli.workers import parse_jobs

            _extract_jsonl(jsonl, date, parse_jobs(jobs))
            return
        from factcheck.document import read_document

        doc = read_document(file)
        quantities = extract_quantities(doc.text, as_of=date)
    except FactcheckError as exc:
        error_line(f"{exc}")
        raise typer.Exit(2) from None
    except Exception as exc:  # noqa: BLE001 - exit 2 with one line, never a traceback
        error_line(f"internal error: {exc.__class__.__name__}: {exc}")
        raise typer.Exit(2) from None
    for notice in doc.notices:
        typer.echo(f"factcheck: {notice}", err=True)
    if output_format == "json":
        out = []
        for q in quantities:
            loc = doc.locate(q.start, q.end)
            out.append({**quantity_record(q), "low": q.low, "high": q.high, "hedge": q.hedge,
                        "direction": q.direction, "line": loc.line, "column": loc.column})
        typer.echo(json.dumps({"path": str(file), "quantities": out}, indent=2, ensure_ascii=False))
        return
    table = Table(title=f"Quantities in {file}")
    for column in ("line:col", "surface", "kind", "value", "unit", "hedge", "direction"):
        table.add_column(column, justify="right" if column == "value" else "left")
    for q in quantities:
        loc = doc.locate(q.start, q.end)
        shown = "{:.0f}" if q.kind == "year" else "{:,.6g}"
        value = shown.format(q.value) + (" – " + shown.format(q.value_max) if q.value_max is not None else "")
        table.add_row(f"{loc.line}:{loc.column}", q.surface, q.kind, value, q.unit or "", q.hedge or "", q.direction or "")
    Console().print(table)

"""`factcheck eval claims [DIR]`: verdict accuracy, confusion matrix, false supported/contradicted."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from factcheck.cli.app import error_line, eval_app
from factcheck.errors import FactcheckError


@eval_app.command("claims")
def eval_claims(
    folder: Path = typer.Argument(Path("claims"), help="Folder of articles with *.gold.yaml annotations."),
    output_format: str = typer.Option("terminal", "--format", help="terminal or json."),
    show_errors: bool = typer.Option(True, "--errors/--no-errors", help="List every claim the tool got wrong."),
    data_dir: Path | None = typer.Option(None, "--data-dir", help="Local store of imported datasets."),
) -> None:
    """Score the tool's verdicts against the gold corpus."""
    from factcheck.evaluate.claims import evaluate_claims

    evaluation = _evaluated(evaluate_claims, folder, data_dir)
    if output_format == "json":
        typer.echo(json.dumps(evaluation.as_dict(), indent=2))
        return
    out = Console()
    out.print(f"[bold]Verdict accuracy[/]: {evaluation.correct}/{evaluation.total} = {evaluation.accuracy:.1%}")
    out.print(f"False supported (gold contradicted): {evaluation.false_supported}    "
              f"False contradicted (gold supported): {evaluation.false_contradicted}    "
              f"Non-claims judged: {len(evaluation.non_claim_errors)}    "
              f"Findings not in the gold: {evaluation.unannotated}")
    table = Table(title="Confusion matrix (rows: gold, columns: tool)")
    columns = ["supported", "approximate", "contradicted", "unverifiable", "missed"]
    table.add_column("gold \\ tool")
    for c in columns:
        table.add_column(c, justify="right")
    for gold, counts in evaluation.confusion().items():
        table.add_row(gold, *(str(counts.get(c, 0)) for c in columns))
    out.print(table)
    for skipped in evaluation.skipped:
        out.print(f"[yellow]skipped[/] {skipped}")
    if show_errors:
        for r in [r for r in evaluation.results if r.gold != r.predicted] + evaluation.non_claim_errors:
            out.print(f"{r.article}:{r.line}:{r.column} {r.surface!r}: gold {r.gold}, tool {r.predicted}. {r.explanation}",
                      markup=False, highlight=False)


@eval_app.command("news")
def eval_news(
    folder: Path = typer.Argument(Path("../shared/real-news-dev"), help="A real-news set: pages plus gold.json."),
    output_format: str = typer.Option("terminal", "--format", help="terminal or json."),
    show_errors: bool = typer.Option(True, "--errors/--no-errors", help="List every case the tool got wrong."),
    by_file: bool = typer.Option(False, "--by-file", help="Also print the figures of each page."),
    data_dir: Path | None = typer.Option(None, "--data-dir", help="Local store of imported datasets."),
) -> None:
    """Score verdicts on real published news by the set's rule (accuracy, definitive coverage,
    false contradicted, false supported), each page checked with --as-of its date."""
    from factcheck.evaluate.news import evaluate_news

    if output_format not in ("terminal", "json"):
        error_line(f"--format must be terminal or json, not {output_format!r}")
        raise typer.Exit(2)
    evaluation = _evaluated(evaluate_news, folder, data_dir)
    result = evaluation.as_dict()
    if output_format == "json":
        typer.echo(json.dumps(result, indent=2))
        return
    out = Console()
    out.print(f"[bold]{result['set']}[/]: {result['right']}/{result['cases']} right = {result['accuracy']:.1%}    "
              f"definitive {result['definitive_right']}/{result['definitive']} = {result['definitive_coverage']:.1%}    "
              f"false contradicted {result['false_contradicted']}    false supported {result['false_supported']}")
    for need, count in result["skipped"].items():
        out.print(f"[yellow]skipped[/] {count} cases that need `{need}` (factcheck data import {need} …)")
    if by_file:
        table = Table(title="By page")
        for column in ("page", "right", "definitive", "false contradicted", "false supported"):
            table.add_column(column)
        for name, s in result["files"].items():
            table.add_row(name, f"{s['right']}/{s['cases']}", f"{s['definitive_right']}/{s['definitive']}",
                          str(s["false_contradicted"]), str(s["false_supported"]))
        out.print(table)
    if show_errors:
        for case in result["wrong"]:
            tool = ", ".join(case["tool"]) or "no claim"
            out.print(f"{case['id']} {case['file']} {case['sentence']!r}: expected {'/'.join(case['expected'])}, tool {tool}",
                      markup=False, highlight=False)
            for line in case["explanations"]:
                out.print(f"    {line}", markup=False, highlight=False)


def _evaluated(evaluate, folder: Path, data_dir: Path | None):
    """Run an evaluation over the catalog; any failure is one line and exit 2 (the run did not happen)."""
    from factcheck.reference import Catalog

    try:
        return evaluate(folder, Catalog.load(data_dir))
    except FactcheckError as exc:
        error_line(f"{exc}")
        raise typer.Exit(2) from None
    except Exception as exc:  # noqa: BLE001 - one line, never a traceback
        error_line(f"internal error: {exc.__class__.__name__}: {exc}")
        raise typer.Exit(2) from None

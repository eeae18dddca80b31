"""`factcheck eval extraction [SUITES_DIR]`: precision, recall and F1 of the extractor on the peer
test suites, per suite and category, beside the peers' published scores."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from factcheck.cli.app import error_line, eval_app
from factcheck.errors import FactcheckError


@eval_app.command("extraction")
def eval_extraction(
    suites_dir: Path = typer.Argument(Path("../shared/peer-suites"), help="Folder of peer test suites (*.jsonl)."),
    output_format: str = typer.Option("terminal", "--format", help="terminal or json."),
    misses: bool = typer.Option(False, "--misses", help="List every missed and spurious quantity."),
) -> None:
    """Score quantity extraction with the peer suites' own rule (category, currency, value within 0.5%)."""
    from factcheck.evaluate.extraction import PUBLISHED_F1, as_json, score_suites

    if output_format not in ("terminal", "json"):
        error_line(f"unknown format {output_format!r} (terminal or json)")
        raise typer.Exit(2)
    try:
        scores = score_suites(suites_dir)
    except FactcheckError as exc:
        error_line(f"{exc}")
        raise typer.Exit(2) from None
    if output_format == "json":
        typer.echo(json.dumps(as_json(scores, with_misses=misses), indent=2))
        return
    out = Console()
    table = Table(title="Quantity extraction on the peer suites (scorer: peer-suites/README.md)")
    for column in ("suite", "category", "tp", "fp", "fn", "precision", "recall", "F1", "peers' F1 (money+percent)"):
        table.add_column(column, justify="left" if column in ("suite", "category") else "right")
    for s in scores:
        peers = ", ".join(f"{name} {f1:.3f}" for name, f1 in PUBLISHED_F1.get(s.suite, {}).items())
        rows = sorted(s.by_category.items())
        combined = s.total(("money", "percent"))
        if combined.tp + combined.fp + combined.fn:
            rows.append(("money+percent", combined))
        for category, c in rows:
            table.add_row(s.suite, category, str(c.tp), str(c.fp), str(c.fn), f"{c.precision:.3f}",
                          f"{c.recall:.3f}", f"{c.f1:.3f}", peers if category == "money+percent" else "")
    out.print(table)
    if misses:
        for s in scores:
            for m in s.misses:
                out.print(f"{m.suite} {m.case_id} {m.kind} {m.category} {m.value} {m.unit or ''} "
                          f"{m.surface!r} in: {m.text[:160]}", markup=False, highlight=False)

"""The typer applications every command module registers itself on (datasette-style: built-in
commands are added the same way an extension would add one)."""

from __future__ import annotations

import typer

app = typer.Typer(
    name="factcheck",
    help="Check the numbers in trade journalism against reference trade data.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
data_app = typer.Typer(help="Manage reference datasets: list, show, validate, import, remove.", no_args_is_help=True)
eval_app = typer.Typer(help="Measure the tool: extraction against test suites, verdicts against the gold corpus.", no_args_is_help=True)
app.add_typer(data_app, name="data")
app.add_typer(eval_app, name="eval")


def error_line(message: object) -> None:
    """`factcheck: error: ...` on stderr as exactly one line: rich's console would wrap a long
    message (a path, a file name) over two, which scripts and the exit-2 contract do not expect."""
    typer.echo(f"factcheck: error: {' '.join(str(message).split())}", err=True)

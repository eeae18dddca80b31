"""The typer applications every command module registers itself on (datasette-style: built-in
commands are added the same way an extension would add one)."""

from __future__ import annotations

import sys

import click
import typer
from typer import core as _typer_core
from typer.core import TyperGroup

# typer >= 0.2x vendors its own click (typer._click); older ones use click itself: catch both.
_CLICKS = tuple(dict.fromkeys((getattr(_typer_core, "_click", click), click)))
_CLICK_ERRORS = tuple(m.exceptions.ClickException for m in _CLICKS)
_NO_ARGS = tuple(m.exceptions.NoArgsIsHelpError for m in _CLICKS if hasattr(m.exceptions, "NoArgsIsHelpError"))
_ABORTS = tuple(dict.fromkeys((typer.Abort, *(m.exceptions.Abort for m in _CLICKS if hasattr(m.exceptions, "Abort")))))

# `-h` as well as `--help`, on every command (click hands context settings down to subcommands).
CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"]}


class LinterGroup(TyperGroup):
    """The command group, run so that a usage error is one line `factcheck: error: ...` with exit
    2, as for every other error, instead of click's usage text and typer's boxed message."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        try:
            code = super().main(args=args, prog_name=prog_name, complete_var=complete_var,
                                standalone_mode=False, **extra)
        except _NO_ARGS as exc:  # bare `factcheck data`: show the help
            click.echo(exc.ctx.get_help() if exc.ctx else exc.format_message())
            code = 2
        except _CLICK_ERRORS as exc:
            hint = f" (see {exc.ctx.command_path} --help)" if getattr(exc, "ctx", None) else ""
            error_line(f"{exc.format_message()}{hint}")
            code = 2
        except _ABORTS:
            error_line("interrupted")
            code = 130
        code = code if isinstance(code, int) else 0
        if standalone_mode:
            sys.exit(code)
        return code


app = typer.Typer(
    name="factcheck",
    help="Check the numbers in trade journalism against reference trade data.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    cls=LinterGroup,
    context_settings=CONTEXT_SETTINGS,
)
data_app = typer.Typer(help="Manage reference datasets: list, show, validate, import, remove.", no_args_is_help=True)
eval_app = typer.Typer(help="Measure the tool: extraction against test suites, verdicts against the gold corpus.", no_args_is_help=True)
app.add_typer(data_app, name="data")
app.add_typer(eval_app, name="eval")


def error_line(message: object) -> None:
    """`factcheck: error: ...` on stderr as exactly one line: rich's console would wrap a long
    message (a path, a file name) over two, which scripts and the exit-2 contract do not expect."""
    typer.echo(f"factcheck: error: {' '.join(str(message).split())}", err=True)

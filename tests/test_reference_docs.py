"""Every `factcheck data` command and option is documented in docs/data.md (an undocumented one
fails the build, as for `factcheck check` in docs/cli.md)."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer.main

import factcheck.cli  # noqa: F401 - registers the commands on the app
from factcheck.cli.app import app

DOCS = (Path(__file__).resolve().parents[1] / "docs" / "data.md").read_text(encoding="utf-8")
DATA = typer.main.get_command(app).commands["data"]
COMMANDS = sorted(DATA.commands)
OPTIONS = sorted({(name, opt) for name, command in DATA.commands.items() for param in command.params
                  for opt in param.opts + param.secondary_opts if opt.startswith("--")})


def test_the_brief_s_commands_exist():
    assert {"list", "show", "validate", "import", "remove"} <= set(COMMANDS)


@pytest.mark.parametrize("command", COMMANDS)
def test_command_is_documented(command):
    assert f"`factcheck data {command}" in DOCS, command


@pytest.mark.parametrize("command, option", OPTIONS)
def test_option_is_documented(command, option):
    assert f"`{option}`" in DOCS, (command, option)


@pytest.mark.parametrize("kind", ["cow", "comtrade", "baci", "dots", "census", "wdi"])
def test_import_kinds_are_documented(kind):
    assert f"| `{kind}` |" in DOCS

"""Every option of `factcheck check`, every config key and every report format is documented in
docs/cli.md (datasette-style: undocumented settings fail the build)."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer.main

from factcheck.cli.app import app
from factcheck.cli.config import CONFIG_KEYS
from factcheck.report import formats

DOCS = (Path(__file__).resolve().parents[1] / "docs" / "cli.md").read_text(encoding="utf-8")
CHECK = typer.main.get_command(app).commands["check"]
OPTIONS = sorted(opt for param in CHECK.params for opt in param.opts + param.secondary_opts if opt.startswith("-"))


@pytest.mark.parametrize("option", OPTIONS)
def test_option_is_documented(option):
    assert f"`{option}`" in DOCS, option


@pytest.mark.parametrize("key", CONFIG_KEYS)
def test_config_key_is_documented(key):
    assert f"| `{key}` |" in DOCS, key


@pytest.mark.parametrize("name", formats())
def test_format_is_documented(name):
    assert f"`{name}`" in DOCS, name


def test_the_check_command_has_the_options_the_brief_names():
    for option in ("--format", "--output", "--fail-on", "--as-of", "--explain", "--jobs", "--baseline",
                   "--write-baseline", "--config", "--data-dir", "--prefer", "--include", "--exclude", "--version"):
        assert option in OPTIONS


def _options(command) -> list[str]:
    return sorted(opt for param in command.params for opt in param.opts + param.secondary_opts if opt.startswith("-")
                  and opt != "--help")


ROOT = typer.main.get_command(app)
OTHER_COMMANDS = {
    "extract": ROOT.commands["extract"],
    "eval extraction": ROOT.commands["eval"].commands["extraction"],
    "eval claims": ROOT.commands["eval"].commands["claims"],
}


@pytest.mark.parametrize("name,option", [(n, o) for n, c in OTHER_COMMANDS.items() for o in _options(c)])
def test_other_command_options_are_documented(name, option):
    section = DOCS.split(f"### `factcheck {name}", 1)
    assert len(section) == 2, f"docs/cli.md has no section for factcheck {name}"
    assert f"`{option}`" in section[1].split("\n### ", 1)[0], (name, option)

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

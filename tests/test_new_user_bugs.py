"""Regression tests for the bugs a new user hit (issue 14, item 4). Each one failed before its fix."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcheck.cli.app import app
from test_cli_check_formats import fake_pipeline  # noqa: F401 - fixture

REPO = Path(__file__).resolve().parents[1]


def invoke(*args, env=None):
    result = CliRunner().invoke(app, ["check", *map(str, args)], env=env)
    assert "Traceback" not in (result.stdout + result.stderr)
    return result


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# ---- tomllib is 3.11+, requires-python says 3.10
BLOCK_TOMLLIB = textwrap.dedent("""
    import importlib.abc, sys
    import tomllib as real
    sys.modules["tomli"] = real          # what `pip install tomli` gives Python 3.10: the same API
    del sys.modules["tomllib"]

    class NoTomllib(importlib.abc.MetaPathFinder):   # Python 3.10 has no tomllib
        def find_spec(self, name, path=None, target=None):
            if name == "tomllib":
                raise ModuleNotFoundError("No module named 'tomllib'")
            return None

    sys.meta_path.insert(0, NoTomllib())
    from factcheck.cli.config import config_table
    print(config_table(__import__("pathlib").Path(sys.argv[1])))
""")


def test_settings_load_without_tomllib_as_on_python_3_10(tmp_path):
    config = write(tmp_path / ".factcheck.toml", 'fail-on = "never"\n')
    result = subprocess.run([sys.executable, "-c", BLOCK_TOMLLIB, str(config)], capture_output=True, text=True,
                            cwd=tmp_path, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "'fail-on': 'never'" in result.stdout


def test_python_3_10_gets_tomli_as_a_dependency():
    from factcheck.cli.config import toml_module  # noqa: F401 - the one place that picks the parser

    try:
        import tomllib
    except ModuleNotFoundError:  # pragma: no cover - on 3.10 the test itself needs tomli
        import tomli as tomllib
    project = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["project"]
    assert project["requires-python"] == ">=3.10"
    markers = [d.replace(" ", "") for d in project["dependencies"] if d.replace(" ", "").startswith("tomli")]
    assert markers and all("python_version<'3.11'" in m or 'python_version<"3.11"' in m for m in markers)
    offenders = [p for p in (REPO / "factcheck").rglob("*.py")
                 if re.search(r"^\s*(import tomllib|from tomllib)", p.read_text("utf-8"), re.MULTILINE)
                 and p.name != "config.py"]
    assert offenders == []


# ---- declared but never imported
IMPORT_NAMES = {"pyyaml": "yaml", "markdown-it-py": "markdown_it", "beautifulsoup4": "bs4", "tomli": "tomli"}


def test_every_runtime_dependency_is_imported_by_the_package():
    from factcheck.cli.config import toml_module as tomllib

    dependencies = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["project"]["dependencies"]
    source = "\n".join(p.read_text("utf-8") for p in (REPO / "factcheck").rglob("*.py"))
    unused = []
    for requirement in dependencies:
        name = re.match(r"[A-Za-z0-9_.-]+", requirement).group(0).lower()
        module = IMPORT_NAMES.get(name, name.replace("-", "_"))
        if not re.search(rf"^\s*(import|from) {re.escape(module)}\b", source, re.MULTILINE):
            unused.append(name)
    assert unused == []

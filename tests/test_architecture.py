"""The one-way flow of DESIGN.md as a test: no stage imports a later one (import-linter contract
in pyproject.toml), and every sub-package is shipped in the wheel."""

from __future__ import annotations

import shutil
import subprocess
import sys
from factcheck.cli.config import toml_module as tomllib
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def test_no_stage_imports_a_later_stage():
    lint = shutil.which("lint-imports") or str(Path(sys.executable).with_name("lint-imports"))
    if not Path(lint).exists():
        pytest.fail("import-linter is part of the dev extra; install with pip install '.[dev]'")
    result = subprocess.run([lint, "--config", str(REPO / "pyproject.toml")], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_subpackage_is_listed_for_the_wheel():
    config = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    on_disk = {
        ".".join(init.parent.relative_to(REPO).parts)
        for init in (REPO / "factcheck").rglob("__init__.py")
        if "__pycache__" not in init.parts
    }
    assert on_disk <= listed, f"add to [tool.setuptools] packages: {sorted(on_disk - listed)}"


def test_layers_contract_names_every_stage():
    config = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))
    layers = config["tool"]["importlinter"]["contracts"][0]["layers"]
    for stage in ("cli", "report", "verify", "link", "claims", "extract", "document", "reference"):
        assert f"factcheck.{stage}" in layers
    order = [layers.index(f"factcheck.{s}") for s in ("cli", "report", "verify", "link", "claims", "extract", "document")]
    assert order == sorted(order), "layers must list the flow from last stage to first"


def test_every_data_file_is_shipped_in_the_wheel():
    """A data file the code reads but the wheel leaves out works in a checkout and fails after
    `pip install .` (it happened: claims/commodities.yaml)."""
    config = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))
    package_data = config["tool"]["setuptools"]["package-data"]
    package_dirs = {"factcheck.bundled_data": REPO / "reference_data"}
    missing = []
    for package in config["tool"]["setuptools"]["packages"]:
        folder = package_dirs.get(package, REPO.joinpath(*package.split(".")))
        globs = package_data.get(package, [])
        for path in folder.iterdir():
            data_files = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file()] if path.name != "__pycache__" and not (path / "__init__.py").exists() else []
            for file in data_files:
                if file.suffix in (".py", ".pyc"):
                    continue
                relative = file.relative_to(folder)
                if not any(relative.match(g) for g in globs):
                    missing.append(f"{package}: {relative}")
    assert not missing, f"add to [tool.setuptools.package-data]: {missing}"

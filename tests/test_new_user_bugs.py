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


# ---- the first file's config decided format and fail-on for the whole run
def test_run_level_settings_come_from_the_working_folder_not_the_first_file(fake_pipeline, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "quiet" / ".factcheck.toml", 'format = "json"\nfail-on = "never"\n[tolerance]\nvalue = 0.3\n')
    quiet = write(tmp_path / "quiet" / "a.txt", "Trade was $2 billion.")
    loud = write(tmp_path / "loud" / "b.txt", "Trade was $6 billion.")
    for order in ([quiet, loud], [loud, quiet]):
        fake_pipeline.clear()
        result = invoke(*order)
        assert result.exit_code == 1, order  # b.txt is contradicted at the default fail-on
        assert not result.stdout.lstrip().startswith("{")  # the default terminal format, not a.txt's json
        assert "format, fail-on" in result.stderr and "quiet" in result.stderr  # said, not silently ignored
        tolerances = {Path(path).name: settings.tolerances.value for path, settings, _ in fake_pipeline}
        assert tolerances == {"a.txt": 0.3, "b.txt": 0.05}  # per-file settings still apply per file


def test_working_folder_config_decides_the_run(fake_pipeline, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / ".factcheck.toml", 'format = "json"\nfail-on = "never"\n')
    article = write(tmp_path / "drafts" / "b.txt", "Trade was $6 billion.")
    result = invoke(article)
    assert result.exit_code == 0 and json.loads(result.stdout)["summary"]["contradicted"] == 1
    assert result.stderr == ""


# ---- which files a folder means
def found(folder: Path, *args: str, cwd: Path | None = None) -> list[str]:
    from factcheck.document import iter_input_files

    return sorted(Path(p).resolve().relative_to((cwd or folder).resolve()).as_posix() for p in iter_input_files(*args))


def test_exclude_globs_match_the_path_as_given(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for name in ("drafts/new.md", "drafts/old/a.md", "drafts/old/deep/b.md"):
        write(tmp_path / name, "x")
    # docs/cli.md's example: `factcheck drafts/ --exclude "drafts/old/*"`
    assert found(tmp_path, ["drafts"], (), ["drafts/old/*"]) == ["drafts/new.md"]
    assert found(tmp_path, ["drafts/"], (), ["old/*"]) == ["drafts/new.md"]  # relative to the folder too


def test_gitignore_is_honoured_in_a_git_tree(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".git").mkdir()
    write(tmp_path / ".gitignore", "build/\n*.tmp.md\n!keep.tmp.md\n")
    write(tmp_path / "site" / ".gitignore", "generated.md\n")
    for name in ("a.md", "build/out.md", "x.tmp.md", "keep.tmp.md", "site/generated.md", "site/page.md"):
        write(tmp_path / name, "x")
    assert found(tmp_path, ["."]) == ["a.md", "keep.tmp.md", "site/page.md"]
    assert found(tmp_path, ["site"]) == ["site/page.md"]
    assert found(tmp_path, ["build/out.md"]) == ["build/out.md"]  # a file named explicitly is checked


def test_gitignore_outside_a_git_tree_is_not_read(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / ".gitignore", "*.md\n")
    write(tmp_path / "a.md", "x")
    assert found(tmp_path, ["."]) == ["a.md"]


def test_reports_inside_the_tree_are_not_checked_next_run(fake_pipeline, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "drafts" / "a.md", "Trade was $6 billion.")
    first = invoke("drafts", "-f", "markdown", "-o", "drafts/summary.md")
    assert first.exit_code == 1
    second = invoke("drafts", "-f", "markdown", "-o", "drafts/other-name.md", "--fail-on", "never")
    assert second.exit_code == 0
    checked = {Path(path).name for path, _, _ in fake_pipeline}
    assert checked == {"a.md"}  # neither this run's output nor the earlier report
    for name in ("factcheck.md", "factcheck.html", "factcheck-report.html"):
        write(tmp_path / "drafts" / name, "Trade was $6 billion.")
    fake_pipeline.clear()
    invoke("drafts", "--fail-on", "never")
    assert {Path(path).name for path, _, _ in fake_pipeline} == {"a.md"}


# ---- --prefer with an unknown id; an empty folder
def test_unknown_prefer_is_a_usage_error_even_with_nothing_to_check(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "empty").mkdir()
    article = write(tmp_path / "a.txt", "Nothing here.")
    for args in ([article, "--prefer", "nosuch"], ["empty", "--prefer", "nosuch"]):
        result = invoke(*args)
        assert result.exit_code == 2 and result.stderr.count("\n") == 1, result.stderr
        assert "nosuch" in result.stderr and "chn-prk-news" in result.stderr  # lists the known ids
    write(tmp_path / "desk" / ".factcheck.toml", 'prefer = ["nosuch"]\n')
    result = invoke(write(tmp_path / "desk" / "b.txt", "Nothing here."))
    assert result.exit_code == 2 and ".factcheck.toml: prefer nosuch" in result.stderr


def test_an_empty_folder_says_so(fake_pipeline, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "empty").mkdir()
    result = invoke("empty")
    assert result.exit_code == 2 and result.stderr.startswith("factcheck: error: no files to check in empty")
    excluded = write(tmp_path / "old.md", "Trade was $6 billion.")
    result = invoke(excluded, "--exclude", "old.md")  # pre-commit handing over only excluded files: fine
    assert result.exit_code == 0 and "no files to check" in result.stderr and result.stdout == ""


# ---- a baseline that hides everything
def test_a_baseline_that_hides_everything_says_how_many(fake_pipeline, tmp_path):
    article = write(tmp_path / "a.md", "Trade was $6 billion.\n\nTrade was $2 billion.\n")
    baseline = tmp_path / "known.json"
    invoke(article, "--write-baseline", baseline, "--fail-on", "never")
    for fmt in ("terminal", "markdown"):
        result = invoke(article, "--baseline", baseline, "-f", fmt)
        assert result.exit_code == 0
        assert "No trade claims found" not in result.stdout
        assert "2 claims hidden by the baseline" in result.stdout


# ---- the README's sample output went stale
README_SAMPLE = re.compile(r"(## What you get\n\n```text\n)(.*?)(```\n)", re.DOTALL)
SAMPLE_ARGS = ["claims/cosdream-north-korea-exports.txt"]  # the README's first command
SAMPLE_WIDTH = "100"


def render_readme_sample() -> str:
    """What `factcheck claims/cosdream-north-korea-exports.txt` prints at 100 columns, uncoloured."""
    cwd = os.getcwd()
    os.chdir(REPO)
    try:
        result = CliRunner().invoke(app, ["check", *SAMPLE_ARGS, "--color", "never"],
                                    env={"COLUMNS": SAMPLE_WIDTH, "NO_COLOR": "1"})
    finally:
        os.chdir(cwd)
    assert result.exit_code == 1, result.stderr  # contradicted claims: the check doing its job
    return "".join(line.rstrip() + "\n" for line in result.stdout.splitlines())


def test_readme_sample_output_is_what_the_command_prints():
    """The README's "What you get" block is the command's real output; after a change to the
    terminal report, `python tests/test_new_user_bugs.py` rewrites it."""
    block = README_SAMPLE.search((REPO / "README.md").read_text("utf-8"))
    assert block, "README.md has no ```text block under '## What you get'"
    assert block.group(2) == render_readme_sample(), "README sample is stale: run python tests/test_new_user_bugs.py"


if __name__ == "__main__":  # rewrite the README's sample from the real output
    sys.path.insert(0, str(Path(__file__).parent))
    readme = REPO / "README.md"
    text = readme.read_text("utf-8")
    readme.write_text(README_SAMPLE.sub(lambda m: m.group(1) + render_readme_sample() + m.group(3), text, count=1),
                      encoding="utf-8")
    print(f"rewrote the sample in {readme}")


TABLE = """# Trade with Chile

| Year | Peru's exports to Chile | Peru's imports from Chile |
| --- | --- | --- |
| 2012 | $2.1 billion | $1.6 billion |
"""


def test_figures_in_markdown_table_cells_are_read_with_their_header_and_row():
    """A data table's cell holds only the number: its column header and row label say what it
    measures, and the figure keeps its exact place in the file."""
    from factcheck.claims import find_claims
    from factcheck.document import from_text
    from factcheck.extract import extract

    doc = from_text(TABLE, "trade.md", format="markdown")
    claims = {TABLE[doc.source_offset(c.start):doc.source_end(c.end - 1)]: c
              for c in find_claims(extract(doc.text), text=doc.text)}
    assert set(claims) == {"$2.1 billion", "$1.6 billion"}, claims
    exports, imports = claims["$2.1 billion"], claims["$1.6 billion"]
    assert (exports.reporter, exports.partner, exports.flow, exports.period.start) == ("PER", "CHL", "export", 2012)
    assert (imports.reporter, imports.partner, imports.flow, imports.period.start) == ("PER", "CHL", "import", 2012)
    assert doc.locate(exports.start, exports.end).line == 5 and doc.locate(exports.start, exports.end).column == 10


# ---- a level compared with an earlier year's, for a pair no dataset holds, was an IndexError
def test_a_level_ratio_for_a_pair_with_no_data_is_unverifiable(tmp_path):
    from factcheck.document import read_document
    from factcheck.pipeline import check_document
    from factcheck.reference import Catalog

    text = ("Trade between Paraguay and Germany surged 223 percent in 2009 to recover to 73 percent of trade "
            "posted before the pandemic. Paraguay-Germany trade amounted to nearly 2.3 billion U.S. dollars in 2009. "
            "The figure was 43 percent of the level posted in 2005, before the pandemic.\n")
    store = tmp_path / "store"
    store.mkdir()
    report = check_document(read_document(write(tmp_path / "a.txt", text)), Catalog.load(data_dir=store))
    ratios = [f.finding for f in report.findings if f.finding.claim.metric == "level_ratio"]
    assert ratios and all(f.verdict == "unverifiable" for f in ratios)

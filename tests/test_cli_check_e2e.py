"""End to end through the real pipeline and bundled reference data: the example article and the
issue-6 acceptance draft. Skipped (not failed) while a stage of the pipeline is missing."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcheck.cli.app import app

REPO = Path(__file__).resolve().parents[1]
ARTICLE = REPO / "claims" / "cosdream-north-korea-exports.txt"
DRAFT = REPO / "tests" / "data" / "document" / "acceptance-draft.md"


@pytest.fixture(scope="module")
def pipeline_ready():
    try:
        import factcheck.pipeline  # noqa: F401
        from factcheck.reference import Catalog

        Catalog.load()
    except Exception as exc:  # noqa: BLE001 - any missing stage means "not yet", not a failure here
        pytest.skip(f"pipeline not ready: {exc.__class__.__name__}: {exc}")


def run(*args):
    result = CliRunner().invoke(app, ["check", *map(str, args)])
    assert "Traceback" not in result.stdout + result.stderr and result.exit_code in (0, 1), result.stderr
    return result


def claims_of(result):
    return json.loads(result.stdout)["documents"][0]["claims"]


def assert_spans_point_at_the_quantity(path: Path, claims):
    source = path.read_text(encoding="utf-8")
    lines = source.split("\n")
    for claim in claims:
        span = claim["span"]
        if claim["quantity"] is None:
            continue
        surface = claim["quantity"]["surface"]
        line = lines[span["line"] - 1]
        assert line[span["column"] - 1:].startswith(surface[0]), (claim["id"], line)
        assert span["end_line"] == span["line"] and span["end_column"] - span["column"] >= len(surface.replace("*", ""))
        assert claim["id"].endswith(f":{span['line']}:{span['column']}")


def test_example_article(pipeline_ready):
    result = run(ARTICLE, "--format", "json")
    assert result.exit_code == 1
    claims = claims_of(result)
    assert_spans_point_at_the_quantity(ARTICLE, claims)
    exports_97 = [c for c in claims if c["quantity"] and c["quantity"]["surface"] == "97%"
                  and re.search(r"97% of (North Korea's|its) exports", c["text"])]
    # Every such claim being contradicted is the claims/verify gold test's business; here the
    # report must carry at least one with its expected share, source and the imports alternative.
    contradicted = [c for c in exports_97 if c["verdict"] == "contradicted"]
    assert contradicted
    for claim in contradicted:
        assert claim["expected"]["value"] == pytest.approx(74.0, abs=5) and claim["expected"]["citation"]
        assert any("import" in alt["description"] for alt in claim["alternatives"])
    trade = [c for c in claims if c["quantity"] and c["quantity"]["surface"] == "$2.27 billion"]
    assert len(trade) == 1 and trade[0]["verdict"] in ("supported", "approximate")
    assert (trade[0]["span"]["line"], trade[0]["span"]["column"]) == (72, 66)
    furniture = {i + 1 for i, line in enumerate(ARTICLE.read_text().split("\n"))
                 if re.search(r"views|Rated|Every month|Valid for", line)}
    assert not [c for c in claims if c["span"]["line"] in furniture]


def test_acceptance_draft(pipeline_ready):
    result = run(DRAFT, "--format", "json")
    assert result.exit_code == 1
    claims = claims_of(result)
    assert_spans_point_at_the_quantity(DRAFT, claims)
    by_surface = {c["quantity"]["surface"]: c for c in claims if c["quantity"]}
    bold = by_surface["$539 million"]
    assert bold["verdict"] == "contradicted"
    assert (bold["span"]["line"], bold["span"]["column"], bold["span"]["end_column"]) == (11, 68, 80)
    assert "$5 billion" not in by_surface and "$9 billion" not in by_surface  # code block, suppressed
    assert not [c for c in claims if c["span"]["line"] in (2, 14, 18)]
    positions = [(c["span"]["line"], c["span"]["column"], c["span"]["end_line"], c["span"]["end_column"])
                 for c in claims if c["verdict"] != "supported"]
    sarif = json.loads(run(DRAFT, "--format", "sarif").stdout)
    regions = [r["locations"][0]["physicalLocation"]["region"] for r in sarif["runs"][0]["results"]]
    assert [(r["startLine"], r["startColumn"], r["endLine"], r["endColumn"]) for r in regions] == positions
    github = [line for line in run(DRAFT, "--format", "github").stdout.splitlines() if line.startswith("::")
              and "line=" in line]
    assert [tuple(int(re.search(rf"\b{k}=(\d+)", a).group(1)) for k in ("line", "col", "endLine", "endColumn"))
            for a in github] == positions
    assert run(DRAFT, "--fail-on", "never").exit_code == 0


def test_explain_and_terminal_on_the_article(pipeline_ready, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    result = run(ARTICLE, "--explain")
    assert "✗ contradicted" in result.stdout and "»97%«" in result.stdout and "\x1b[" not in result.stdout

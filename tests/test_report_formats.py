"""Each renderer against the contracts: DESIGN.md JSON, SARIF 2.1.0, GitHub workflow commands,
Markdown for pull requests, and the rich terminal report at 80 and 120 columns and with NO_COLOR."""

from __future__ import annotations

import json
import re

import pytest
from rich.console import Console

from factcheck.report import render
from factcheck.report.github import annotation, escape_data, escape_property, write_step_summary
from factcheck.report.severity import SEVERITIES
from factcheck.report.terminal import renderables
from test_report_sample import sample_report

CLAIM_KEYS = {"id", "text", "span", "quantity", "metric", "reporter", "partner", "flow", "commodity", "period",
              "verdict", "expected", "deviation", "explanation", "alternatives"}
ANSI = re.compile(r"\x1b\[")


def test_json_follows_the_design_contract():
    data = json.loads(render(sample_report(), "json"))
    assert data["schema"] == "factcheck.report/1"
    assert data["tool"] == {"name": "factcheck", "version": "0.1.0"}
    assert data["datasets"] == [{"id": "cia-factbook", "title": "CIA World Factbook partner shares",
                                 "version": "2024", "sha256": "ab" * 32}]
    assert data["summary"] == {"claims": 4, "supported": 1, "approximate": 1, "contradicted": 1, "unverifiable": 1}
    claim = data["documents"][0]["claims"][0]
    assert CLAIM_KEYS <= set(claim)
    assert claim["id"] == "drafts/north korea.md:4:1"
    assert claim["text"] == "97% of North Korea's exports go to China."
    assert set(claim["span"]) == {"start", "end", "line", "column", "end_line", "end_column"}
    assert (claim["span"]["line"], claim["span"]["column"], claim["span"]["end_column"]) == (4, 1, 4)
    assert set(claim["quantity"]) == {"surface", "kind", "value", "unit", "low", "high", "hedge"}
    assert claim["period"] == {"start": 2023, "end": 2023, "assumed": False}
    assert claim["expected"] == {"value": 74.0, "unit": "percent", "dataset": "cia-factbook",
                                 "citation": "CIA, The World Factbook: North Korea, 2024 <https://example.org/factbook>"}
    assert set(claim["alternatives"][0]) == {"description", "value", "unit", "dataset", "citation"}
    assert claim["fingerprint"] and claim["evidence"][0]["year"] == 2023
    growth = data["documents"][0]["claims"][3]
    assert growth["period"] is None and growth["missing"] == "commodity" and growth["expected"] is None
    assert data["documents"][1] == {"path": "notes.txt", "claims": [],
                                    "notices": ["notes.txt: not valid UTF-8 (byte 3); decoded as cp1252."]}


def test_sarif_has_every_property_2_1_0_requires_for_results_with_locations():
    sarif = json.loads(render(sample_report(), "sarif"))
    assert sarif["version"] == "2.1.0" and sarif["$schema"].endswith("sarif-2.1.0.json")
    run = sarif["runs"][0]
    driver = run["tool"]["driver"]
    assert {"name", "version", "informationUri", "rules"} <= set(driver)
    rule_ids = [rule["id"] for rule in driver["rules"]]
    assert rule_ids == ["FC-contradicted", "FC-approximate", "FC-unverifiable", "FC-supported"]
    assert run["columnKind"] == "unicodeCodePoints"
    results = run["results"]
    assert [r["ruleId"] for r in results] == ["FC-contradicted", "FC-approximate", "FC-unverifiable"]
    for result in results:
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["level"] in {"error", "warning", "note", "none"}
        assert result["message"]["text"]
        physical = result["locations"][0]["physicalLocation"]
        assert physical["artifactLocation"]["uri"] == "drafts/north%20korea.md"
        assert set(physical["region"]) == {"startLine", "startColumn", "endLine", "endColumn"}
        assert all(isinstance(v, int) and v >= 1 for v in physical["region"].values())
        assert list(result["partialFingerprints"].values())[0].startswith("fp-")
    assert results[0]["level"] == "error" and results[1]["level"] == "warning" and results[2]["level"] == "note"


def test_sarif_fingerprints_do_not_depend_on_the_line():
    from dataclasses import replace

    report = sample_report()
    doc = report.documents[0]
    moved = replace(doc.findings[0], location=replace(doc.findings[0].location, line=40, end_line=40))
    moved_report = replace(report, documents=(replace(doc, findings=(moved,) + doc.findings[1:]),))
    before = json.loads(render(report, "sarif"))["runs"][0]["results"][0]
    after = json.loads(render(moved_report, "sarif"))["runs"][0]["results"][0]
    assert before["partialFingerprints"] == after["partialFingerprints"]
    assert after["locations"][0]["physicalLocation"]["region"]["startLine"] == 40


@pytest.mark.parametrize("raw, data, prop", [
    ("50% of 1,000: a\r\nb", "50%25 of 1,000: a%0D%0Ab", "50%25 of 1%2C000%3A a%0D%0Ab"),
    ("plain", "plain", "plain"),
])
def test_github_escaping_follows_actions_toolkit(raw, data, prop):
    assert escape_data(raw) == data
    assert escape_property(raw) == prop


def test_github_annotations_by_severity():
    lines = render(sample_report(), "github").splitlines()
    commands = [line.split(" ", 1)[0] for line in lines if line.startswith("::")]
    assert commands == ["::error", "::warning", "::notice", "::notice"]
    assert lines[0].startswith("::error file=drafts/north korea.md,line=4,col=1,endLine=4,endColumn=4,"
                               "title=factcheck%3A contradicted::97%25: China took 74%25")
    supported = sample_report().documents[0].findings[1]
    assert annotation(supported) is None


def test_github_step_summary_holds_every_finding(tmp_path):
    summary = tmp_path / "summary.md"
    assert write_step_summary(sample_report(), {"GITHUB_STEP_SUMMARY": str(summary)})
    text = summary.read_text()
    assert all(where in text for where in ("| 4:1 |", "| 9:42 |", "| 12:7 |", "| 15:3 |"))
    assert not write_step_summary(sample_report(), {})


def test_markdown_is_a_pull_request_comment():
    text = render(sample_report(), "markdown")
    assert text.startswith("**factcheck**: 4 claims in 2 files — ✗ 1 contradicted")
    assert "| Where | Claim | Verdict | Expected | Source |" in text
    assert "| 4:1 | `97%` China's share of North Korea's exports, 2023 | ✗ contradicted | 74% | cia-factbook |" in text
    assert "<details>" in text


@pytest.mark.parametrize("width", [80, 120])
def test_terminal_report_fits_its_width(width):
    console = Console(record=True, width=width, color_system=None)
    for item in renderables(sample_report(), width=width, explain=True):
        console.print(item)
    text = console.export_text()
    assert max(len(line) for line in text.splitlines()) <= width
    for expected in ("4 claims in 2 files", "✗ contradicted", "✓ supported", "≈ approximate", "? unverifiable",
                     "4:1", "9:42", "$2.27 billion", "74%", "cia-factbook", "»97%« of North Korea's exports",
                     "Arithmetic: 97 − 74", "Alternative: 97% is China's share", "No trade claims found."):
        assert expected in text, expected


def test_narrow_terminal_lists_instead_of_a_table():
    text = render(sample_report(), "terminal", width=50, color=False)
    assert max(len(line) for line in text.splitlines()) <= 50
    assert "4:1 ✗ contradicted  97%" in text and "┃" not in text


def test_terminal_honours_no_color(monkeypatch):
    assert ANSI.search(render(sample_report(), "terminal", width=120, color=True))
    monkeypatch.setenv("NO_COLOR", "1")
    plain = render(sample_report(), "terminal", width=120)
    assert not ANSI.search(plain) and "✗ contradicted" in plain


def test_one_severity_table_serves_every_renderer():
    assert {s.sarif_level for s in SEVERITIES.values()} == {"error", "warning", "note", "none"}
    assert SEVERITIES["supported"].github_command is None


def test_sarif_uris():
    from factcheck.report.sarif import _uri

    assert _uri("drafts/a b.md") == "drafts/a%20b.md"
    assert _uri("/srv/news/a.md") == "file:///srv/news/a.md"


def test_github_paths_are_relative_to_the_workspace():
    from factcheck.report.github import repository_path

    assert repository_path("/srv/ci/news/drafts/a.md", "/srv/ci/news") == "drafts/a.md"
    assert repository_path("drafts/a.md", "/elsewhere") == "drafts/a.md"
    assert repository_path("/other/a.md", "/srv/ci/news") == "/other/a.md"

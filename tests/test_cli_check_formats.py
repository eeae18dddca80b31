"""The check command through typer's CliRunner, with a stand-in pipeline (deterministic verdicts
from "$N billion" amounts) so the command's own behaviour is tested apart from the stages:
formats, --output, stdin, folders, --jobs, baselines, --fail-on."""

from __future__ import annotations

import hashlib
import json
import re

import pytest
from typer.testing import CliRunner

import factcheck.cli.check as check_module
from factcheck.claims.model import Claim, ClaimPeriod
from factcheck.cli.app import app
from factcheck.extract.model import Quantity
from factcheck.report.model import DocumentReport, LocatedFinding
from factcheck.verify.model import Expected, Finding

MONEY = re.compile(r"\$(\d+(?:\.\d+)?) (billion|million)")
SEEN: list = []  # (path, settings, catalog) per checked document


def verdict_for(value: float) -> str:
    """Billions 1-3 supported, 4 approximate, 5+ contradicted; millions unverifiable."""
    if value < 1e9:
        return "unverifiable"
    return "supported" if value < 4e9 else "approximate" if value < 5e9 else "contradicted"


def fake_run_pipeline(doc, catalog, settings) -> DocumentReport:
    SEEN.append((doc.path, settings, catalog))
    findings = []
    for match in MONEY.finditer(doc.text):
        if doc.is_ignored(match.start(), match.end()):
            continue
        value = float(match.group(1)) * (1e9 if match.group(2) == "billion" else 1e6)
        line_start = doc.text.rfind("\n", 0, match.start()) + 1
        line_end = doc.text.find("\n", match.end())
        sentence = doc.text[line_start: len(doc.text) if line_end < 0 else line_end]
        quantity = Quantity(match.group(0), match.start(), match.end(), "money", value, "USD")
        claim = Claim(sentence, line_start, match.start(), match.end(), "trade_value", quantity, "CHN", "PRK",
                      "total", period=ClaimPeriod(2023, 2023))
        verdict = verdict_for(value)
        expected = None if verdict == "unverifiable" else Expected(2.3e9, "USD", "fake-data", "Fake customs, 2024")
        finding = Finding(claim, verdict, f"Reference says $2.3 billion; the draft says {match.group(0)}.", expected,
                          missing="year" if expected is None else None)
        loc = doc.locate(match.start(), match.end())
        fingerprint = hashlib.sha256(f"{sentence}|{value}".encode()).hexdigest()[:16]
        findings.append(LocatedFinding(f"{doc.path}:{loc.line}:{loc.column}", doc.path, loc, finding, fingerprint))
    return DocumentReport(doc.path, tuple(findings), doc.notices)


class FakeCatalog:
    def __init__(self, data_dir, prefer):
        self.data_dir, self.prefer = data_dir, prefer

    def datasets(self):
        return ()


@pytest.fixture
def fake_pipeline(monkeypatch):
    SEEN.clear()
    check_module._CATALOGS.clear()
    monkeypatch.setattr(check_module, "run_pipeline", fake_run_pipeline)
    # the batch path (nlp.pipe) goes through whatever run_pipeline is patched to
    monkeypatch.setattr(check_module, "run_pipeline_batch",
                        lambda docs, catalog, settings: [check_module.run_pipeline(d, catalog, settings) for d in docs])
    monkeypatch.setattr(check_module, "load_catalog", lambda data_dir, prefer: FakeCatalog(data_dir, prefer))
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    yield SEEN
    check_module._CATALOGS.clear()


DRAFT = """---
title: "$9 billion in front matter"
---
# Trade

Trade was **$2 billion** in 2023.

```
$7 billion in code
```

<!-- factcheck: ignore -->
Ignored $8 billion.

Exports hit $6 billion, imports $4 billion and aid $300 million.
"""


def invoke(*args, input=None, env=None):
    result = CliRunner().invoke(app, ["check", *map(str, args)], input=input, env=env)
    assert "Traceback" not in (result.stdout + result.stderr)
    return result


@pytest.fixture
def draft(tmp_path):
    path = tmp_path / "draft.md"
    path.write_text(DRAFT, encoding="utf-8")
    return path


def test_json_lists_claims_with_original_positions(fake_pipeline, draft):
    result = invoke(draft, "--format", "json")
    assert result.exit_code == 1 and result.stderr == ""
    data = json.loads(result.stdout)
    claims = data["documents"][0]["claims"]
    assert [(c["quantity"]["surface"], c["span"]["line"], c["span"]["column"], c["verdict"]) for c in claims] == [
        ("$2 billion", 6, 13, "supported"), ("$6 billion", 15, 13, "contradicted"),
        ("$4 billion", 15, 33, "approximate"), ("$300 million", 15, 52, "unverifiable"),
    ]
    assert data["summary"] == {"claims": 4, "supported": 1, "approximate": 1, "contradicted": 1, "unverifiable": 1}


def test_json_github_and_sarif_agree_on_positions(fake_pipeline, draft):
    claims = json.loads(invoke(draft, "-f", "json").stdout)["documents"][0]["claims"]
    problems = [(c["span"]["line"], c["span"]["column"], c["span"]["end_line"], c["span"]["end_column"])
                for c in claims if c["verdict"] != "supported"]
    sarif = json.loads(invoke(draft, "-f", "sarif").stdout)
    regions = [r["locations"][0]["physicalLocation"]["region"] for r in sarif["runs"][0]["results"]]
    assert [(r["startLine"], r["startColumn"], r["endLine"], r["endColumn"]) for r in regions] == problems
    annotations = [line for line in invoke(draft, "-f", "github").stdout.splitlines() if line.startswith("::")]
    found = [tuple(int(re.search(rf"\b{key}=(\d+)", a).group(1)) for key in ("line", "col", "endLine", "endColumn"))
             for a in annotations]
    assert found == problems


@pytest.mark.parametrize("fail_on, code", [("contradicted", 1), ("approximate", 1), ("unverifiable", 1), ("never", 0)])
def test_fail_on_levels(fake_pipeline, tmp_path, fail_on, code):
    path = tmp_path / "a.txt"
    path.write_text("Exports were $6 billion.\n")
    assert invoke(path, "--fail-on", fail_on, "-f", "json").exit_code == code


@pytest.mark.parametrize("text, fail_on, code", [
    ("Aid was $300 million.", "contradicted", 0), ("Aid was $300 million.", "approximate", 0),
    ("Aid was $300 million.", "unverifiable", 1), ("Trade was $4 billion.", "contradicted", 0),
    ("Trade was $4 billion.", "approximate", 1), ("Trade was $2 billion.", "unverifiable", 0),
])
def test_fail_on_follows_verdict_rank(fake_pipeline, tmp_path, text, fail_on, code):
    path = tmp_path / "a.txt"
    path.write_text(text)
    assert invoke(path, "--fail-on", fail_on, "-f", "json").exit_code == code


def test_terminal_is_the_default_and_plain_when_piped(fake_pipeline, draft):
    result = invoke(draft)
    assert "\x1b[" not in result.stdout and "✗ contradicted" in result.stdout and "15:13" in result.stdout
    assert result.stderr == ""  # no progress bar when stderr is not a terminal


def test_explain_shows_the_sentence_with_the_claim_marked(fake_pipeline, draft):
    result = invoke(draft, "--explain")
    assert "Exports hit »$6 billion«, imports" in result.stdout


def test_markdown_format(fake_pipeline, draft):
    text = invoke(draft, "-f", "markdown").stdout
    assert text.startswith("**factcheck**: 4 claims in 1 file") and "| 15:13 | `$6 billion`" in text


def test_github_format_writes_the_job_summary(fake_pipeline, draft, tmp_path):
    summary = tmp_path / "summary.md"
    result = invoke(draft, "-f", "github", env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert result.stdout.startswith("::error file=") and result.exit_code == 1
    assert "| 6:13 | `$2 billion`" in summary.read_text()


def test_output_file_is_written_and_stdout_stays_empty(fake_pipeline, draft, tmp_path):
    out = tmp_path / "reports" / "report.sarif"
    result = invoke(draft, "-f", "sarif", "-o", out)
    assert result.stdout == "" and result.exit_code == 1
    assert json.loads(out.read_text())["version"] == "2.1.0"
    assert [p.name for p in out.parent.iterdir()] == ["report.sarif"]  # no temporary left behind


def test_output_never_clobbers_an_input(fake_pipeline, draft):
    result = invoke(draft, "-o", draft)
    assert result.exit_code == 2 and "refusing to overwrite" in result.stderr
    assert draft.read_text() == DRAFT


def test_stdin_with_input_format(fake_pipeline):
    result = invoke("-", "--input-format", "markdown", "-f", "json", input="Trade: **$6 billion**\n")
    claim = json.loads(result.stdout)["documents"][0]["claims"][0]
    assert claim["id"] == "<stdin>:1:10" and result.exit_code == 1


def test_empty_file_has_no_claims_and_exits_0(fake_pipeline, tmp_path):
    path = tmp_path / "empty.txt"
    path.write_text("")
    result = invoke(path, "-f", "json")
    assert result.exit_code == 0 and json.loads(result.stdout)["documents"][0]["claims"] == []


def test_latin1_file_is_decoded_with_a_notice(fake_pipeline, tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes("Côte d'Ivoire: $2 billion".encode("latin-1"))
    result = invoke(path, "-f", "json")
    doc = json.loads(result.stdout)["documents"][0]
    assert result.exit_code == 0 and "cp1252" in doc["notices"][0]
    assert doc["claims"][0]["text"] == "Côte d'Ivoire: $2 billion"


def test_folders_with_include_exclude(fake_pipeline, tmp_path):
    for name in ("a.md", "b.txt", "sub/c.md", "sub/skip.md", "d.csv"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("Trade was $2 billion.")
    result = invoke(tmp_path, "--include", "*.md", "--exclude", "skip.md", "-f", "json")
    paths = [d["path"].replace(str(tmp_path), "") for d in json.loads(result.stdout)["documents"]]
    assert paths == ["/a.md", "/sub/c.md"]


def test_jobs_gives_the_same_report_as_one_process(fake_pipeline, tmp_path):
    for i in range(12):
        (tmp_path / f"a{i:02}.txt").write_text(f"Trade was ${i % 7} billion.\n\nAid was $300 million.")
    first = invoke(tmp_path, "-f", "json", "--jobs", "1")
    second = invoke(tmp_path, "-f", "json", "--jobs", "2")
    one, two = json.loads(first.stdout), json.loads(second.stdout)
    assert one == two and one["summary"]["claims"] == 24
    assert first.stderr == second.stderr == ""  # no progress bar: stderr is not a terminal here


def test_baseline_hides_known_findings_even_when_lines_move(fake_pipeline, tmp_path):
    path = tmp_path / "a.txt"
    baseline = tmp_path / "baseline.json"
    path.write_text("Exports were $6 billion.\n")
    assert invoke(path, "--write-baseline", baseline, "-f", "json").exit_code == 1
    path.write_text("A new first line.\n\nExports were $6 billion.\n")
    result = invoke(path, "--baseline", baseline, "-f", "json")
    assert result.exit_code == 0 and json.loads(result.stdout)["summary"]["claims"] == 0
    path.write_text("Exports were $6 billion.\n\nImports were $7 billion.\n")
    result = invoke(path, "--baseline", baseline, "-f", "json")
    assert result.exit_code == 1 and json.loads(result.stdout)["summary"]["claims"] == 1


def test_prefer_and_data_dir_reach_the_catalog(fake_pipeline, draft, tmp_path):
    invoke(draft, "--prefer", "kotra", "--prefer", "gacc", "--data-dir", tmp_path, "-f", "json")
    catalog = fake_pipeline[0][2]
    assert catalog.prefer == ("kotra", "gacc") and catalog.data_dir == str(tmp_path)


def test_version():
    result = CliRunner().invoke(app, ["check", "--version"])
    assert result.exit_code == 0 and result.stdout.strip() == "factcheck 0.1.0"
    assert CliRunner().invoke(app, ["--version"]).stdout.strip() == "factcheck 0.1.0"


def test_progress_bar_only_when_stderr_is_a_terminal(fake_pipeline, monkeypatch, tmp_path):
    import sys

    monkeypatch.setattr(sys.stderr, "isatty", lambda: False, raising=False)
    assert check_module._progress() is None
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True, raising=False)
    assert check_module._progress() is not None
    docs = []
    for i in range(3):
        (tmp_path / f"a{i}.txt").write_text("Trade was $6 billion.")
        docs.append(check_module.Job(check_module.read_input(str(tmp_path / f"a{i}.txt"), None, 10_000),
                                     check_module.Settings(), None))
    results = check_module.run_jobs(docs, 1)
    assert [len(r.findings) for r in results] == [1, 1, 1]

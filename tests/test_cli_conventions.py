"""The conventions of prose and code linters (Vale, ruff, markdownlint-cli2) that factcheck follows
(issue 14, item 3; the table is docs/ci.md): concise and JUnit formats, -h, --color, --no-config,
--show-settings, --stdin-filename, --select/--ignore by claim kind, --statistics, SARIF help and
invocations, one-line usage errors, a quiet closed pipe."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcheck.cli import main
from factcheck.cli.app import app
from factcheck.report import render
from factcheck.report.lint import KINDS, kind_of
from test_cli_check_formats import fake_pipeline  # noqa: F401 - fixture
from test_report_sample import sample_report

REPO = Path(__file__).resolve().parents[1]
CONCISE_LINE = re.compile(r"^(?P<path>.+):(?P<line>\d+):(?P<col>\d+): (?P<verdict>contradicted|approximate|unverifiable|supported) (?P<message>\S.*)$")


def invoke(*args, input=None, env=None):
    result = CliRunner().invoke(app, ["check", *map(str, args)], input=input, env=env)
    assert "Traceback" not in (result.stdout + result.stderr)
    return result


def run_main(capsys, *argv) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exit_info:
        main(list(map(str, argv)))
    out, err = capsys.readouterr()
    return exit_info.value.code, out, err


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("Trade was $2 billion.\n\nExports hit $6 billion & <more>.\n\nAid was $300 million.\n",
                    encoding="utf-8")
    return path


# ---- formats
def test_concise_is_one_line_per_claim_path_line_col_verdict_message(fake_pipeline, article):
    result = invoke(article, "--format", "concise")
    lines = result.stdout.splitlines()
    assert result.exit_code == 1 and len(lines) == 3
    parsed = [CONCISE_LINE.match(line) for line in lines]
    assert all(parsed), lines
    assert [(m["line"], m["col"], m["verdict"]) for m in parsed] == [("1", "11", "supported"), ("3", "13", "contradicted"),
                                                                   ("5", "9", "unverifiable")]
    assert all(m["path"] == str(article) for m in parsed)


def test_concise_of_a_report_keeps_newlines_out_of_messages():
    for line in render(sample_report(), "concise").splitlines():
        assert CONCISE_LINE.match(line), line


def test_junit_is_valid_xml_one_testcase_per_claim_failures_for_contradicted(fake_pipeline, article):
    result = invoke(article, "--format", "junit")
    root = ET.fromstring(result.stdout)
    cases = root.findall(".//testcase")
    assert len(cases) == 3
    failed = [c for c in cases if c.find("failure") is not None]
    assert len(failed) == 1 and "$6 billion" in failed[0].get("name")
    assert failed[0].get("file") == str(article) and failed[0].get("line") == "3"
    suite = root.find("testsuite")
    assert suite.get("tests") == "3" and suite.get("failures") == "1"
    # --fail-on decides what fails, as it decides the exit code
    root = ET.fromstring(invoke(article, "--format", "junit", "--fail-on", "unverifiable").stdout)
    assert len([c for c in root.iter("testcase") if c.find("failure") is not None]) == 2


def test_junit_escapes_markup_quotes_and_control_characters():
    report = sample_report()
    text = render(report, "junit")
    root = ET.fromstring(text)  # parses: & < > " and the sample's quotes are escaped
    assert any('"' in (c.get("name") or "") + (c.findtext("failure") or "") + (c.findtext("system-out") or "")
               for c in root.iter("testcase"))
    from factcheck.report.lint import xml_text

    assert xml_text("a\x00b\x1bc\ufffed") == "abcd"


def test_sarif_rules_have_help_and_the_run_has_an_invocation(fake_pipeline, article):
    result = invoke(article, "--format", "sarif")
    run = json.loads(result.stdout)["runs"][0]
    for rule in run["tool"]["driver"]["rules"]:
        assert rule["helpUri"].startswith("https://") and rule["help"]["text"] and rule["help"]["markdown"]
    assert run["invocations"] == [{"executionSuccessful": True, "exitCode": 1}]
    from factcheck import PROJECT_URL

    assert run["tool"]["driver"]["informationUri"] == PROJECT_URL  # the project, never a local path
    assert "pypi.org/project/factcheck/" not in run["tool"]["driver"]["informationUri"]  # someone else's project
    never = json.loads(invoke(article, "--format", "sarif", "--fail-on", "never").stdout)["runs"][0]
    assert never["invocations"][0]["exitCode"] == 0


# ---- selecting claims
def test_every_metric_has_a_kind():
    from factcheck.claims.model import METRICS, SHARE_CHANGE

    assert set(KINDS) == {"value", "share", "growth", "rank", "trend", "comparison", "balance"}
    assert {kind_of(m) for m in (*METRICS, SHARE_CHANGE, "balance", "balance_change")} <= set(KINDS)


def test_select_and_ignore_by_kind(fake_pipeline, article):
    lines = invoke(article, "-f", "concise", "--select", "share").stdout.splitlines()
    assert lines == []  # the stand-in pipeline's claims are all values
    assert len(invoke(article, "-f", "concise", "--select", "value,share").stdout.splitlines()) == 3
    result = invoke(article, "-f", "concise", "--ignore", "value")
    assert result.stdout == "" and result.exit_code == 0  # nothing selected fails


def test_unknown_kind_is_a_usage_error(fake_pipeline, article):
    result = invoke(article, "--select", "valeu")
    assert result.exit_code == 2 and result.stderr.count("\n") == 1
    assert "valeu" in result.stderr and "balance" in result.stderr


def test_statistics_counts_per_kind_and_verdict(fake_pipeline, article):
    result = invoke(article, "--statistics")
    rows = [line.split() for line in result.stdout.splitlines()]
    assert sorted(rows) == sorted([["1", "value", "contradicted"], ["1", "value", "supported"],
                                   ["1", "value", "unverifiable"]])
    assert result.exit_code == 1


# ---- settings
def test_no_config_ignores_config_files(fake_pipeline, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".factcheck.toml").write_text('format = "json"\nfail-on = "never"\n', encoding="utf-8")
    article = tmp_path / "a.txt"
    article.write_text("Exports hit $6 billion.", encoding="utf-8")
    assert invoke(article).exit_code == 0
    result = invoke(article, "--no-config")
    assert result.exit_code == 1 and not result.stdout.startswith("{")
    assert invoke(article, "--no-config", "--config", tmp_path / ".factcheck.toml").exit_code == 2


def test_show_settings_prints_each_value_and_where_it_came_from(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".factcheck.toml").write_text('fail-on = "approximate"\n[tolerance]\npoints = 3\n', encoding="utf-8")
    result = invoke("--show-settings", "--format", "json")
    assert result.exit_code == 0, result.stderr
    rows = {line.split()[0]: line for line in result.stdout.splitlines() if line.strip()}
    assert "approximate" in rows["fail-on"] and ".factcheck.toml" in rows["fail-on"]
    assert "json" in rows["format"] and "command line" in rows["format"]
    assert "3.0" in rows["tolerance.points"] and ".factcheck.toml" in rows["tolerance.points"]
    assert "0.05" in rows["tolerance.value"] and "default" in rows["tolerance.value"]


def test_stdin_filename_names_stdin_and_picks_its_format_and_config(fake_pipeline, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    desk = tmp_path / "desk"
    desk.mkdir()
    (desk / ".factcheck.toml").write_text("[tolerance]\nvalue = 0.3\n", encoding="utf-8")
    result = invoke("-", "--stdin-filename", "desk/story.md", "-f", "concise",
                    input="<!-- factcheck: ignore -->\nHidden $6 billion.\n\nTrade was **$2 billion**.\n")
    assert result.stdout.splitlines() == [line for line in result.stdout.splitlines() if line.startswith("desk/story.md:4:")]
    assert len(result.stdout.splitlines()) == 1  # read as Markdown: the ignore comment worked
    path, settings, _ = fake_pipeline[-1]
    assert path == "desk/story.md" and settings.tolerances.value == 0.3
    assert invoke("a.txt", "--stdin-filename", "x.md").exit_code == 2  # only with -


# ---- the command line itself
@pytest.mark.parametrize("argv", [["check", "--jobs", "x", "a.txt"], ["check", "--nosuch", "a.txt"],
                                  ["a.txt", "--format"], ["data", "nosuchcommand"]])
def test_usage_errors_are_one_line_exit_2(capsys, argv):
    code, out, err = run_main(capsys, *argv)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith("factcheck: error: "), err
    assert "╭" not in err and "Usage:" not in err


def test_dash_h_is_help(capsys):
    code, out, _ = run_main(capsys, "-h")
    assert code == 0 and "--help" in out
    code, out, _ = run_main(capsys, "check", "-h")
    assert code == 0 and "--format" in out


@pytest.mark.parametrize("mode, env, colored", [("always", {}, True), ("never", {"FORCE_COLOR": "1"}, False),
                                                (None, {"FORCE_COLOR": "1"}, True), (None, {}, False),
                                                ("auto", {"NO_COLOR": "1", "FORCE_COLOR": ""}, False)])
def test_color_flag_and_force_color(fake_pipeline, article, monkeypatch, mode, env, colored):
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    result = invoke(article, *(["--color", mode] if mode else []))
    assert ("\x1b[" in result.stdout) == colored


def test_bad_color_is_a_usage_error(fake_pipeline, article):
    result = invoke(article, "--color", "sometimes")
    assert result.exit_code == 2 and "--color must be one of auto, always, never" in result.stderr


def test_a_closed_pipe_exits_quietly(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("North Korea's exports to China were $2.3 billion in 2023.\n" * 400, encoding="utf-8")
    script = (f"{sys.executable} -c 'from factcheck.cli import main; main()' {article} "
              "--format concise --fail-on never | head -1")
    # run from the test's folder: from the checkout, its factcheck/ (without the bundled data,
    # which installs as factcheck.bundled_data) would shadow the installed package
    result = subprocess.run(["bash", "-o", "pipefail", "-c", script], capture_output=True, text=True, timeout=300,
                            cwd=tmp_path)
    assert "Traceback" not in result.stderr and "BrokenPipe" not in result.stderr, result.stderr
    assert result.stderr == "" and result.stdout.count("\n") == 1


# ---- distribution (issue 14, item 5)
def test_distribution_name_command_and_package():
    from factcheck import DISTRIBUTION, PROJECT_URL
    from factcheck.cli.config import toml_module as tomllib

    project = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["project"]
    assert project["name"] == DISTRIBUTION != "factcheck"  # `factcheck` on the index is another project
    assert project["scripts"] == {"factcheck": "factcheck.cli:main"}
    assert project["urls"]["Homepage"] == PROJECT_URL
    for doc in ("docs/ci.md", ".pre-commit-hooks.yaml"):
        text = (REPO / doc).read_text("utf-8")
        assert "OWNER" not in text and str(REPO) not in text  # no placeholder, no path of this checkout
    ci = (REPO / "docs/ci.md").read_text("utf-8")
    assert f"repo: {PROJECT_URL}" in ci and f"{DISTRIBUTION} @ git+{PROJECT_URL}" in ci


def test_the_pinned_pre_commit_rev_is_a_tag_of_this_repository():
    rev = re.search(r"rev: (\S+)", (REPO / "docs/ci.md").read_text("utf-8")).group(1)
    tags = subprocess.run(["git", "tag", "--list", rev], cwd=REPO, capture_output=True, text=True)
    if tags.returncode != 0 or not (REPO / ".git").exists():
        pytest.skip("not a git checkout")
    if not tags.stdout.strip():
        pytest.skip(f"tag {rev} not in this clone (tags are not always fetched)")
    from factcheck import __version__

    assert rev == f"v{__version__}"

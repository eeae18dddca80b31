"""When the tool cannot do its job: exit 2 and exactly one line on stderr, never a traceback."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

import factcheck.cli.check as check_module
from factcheck.cli.app import app
from factcheck.errors import DatasetError
from test_cli_check_formats import fake_pipeline  # noqa: F401 - fixture


def run_failing(*args, expect: str):
    result = CliRunner().invoke(app, ["check", *map(str, args)])
    assert result.exit_code == 2, result.stdout
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("factcheck: error: "), result.stderr
    assert expect in lines[0]
    assert "Traceback" not in result.stdout + result.stderr
    return result


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Trade was $2 billion.")
    return path


def test_missing_file(fake_pipeline, tmp_path):
    run_failing(tmp_path / "nope.txt", expect="nope.txt: no such file")


def test_binary_file(fake_pipeline, tmp_path):
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    run_failing(path, expect="binary")


def test_unknown_format(fake_pipeline, article):
    result = run_failing(article, "--format", "nosuchformat", expect="--format must be one of terminal, json, sarif, github, markdown")
    assert result.stdout == ""


@pytest.mark.parametrize("args, expect", [
    (["--fail-on", "sometimes"], "fail-on must be one of contradicted, approximate, unverifiable, never"),
    (["--as-of", "yesterday"], "as-of must be a date like 2024-06-30"),
    (["--jobs", "0"], "--jobs must be at least 1"),
    (["--input-format", "pdf"], "--input-format must be one of text, markdown, html"),
    (["--config", "missing.toml"], "missing.toml: no such config file"),
])
def test_bad_options(fake_pipeline, article, args, expect):
    run_failing(article, *args, expect=expect)


def test_no_files(fake_pipeline):
    run_failing(expect="give one or more files")


def test_bad_baseline(fake_pipeline, article, tmp_path):
    bad = tmp_path / "baseline.json"
    bad.write_text("{not json")
    run_failing(article, "--baseline", bad, expect="not a factcheck baseline")


def test_broken_dataset(fake_pipeline, article, monkeypatch):
    def broken(data_dir, prefer):
        raise DatasetError("chn-prk: sha256 of data.csv does not match datapackage.json")

    monkeypatch.setattr(check_module, "load_catalog", broken)
    run_failing(article, expect="sha256 of data.csv does not match")


def test_unexpected_failure_in_a_stage_is_one_line(fake_pipeline, article, monkeypatch):
    def crash(doc, catalog, settings):
        raise KeyError("boom")

    monkeypatch.setattr(check_module, "run_pipeline", crash)
    run_failing(article, expect="a.txt: internal error: KeyError")


def test_plain_factcheck_file_means_check(fake_pipeline, article, capsys):
    from factcheck.cli import main

    with pytest.raises(SystemExit) as info:
        main([str(article), "--format", "json"])
    assert info.value.code == 0 and '"schema": "factcheck.report/1"' in capsys.readouterr().out

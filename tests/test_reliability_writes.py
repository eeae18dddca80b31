"""Issue 12, items 1, 3, 4, 5, 16, 17 (writes): nothing the user has is damaged by a report, a
baseline or a job summary, whatever the target is and whatever fails mid-write."""

from __future__ import annotations

import errno
import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import factcheck.safe_files as safe_files
from factcheck.cli.app import app
from factcheck.errors import ConfigError
from factcheck.safe_files import write_text_safely
from test_cli_check_formats import fake_pipeline  # noqa: F401 - fixture


# -I: the installed package, not the source folder the tests run from (CI installs it non-editable,
# and the bundled data exists only as installed)
FACTCHECK = [sys.executable, "-I", "-c", "from factcheck.cli import main; main()"]


def invoke(*args):
    return CliRunner().invoke(app, ["check", *map(str, args)])


def one_error_line(result, expect: str) -> None:
    assert result.exit_code == 2, (result.stdout, result.stderr)
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("factcheck: error: "), result.stderr
    assert expect in lines[0]
    assert "Traceback" not in result.stdout + result.stderr


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Trade was $2 billion in 2023.")
    return path


def hidden_leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


# -- item 1: non-regular targets are written in place, never replaced by a regular file ---------
def test_a_fifo_as_output_stays_a_fifo(fake_pipeline, article, tmp_path):
    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # a reader, so the write does not block
    try:
        result = invoke(article, "--format", "json", "--output", fifo)
        assert result.exit_code in (0, 1), result.stderr
        assert stat.S_ISFIFO(os.stat(fifo).st_mode)
        assert json.loads(os.read(reader, 1 << 20))["documents"]
    finally:
        os.close(reader)


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_character_device_is_written_in_place(monkeypatch):
    """`--output /dev/null` as root replaced the device node with a regular file. Checked on
    /dev/full (a character device that refuses every write) with os.replace stubbed out, so even
    the unfixed writer cannot replace a real device: the writer must open the device itself (and
    report its ENOSPC), never rename a temporary file over it."""
    calls = []
    monkeypatch.setattr(safe_files.os, "replace", lambda *a: calls.append(a))
    try:
        with pytest.raises(ConfigError, match="no space left"):
            write_text_safely(Path("/dev/full"), "report\n")
        assert calls == [] and stat.S_ISCHR(os.stat("/dev/full").st_mode)
    finally:
        for leftover in Path("/dev").glob(".full.*"):
            leftover.unlink()


# -- item 16: modes kept, temporary files removed on failure ---------------------------------------
def test_replacing_a_file_keeps_its_mode(fake_pipeline, article, tmp_path):
    out = tmp_path / "report.json"
    out.write_text("old")
    out.chmod(0o644)
    assert invoke(article, "--format", "json", "--output", out).exit_code in (0, 1)
    assert stat.S_IMODE(out.stat().st_mode) == 0o644 and out.read_text() != "old"


def test_a_new_file_gets_the_umask_mode(tmp_path):
    old = os.umask(0o022)
    try:
        write_text_safely(tmp_path / "new.txt", "x")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new.txt").stat().st_mode) == 0o644


@pytest.mark.parametrize("failing", ["replace", "write"])
def test_a_full_disk_leaves_the_old_file_whole_and_no_temp_file(tmp_path, monkeypatch, failing):
    target = tmp_path / "report.json"
    target.write_text('{"old": true}\n')

    def enospc(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    if failing == "replace":
        monkeypatch.setattr(safe_files.os, "replace", enospc)
    else:
        monkeypatch.setattr(safe_files.os, "fsync", enospc)  # the data does not reach the disk
    with pytest.raises(ConfigError, match="no space left on the device"):
        write_text_safely(target, "new report")
    assert target.read_text() == '{"old": true}\n'
    assert hidden_leftovers(tmp_path) == []


# -- items 3, 4, 5: baselines -----------------------------------------------------------------------
def test_write_baseline_onto_an_input_is_refused(fake_pipeline, article):
    before = article.read_text()
    one_error_line(invoke(article, "--write-baseline", article), "--write-baseline")
    assert article.read_text() == before


def test_write_baseline_onto_a_hard_link_of_an_input_is_refused(fake_pipeline, article, tmp_path):
    link = tmp_path / "other-name.json"
    os.link(article, link)
    one_error_line(invoke(article, "--write-baseline", link), "is one of the input files")
    assert article.read_text().startswith("Trade was")


def test_updating_a_baseline_in_place_keeps_the_known_findings(fake_pipeline, article, tmp_path):
    baseline = tmp_path / "b.json"
    assert invoke(article, "--write-baseline", baseline).exit_code in (0, 1)
    first = json.loads(baseline.read_text())["findings"]
    assert first
    assert invoke(article, "--baseline", baseline, "--write-baseline", baseline).exit_code in (0, 1)
    assert json.loads(baseline.read_text())["findings"] == first


def test_write_baseline_is_atomic_on_a_full_disk(fake_pipeline, article, tmp_path, monkeypatch):
    baseline = tmp_path / "b.json"
    assert invoke(article, "--write-baseline", baseline).exit_code in (0, 1)
    before = baseline.read_text()

    def enospc(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(safe_files.os, "replace", enospc)
    one_error_line(invoke(article, "--write-baseline", baseline), "no space left")
    assert baseline.read_text() == before and json.loads(before)
    assert hidden_leftovers(tmp_path) == []


# -- item 17: clean errors for unwritable targets ---------------------------------------------------
def test_an_unwritable_step_summary_is_one_line(fake_pipeline, article, tmp_path, monkeypatch):
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(tmp_path / "no-such-folder" / "summary.md"))
    one_error_line(invoke(article, "--format", "github"), "GITHUB_STEP_SUMMARY")


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_stdout_on_a_full_device_is_one_line(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("No figures here at all.")
    with open("/dev/full", "w") as full:
        run = subprocess.run([*FACTCHECK, str(article), "--format", "json"],
                             stdout=full, stderr=subprocess.PIPE, text=True, timeout=120)
    assert run.returncode == 2, run.stderr
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("factcheck: error: ") and "stdout" in lines[0], run.stderr

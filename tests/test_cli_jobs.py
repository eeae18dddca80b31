"""`factcheck check --jobs N` (issue 13, item 6): the report does not depend on N, and a run that is
interrupted or loses a worker says so in one line, leaves no process and no half report."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import CLAIMS_DIR
from processes import children, left_behind, wait_for_workers
from factcheck.cli import workers
from factcheck.cli.app import app

FACTCHECK = [sys.executable, "-I", "-c", "from factcheck.cli import main; main()"]
PARAGRAPH = "China's exports to North Korea were $2.3 billion in 2023, up 12% on 2022.\n\n"


@pytest.fixture
def two_cores(monkeypatch):
    """Two usable cores whatever the machine has, and a record of the pools the run starts."""
    monkeypatch.setattr(workers, "usable_cores", lambda: 2)
    started = []
    real = workers.WorkerPool

    def recording(count, *args):
        started.append(count)
        return real(count, *args)

    monkeypatch.setattr(workers, "WorkerPool", recording)
    return started


def _drafts(tmp_path: Path) -> tuple[Path, list[Path]]:
    folder = tmp_path / "drafts"
    folder.mkdir()
    articles = sorted(CLAIMS_DIR.glob("*.txt"))
    for copy in ("a", "b"):  # 2 workers need 2 x MIN_FILES_PER_WORKER files
        for article in articles:
            shutil.copy(article, folder / f"{copy}-{article.name}")
    assert 2 * len(articles) >= 2 * workers.MIN_FILES_PER_WORKER
    return folder, articles


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the in-process runner forks its workers")
@pytest.mark.parametrize("format", ["json", "jsonl", "terminal", "sarif", "github"])
def test_the_report_is_the_same_bytes_for_any_jobs(tmp_path, two_cores, format, monkeypatch):
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)  # github streams (rendered by the workers)
    folder, articles = _drafts(tmp_path)
    store = tmp_path / "store"
    store.mkdir()
    outputs = {}
    for jobs in ("1", "2", "auto"):
        result = CliRunner().invoke(app, ["check", str(folder), "--format", format, "--fail-on", "never", "--color",
                                          "never", "--data-dir", str(store), "--jobs", jobs, "--as-of", "2026-11-29"])
        assert result.exit_code == 0, result.output
        outputs[jobs] = result.stdout_bytes
    assert two_cores == [2, 2], "--jobs 2 and auto ran in two workers, --jobs 1 in this process"
    assert outputs["2"] == outputs["1"] and outputs["auto"] == outputs["1"]
    paths = [line for line in outputs["1"].decode().splitlines() if any(a.name in line for a in articles)]
    assert paths, "the report names the articles"


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the in-process runner forks its workers")
@pytest.mark.parametrize("format", ["json"])
def test_filters_and_baselines_are_the_same_when_workers_render(tmp_path, two_cores, format):
    """--select, --baseline and --write-baseline work on what the workers send (rendered findings)
    as on findings checked in this process."""
    folder, _ = _drafts(tmp_path)
    store = tmp_path / "store"
    store.mkdir()
    runner = CliRunner()
    base = ["check", str(folder), "--format", format, "--fail-on", "never", "--data-dir", str(store), "--as-of", "2026-11-29"]
    first = runner.invoke(app, [*base, "--jobs", "1", "--write-baseline", str(tmp_path / "known.json")])
    assert first.exit_code == 0, first.output
    outputs, baselines = {}, {}
    for jobs in ("1", "2"):
        written = tmp_path / f"baseline-{jobs}.json"
        result = runner.invoke(app, [*base, "--jobs", jobs, "--select", "share,growth", "--write-baseline", str(written)])
        hidden = runner.invoke(app, [*base, "--jobs", jobs, "--baseline", str(tmp_path / "known.json")])
        assert result.exit_code == 0 and hidden.exit_code == 0, result.output + hidden.output
        outputs[jobs], baselines[jobs] = (result.stdout_bytes, hidden.stdout_bytes), written.read_bytes()
    assert two_cores == [2, 2], "both --jobs 2 runs ran in two workers"
    assert outputs["2"] == outputs["1"] and baselines["2"] == baselines["1"]
    assert baselines["1"] == (tmp_path / "known.json").read_bytes(), "--write-baseline records every finding"


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the in-process runner forks its workers")
def test_workers_send_rendered_documents_for_a_streamed_report(tmp_path, two_cores):
    """The parent's serial share is what keeps --jobs from scaling: the workers render their
    documents' findings and send text, not findings to pickle and serialise again."""
    from factcheck.cli import check as check_module
    from factcheck.cli.config import Settings
    from factcheck.document import read_document
    from factcheck.report import DocumentReport
    from factcheck.report.stream import RenderedDocument

    folder, _ = _drafts(tmp_path)
    store = tmp_path / "store"
    store.mkdir()
    jobs = [check_module.Job(read_document(str(p)), Settings(), str(store)) for p in sorted(folder.iterdir())]
    results = list(check_module.iter_jobs(jobs, 2, "json"))
    assert isinstance(results[0], DocumentReport), "the first document is checked here, before the fork"
    assert all(isinstance(r, RenderedDocument) for r in results[1:])
    assert [r.path for r in results] == [j.doc.path for j in jobs]
    assert any(r.findings for r in results[1:]) and all(f.text.startswith("{") for r in results[1:] for f in r.findings)


def _run_and_hit(tmp_path: Path, hit) -> tuple[subprocess.Popen, str, Path]:
    """A real `--jobs 2 --output report.json` run over a folder; `hit(run, workers)` once both
    workers are up. Returns the finished run, its stderr and the report path."""
    folder = tmp_path / "drafts"
    folder.mkdir()
    for i in range(200):
        (folder / f"{i:03d}.txt").write_text(PARAGRAPH * 40)
    report = tmp_path / "out" / "report.json"
    report.parent.mkdir()
    report.write_text("the previous report\n")
    store = tmp_path / "store"
    store.mkdir()
    run = subprocess.Popen([*FACTCHECK, str(folder), "--jobs", "2", "--format", "json", "--output", str(report),
                            "--data-dir", str(store)], stdout=subprocess.DEVNULL,
                           stderr=subprocess.PIPE, start_new_session=True)
    wait_for_workers(run)
    time.sleep(0.5)  # the workers are busy with their first batches
    hit(run, children(run.pid))
    _, stderr = run.communicate(timeout=60)
    left = left_behind(run)
    assert left == [], f"{len(left)} process(es) outlived the run"
    return run, stderr.decode(), report


needs_two_cores = pytest.mark.skipif(not Path("/proc/self/stat").exists() or workers.usable_cores() < 2,
                                     reason="needs /proc and two usable cores")


@needs_two_cores
def test_ctrl_c_during_a_jobs_run(tmp_path):
    # a terminal's Ctrl-C reaches every process of the foreground group: the parent and its workers
    run, stderr, report = _run_and_hit(tmp_path, lambda run, _: os.killpg(run.pid, signal.SIGINT))
    assert run.returncode == 130
    assert stderr == "factcheck: error: interrupted\n"
    assert report.read_text() == "the previous report\n"
    assert sorted(p.name for p in report.parent.iterdir()) == ["report.json"]  # no temporary file left


@needs_two_cores
def test_a_worker_killed_during_a_jobs_run(tmp_path):
    run, stderr, report = _run_and_hit(tmp_path, lambda run, children: os.kill(children[0], signal.SIGKILL))
    assert run.returncode == 2
    assert stderr.count("\n") == 1 and "Traceback" not in stderr
    assert stderr.startswith("factcheck: error: a --jobs worker process stopped unexpectedly (killed by SIGKILL")
    assert report.read_text() == "the previous report\n"
    assert sorted(p.name for p in report.parent.iterdir()) == ["report.json"]


def test_a_spawned_pool_warms_up_and_keeps_the_order(monkeypatch):
    """Where fork is not used (macOS, Windows) workers start fresh and run the warm-up; results
    come back in the order given however many are in flight."""
    import multiprocessing
    import operator

    monkeypatch.setattr(workers, "_context", lambda: multiprocessing.get_context("spawn"))
    with workers.WorkerPool(2, os.getpid) as pool:
        assert list(pool.ordered(operator.neg, range(50))) == [-i for i in range(50)]


def test_the_warm_up_never_fails_a_worker(tmp_path):
    from factcheck.cli import check

    check.warm_up(str(tmp_path), ())  # an empty store: bundled data only
    check.warm_up(str(tmp_path), ("no-such-dataset",))  # left for the documents to report, naming a file

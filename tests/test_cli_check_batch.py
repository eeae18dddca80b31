"""A folder goes through spaCy's nlp.pipe in batches, with or without worker processes, and gives
exactly the findings that checking each file alone gives."""

from __future__ import annotations

import datetime as dt
import json
import shutil

from typer.testing import CliRunner

from conftest import CLAIMS_DIR
from factcheck.cli.app import app
from factcheck.document import read_document
from factcheck.pipeline import CheckOptions, check_document
from factcheck.reference import Catalog


def _claims(report: dict) -> dict:
    """File name -> its findings as (offset, verdict, explanation), for comparing runs."""
    return {d["path"].rsplit("/", 1)[-1]: sorted((c["span"]["start"], c["verdict"], c["explanation"]) for c in d["claims"])
            for d in report["documents"]}


def test_batch_and_workers_match_one_file_at_a_time(tmp_path):
    folder = tmp_path / "drafts"
    folder.mkdir()
    articles = sorted(CLAIMS_DIR.glob("*.txt"))[:4]
    for article in articles:
        shutil.copy(article, folder / article.name)
    store = tmp_path / "store"
    store.mkdir()
    runner = CliRunner()
    reports = []
    for jobs in ("1", "2"):
        result = runner.invoke(app, ["check", str(folder), "--format", "json", "--fail-on", "never",
                                     "--data-dir", str(store), "--jobs", jobs, "--as-of", "2026-11-29"])
        assert result.exit_code == 0, result.output
        reports.append(_claims(json.loads(result.stdout)))
    assert reports[0] == reports[1]
    catalog = Catalog.load(store)
    for article in articles:
        alone = check_document(read_document(folder / article.name), catalog, CheckOptions(as_of=dt.date(2026, 11, 29)))
        expected = sorted((lf.location.start, lf.finding.verdict, lf.finding.explanation) for lf in alone.findings)
        assert reports[0][article.name] == expected
        assert expected, f"{article.name} has claims"

"""Issue 13, item 5 and issue 11, item 6: json, jsonl, sarif and github reports are written as the
run goes (factcheck/report/stream.py), and what they write is byte for byte what the renderers
write for the whole report; a long text is read chunk by chunk with the same findings."""

from __future__ import annotations

import io
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcheck.cli import check as check_module
from factcheck.cli.app import app
from factcheck.report import Report
from factcheck.report.registry import RenderOptions, get_renderer
from factcheck.report.stream import STREAMERS, get_streamer
from test_report_sample import sample_report

REPO = Path(__file__).resolve().parents[1]
STREAMED = ("json", "jsonl", "sarif", "github")


def streamed(report: Report, name: str, exit_code: int | None) -> str:
    out = io.StringIO()
    writer = get_streamer(name)(replace(report, documents=()), [doc.path for doc in report.documents], out.write)
    for doc in report.documents:
        writer.document(doc.path, doc.notices, iter(doc.findings))
    writer.end(exit_code)
    assert writer.summary == report.summary
    return out.getvalue()


def variants() -> list[Report]:
    """The sample report, one document of it, a document with no claim but notices, and one
    document alone with nothing (the shapes where a JSON list is empty)."""
    report = sample_report()
    first = report.documents[0]
    return [report, replace(report, documents=(first,)),
            replace(report, documents=(*report.documents, replace(first, path="n.md", findings=(), notices=("a", "b%,:")))),
            replace(report, documents=(replace(first, findings=(), notices=()),), datasets=())]


@pytest.mark.parametrize("name", STREAMED)
@pytest.mark.parametrize("exit_code", [None, 0, 1])
def test_a_streamed_report_is_the_rendered_report_byte_for_byte(name, exit_code):
    for report in variants():
        expected = get_renderer(name)(report, RenderOptions(exit_code=exit_code))
        assert streamed(report, name, exit_code) == expected


def test_the_formats_that_need_the_whole_report_are_not_streamed():
    assert set(STREAMERS) == set(STREAMED)
    assert get_streamer("terminal") is None and get_streamer("html") is None


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    """A small folder of the gold corpus (text and Markdown)."""
    root = tmp_path_factory.mktemp("articles")
    for name in ("cosdream-north-korea-exports.txt", "china-export-markets-2023.md"):
        shutil.copy(REPO / "claims" / name, root / name)
    return root


def whole_report(folder: Path, name: str) -> str:
    """The report as the renderer writes it, from documents checked one by one."""
    from factcheck import __version__
    from factcheck.document import iter_input_files, read_document
    from factcheck.pipeline import CheckOptions, check_document

    catalog = check_module.load_catalog(None, ())
    documents = tuple(check_document(read_document(p), catalog, CheckOptions()) for p in iter_input_files([str(folder)], (), ()))
    report = Report(documents=documents, datasets=tuple(catalog.datasets()), tool_version=__version__)
    return get_renderer(name)(report, RenderOptions(exit_code=check_module.exit_code(report, "contradicted")))


@pytest.mark.parametrize("name", STREAMED)
def test_check_of_a_folder_streams_the_same_bytes_as_the_whole_report(folder, name, monkeypatch):
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    result = CliRunner().invoke(app, ["check", str(folder), "--format", name, "--no-config"])
    assert result.exit_code in (0, 1), result.stderr
    assert result.stdout == whole_report(folder, name)


def test_findings_verified_as_they_are_written_give_the_same_report(folder, monkeypatch, tmp_path):
    """The path of long files (findings verified while the writer takes them) on short ones."""
    first = CliRunner().invoke(app, ["check", str(folder), "--format", "json", "--no-config"])
    monkeypatch.setattr(check_module, "STREAM_FINDINGS_CHARS", 0)
    out = tmp_path / "report.json"
    second = CliRunner().invoke(app, ["check", str(folder), "--format", "json", "--no-config", "--output", str(out)])
    assert second.exit_code == first.exit_code and out.read_text(encoding="utf-8") == first.stdout


def test_a_failure_while_streaming_leaves_the_output_file_as_it_was(folder, monkeypatch, tmp_path):
    def crash(*args):
        raise KeyError("boom")
        yield  # a generator, as the pipeline's findings are

    monkeypatch.setattr(check_module, "STREAM_FINDINGS_CHARS", 0)
    monkeypatch.setattr(check_module, "_findings_as_verified", crash)
    out = tmp_path / "report.json"
    out.write_text("old report\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["check", str(folder), "--format", "json", "--no-config", "--output", str(out)])
    assert result.exit_code == 2 and "internal error: KeyError" in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert out.read_text(encoding="utf-8") == "old report\n"
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]  # no temporary file left


def test_a_text_longer_than_a_chunk_has_the_same_findings_read_lazily():
    """Above one extraction chunk the sentences are read as find_claims walks them and dropped
    (StreamedSentences); the findings are those of the text extracted whole."""
    from factcheck.claims import find_claims
    from factcheck.document import from_text
    from factcheck.extract import CHUNK_CHARS, extract
    from factcheck.pipeline import iter_findings
    from factcheck.extract.sentences import StreamedSentences, streamed_extraction

    article = (REPO / "claims" / "cosdream-north-korea-exports.txt").read_text(encoding="utf-8")
    text = "\n\n".join([article] * (CHUNK_CHARS // len(article) + 2))
    lazy = streamed_extraction(text)
    assert isinstance(lazy.sentences, StreamedSentences)
    whole = extract(text)
    assert tuple(lazy.sentences) == whole.sentences
    assert find_claims(lazy, text=text) == find_claims(whole, text=text)
    doc = from_text(text, "long.txt")
    findings = list(iter_findings(doc, check_module.load_catalog(None, ())))
    assert findings and findings[-1].location.start > CHUNK_CHARS
    assert text[findings[-1].location.start:findings[-1].location.end] == findings[-1].finding.claim.quantity.surface \
        or findings[-1].finding.claim.quantity is None

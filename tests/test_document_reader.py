"""Reading files: refuse clearly what is not an article, decode UTF-8, say so when falling back."""

from __future__ import annotations

import codecs
import io
import sys

import pytest

from factcheck.document import format_for, iter_input_files, read_document, read_stdin
from factcheck.errors import InputError


def test_utf8_with_bom_is_read_without_the_bom(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(codecs.BOM_UTF8 + "Trade was $2.27 billion.".encode())
    doc = read_document(path)
    assert doc.text == "Trade was $2.27 billion." and doc.encoding == "utf-8" and doc.notices == ()


def test_latin1_is_decoded_with_a_notice(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes("Exports to Côte d'Ivoire rose to €5 million.".encode("cp1252"))
    doc = read_document(path)
    assert "Côte d'Ivoire" in doc.text and "€5 million" in doc.text
    assert doc.encoding == "cp1252"
    assert len(doc.notices) == 1 and "not valid UTF-8" in doc.notices[0] and "cp1252" in doc.notices[0]


def test_bytes_cp1252_cannot_decode_fall_back_to_latin1(tmp_path):
    path = tmp_path / "odd.txt"
    path.write_bytes(b"caf\xe9 \x81 text")
    doc = read_document(path)
    assert doc.encoding == "latin-1" and doc.text.startswith("café")


def test_utf16_with_bom_is_read(tmp_path):
    path = tmp_path / "wide.txt"
    path.write_bytes("Trade was $2 billion.".encode("utf-16"))
    assert read_document(path).text == "Trade was $2 billion."


@pytest.mark.parametrize("make, message", [
    (lambda p: None, "no such file"),
    (lambda p: p.mkdir(), "is a directory"),
    (lambda p: p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10), "binary"),
    (lambda p: p.write_bytes(bytes(range(1, 9)) * 100), "binary"),
])
def test_unreadable_inputs_are_one_line_input_errors(tmp_path, make, message):
    path = tmp_path / "input.txt"
    make(path)
    with pytest.raises(InputError) as info:
        read_document(path)
    assert message in str(info.value) and "\n" not in str(info.value)


def test_huge_files_are_refused(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text("x" * 2000)
    with pytest.raises(InputError, match="more than the limit of 1,000 bytes"):
        read_document(path, max_bytes=1000)


def test_empty_file_is_an_empty_document(tmp_path):
    path = tmp_path / "empty.md"
    path.write_text("")
    doc = read_document(path)
    assert doc.text == "" and doc.format == "markdown"


def test_stdin(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"**$5 billion**")))
    doc = read_stdin(format="markdown")
    assert doc.path == "<stdin>" and doc.text == "$5 billion" and doc.locate(0, 10).column == 3


@pytest.mark.parametrize("name, fmt", [("a.md", "markdown"), ("a.MARKDOWN", "markdown"), ("a.htm", "html"),
                                       ("a.html", "html"), ("a.txt", "text"), ("README", "text")])
def test_format_from_extension(name, fmt):
    assert format_for(name) == fmt


def test_folders_are_walked_with_include_and_exclude(tmp_path):
    for name in ("a.md", "b.txt", "c.html", "d.py", "sub/e.md", "sub/skip.md", ".git/f.md", "node_modules/g.md"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    found = [p.replace(str(tmp_path), "") for p in iter_input_files([str(tmp_path)])]
    assert found == ["/a.md", "/b.txt", "/c.html", "/sub/e.md", "/sub/skip.md"]
    found = [p.replace(str(tmp_path), "") for p in iter_input_files([str(tmp_path)], ["*.md"], ["skip.md"])]
    assert found == ["/a.md", "/sub/e.md"]
    assert list(iter_input_files(["-", str(tmp_path / "d.py")])) == ["-", str(tmp_path / "d.py")]

"""The document stage: read a file, decode it, and turn Markdown or HTML into prose that keeps a
map back to the original line and column (DESIGN.md, one-way flow)."""

from __future__ import annotations

import sys
from pathlib import Path

from factcheck.document.discover import iter_input_files
from factcheck.document.model import Location, SourceDocument
from factcheck.document.reader import MAX_BYTES, decode, read_bytes
from factcheck.document.suppress import comments_in, ignored_ranges
from factcheck.errors import InputError

FORMATS_BY_SUFFIX = {".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html"}
FORMATS = ("text", "markdown", "html")

__all__ = [
    "FORMATS", "Location", "SourceDocument", "format_for", "from_text", "iter_input_files",
    "read_document", "read_stdin",
]


def format_for(path: str | Path) -> str:
    return FORMATS_BY_SUFFIX.get(Path(path).suffix.lower(), "text")


def from_text(text: str, path: str = "<stdin>", format: str = "text", *, encoding: str = "utf-8",
              notices: tuple[str, ...] = ()) -> SourceDocument:
    """A document from already decoded text (the source positions refer to `text`)."""
    if format not in FORMATS:
        raise InputError(f"{path}: unknown document format {format!r} (use {', '.join(FORMATS)})")
    extra: tuple[str, ...] = ()
    # Imported here: markdown-it is loaded only when a Markdown or HTML file is read.
    from factcheck.document.html import html_to_prose
    from factcheck.document.markdown import markdown_to_prose

    if format == "markdown":
        prose, offsets, ends, comments = markdown_to_prose(text)
    elif format == "html":
        prose, offsets, ends, comments, extra = html_to_prose(text)
    else:
        # A range maps plain text to itself in constant memory (a tuple of 40 million ints was GBs).
        prose, offsets, ends, comments = text, range(len(text)), (), comments_in(text)
    ignored, directive_notices = ignored_ranges(text, prose, offsets, comments)
    notices = notices + extra + tuple(f"{path}: {n}" for n in directive_notices)
    return SourceDocument(path=path, source=text, text=prose, offsets=offsets, format=format,
                          encoding=encoding, notices=notices, ignored=ignored, ends=ends)


def read_document(path: str | Path, *, format: str | None = None, max_bytes: int = MAX_BYTES) -> SourceDocument:
    """Read and decode a file; refuse (InputError) what is missing, a folder, binary or too large."""
    data = read_bytes(Path(path), max_bytes)
    text, encoding, notices = decode(data, str(path))
    return from_text(text, str(path), format or format_for(path), encoding=encoding, notices=notices)


def read_stdin(*, format: str = "text", max_bytes: int = MAX_BYTES) -> SourceDocument:
    data = sys.stdin.buffer.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError(f"<stdin>: more than the limit of {max_bytes:,} bytes (see --max-bytes)")
    text, encoding, notices = decode(data, "<stdin>")
    return from_text(text, "<stdin>", format, encoding=encoding, notices=notices)

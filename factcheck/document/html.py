"""HTML to prose with source positions.

The standard library's HTMLParser is used (not BeautifulSoup) because it reports the line and
column of every event, and with `convert_charrefs=False` hands entities over one by one, so each
decoded character can be mapped back to its `&...;` span. Scripts, styles, code and attributes are
not prose; block elements become paragraph breaks and table cells one line each.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from factcheck.document.prose import ProseBuilder
from factcheck.document.suppress import DIRECTIVE, Comment

NOT_PROSE = {"script", "style", "code", "pre", "template", "textarea", "noscript", "svg", "math", "samp", "kbd"}
CELLS = {"td", "th", "br"}
BLOCKS = {
    "address", "article", "aside", "blockquote", "body", "caption", "dd", "details", "div", "dl", "dt",
    "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header",
    "hr", "html", "li", "main", "nav", "ol", "p", "section", "summary", "table", "title", "tr", "ul",
}


class _ProseParser(HTMLParser):
    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)
        self.source = source
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", source)]
        self.builder = ProseBuilder()
        self.comments: list[Comment] = []
        self.skip_depth = 0

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag, attrs):
        if tag in NOT_PROSE:
            self.skip_depth += 1
        elif tag in CELLS:
            self.builder.separate("\n")
        elif tag in BLOCKS:
            self.builder.separate()

    def handle_startendtag(self, tag, attrs):
        if tag in CELLS:
            self.builder.separate("\n")
        elif tag in BLOCKS:
            self.builder.separate()

    def handle_endtag(self, tag):
        if tag in NOT_PROSE:
            self.skip_depth = max(0, self.skip_depth - 1)
        elif tag in CELLS:
            self.builder.separate("\n")
        elif tag in BLOCKS:
            self.builder.separate()

    def handle_data(self, data):
        if not self.skip_depth:
            self.builder.add(data, self._offset())

    def _reference(self, raw_without_semicolon: str) -> None:
        if self.skip_depth:
            return
        start = self._offset()
        end = start + len(raw_without_semicolon)
        if self.source.startswith(";", end):
            end += 1
        decoded = html.unescape(self.source[start:end])
        if decoded == self.source[start:end]:  # not a known entity: keep it as written
            self.builder.add(decoded, start)
        else:
            self.builder.add_standing_for(decoded, start, end)

    def handle_entityref(self, name):
        self._reference(f"&{name}")

    def handle_charref(self, name):
        self._reference(f"&#{name}")

    def handle_comment(self, data):
        start = self._offset()
        close = self.source.find("-->", start)
        end = len(self.source) if close < 0 else close + 3
        if DIRECTIVE.search(self.source[start:end]):
            self.comments.append(Comment(start, end, self.source[start:end]))


def html_to_prose(source: str) -> tuple[str, tuple[int, ...], tuple[int, ...], list[Comment], tuple[str, ...]]:
    parser = _ProseParser(source)
    notices: tuple[str, ...] = ()
    try:
        parser.feed(source)
        parser.close()
    except Exception as exc:  # noqa: BLE001 - malformed HTML must never stop the check
        line = parser.getpos()[0]
        notices = (f"HTML could not be parsed past line {line} ({exc.__class__.__name__}); the rest is skipped",)
    text, offsets, ends = parser.builder.result()
    return text, offsets, ends, parser.comments, notices

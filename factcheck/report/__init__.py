"""Report: one `Report` object, many views (frictionless-py style). Renderers register by name."""

from __future__ import annotations

# Importing the renderer modules registers them (built-ins register like extensions would).
from factcheck.report import github, html_report, json_report, lint, markdown_report, sarif, terminal  # noqa: F401
from factcheck.report.model import DocumentReport, LocatedFinding, Report
from factcheck.report.registry import RENDERERS, RenderOptions, get_renderer, renderer

__all__ = ["DocumentReport", "LocatedFinding", "Report", "RenderOptions", "formats", "render", "renderer"]


BUILT_IN_ORDER = ("terminal", "json", "sarif", "github", "markdown", "html", "concise", "junit", "jsonl")


def formats() -> tuple[str, ...]:
    """Registered format names, built-ins first in a fixed order."""
    return tuple(sorted(RENDERERS, key=lambda n: (BUILT_IN_ORDER.index(n) if n in BUILT_IN_ORDER else 99, n)))


def render(report: Report, format: str, *, width: int | None = None, explain: bool = False,
           color: bool | None = None, explain_all: bool = False, sort: str = "severity",
           quiet: bool = False) -> str:
    """The report in `format` (terminal, json, sarif, github, markdown, html); ConfigError if unknown."""
    options = RenderOptions(width=width, explain=explain or explain_all, color=color, explain_all=explain_all,
                            sort=sort, quiet=quiet)
    return get_renderer(format)(report, options)

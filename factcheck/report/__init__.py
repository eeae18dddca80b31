"""Report: one `Report` object, many views (frictionless-py style). Renderers register by name."""

from __future__ import annotations

# Importing the renderer modules registers them (built-ins register like extensions would).
from factcheck.report import github, json_report, markdown_report, sarif, terminal  # noqa: F401
from factcheck.report.model import DocumentReport, LocatedFinding, Report
from factcheck.report.registry import RENDERERS, RenderOptions, get_renderer, renderer

__all__ = ["DocumentReport", "LocatedFinding", "Report", "RenderOptions", "formats", "render", "renderer"]


BUILT_IN_ORDER = ("terminal", "json", "sarif", "github", "markdown", "jsonl")


def formats() -> tuple[str, ...]:
    """Registered format names, built-ins first in a fixed order."""
    return tuple(sorted(RENDERERS, key=lambda n: (BUILT_IN_ORDER.index(n) if n in BUILT_IN_ORDER else 99, n)))


def render(report: Report, format: str, *, width: int | None = None, explain: bool = False,
           color: bool | None = None) -> str:
    """The report in `format` (terminal, json, sarif, github, markdown); ConfigError if unknown."""
    return get_renderer(format)(report, RenderOptions(width=width, explain=explain, color=color))

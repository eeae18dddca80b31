"""Renderers by name (DESIGN.md: small renderers selected by name, not an if/elif chain)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from factcheck.errors import ConfigError
from factcheck.report.model import Report


@dataclass(frozen=True)
class RenderOptions:
    width: int | None = None
    explain: bool = False  # explain the findings that are not supported (all of them with explain_all)
    color: bool | None = None
    explain_all: bool = False
    sort: str = "severity"  # severity: what to fix first; position: in reading order (SORTS)
    quiet: bool = False  # hide supported claims (they stay counted in the summary)
    fail_on: str = "contradicted"  # what fails the run (JUnit failures follow it)
    exit_code: int | None = None  # the run's exit code, known before rendering (SARIF invocations)


# Orders the human-facing reports can list findings in; the first is the default.
SORTS = ("severity", "position")


Renderer = Callable[[Report, RenderOptions], str]
RENDERERS: dict[str, Renderer] = {}


def renderer(name: str) -> Callable[[Renderer], Renderer]:
    """Register a renderer under `name` (built-ins use this the way an extension would)."""

    def register(function: Renderer) -> Renderer:
        RENDERERS[name] = function
        return function

    return register


def get_renderer(name: str) -> Renderer:
    try:
        return RENDERERS[name]
    except KeyError:
        raise ConfigError(f"unknown format {name!r} (choose from {', '.join(sorted(RENDERERS))})") from None

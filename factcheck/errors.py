"""Errors the user can act on. The CLI prints each as one line and exits 2 (DESIGN.md exit codes).

Every error carries a stable code (like spaCy's E-numbers) so tests and scripts can tell them apart
without matching prose.
"""

from __future__ import annotations


class FactcheckError(Exception):
    """The tool could not do its job: bad input, bad arguments, a broken dataset."""

    code = "FC000"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        if code:
            self.code = code

    def __str__(self) -> str:  # one line, always
        return " ".join(super().__str__().split())


class InputError(FactcheckError):
    """The article or draft could not be read (missing, binary, undecodable, too large)."""

    code = "FC100"


class DatasetError(FactcheckError):
    """A reference dataset is missing, malformed or does not match its datapackage.json."""

    code = "FC200"


class ConfigError(FactcheckError):
    """A configuration file or command-line option is invalid."""

    code = "FC300"

"""The `check` command (being written; registered so `factcheck.cli` imports)."""

from __future__ import annotations

from factcheck.cli.app import app


@app.command("check")
def check_command() -> None:
    """Check the numbers in articles against reference trade data."""

"""Command-line entry point. `factcheck FILE` is short for `factcheck check FILE`."""

from __future__ import annotations

import sys

# Importing a command module registers its commands on `app`.
from factcheck.cli import check, data, eval_claims, eval_extraction, extract  # noqa: F401
from factcheck.cli.app import app

SUBCOMMANDS = {"check", "extract", "data", "eval"}
TOP_LEVEL_FLAGS = {"--help", "-h", "--version"}


def main(argv: list[str] | None = None) -> None:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] not in SUBCOMMANDS and args[0] not in TOP_LEVEL_FLAGS:
        args.insert(0, "check")
    app(args=args, prog_name="factcheck")

"""Issue 13, item 4: `factcheck --help` and `--version` load only the CLI, not the stages (spaCy,
pandas and the verify stage cost seconds to import)."""

from __future__ import annotations

import subprocess
import sys

import pytest

HEAVY = ("spacy", "pandas", "factcheck.verify", "factcheck.claims", "factcheck.extract", "factcheck.report")
PROBE = """
import contextlib, io, sys
from factcheck.cli import main
with contextlib.redirect_stdout(io.StringIO()):
    try:
        main({args!r})
    except SystemExit:
        pass
print(",".join(m for m in {heavy!r} if m in sys.modules))
"""


@pytest.mark.parametrize("args", [["--help"], ["--version"], ["check", "--help"], ["extract", "--help"]])
def test_start_up_imports_no_stage(args):
    run = subprocess.run([sys.executable, "-I", "-c", PROBE.format(args=args, heavy=HEAVY)],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.strip() == "", f"{' '.join(args)} imported {run.stdout.strip()}"

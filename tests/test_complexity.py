"""No function of the claims stage grows past cyclomatic complexity 25 (issue 9): a reading rule
that needs more branches is a new rule (or a frame), not another branch of an old one."""

from __future__ import annotations

from pathlib import Path

import pytest

cc_visit = pytest.importorskip("radon.complexity").cc_visit

CLAIMS = Path(__file__).resolve().parents[1] / "factcheck" / "claims"
LIMIT = 25


def _blocks():
    for path in sorted(CLAIMS.glob("*.py")):
        for block in cc_visit(path.read_text(encoding="utf-8")):
            yield path.name, block
            for method in getattr(block, "methods", ()):
                yield path.name, method


def test_the_claims_stage_has_python_files_to_measure():
    assert sum(1 for _ in _blocks()) > 50


def test_no_claims_function_above_the_limit():
    over = [f"{name}:{b.lineno} {b.name} ({b.complexity})" for name, b in _blocks() if b.complexity > LIMIT]
    assert not over, "too complex: " + ", ".join(over)

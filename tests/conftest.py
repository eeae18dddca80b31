"""Shared fixtures. Tests that need the real public data in ../shared/ skip cleanly without it."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
CLAIMS_DIR = REPO / "claims"
EXAMPLE_ARTICLE = CLAIMS_DIR / "cosdream-north-korea-exports.txt"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared/ is not beside this checkout")
    return SHARED


@pytest.fixture(scope="session")
def reference_sources(shared_dir: Path) -> Path:
    path = shared_dir / "reference-sources"
    if not path.is_dir():
        pytest.skip("../shared/reference-sources/ is absent")
    return path


@pytest.fixture(scope="session")
def peer_suites(shared_dir: Path) -> Path:
    path = shared_dir / "peer-suites"
    if not path.is_dir():
        pytest.skip("../shared/peer-suites/ is absent")
    return path

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


@pytest.fixture(scope="session")
def cow_store(tmp_path_factory, reference_sources: Path) -> Path:
    """A store with both Correlates of War tables imported (dyadic and national totals), once."""
    from factcheck.reference.importers import import_cow

    store = tmp_path_factory.mktemp("cow-store")
    cow = reference_sources / "cow-trade-4.0"
    import_cow(cow / "dyadic_trade_1870_2014.csv.gz", data_dir=store)
    import_cow(cow / "national_trade_1870_2014.csv", data_dir=store)
    return store


@pytest.fixture(scope="session")
def real_news_dev(shared_dir: Path) -> Path:
    path = shared_dir / "real-news-dev"
    if not (path / "gold.json").is_file():
        pytest.skip("../shared/real-news-dev/ is absent")
    return path

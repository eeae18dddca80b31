"""The one observation schema every reference dataset is read into (issue 4)."""

from __future__ import annotations

from dataclasses import dataclass

OBSERVATION_COLUMNS = (
    "dataset", "reporter", "partner", "flow", "commodity", "year", "value", "unit",
    "precision", "publisher", "title", "url", "note",
)


@dataclass(frozen=True)
class Citation:
    publisher: str
    title: str
    url: str | None = None
    year: int | None = None  # the publication year or vintage, where known

    def __str__(self) -> str:
        parts = [self.publisher, self.title]
        if self.year:
            parts.append(str(self.year))
        text = ", ".join(p for p in parts if p)
        return f"{text} <{self.url}>" if self.url else text


@dataclass(frozen=True)
class Observation:
    """One published figure.

    `reporter` is the country whose trade it is (ISO3); `partner` ISO3 or "WLD"; `flow` export,
    import or total, seen from the reporter; `commodity` an HS code or "TOTAL"; `unit` "USD" or
    "percent". `precision` is the publisher's rounding step in `unit` (1e7 for "$2.3 billion" given
    to two significant figures, 1.0 for "97%"); 0 means exact as far as we know. `mirror` is True
    when the figure was reported by the partner (North Korea's exports as China's imports).
    """

    dataset: str
    reporter: str
    partner: str
    flow: str
    commodity: str
    year: int
    value: float
    unit: str
    precision: float
    citation: Citation
    note: str | None = None
    mirror: bool = False


@dataclass(frozen=True)
class DatasetInfo:
    """What `factcheck data list` and the JSON report's `datasets` show for one dataset."""

    id: str
    title: str
    publisher: str
    license: str
    citation: str
    version: str
    sha256: str
    rows: int
    years: tuple[int, int] | None
    bundled: bool
    path: str

"""Growth between two years, and a year's level as a percentage of another's, computed within one
publisher's series of one dataset."""

from __future__ import annotations

from collections.abc import Iterator

from factcheck.numbers import format_change, format_value
from factcheck.verify.evidence import Figure, same_series


def _same_series_pairs(values: dict[int, list[Figure]], start: int, end: int) -> Iterator[tuple[Figure, Figure, float, float]]:
    """(earlier, later, low, high) for each series with both years: the ratio later/earlier can
    lie between `low` and `high` given the two figures' rounding."""
    for later in values.get(end, []):
        earlier = same_series(values.get(start, []), later)
        if earlier is None or not earlier.value:
            continue
        low = (later.value - later.precision / 2) / (earlier.value + earlier.precision / 2)
        high = (later.value + later.precision / 2) / max(earlier.value - earlier.precision / 2, 1e-9)
        yield earlier, later, low, high


def preferred_without_base(values: dict[int, list[Figure]], start: int, end: int) -> Figure | None:
    """The end year's figure of a series the catalog prefers to every series that holds both years
    (`values` lists each year's figures most preferred first), when that series has no figure for
    the base year; else None.

    "Trade between China and North Korea in 2017 was 10 percent lower than the previous year":
    the bundled GACC rows hold 2017 as China's customs published it but not 2016, so the change
    can only come from a compilation (DOTS), whose revised 2016 stands 4% from the count the
    customs compared with when it published -10.5%. A change from a less preferred series may
    then agree with the claim, never call it wrong (metrics._growth)."""
    paired = {later.series_key[:2] for _, later, _, _ in _same_series_pairs(values, start, end)}
    for fig in values.get(end, []):
        if fig.series_key[:2] in paired:
            return None
        if same_series(values.get(start, []), fig) is None:
            return fig
    return None


def growth_figures(values: dict[int, list[Figure]], start: int, end: int) -> list[Figure]:
    out: list[Figure] = []
    for earlier, later, low, high in _same_series_pairs(values, start, end):
        change = 100.0 * (later.value / earlier.value - 1.0)
        out.append(Figure(
            change, "percent", 100.0 * (high - low), later.dataset, later.citation, end,
            f"{format_value(earlier.value, 'USD')} in {start} -> {format_value(later.value, 'USD')} in {end}: "
            f"{format_value(later.value, 'USD')} / {format_value(earlier.value, 'USD')} - 1 = {format_change(change)}",
            earlier.evidence + later.evidence,
        ))
    return out


def level_figures(values: dict[int, list[Figure]], base: int, end: int) -> list[Figure]:
    """`end`'s level as a percentage of `base`'s ("82 percent of 2019 levels")."""
    out: list[Figure] = []
    for earlier, later, low, high in _same_series_pairs(values, base, end):
        level = 100.0 * later.value / earlier.value
        out.append(Figure(
            level, "percent", 100.0 * (high - low), later.dataset, later.citation, end,
            f"{format_value(later.value, 'USD')} in {end} / {format_value(earlier.value, 'USD')} in {base} = {level:.1f}%",
            earlier.evidence + later.evidence,
        ))
    return out

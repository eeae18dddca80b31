"""Growth between two years, computed within one publisher's series of one dataset."""

from __future__ import annotations

from factcheck.numbers import format_change, format_value
from factcheck.verify.evidence import Figure, same_series


def growth_figures(values: dict[int, list[Figure]], start: int, end: int) -> list[Figure]:
    out: list[Figure] = []
    for later in values.get(end, []):
        earlier = same_series(values.get(start, []), later)
        if earlier is None or not earlier.value:
            continue
        change = 100.0 * (later.value / earlier.value - 1.0)
        lo = 100.0 * ((later.value - later.precision / 2) / (earlier.value + earlier.precision / 2) - 1.0)
        hi = 100.0 * ((later.value + later.precision / 2) / max(earlier.value - earlier.precision / 2, 1e-9) - 1.0)
        out.append(Figure(
            change, "percent", hi - lo, later.dataset, later.citation, end,
            f"{format_value(earlier.value, 'USD')} in {start} -> {format_value(later.value, 'USD')} in {end}: "
            f"{format_value(later.value, 'USD')} / {format_value(earlier.value, 'USD')} - 1 = {format_change(change)}",
            earlier.evidence + later.evidence,
        ))
    return out

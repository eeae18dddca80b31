"""How figures are written in reports and explanations, in one place for every stage and format."""

from __future__ import annotations

import math

_SCALES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"), (1e3, "thousand"))


def _trim(x: float, digits: int) -> str:
    text = f"{x:,.{digits}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


_CURRENCY_SIGNS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "CNY": "CN¥"}


def format_value(value: float | None, unit: str | None) -> str:
    """'$2.27 billion', '74%', '12.5 pp', '#1', '3.2x', '1,234': for people, not for parsing back.
    The one formatter every stage and report uses."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    if unit == "percent":
        return f"{_trim(value, 1)}%"
    if unit in ("pp", "percentage_points"):
        return f"{_trim(value, 1)} pp"
    if unit == "rank":
        return f"#{int(value)}"
    if unit == "year":
        return str(int(value))
    if unit == "ratio":
        return f"{_trim(value, 2)}x"
    sign = "-" if value < 0 else ""
    magnitude = abs(value)
    prefix = _CURRENCY_SIGNS.get(unit or "", "")
    suffix = f" {unit}" if unit and not prefix and unit != "count" else ""
    for scale, word in _SCALES[:3]:
        if magnitude >= scale:
            return f"{sign}{prefix}{_trim(magnitude / scale, 3 if magnitude / scale < 10 else 2)} {word}{suffix}"
    return f"{sign}{prefix}{_trim(magnitude, 2)}{suffix}"


def format_change(points: float) -> str:
    return f"{'+' if points >= 0 else ''}{_trim(points, 1)}%"

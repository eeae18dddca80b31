"""Report data as JSON text, fast, and byte for byte what the standard library writes.

The definition of every JSON report is `json.dumps(finite_json(data), indent=2,
ensure_ascii=False, allow_nan=False)` over `dataclasses.asdict`-style dicts. Both halves were a
fifth of a whole check of realistic articles (issue 13): `asdict` deep-copies each finding's
evidence through its generic recursion, and with `indent` the standard library falls back to its
pure-Python encoder. Here

- `plain` builds the same dicts in one pass (field names read once per dataclass) and does
  finite_json's work on the way: a non-finite float becomes None;
- `dumps_indented` writes them with orjson, whose `OPT_INDENT_2` output is the standard
  library's `indent=2` output (same separators, same string escapes with `ensure_ascii=False`,
  same shortest round-trip floats) except for floats between 1e-9 and 1e-4 in magnitude, which
  Python writes as `1e-05` and orjson as `0.00001`. `plain` marks such floats (`_Exponent`) and
  they are written as Python writes them. Anything orjson refuses (an integer beyond 64 bits, a
  key that is not a string) is written by the standard library instead, so the text never changes.

tests/test_report_jsontext.py compares the two writers on generated data and on real reports.
"""

from __future__ import annotations

import json
import math
from dataclasses import fields, is_dataclass
from typing import Any

import orjson

# Python's repr of a float uses an exponent below 1e-4; orjson agrees with it from 1e-9 down.
_EXPONENT_BELOW = 1e-4
_FIELDS: dict[type, tuple[str, ...]] = {}


class _Exponent(float):
    """A float the standard library writes with an exponent where orjson would not."""


def json_float(value: float) -> float | None:
    """A float ready for `dumps_indented`: None if not finite (JSON has no Infinity), marked if
    it is written with an exponent."""
    if not math.isfinite(value):
        return None
    if value and -_EXPONENT_BELOW < value < _EXPONENT_BELOW:
        return _Exponent(value)
    return value


def field_names(value: Any) -> tuple[str, ...]:
    """The field names of a dataclass instance, in order, read once per class."""
    kind = type(value)
    names = _FIELDS.get(kind)
    if names is None:
        names = _FIELDS[kind] = tuple(f.name for f in fields(value))
    return names


_SCALARS = frozenset({str, int, bool, type(None)})


def plain(value: Any) -> Any:
    """`finite_json(dataclasses.asdict(value))` (for a dataclass; else finite_json of the value)
    with floats ready for `dumps_indented`: dataclasses as dicts of their fields, tuples as lists."""
    kind = type(value)
    if kind in _SCALARS:
        return value
    if kind is float:
        return json_float(value)
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(item) for item in value]
    return _plain_other(value)


def _plain_other(value: Any) -> Any:
    if isinstance(value, str):  # a str subclass (a claim's typed notes) is written as its text
        return value
    if isinstance(value, float):  # numpy's float64 is one: written as the float it is
        return json_float(float(value))
    if is_dataclass(value) and not isinstance(value, type):
        return {name: plain(getattr(value, name)) for name in field_names(value)}
    return value


def _exponent_text(value: Any) -> orjson.Fragment:
    if isinstance(value, _Exponent):
        return orjson.Fragment(float.__repr__(value))
    raise TypeError(f"Type is not JSON serializable: {type(value).__name__}")


def dumps_indented(value: Any) -> str:
    """`json.dumps(value, indent=2, ensure_ascii=False, allow_nan=False)` for data made by
    `plain` (or already plain): the same text, about ten times faster."""
    try:
        return orjson.dumps(value, default=_exponent_text, option=orjson.OPT_INDENT_2).decode()
    except (orjson.JSONEncodeError, TypeError):
        return json.dumps(value, indent=2, ensure_ascii=False, allow_nan=False)

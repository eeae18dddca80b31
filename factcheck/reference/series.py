"""Series metadata: what each figure of a dataset measures (issue 10).

A dataset's datapackage.json lists its series under `factcheck.series`, one entry per publisher
(a dataset quoting GACC, KOTRA and ITC has three). An entry holds the `Series` fields of
model.py, except that three of them may depend on the row, because one publisher's table mixes
them:

- `valuation` may be a mapping by flow, {"export": "fob", "import": "cif", "total": "mixed"}
  (IMF DOTS: exports FOB, imports CIF); for a row whose reporter side is "partner" it is looked
  up under the reverse flow (North Korea's exports read from China's imports are CIF);
- `reporter_side` may be a mapping by the row's reporter with "*" for the rest,
  {"PRK": "partner", "*": "reporter"} (North Korea's figures are its partners' reports);
- `territory` may be a mapping by country, {"CHN": "mainland only"}: the note applies to a row
  whose reporter or partner is that country.

Which entry a row belongs to: the first entry whose `publisher_match` equals the row's publisher
column and whose `title_pattern` (a regular expression) is found in its title, where the entry
gives them (the Factbook changed its definition between editions; the title names the edition);
else a Parquet file may carry a `series` column holding an entry's `id`; a resource
may name a default entry (`"series": "census-monthly"`); otherwise the first entry without
`publisher_match` is the default.
"""

from __future__ import annotations

import re
from dataclasses import fields
from functools import lru_cache

from factcheck.errors import DatasetError
from factcheck.reference.model import SERIES_VALUES, Series

FLOW_NAMES = ("export", "import", "total")
_SERIES_FIELDS = {f.name for f in fields(Series)}
_SPEC_KEYS = _SERIES_FIELDS | {"id", "publisher_match", "title_pattern", "description"}
_REQUIRED = ("id", "publisher_id", "publisher", "reporter_side", "concept", "valuation")


def _check_value(label: str, spec_id: str, name: str, value) -> None:
    allowed = SERIES_VALUES.get(name)
    values = value.values() if isinstance(value, dict) else [value]
    for item in values:
        if allowed is not None and item not in allowed:
            raise DatasetError(f"{label}: series {spec_id!r}: {name} {item!r} is not one of {', '.join(allowed)}",
                               code="FC214")


def check_specs(specs: list[dict], label: str) -> list[dict]:
    """The dataset's series entries, checked: required fields, known values, unique ids."""
    if not isinstance(specs, list) or not specs:
        raise DatasetError(f"{label}: datapackage.json gives no factcheck.series", code="FC214")
    seen = set()
    for spec in specs:
        spec_id = spec.get("id", "?") if isinstance(spec, dict) else "?"
        if not isinstance(spec, dict):
            raise DatasetError(f"{label}: series entry {spec!r} is not an object", code="FC214")
        missing = [k for k in _REQUIRED if not spec.get(k)]
        unknown = sorted(set(spec) - _SPEC_KEYS)
        if missing or unknown:
            what = f"lacks {', '.join(missing)}" if missing else f"has unknown field(s) {', '.join(unknown)}"
            raise DatasetError(f"{label}: series {spec_id!r} {what}", code="FC214")
        if spec_id in seen:
            raise DatasetError(f"{label}: series id {spec_id!r} is used twice", code="FC214")
        seen.add(spec_id)
        for name in SERIES_VALUES:
            if name in spec:
                _check_value(label, spec_id, name, spec[name])
    return specs


def _pick(value, key: str, fallback: str = "*"):
    if isinstance(value, dict):
        return value.get(key, value.get(fallback))
    return value


class SeriesTable:
    """Resolves a row (entry id or publisher, flow, reporter, partner) to its `Series`; a loaded
    catalog asks the same few questions many times, so answers are memoised."""

    def __init__(self, specs: list[dict], label: str):
        self.specs = {s["id"]: s for s in check_specs(specs, label)}
        self._matchers = []
        for spec in specs:
            if spec.get("publisher_match") or spec.get("title_pattern"):
                try:
                    pattern = re.compile(spec["title_pattern"]) if spec.get("title_pattern") else None
                except re.error as error:
                    raise DatasetError(f"{label}: series {spec['id']!r}: bad title_pattern ({error})", code="FC214") from None
                self._matchers.append((spec.get("publisher_match"), pattern, spec["id"]))
        defaults = [s["id"] for s in specs if not (s.get("publisher_match") or s.get("title_pattern"))]
        self.default = defaults[0] if defaults else None
        self._label = label
        self._resolved: dict[tuple, Series] = {}
        self.entry_for = lru_cache(maxsize=4096)(self._entry_for)

    def _entry_for(self, spec_id: str | None = None, publisher: str | None = None, title: str | None = None) -> str:
        if spec_id and spec_id in self.specs:
            return spec_id
        for wanted, pattern, hit in self._matchers:
            if (wanted is None or wanted == publisher) and (pattern is None or pattern.search(title or "")):
                return hit
        if self.default is None:
            raise DatasetError(f"{self._label}: no series entry for publisher {publisher!r}, title {title!r}",
                               code="FC214")
        return self.default

    def resolve(self, spec_id: str, flow: str, reporter: str, partner: str) -> Series:
        """The entry's Series for this flow and pair. Memoised by what the answer depends on (the
        flow; the reporter only where the entry's reporter side is given per country; the pair's
        countries only where its territory note is): a bilateral table has hundreds of thousands
        of pairs but a handful of distinct answers."""
        spec = self.specs[spec_id]
        territory = spec.get("territory")
        key = (spec_id, flow, reporter if isinstance(spec["reporter_side"], dict) else None,
               tuple(c for c in dict.fromkeys((reporter, partner)) if c in territory) if isinstance(territory, dict) else ())
        found = self._resolved.get(key)
        if found is None:
            found = self._resolved[key] = self._resolve(spec_id, flow, reporter, partner)
        return found

    def _resolve(self, spec_id: str, flow: str, reporter: str, partner: str) -> Series:
        spec = self.specs[spec_id]
        territory = spec.get("territory")
        if isinstance(territory, dict):
            notes = [territory[c] for c in dict.fromkeys((reporter, partner)) if c in territory]
            territory = "; ".join(notes) or None
        values = {name: spec[name] for name in _SERIES_FIELDS if name in spec}
        side = _pick(spec["reporter_side"], reporter)
        # A partner-reported figure is valued as the partner values the reverse flow: North
        # Korea's exports read from China's imports are CIF.
        valued_flow = {"export": "import", "import": "export"}.get(flow, flow) if side == "partner" else flow
        values.update(reporter_side=side, valuation=_pick(spec["valuation"], valued_flow), territory=territory)
        values["valuation"] = values["valuation"] or "unknown"
        values["reporter_side"] = values["reporter_side"] or "unknown"
        return Series(**values)

    def all_series(self) -> list[Series]:
        """Every distinct Series the dataset can attach (each entry for each flow), for listings."""
        found = {}
        for spec_id, spec in self.specs.items():
            countries = sorted(spec["territory"]) if isinstance(spec.get("territory"), dict) else ["*"]
            for flow in FLOW_NAMES:
                series = self._resolve(spec_id, flow, countries[0], countries[0])
                found.setdefault(series, None)
        return list(found)


def spec_lines(spec: dict) -> str:
    """One line per entry for `factcheck data show`."""
    def text(value) -> str:
        if isinstance(value, dict):
            return ", ".join(f"{k}: {v}" for k, v in value.items())
        return str(value)

    parts = [f"publisher={spec['publisher']} ({spec['publisher_id']})", f"reporter side={text(spec['reporter_side'])}",
             f"concept={spec['concept']}", f"valuation={text(spec['valuation'])}",
             f"currency={spec.get('currency', 'USD')}", f"frequency={spec.get('frequency', 'annual')}",
             f"vintage={spec.get('vintage', 'unknown')}" + (f" as of {spec['as_of']}" if spec.get("as_of") else "")]
    if spec.get("territory"):
        parts.append(f"territory={text(spec['territory'])}")
    if spec.get("publisher_match"):
        parts.append(f"rows with publisher {spec['publisher_match']!r}")
    if spec.get("title_pattern"):
        parts.append(f"rows whose title matches {spec['title_pattern']!r}")
    return "; ".join(parts)

"""Measure how far a flow's two reports differ (exporter's FOB vs importer's CIF), from IMF DOTS.

    python tools/measure_series_gaps.py IMF_DOTS.csv.gz [--pairs factcheck/verify/series_gaps_pairs.csv]

Prints the size-band quantiles that factcheck/verify/series_gaps.yaml records and, with --pairs,
writes the per-pair table (the largest gap each pair showed in 2000-2020, flows of $1 billion or
more, at least five years). Rerun it when the data changes.
"""

from __future__ import annotations

import argparse

import numpy as np
import pandas as pd


def both_sides(path: str, since: int) -> pd.DataFrame:
    """A's exports to B as A reports them beside B's imports from A as B reports them."""
    dots = pd.read_csv(path, usecols=["reporter_iso3", "partner_iso3", "reporter_kind", "partner_kind", "year", "flow",
                                      "value_musd", "imf_estimate_flag"], dtype={"reporter_iso3": str, "partner_iso3": str})
    dots = dots[(dots.year >= since) & (dots.reporter_kind == "country") & (dots.partner_kind == "country")
                & (dots.imf_estimate_flag == 0)]
    exports = dots[dots.flow == "exports_fob"].rename(columns={"reporter_iso3": "a", "partner_iso3": "b", "value_musd": "ex"})
    imports = dots[dots.flow == "imports_cif"].rename(columns={"reporter_iso3": "b", "partner_iso3": "a", "value_musd": "im"})
    return exports[["a", "b", "year", "ex"]].merge(imports[["a", "b", "year", "im"]], on=["a", "b", "year"]).sort_values("year")


def bands(pairs: pd.DataFrame) -> None:
    smaller = pairs[["ex", "im"]].min(axis=1)
    quantiles = [0.5, 0.9, 0.95]
    for low, high in ((1e3, 1e4), (1e4, 1e5), (1e5, 1e9)):  # size bands, million USD
        band = pairs[(smaller >= low) & (smaller < high)]
        gap = (band.im / band.ex - 1).abs()
        indexed = band.set_index(["a", "b", "year"])
        growth_ex = indexed.ex.groupby(level=[0, 1]).pct_change() * 100
        growth_im = indexed.im.groupby(level=[0, 1]).pct_change() * 100
        points = (growth_ex - growth_im).abs().replace([np.inf, -np.inf], np.nan).dropna()
        print(f"${low / 1e3:g}-{high / 1e3:g} bn, {len(band):,} pair-years:",
              "value gap", {q: round(float(v), 3) for q, v in gap.quantile(quantiles).items()},
              "growth gap (points)", {q: round(float(v), 1) for q, v in points.quantile(quantiles).items()})


def per_pair(pairs: pd.DataFrame, out: str) -> None:
    large = pairs[pairs[["ex", "im"]].min(axis=1) >= 1000].assign(gap=lambda f: (f.im / f.ex - 1).abs())
    table = large.groupby(["a", "b"]).agg(years=("year", "count"), gap=("gap", "max")).reset_index()
    table = table[table.years >= 5].rename(columns={"a": "exporter", "b": "importer"})
    table["gap"] = table.gap.round(3)
    table.to_csv(out, index=False)
    print(f"{len(table):,} pairs written to {out}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("dots")
    parser.add_argument("--pairs")
    args = parser.parse_args()
    bands(both_sides(args.dots, 1990))
    if args.pairs:
        per_pair(both_sides(args.dots, 2000), args.pairs)


if __name__ == "__main__":
    main()

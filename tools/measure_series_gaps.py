"""Measure how far a flow's two reports differ (exporter's FOB vs importer's CIF), from IMF DOTS.

    python tools/measure_series_gaps.py IMF_DOTS.csv.gz [--pairs factcheck/verify/series_gaps_pairs.csv]
        [--national factcheck/verify/series_gaps_national.csv --cow-national COW_NATIONAL.csv --wdi WDI_WIDE.csv]

Prints the size-band quantiles that factcheck/verify/series_gaps.yaml records and, with --pairs,
writes the per-pair table (the largest gap each pair showed in 2000-2020, flows of $1 billion or
more, at least five years). With --national, writes how far the Correlates of War's national
totals stray from the World Bank's (WDI, the countries' own customs totals via the WTO) for each
country, flow and decade, 1960-2014. Rerun it when the data changes.
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


def national(cow_path: str, wdi_path: str, out: str) -> None:
    """Per country, flow and decade, the largest |COW / WDI - 1| of its totals and the largest
    difference of their year-on-year growth (points), over the years both hold (at least five of
    the decade, totals of $100 million or more: smaller totals are mostly early estimates)."""
    from factcheck.reference.importers import cow_iso3

    cow = pd.read_csv(cow_path)
    cow["reporter"] = cow_iso3(cow.ccode.to_numpy(), cow.year.to_numpy())
    cow = cow.dropna(subset=["reporter"]).assign(total=lambda f: f.imports + f.exports)
    wdi = pd.read_csv(wdi_path, dtype={"Country Code": str}).rename(
        columns={"Country Code": "reporter", "Year": "year"})
    wdi = wdi.assign(exports=wdi.merchandise_exports_usd / 1e6, imports=wdi.merchandise_imports_usd / 1e6)
    wdi["total"] = wdi.exports + wdi.imports
    rows = []
    for flow, column in (("export", "exports"), ("import", "imports"), ("total", "total")):
        both = cow[["reporter", "year", column]].merge(wdi[["reporter", "year", column]], on=["reporter", "year"],
                                                       suffixes=("_cow", "_wdi"))
        both = both[(both[f"{column}_cow"] >= 100) & (both[f"{column}_wdi"] >= 100)].sort_values(["reporter", "year"])
        both["gap"] = (both[f"{column}_cow"] / both[f"{column}_wdi"] - 1).abs()
        growth = both.groupby("reporter")[[f"{column}_cow", f"{column}_wdi"]].pct_change() * 100
        both["points"] = (growth[f"{column}_cow"] - growth[f"{column}_wdi"]).abs()
        both["decade"] = both.year // 10 * 10
        table = both.groupby(["reporter", "decade"]).agg(years=("year", "count"), gap=("gap", "max"),
                                                         growth_points=("points", "max"))
        table = table[table.years >= 5].reset_index().assign(flow=flow)
        rows.append(table)
    result = pd.concat(rows)[["reporter", "flow", "decade", "years", "gap", "growth_points"]].sort_values(
        ["reporter", "flow", "decade"])
    result["gap"], result["growth_points"] = result.gap.round(3), result.growth_points.round(1)
    result.to_csv(out, index=False)
    print(f"{len(result):,} country-flows written to {out}; gap quantiles",
          {q: round(float(v), 3) for q, v in result.gap.quantile([0.5, 0.9, 0.95]).items()})


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("dots")
    parser.add_argument("--pairs")
    parser.add_argument("--national")
    parser.add_argument("--cow-national")
    parser.add_argument("--wdi")
    args = parser.parse_args()
    bands(both_sides(args.dots, 1990))
    if args.pairs:
        per_pair(both_sides(args.dots, 2000), args.pairs)
    if args.national:
        national(args.cow_national, args.wdi, args.national)


if __name__ == "__main__":
    main()

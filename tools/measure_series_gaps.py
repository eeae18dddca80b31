"""Measure how far a flow's two reports differ (exporter's FOB vs importer's CIF), from IMF DOTS.

    python tools/measure_series_gaps.py ../shared/reference-sources/imf-dots-1960-2020/imf_dots_bilateral_annual_1960_2020.csv.gz

Prints the quantiles that factcheck/verify/series_gaps.yaml records; rerun it when the data changes.
"""

from __future__ import annotations

import sys

import numpy as np
import pandas as pd


def main(path: str) -> None:
    dots = pd.read_csv(path, usecols=["reporter_iso3", "partner_iso3", "reporter_kind", "partner_kind", "year", "flow",
                                      "value_musd", "imf_estimate_flag"])
    dots = dots[(dots.year >= 1990) & (dots.reporter_kind == "country") & (dots.partner_kind == "country")
                & (dots.imf_estimate_flag == 0)]
    exports = dots[dots.flow == "exports_fob"].rename(columns={"reporter_iso3": "a", "partner_iso3": "b", "value_musd": "ex"})
    imports = dots[dots.flow == "imports_cif"].rename(columns={"reporter_iso3": "b", "partner_iso3": "a", "value_musd": "im"})
    pairs = exports[["a", "b", "year", "ex"]].merge(imports[["a", "b", "year", "im"]], on=["a", "b", "year"])
    pairs = pairs.sort_values("year")
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


if __name__ == "__main__":
    main(sys.argv[1])

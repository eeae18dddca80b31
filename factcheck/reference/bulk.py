"""Point queries on imported Parquet files without a scan.

The importers write rows sorted by reporter, partner, flow and year in small row groups, each with
min/max statistics. `ParquetTable` keeps those statistics in memory (a few kB) and reads only the
row groups a query can touch. pyarrow.dataset prunes row groups the same way, but sets up a threaded
scan per call; for the catalog's many tiny queries that setup was most of the time (~20 ms vs ~2 ms).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as pads
import pyarrow.parquet as pq

_PRUNE_COLUMNS = ("reporter", "partner", "year")


class ParquetTable:
    """One or more Parquet files of observations, queried by equality on columns and a year range."""

    def __init__(self, paths: list[Path]):
        self.files = [pq.ParquetFile(path) for path in paths]
        self.schema = self.files[0].schema_arrow if self.files else pa.schema([])
        self._stats = [self._statistics(f) for f in self.files]

    @staticmethod
    def _statistics(file: pq.ParquetFile) -> dict[str, tuple[np.ndarray, np.ndarray]]:
        metadata = file.metadata
        names = file.schema_arrow.names
        stats = {}
        for column in _PRUNE_COLUMNS:
            if column not in names:
                continue
            index = names.index(column)
            lows, highs = [], []
            for group in range(metadata.num_row_groups):
                s = metadata.row_group(group).column(index).statistics
                has = s is not None and s.has_min_max
                lows.append(s.min if has else None)
                highs.append(s.max if has else None)
            stats[column] = (np.array(lows, dtype=object), np.array(highs, dtype=object))
        return stats

    def _groups(self, stats: dict, equals: dict[str, str], years: tuple[int, int] | None, count: int) -> list[int]:
        keep = np.ones(count, dtype=bool)
        for column, wanted in equals.items():
            if column in stats and wanted is not None:
                lows, highs = stats[column]
                known = np.array([lo is not None for lo in lows])
                inside = np.array([lo is None or (lo <= wanted <= hi) for lo, hi in zip(lows, highs)])
                keep &= inside | ~known
        if years is not None and "year" in stats:
            lows, highs = stats["year"]
            keep &= np.array([lo is None or (lo <= years[1] and hi >= years[0]) for lo, hi in zip(lows, highs)])
        return list(np.flatnonzero(keep))

    def read(self, columns: list[str], equals: dict[str, str | None], years: tuple[int, int] | None) -> pa.Table:
        expression = None
        for column, wanted in equals.items():
            if wanted is not None:
                term = pads.field(column) == wanted
                expression = term if expression is None else expression & term
        if years is not None:
            term = (pads.field("year") >= years[0]) & (pads.field("year") <= years[1])
            expression = term if expression is None else expression & term
        parts = []
        for file, stats in zip(self.files, self._stats):
            groups = self._groups(stats, {k: v for k, v in equals.items() if k in ("reporter", "partner")},
                                  years, file.metadata.num_row_groups)
            if not groups:
                continue
            needed = list(dict.fromkeys(columns + [c for c, w in equals.items() if w is not None]
                                        + (["year"] if years is not None else [])))
            table = file.read_row_groups(groups, columns=needed, use_threads=False)
            if expression is not None:
                table = table.filter(expression).select(columns)
            parts.append(table)
        if not parts:
            return self.schema.empty_table().select(columns)
        return pa.concat_tables(parts) if len(parts) > 1 else parts[0]

    def year_span(self, equals: dict[str, str | None]) -> tuple[int, int] | None:
        table = self.read(["year"], equals, None)
        if not table.num_rows:
            return None
        low, high = pc.min_max(table["year"]).values()
        return low.as_py(), high.as_py()

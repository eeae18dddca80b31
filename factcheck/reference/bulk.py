"""Point queries on imported Parquet files without a scan.

The importers write rows sorted by reporter, partner, flow and year in small row groups, each with
min/max statistics. `ParquetTable` keeps those statistics in memory (tens of kB) and reads only the
row groups a query can touch, then filters them with a pyarrow expression. pyarrow.dataset can
prune the same way, but sets up a threaded scan per call, and that setup was most of the time of
the catalog's many tiny queries (~20 ms against ~2 ms measured here).

A query that names the value of the file's leading sort column (the reporter, or the partner in
the partner-sorted copy) but spans several row groups (every partner of a reporter, a reporter's
year across all partners) is answered from a `Block`: every row of that value, read and decoded
once, its key columns dictionary-coded, then filtered with numpy masks. Checking an article asks
dozens of such questions about the same few countries; decoding and filtering the same ~15 row
groups each time was most of a check's time (issue 13).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

_PRUNE_COLUMNS = ("reporter", "partner", "flow", "commodity", "unit", "year")
# Decoded row groups kept for the next query: an article asks about the same pair year after year.
# 32 groups of 4,096 rows are a few MB.
CACHED_GROUPS = 32
_LOWEST, _HIGHEST = "", "\U0010ffff"  # stand-ins for a row group without statistics
# Decoded blocks (all rows of one reporter, or of one partner in the partner-sorted copy) kept per
# table, by their Arrow size: COW's largest country is ~3 MB, a typical one well under 1 MB.
BLOCK_BUDGET_BYTES = 24 * 2**20
# A query within one row group (a pair) reads that group until its lead value has been asked this
# often: a one-off pair query stays as cheap as before, an article's repeated questions get the block.
ASKED_BEFORE_BLOCK = 3
# A table that has had to drop this many countries' blocks from the budget is being asked about more
# countries than the budget holds (a folder of articles): it is then decoded whole, once
# (`Decoded`), and the blocks are dropped. A table whose blocks fit (one article's few countries, a
# small table) keeps to blocks, which read only those countries' rows.
DECODE_WHOLE_AFTER = 8


class Block:
    """Every row of one value of a table's leading sort column (one reporter's rows), kept decoded.

    `where` answers the same equality and year-range filter as `ParquetTable.read_groups`, as row
    positions in the file's order: the run of rows of the second key (the partner, when the block
    is sorted by it) from a dict of row ranges, the rest with numpy masks over dictionary codes of
    the key columns. `lists` hands the chosen rows out as Python lists per column, sliced from
    lists decoded once (text columns share one string object per distinct value): Arrow's per-call
    costs (take, select, to_pylist: ~0.5 ms) were most of a small query's time."""

    def __init__(self, table: pa.Table, second: str):
        self.table = table.combine_chunks()
        self.num_rows = self.table.num_rows
        # Arrow data, plus the Python lists built on first use (pointers, floats, ints): an estimate.
        self.nbytes = self.table.nbytes + 100 * self.num_rows
        self._codes: dict[str, tuple[dict, np.ndarray]] = {}
        self._lists: dict[str, list] = {}
        self._years: np.ndarray | None = None
        self.second = second if second in self.table.column_names else None
        self._runs = self._row_runs(self.second) if self.second else None

    def _coded(self, column: str) -> tuple[dict, np.ndarray]:
        found = self._codes.get(column)
        if found is None:
            encoded = pc.dictionary_encode(self.table[column]).combine_chunks()
            lookup = {value: code for code, value in enumerate(encoded.dictionary.to_pylist())}
            codes = pc.fill_null(encoded.indices, -1).to_numpy(zero_copy_only=False)
            found = self._codes[column] = (lookup, codes)
        return found

    def _list(self, column: str) -> list:
        found = self._lists.get(column)
        if found is None:
            values = self.table[column]
            if pa.types.is_string(values.type) or pa.types.is_large_string(values.type):
                lookup, codes = self._coded(column)
                names = [None] * (len(lookup) + 1)  # code -1 (a null) reads the last entry: None
                for value, code in lookup.items():
                    names[code] = value
                found = [names[code] for code in codes.tolist()]
            else:
                found = values.to_pylist()
            self._lists[column] = found
        return found

    def _row_runs(self, column: str) -> dict[str, tuple[int, int]] | None:
        """value → (first row, end row) when each value of `column` sits in one run of rows; None
        when some value appears in several runs (then every query masks the whole block)."""
        lookup, codes = self._coded(column)
        if not len(codes):
            return {}
        starts = np.flatnonzero(np.diff(codes)) + 1
        bounds = np.concatenate(([0], starts, [len(codes)]))
        if len(bounds) - 1 != len(lookup) or (codes < 0).any():
            return None
        names = {code: value for value, code in lookup.items()}
        return {names[int(codes[a])]: (int(a), int(b)) for a, b in zip(bounds[:-1], bounds[1:])}

    def where(self, equals: dict[str, str | None], years: tuple[int, int] | None) -> slice | list[int]:
        """The positions of the matching rows: a slice when they form one run (the usual case:
        rows are sorted by partner, flow and year), else a list."""
        span = self._second_run(equals)
        if span is None:
            return slice(0, 0)
        start, stop = span
        mask = self._mask(equals, years, start, stop)
        if mask is None:
            return slice(start, stop)
        if mask is False:
            return slice(0, 0)
        rows = np.flatnonzero(mask)
        if not len(rows):
            return slice(0, 0)
        if rows[-1] - rows[0] + 1 == len(rows):
            return slice(start + int(rows[0]), start + int(rows[-1]) + 1)
        return (rows + start).tolist()

    def _second_run(self, equals: dict[str, str | None]) -> tuple[int, int] | None:
        """The rows of the second key's value, if one is asked and runs are known; None if it has none."""
        wanted = equals.get(self.second) if self._runs is not None else None
        if wanted is None:
            return 0, self.num_rows
        return self._runs.get(wanted)

    def _mask(self, equals: dict[str, str | None], years: tuple[int, int] | None, start: int, stop: int):
        """The other filters over rows start:stop: a boolean array, None (no filter left) or False
        (a value the block does not hold)."""
        mask = None
        for column, wanted in equals.items():
            if wanted is None or (column == self.second and self._runs is not None):
                continue
            if column not in self.table.column_names:
                return False
            lookup, codes = self._coded(column)
            code = lookup.get(wanted)
            if code is None:
                return False
            matches = codes[start:stop] == code
            mask = matches if mask is None else mask & matches
        if years is not None:
            if self._years is None:
                self._years = self.table["year"].to_numpy(zero_copy_only=False).astype("int64")
            in_years = (self._years[start:stop] >= years[0]) & (self._years[start:stop] <= years[1])
            mask = in_years if mask is None else mask & in_years
        return mask

    def lists(self, columns: list[str], equals: dict[str, str | None], years: tuple[int, int] | None) -> dict[str, list]:
        rows = self.where(equals, years)
        if isinstance(rows, slice):
            return {column: self._list(column)[rows] for column in columns}
        return {column: [values[i] for i in rows] for column in columns for values in [self._list(column)]}

    def select(self, columns: list[str], equals: dict[str, str | None], years: tuple[int, int] | None) -> pa.Table:
        """The matching rows as an Arrow table (what `ParquetTable.read` returns)."""
        rows = self.where(equals, years)
        if isinstance(rows, slice):
            return self.table.slice(rows.start, rows.stop - rows.start).select(columns)
        return self.table.take(pa.array(rows, pa.int64())).select(columns)


GROUPS_PER_READ = 16  # row groups a column is read in at a time while it is decoded (`_add_by_row_groups`)
MAX_CODED_VALUES = 2**15  # a float column with more distinct values is kept as it is
CHECKED_ROWS = 2**18  # rows of a coded column compared with the values at a time


def _column_chunks(files: list[pq.ParquetFile], name: str) -> Iterator[pa.Array]:
    """The chunks of column `name` of the files, in row order, read GROUPS_PER_READ row groups at a time."""
    for file in files:
        count = file.metadata.num_row_groups
        for first in range(0, count, GROUPS_PER_READ):
            groups = list(range(first, min(count, first + GROUPS_PER_READ)))
            yield from file.read_row_groups(groups, columns=[name], use_threads=False)[name].chunks


def _codes_onto(chunk: pa.DictionaryArray, lookup: dict[str, int]) -> np.ndarray:
    """The chunk's codes as codes of `lookup` (value -> code, extended with values it lacks); -1 for a null."""
    mapping = np.array([lookup.setdefault(v, len(lookup)) for v in chunk.dictionary.to_pylist()] + [-1], np.int32)
    return mapping[pc.fill_null(chunk.indices, -1).to_numpy(zero_copy_only=False)]


def _codes(codes: np.ndarray, distinct: int) -> np.ndarray:
    """`codes` (0..distinct-1, -1 for a null) in the smallest signed integer type that holds them;
    a column of one value (COW's commodity, unit and precision) as one code repeated without
    memory of its own (a read-only broadcast view, indexed and compared like any array)."""
    small = np.int8 if distinct < 2**7 else np.int16 if distinct < 2**15 else np.int32
    if distinct == 1 and len(codes) and not codes.any():
        return np.broadcast_to(small(0), codes.shape)
    return codes.astype(small)


class PairRuns:
    """The run of rows of each (lead, second) pair of a decoded table, looked up as `dict.get`
    would: the pairs' keys (lead code × width + second code) sorted, with each run's bounds. A
    dict of COW's ~31,000 pairs as tuples of names was ~7 MB a table; these arrays are ~0.7 MB."""

    def __init__(self, keys: np.ndarray, bounds: np.ndarray, lead_lookup: dict, second_lookup: dict, width: int):
        order = np.argsort(keys, kind="stable")
        self._keys, self._starts, self._stops = keys[order], bounds[:-1][order], bounds[1:][order]
        self._lead_lookup, self._second_lookup, self._width = lead_lookup, second_lookup, width
        self.unique = bool(len(keys) < 2 or (np.diff(self._keys) > 0).all())

    def __len__(self) -> int:
        return len(self._keys)

    def get(self, pair: tuple[str, str]) -> tuple[int, int] | None:
        lead, second = self._lead_lookup.get(pair[0]), self._second_lookup.get(pair[1])
        if lead is None or second is None:
            return None
        key = lead * self._width + second
        at = int(np.searchsorted(self._keys, key))
        if at == len(self._keys) or self._keys[at] != key:
            return None
        return int(self._starts[at]), int(self._stops[at])


class Decoded:
    """Every row of a table kept decoded as numpy columns (text columns as dictionary codes), with
    the run of rows of each value of the leading sort column and of each (lead, second) pair.

    What `Block` does for one country, for all of them at once and without Python lists of every
    row: on a folder of articles about many countries, blocks were decoded, evicted from the
    budget and decoded again (COW: ~190 countries, 2.5 M rows), and that decoding was most of a
    check's time. `lists` answers exactly as `Block.lists` (rows in file order; a null never
    matches). Only for tables whose lead values and pairs each sit in one run of rows (`usable`)."""

    def __init__(self, table: pa.Table | list[Path], lead: str, second: str | None):
        """From a table, or from files read one column at a time, text columns straight into their
        dictionary codes (Parquet stores them so): an Arrow table of all of COW's text columns is
        ~150 MB, its codes and numbers ~70 MB, and strings decoded only to be coded again left
        ~100 MB of freed memory the process kept."""
        names = table.column_names if isinstance(table, pa.Table) else pq.read_schema(table[0]).names
        self.lead = lead
        self.second = second if second in names else None
        self._order: np.ndarray | None = None  # see `reordered`
        self._text: dict[str, tuple[list, dict, np.ndarray]] = {}  # names (None last), value → code, codes
        self._numbers: dict[str, np.ndarray] = {}
        self._coded: dict[str, tuple[np.ndarray, np.ndarray]] = {}  # numbers with few values: distinct values, codes
        self._arrow: dict[str, pa.Array] = {}  # columns with nulls or of other types: read by Arrow
        if isinstance(table, pa.Table):
            for name in names:
                self._add(name, table[name])
        else:
            self._add_files(table)
        self.runs = self._lead_runs()
        self.pairs = self._pair_runs() if self.runs is not None and self.second else None

    @classmethod
    def reordered(cls, base: Decoded, lead: str, second: str | None) -> Decoded:
        """`base`'s rows as a copy sorted by `lead` first holds them (the partner-sorted copy of
        the observations), without decoding that copy: one permutation (4 bytes a row) in place
        of a second set of columns (COW: ~10 MB against ~70 MB and the memory its decoding
        left behind). A stable sort by the lead keeps each lead value's rows in `base`'s order,
        which is the copy's order when both are sorted by the same keys (the importers sort the
        observations by reporter, partner, flow, commodity, year and the copy by partner,
        reporter, flow, commodity, year; the key is unique)."""
        view = cls.__new__(cls)
        view._text, view._numbers, view._coded, view._arrow = base._text, base._numbers, base._coded, base._arrow
        view.lead, view.second = lead, second if second in base._text else None
        view._order = np.argsort(base._text[lead][2], kind="stable").astype(np.int32) if lead in base._text else None
        view.runs = view._lead_runs() if view._order is not None else None
        view.pairs = view._pair_runs() if view.runs is not None and view.second else None
        return view

    @property
    def usable(self) -> bool:
        return self.runs is not None

    def _in_order(self, values: np.ndarray, start: int = 0, stop: int | None = None) -> np.ndarray:
        """values[start:stop] of the rows as this view orders them."""
        if self._order is None:
            return values[start:stop]
        return values[self._order[start:stop]]

    def _add_files(self, paths: list[Path]) -> None:
        """Every column of the files, one at a time (see `_add_by_row_groups`), text read as its codes."""
        schema = pq.read_schema(paths[0])
        text = [n for n in schema.names if pa.types.is_string(schema.field(n).type) or pa.types.is_large_string(schema.field(n).type)]
        files = [pq.ParquetFile(path, read_dictionary=text) for path in paths]
        for name in schema.names:
            if self._add_by_row_groups(name, files):
                continue
            column = pa.chunked_array([c for f in files for c in f.read(columns=[name], use_threads=False)[name].chunks])
            self._add(name, column)
            del column
            pa.default_memory_pool().release_unused()  # each column's read buffers, before the next column's

    def _add_by_row_groups(self, name: str, files: list[pq.ParquetFile]) -> bool:
        """Column `name` read a few row groups at a time into one array made beforehand, a text
        column's codes mapped group by group onto one dictionary: read whole, a column's Arrow
        chunks, their combined copy and its conversion were held at once, and that was the peak
        of a check with COW (~80 MB above the memory held before and after the decoding). False,
        having added nothing, for a column with nulls or of another type (read whole by `_add`)."""
        kind = files[0].schema_arrow.field(name).type
        text = pa.types.is_dictionary(kind)
        if not (text or pa.types.is_integer(kind) or pa.types.is_floating(kind)):
            return False
        out = np.empty(sum(f.metadata.num_rows for f in files), np.int32 if text else kind.to_pandas_dtype())
        lookup: dict[str, int] = {}
        at = 0
        for chunk in _column_chunks(files, name):
            if not text and chunk.null_count:
                return False
            values = _codes_onto(chunk, lookup) if text else chunk.to_numpy()
            out[at:at + len(values)] = values
            at += len(values)
        if text:
            self._keep_text(name, list(lookup), lookup, out)
        else:
            self._keep_numbers(name, kind, out)
        return True

    def _add(self, name: str, column: pa.ChunkedArray) -> None:
        kind = column.type
        if pa.types.is_dictionary(kind):  # read coded: combining the chunks unifies their dictionaries
            encoded = column.combine_chunks()
            if len(set(encoded.dictionary.to_pylist())) != len(encoded.dictionary):  # a code must stand for one value
                encoded = pc.dictionary_encode(encoded.cast(kind.value_type))
            self._add_codes(name, encoded)
        elif pa.types.is_string(kind) or pa.types.is_large_string(kind):
            self._add_codes(name, pc.dictionary_encode(column.combine_chunks()))  # one dictionary (chunks would each get theirs)
        elif column.null_count == 0 and (pa.types.is_integer(kind) or pa.types.is_floating(kind)):
            self._keep_numbers(name, kind, column.to_numpy())
        else:
            self._arrow[name] = column.combine_chunks()

    def _add_codes(self, name: str, encoded: pa.DictionaryArray) -> None:
        names = encoded.dictionary.to_pylist()
        codes = pc.fill_null(encoded.indices, -1).to_numpy(zero_copy_only=False)
        self._keep_text(name, names, {value: code for code, value in enumerate(names)}, codes)

    def _keep_text(self, name: str, names: list[str], lookup: dict[str, int], codes: np.ndarray) -> None:
        """A text column as its distinct names (None last, for code -1), their codes and each row's code."""
        self._text[name] = (names + [None], lookup, _codes(codes, len(names)))

    def _keep_numbers(self, name: str, kind: pa.DataType, values: np.ndarray) -> None:
        """A null-free number column: floats through `_add_numbers`, integers as they are."""
        if pa.types.is_floating(kind):
            self._add_numbers(name, values)
        else:
            self._numbers[name] = values

    def _add_numbers(self, name: str, values: np.ndarray) -> None:
        """A float column kept as codes into its distinct values when it has few of them: COW's
        2.5 M values are ~16,600 distinct figures (its zeros and round millions repeat) and its
        precision one value, so ~5 MB and ~2.5 MB of codes stand for ~20 MB each. Kept only when
        the codes give back every value bit for bit (0.0 and -0.0, NaNs)."""
        encoded = pc.dictionary_encode(pa.array(values))
        distinct = encoded.dictionary.to_numpy()
        if len(distinct) > MAX_CODED_VALUES:
            self._numbers[name] = values
            return
        codes = _codes(encoded.indices.to_numpy(), len(distinct))
        del encoded
        bits = f"u{values.itemsize}"
        if all(np.array_equal(distinct[codes[at:at + CHECKED_ROWS]].view(bits), values[at:at + CHECKED_ROWS].view(bits))
               for at in range(0, len(values), CHECKED_ROWS)):  # a slice at a time: no second copy of the column
            self._coded[name] = (distinct, codes)
        else:
            self._numbers[name] = values

    def _lead_runs(self) -> dict[str, tuple[int, int]] | None:
        names, _, codes = self._text.get(self.lead, (None, None, None))
        if codes is None or not len(codes):
            return None if codes is None else {}
        codes = self._in_order(codes)
        bounds = np.concatenate(([0], np.flatnonzero(np.diff(codes)) + 1, [len(codes)])).tolist()
        runs = {names[codes[a]]: (a, b) for a, b in zip(bounds[:-1], bounds[1:])}
        return runs if len(runs) == len(bounds) - 1 and None not in runs else None

    def _pair_runs(self) -> PairRuns | None:
        _, lead_lookup, lead = self._text[self.lead]
        _, second_lookup, second = self._text[self.second]
        lead, second = self._in_order(lead), self._in_order(second)
        width = len(second_lookup) + 1  # a null's code, -1, is width - 1 below the next lead's first
        changes = lead[1:] != lead[:-1]  # where a run starts, from two boolean arrays (a key per row in
        changes |= second[1:] != second[:-1]  # 64 bits and its differences were ~60 MB on COW)
        bounds = np.concatenate(([0], np.flatnonzero(changes) + 1, [len(lead)]))
        del changes
        firsts = bounds[:-1]
        if (lead[firsts] < 0).any():  # a null lead value
            return None
        pairs = PairRuns(lead[firsts].astype(np.int64) * width + second[firsts], bounds, lead_lookup, second_lookup, width)
        return pairs if pairs.unique else None

    def _span(self, equals: dict[str, str | None]) -> tuple[tuple[int, int] | None, bool]:
        """The rows the lead value (and the second key's, when asked and pairs are known) sit in,
        and whether the second key is settled by them."""
        wanted = equals.get(self.second) if self.second else None
        if wanted is not None and self.pairs is not None:
            return self.pairs.get((equals[self.lead], wanted)), True
        return self.runs.get(equals[self.lead]), False

    def where(self, equals: dict[str, str | None], years: tuple[int, int] | None) -> slice | np.ndarray:
        span, second_settled = self._span(equals)
        if span is None:
            return slice(0, 0)
        start, stop = span
        mask = None
        for column, wanted in equals.items():
            if wanted is None or column == self.lead or (column == self.second and second_settled):
                continue
            matches = self._equal(column, wanted, start, stop)
            if matches is None:
                return slice(0, 0)
            mask = matches if mask is None else mask & matches
        if years is not None:
            year = self._in_order(self._numbers["year"], start, stop) if "year" in self._numbers else \
                np.asarray(self._values("year", slice(start, stop)), dtype=float)
            in_years = (year >= years[0]) & (year <= years[1])
            mask = in_years if mask is None else mask & in_years
        return slice(start, stop) if mask is None else np.flatnonzero(mask) + start

    def _equal(self, column: str, wanted: str, start: int, stop: int) -> np.ndarray | None:
        """Rows start:stop where `column` equals `wanted`; None when no row can (a column the table
        lacks, a value it never holds)."""
        if column not in self._text:
            return None
        _, lookup, codes = self._text[column]
        code = lookup.get(wanted)
        return None if code is None else self._in_order(codes, start, stop) == code

    def _values(self, column: str, rows: slice | np.ndarray) -> list:
        if self._order is not None:
            rows = self._order[rows]
        if column in self._text:
            names, _, codes = self._text[column]
            return [names[code] for code in codes[rows].tolist()]
        if column in self._numbers:
            return self._numbers[column][rows].tolist()
        if column in self._coded:
            distinct, codes = self._coded[column]
            return distinct[codes[rows]].tolist()
        values = self._arrow[column]
        if isinstance(rows, slice):
            return values.slice(rows.start, rows.stop - rows.start).to_pylist()
        return values.take(pa.array(rows, pa.int64())).to_pylist()

    def lists(self, columns: list[str], equals: dict[str, str | None], years: tuple[int, int] | None) -> dict[str, list]:
        rows = self.where(equals, years)
        return {column: self._values(column, rows) for column in columns}


class ParquetTable:
    """One or more Parquet files of observations, queried by equality on columns and a year range."""

    def __init__(self, paths: list[Path]):
        self.paths = list(paths)
        self.files = [pq.ParquetFile(path) for path in paths]
        self.schema = self.files[0].schema_arrow if self.files else pa.schema([])
        self._stats = [self._statistics(f) for f in self.files]
        self._cache: OrderedDict[tuple[int, int], pa.Table] = OrderedDict()
        self._blocks: OrderedDict[str, Block] = OrderedDict()
        self._block_bytes = 0
        self._asked: dict[str, int] = {}
        self._blocks_dropped = 0
        self._decoded: Decoded | None | bool = None  # False: decoding whole does not serve this table
        self._lock = threading.Lock()  # one catalog may serve several checking threads
        self.lead = self._leading_column()
        self._same_rows: ParquetTable | None = None  # see `same_rows_as`

    def same_rows_as(self, other: ParquetTable) -> None:
        """Declare this table a re-sorted copy of `other` (the partner-sorted copy of the
        observations, as its descriptor says: the importer writes both from the same rows):
        decoded whole, it is then read through `other`'s decoded columns (`Decoded.reordered`)
        instead of a second copy. Ignored unless both hold the same columns and number of rows.
        Declared, not checked: comparing the copy's key columns took longer (~0.6 s on COW)
        than decoding it."""
        if other.schema.names == self.schema.names and other.num_rows == self.num_rows and other is not self:
            self._same_rows = other

    @property
    def num_rows(self) -> int:
        """Rows in all files, from their footers (nothing is read)."""
        return sum(f.metadata.num_rows for f in self.files)

    def _leading_column(self) -> str | None:
        """The column every file is sorted by first, told from the row-group statistics (each
        group's lowest value no lower than the previous group's highest): "reporter" for the
        observations, "partner" for the partner-sorted copy; None if no column is (then every
        query takes the row-group path)."""
        for column in ("reporter", "partner"):
            if self.files and all(column in stats and _sorted_groups(*stats[column]) for stats in self._stats):
                return column
        return None

    @staticmethod
    def _statistics(file: pq.ParquetFile) -> dict[str, tuple[np.ndarray, np.ndarray]]:
        metadata = file.metadata
        names = file.schema_arrow.names
        stats = {}
        for column in _PRUNE_COLUMNS:
            if column not in names:
                continue
            index = names.index(column)
            low_default, high_default = (-10**9, 10**9) if column == "year" else (_LOWEST, _HIGHEST)
            lows, highs = [], []
            for group in range(metadata.num_row_groups):
                s = metadata.row_group(group).column(index).statistics
                has = s is not None and s.has_min_max
                lows.append(s.min if has else low_default)
                highs.append(s.max if has else high_default)
            stats[column] = (np.array(lows, dtype=object), np.array(highs, dtype=object))
        return stats

    @staticmethod
    def _groups(stats: dict, equals: dict[str, str | None], years: tuple[int, int] | None, count: int) -> np.ndarray:
        keep = np.ones(count, dtype=bool)
        for column, wanted in equals.items():
            if column in stats and wanted is not None:
                lows, highs = stats[column]
                keep &= (lows <= wanted) & (highs >= wanted)
        if years is not None and "year" in stats:
            lows, highs = stats["year"]
            keep &= (lows <= years[1]) & (highs >= years[0])
        return np.flatnonzero(keep)

    def read(self, columns: list[str], equals: dict[str, str | None], years: tuple[int, int] | None) -> pa.Table:
        """The rows where each named column equals its value (None: any) and the year is in `years`,
        in file order. From the lead value's decoded block when it is held or the query spans
        several row groups, else from the few row groups the statistics allow."""
        block = self._block_for(equals, years)
        if block is not None:
            return block.select(columns, equals, years)
        return self.read_groups(columns, equals, years)

    def lists(self, columns: list[str], equals: dict[str, str | None], years: tuple[int, int] | None) -> dict[str, list]:
        """`read` as Python lists per column (what the catalog builds its rows from): from the
        whole decoded table once many countries have been asked about, else as `read`. A re-sorted
        copy whose original is decoded already reads through it at once (no blocks of its own)."""
        if (self._decoded is None and self._same_rows is not None and self._same_rows._decoded
                and self.lead and equals.get(self.lead) is not None):
            self._decode_whole("partner" if self.lead == "reporter" else "reporter")
        decoded = self._decoded
        if decoded and equals.get(self.lead) is not None:
            return decoded.lists(columns, equals, years)
        block = self._block_for(equals, years)
        if block is not None:
            return block.lists(columns, equals, years)
        if self._decoded:  # decoded by this very question
            return self._decoded.lists(columns, equals, years)
        table = self.read_groups(columns, equals, years)
        return {column: table[column].to_pylist() for column in columns}

    def read_groups(self, columns: list[str], equals: dict[str, str | None], years: tuple[int, int] | None,
                    cache: bool = True) -> pa.Table:
        """`read` by row groups and a filter, never from a block (the reference the block path is
        tested against). Without `cache` the groups read are not kept (a block load)."""
        parts = []
        for number, (file, stats) in enumerate(zip(self.files, self._stats)):
            for group in self._groups(stats, equals, years, file.metadata.num_row_groups):
                table = self._group(number, int(group)) if cache else self.files[number].read_row_group(
                    int(group), use_threads=False)
                parts.append(_filtered(table, equals, years))
        if not parts:
            return self.schema.empty_table().select(columns)
        return (pa.concat_tables(parts) if len(parts) > 1 else parts[0]).select(columns)

    def _block_for(self, equals: dict[str, str | None], years: tuple[int, int] | None) -> Block | None:
        value = equals.get(self.lead) if self.lead else None
        if value is None:
            return None
        with self._lock:
            block = self._blocks.get(value)
            if block is not None:
                self._blocks.move_to_end(value)
                return block
            asked = self._asked[value] = self._asked.get(value, 0) + 1
        if asked < ASKED_BEFORE_BLOCK:
            touched = sum(len(self._groups(stats, equals, years, f.metadata.num_row_groups))
                          for f, stats in zip(self.files, self._stats))
            if touched <= 1:
                return None
        second = "partner" if self.lead == "reporter" else "reporter"
        if self._decoded is None and self._blocks_dropped >= DECODE_WHOLE_AFTER:
            self._decode_whole(second)
            if self._decoded:
                return None  # `lists` reads the decoded table from now on (`read` the row groups)
        block = Block(self.read_groups(self.schema.names, {self.lead: value}, None, cache=False), second)
        with self._lock:
            if value not in self._blocks:
                self._blocks[value] = block
                self._block_bytes += block.nbytes
                while self._block_bytes > BLOCK_BUDGET_BYTES and len(self._blocks) > 1:
                    _, dropped = self._blocks.popitem(last=False)
                    self._block_bytes -= dropped.nbytes
                    self._blocks_dropped += 1
        return block

    def _decode_whole(self, second: str) -> None:
        """Decode every row once (see `Decoded`) and drop the blocks and cached groups it replaces."""
        with self._lock:
            if self._decoded is not None:
                return
            # The blocks and cached groups go first: held through the decoding they were its peak
            # (on COW up to BLOCK_BUDGET_BYTES and CACHED_GROUPS groups). Should the table prove
            # unusable decoded (rare), they are read again as asked for.
            self._blocks, self._block_bytes = OrderedDict(), 0
            self._cache.clear()
            pa.default_memory_pool().release_unused()
            decoded = self._decoded_through_original(second) or Decoded(self.paths, self.lead, second)
            self._decoded = decoded if decoded.usable else False
            pa.default_memory_pool().release_unused()

    def _decoded_through_original(self, second: str) -> Decoded | None:
        """This copy read through the original's decoded columns (decoding the original if need be)."""
        original = self._same_rows
        if original is None or original.lead is None or original.lead == self.lead:
            return None
        original._decode_whole(self.lead)
        if not original._decoded:
            return None
        view = Decoded.reordered(original._decoded, self.lead, second)
        return view if view.usable else None

    def _group(self, number: int, group: int) -> pa.Table:
        key = (number, group)
        with self._lock:
            table = self._cache.get(key)
            if table is not None:
                self._cache.move_to_end(key)
                return table
        table = self.files[number].read_row_group(group, use_threads=False)
        with self._lock:
            self._cache[key] = table
            if len(self._cache) > CACHED_GROUPS:
                self._cache.popitem(last=False)
        return table

    def year_span(self, equals: dict[str, str | None]) -> tuple[int, int] | None:
        table = self.read(["year"], equals, None)
        if not table.num_rows:
            return None
        low, high = pc.min_max(table["year"]).values()
        return low.as_py(), high.as_py()


def _filtered(table: pa.Table, equals: dict[str, str | None], years: tuple[int, int] | None) -> pa.Table:
    """The rows of `table` where each named column equals its value and the year is in `years`
    (a null never matches). Compute kernels and one boolean mask: a pyarrow.dataset expression
    filter sets up an Acero plan per call (~2 ms against ~0.1 ms here for a 4,096-row group)."""
    mask = None
    for column, wanted in equals.items():
        if wanted is not None:
            term = pc.equal(table[column], pa.scalar(wanted, table.schema.field(column).type))
            mask = term if mask is None else pc.and_kleene(mask, term)
    if years is not None:
        term = pc.and_kleene(pc.greater_equal(table["year"], years[0]), pc.less_equal(table["year"], years[1]))
        mask = term if mask is None else pc.and_kleene(mask, term)
    return table if mask is None else table.filter(mask)


def _sorted_groups(lows: np.ndarray, highs: np.ndarray) -> bool:
    """True when consecutive row groups' value ranges follow each other (a column sorted first)."""
    if len(lows) < 2:
        return True
    return bool(all(highs[i] <= lows[i + 1] for i in range(len(lows) - 1)))

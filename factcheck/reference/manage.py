"""What `factcheck data validate|remove` do, kept out of the CLI so tests and scripts can call them."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from factcheck.errors import DatasetError
from factcheck.reference.datapackage import FLOWS, KEY_COLUMNS, UNITS, check_figures, read_descriptor, read_observation_csv, verify_hashes
from factcheck.reference.series import check_specs
from factcheck.reference.store import bundled_dir, check_dataset_id, check_store, dataset_folders, remove_folder, store_dir

_PARQUET_KEY = [c for c in KEY_COLUMNS if c not in ("publisher", "title")]


def all_folders(data_dir: Path | None = None) -> list[Path]:
    return dataset_folders(bundled_dir()) + dataset_folders(check_store(data_dir))


def find_folder(dataset_id: str, data_dir: Path | None = None) -> Path:
    for folder in all_folders(data_dir):
        if folder.name == dataset_id or read_descriptor(folder).get("name") == dataset_id:
            return folder
    raise DatasetError(f"no dataset {dataset_id!r} (see `factcheck data list`)", code="FC212")


def validate_folder(folder: Path) -> int:
    """Every check, however long it takes: hashes, then each row of each observation resource.
    Returns the number of observation rows; raises DatasetError at the first problem."""
    descriptor = read_descriptor(folder)
    verify_hashes(folder, descriptor)
    if descriptor.get("factcheck", {}).get("series"):
        check_specs(descriptor["factcheck"]["series"], str(folder / "datapackage.json"))
    rows = 0
    for resource in descriptor["resources"]:
        if not resource.get("name", "").startswith("observations"):
            continue
        path = folder / resource["path"]
        rows += len(read_observation_csv(path)) if path.suffix == ".csv" else _validate_parquet(path)
    return rows


def _validate_parquet(path: Path) -> int:
    try:
        table = pq.read_table(path)
    except (pa.ArrowInvalid, OSError) as error:
        raise DatasetError(f"{path}: unreadable Parquet ({error})", code="FC209") from None
    for column in _PARQUET_KEY + ["value", "precision"]:
        if column not in table.column_names:
            raise DatasetError(f"{path}: missing column {column}", code="FC204")
        nulls = table[column].null_count
        if nulls:
            row = pc.index(pc.is_null(table[column]), True).as_py()
            raise DatasetError(f"{path}: row {row + 1}: empty {column}", code="FC205")
    for column in ("value", "precision", "year"):
        if not (pa.types.is_floating(table[column].type) or pa.types.is_integer(table[column].type)):
            raise DatasetError(f"{path}: column {column} is {table[column].type}, not a number", code="FC206")
    for column, allowed in (("flow", FLOWS), ("unit", UNITS)):
        bad = pc.invert(pc.is_in(table[column], pa.array(allowed)))
        if pc.any(bad).as_py():
            row = pc.index(bad, True).as_py()
            raise DatasetError(f"{path}: row {row + 1}: {column} {table[column][row].as_py()!r} is not one of "
                               f"{', '.join(allowed)}", code="FC207")
    check_figures(table.select(["value", "precision", "year", "unit"]).to_pandas(), str(path), 1)
    counts = table.group_by(_PARQUET_KEY).aggregate([("value", "count")])
    repeated = counts.filter(pc.greater(counts["value_count"], 1))
    if repeated.num_rows:
        first = repeated.slice(0, 1).to_pylist()[0]
        what = " ".join(str(first[c]) for c in _PARQUET_KEY)
        raise DatasetError(f"{path}: duplicate key ({what}) on {first['value_count']} rows", code="FC208")
    return table.num_rows


def remove(dataset_id: str, data_dir: Path | None = None) -> Path:
    """Deletes an imported dataset; bundled ones are part of the package and cannot be removed."""
    folder = store_dir(data_dir) / check_dataset_id(dataset_id)
    if not (folder / "datapackage.json").is_file():
        if any(f.name == dataset_id for f in dataset_folders(bundled_dir())):
            raise DatasetError(f"{dataset_id!r} is bundled with factcheck and cannot be removed", code="FC213")
        raise DatasetError(f"no imported dataset {dataset_id!r} in {store_dir(data_dir)}", code="FC212")
    remove_folder(folder)  # renamed aside under the store lock, then deleted: never half a dataset
    return folder

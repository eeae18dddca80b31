"""Where datasets live: the bundled ones inside the package (`factcheck.bundled_data`, the repository's
reference_data/ folder) and the local store of imported ones (platformdirs' user data folder, or
$FACTCHECK_DATA_DIR)."""

from __future__ import annotations

import os
import re
from importlib.resources import files
from pathlib import Path

import platformdirs

from factcheck.errors import DatasetError

ENV_DATA_DIR = "FACTCHECK_DATA_DIR"
_DATASET_ID = re.compile(r"^[a-z0-9][a-z0-9._-]{0,63}$")


def bundled_dir() -> Path:
    return Path(str(files("factcheck.bundled_data")))


def store_dir(data_dir: Path | str | None = None) -> Path:
    """The local store: `data_dir` if given, else $FACTCHECK_DATA_DIR, else the user data folder."""
    if data_dir is not None:
        return Path(data_dir).expanduser()
    env = os.environ.get(ENV_DATA_DIR)
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir("factcheck", appauthor=False)) / "datasets"


def dataset_folders(root: Path) -> list[Path]:
    """Sub-folders of `root` that hold a datapackage.json, in name order (stable output). Hidden
    folders are imports in progress (or killed mid-way) and are never datasets."""
    if not root.is_dir():
        return []
    return sorted(p for p in root.iterdir() if not p.name.startswith(".") and (p / "datapackage.json").is_file())


def check_dataset_id(dataset_id: str) -> str:
    if not _DATASET_ID.match(dataset_id):
        raise DatasetError(
            f"dataset id {dataset_id!r} must be lower-case letters, digits, '.', '_' or '-' (at most 64)",
            code="FC210",
        )
    return dataset_id

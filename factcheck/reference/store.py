"""Where datasets live: the bundled ones inside the package (`factcheck.bundled_data`, the repository's
reference_data/ folder) and the local store of imported ones (platformdirs' user data folder, or
$FACTCHECK_DATA_DIR)."""

from __future__ import annotations

import contextlib
import errno
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from importlib.resources import files
from pathlib import Path

import platformdirs

from factcheck.errors import DatasetError

ENV_DATA_DIR = "FACTCHECK_DATA_DIR"
# fullmatch, so "cow\n" is refused ("$" alone would let a trailing newline through).
_DATASET_ID = re.compile(r"[a-z0-9][a-z0-9._-]{0,63}")
LOCK_FILE = ".lock"
# Hidden names in the store: a dataset renamed aside while its replacement moves in, one being
# removed, and an import's staging folder (named after the process, so a dead one can be cleaned).
_ASIDE = re.compile(r"\.(?P<id>[a-z0-9][a-z0-9._-]{0,63})\.old-\d+")
_REMOVING = re.compile(r"\.(?P<id>[a-z0-9][a-z0-9._-]{0,63})\.removing-\d+")
_STAGING = re.compile(r"\.staging-(?P<pid>\d+)-.*")


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
    folders are imports in progress (or killed mid-way) and are never datasets. A folder that
    cannot be read is an error, never silently left out."""
    try:
        if not root.is_dir():
            return []
        found = []
        for p in root.iterdir():
            if not p.name.startswith(".") and p.is_dir() and (p / "datapackage.json").is_file():
                found.append(p)
        return sorted(found)
    except OSError as exc:
        where = exc.filename or root
        raise DatasetError(f"{where}: cannot be read ({exc.strerror or exc})", code="FC214") from None


def check_dataset_id(dataset_id: str) -> str:
    if not isinstance(dataset_id, str) or not _DATASET_ID.fullmatch(dataset_id):
        raise DatasetError(
            f"dataset id {dataset_id!r} must be lower-case letters, digits, '.', '_' or '-' (at most 64)",
            code="FC210",
        )
    return dataset_id


def check_store(data_dir: Path | str | None = None) -> Path:
    """The store for reading. A store named by $FACTCHECK_DATA_DIR must exist, and any explicit one
    must be a folder: a typo'd or file path must not silently mean "no imported data". (A
    `--data-dir` that does not exist yet is an empty store: scripts pass a fresh folder.)"""
    root = store_dir(data_dir)
    env = os.environ.get(ENV_DATA_DIR)
    from_env = bool(env) and (data_dir is None or Path(data_dir).expanduser() == Path(env).expanduser())
    where = ENV_DATA_DIR if from_env else "--data-dir"
    if (from_env or data_dir is not None) and root.exists() and not root.is_dir():
        raise DatasetError(f"{where} {root}: is a file, not a folder of datasets", code="FC214")
    if from_env and not root.exists():
        raise DatasetError(f"{ENV_DATA_DIR} {root}: no such folder (a typo? `factcheck data import` creates it)",
                           code="FC214")
    return root


def store_error(root: Path, exc: OSError) -> DatasetError:
    reason = "no space left on the device" if exc.errno == errno.ENOSPC else (exc.strerror or str(exc))
    return DatasetError(f"the dataset store {root} cannot be written ({reason})", code="FC215")


@contextlib.contextmanager
def store_lock(root: Path) -> Iterator[None]:
    """One import or removal at a time changes a store (an exclusive lock on `root/.lock`); the
    lock dies with its process, so a killed import never leaves the store locked."""
    try:
        root.mkdir(parents=True, exist_ok=True)
        handle = open(root / LOCK_FILE, "a+b")
    except OSError as exc:
        raise store_error(root, exc) from None
    try:
        try:
            import fcntl
        except ImportError:  # not POSIX: no lock, as before
            yield
            return
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
    finally:
        handle.close()


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # exists, owned by someone else
        return True
    return True


def _leftovers(root: Path) -> list[Path]:
    try:
        names = os.listdir(root)
    except OSError:
        return []
    return [root / n for n in names if n.startswith(".") and (_ASIDE.fullmatch(n) or _REMOVING.fullmatch(n)
                                                              or _STAGING.fullmatch(n))]


def recover_store(root: Path) -> None:
    """Finish what a killed import or removal left: a dataset renamed aside comes back if its
    replacement never moved in (else it is deleted), a removal in progress is completed, and
    staging folders of dead processes are deleted. Cheap when there is nothing to do."""
    if not _leftovers(root):
        return
    try:
        with store_lock(root):
            for path in _leftovers(root):
                _recover_one(root, path)
    except (DatasetError, OSError):  # a read-only store: read it as it is
        return


def _recover_one(root: Path, path: Path) -> None:
    aside = _ASIDE.fullmatch(path.name)
    staging = _STAGING.fullmatch(path.name)
    if staging and _alive(int(staging["pid"])):
        return  # an import still running
    target = root / aside["id"] if aside else None
    if target is not None and not target.exists() and (path / "datapackage.json").is_file():
        os.rename(path, target)
    else:
        shutil.rmtree(path, ignore_errors=True)


def staging_folder(root: Path, dataset_id: str) -> Path:
    """A new hidden folder in the store for an import in progress (never listed as a dataset)."""
    try:
        root.mkdir(parents=True, exist_ok=True)
        folder = Path(tempfile.mkdtemp(prefix=f".staging-{os.getpid()}-{dataset_id}-", dir=root))
        folder.chmod(0o755)
    except OSError as exc:
        raise store_error(root, exc) from None
    return folder


def refuse_non_dataset(target: Path) -> None:
    """Only a folder holding a datapackage.json is ever replaced or removed."""
    if target.exists() and not (target / "datapackage.json").is_file():
        raise DatasetError(f"{target} exists and is not a dataset (no datapackage.json); refusing to replace "
                           "or delete it", code="FC216")


def swap_in(staging: Path, target: Path, replace: bool) -> None:
    """Move a finished import into place under the store lock. An earlier dataset is renamed aside
    first and deleted only once the new one is in place, so a kill at any moment leaves either
    the old or the new dataset (recover_store puts the old one back)."""
    root = target.parent
    with store_lock(root):
        refuse_non_dataset(target)
        if target.exists() and not replace:
            raise DatasetError(f"dataset {target.name!r} is already imported ({target}); remove it first or pass "
                               "--replace", code="FC222")
        aside = root / f".{target.name}.old-{os.getpid()}"
        try:
            if target.exists():
                os.rename(target, aside)
            os.rename(staging, target)
        except OSError as exc:
            if aside.exists() and not target.exists():
                os.rename(aside, target)
            raise store_error(root, exc) from None
    shutil.rmtree(aside, ignore_errors=True)


def remove_folder(target: Path) -> None:
    """Delete a dataset folder: renamed to a hidden name first (one atomic step, after which the
    dataset is gone for every reader), then deleted; a kill mid-delete leaves only a hidden
    folder that recover_store finishes."""
    root = target.parent
    with store_lock(root):
        refuse_non_dataset(target)
        doomed = root / f".{target.name}.removing-{os.getpid()}"
        try:
            os.rename(target, doomed)
        except OSError as exc:
            raise store_error(root, exc) from None
    shutil.rmtree(doomed, ignore_errors=True)


def check_importable_id(dataset_id: str) -> str:
    """A valid id that no bundled dataset uses: importing `factbook-latest` would write a dataset
    that the catalog then refuses (an id used twice), breaking every later command."""
    check_dataset_id(dataset_id)
    for folder in dataset_folders(bundled_dir()):
        if folder.name == dataset_id:
            raise DatasetError(f"dataset id {dataset_id!r} is bundled with factcheck; choose another --id", code="FC210")
    return dataset_id

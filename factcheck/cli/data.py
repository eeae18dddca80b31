"""`factcheck data list|show|validate|import|remove`: the reference datasets, registered on data_app
(see cli/app.py). Every error a user can cause is one line on stderr and exit 2."""

from __future__ import annotations

import json
import sys
import time
from contextlib import contextmanager
from dataclasses import asdict
from enum import Enum
from pathlib import Path
from typing import Iterator, Optional

import typer
from rich.console import Console
from rich.table import Table

from factcheck.cli.app import data_app
from factcheck.errors import FactcheckError

DATA_DIR_OPTION = typer.Option(None, "--data-dir", envvar="FACTCHECK_DATA_DIR",
                               help="Local store of imported datasets (default: the user data folder).")


class ListFormat(str, Enum):
    table = "table"
    json = "json"


class ImportKind(str, Enum):
    cow = "cow"
    comtrade = "comtrade"
    baci = "baci"
    dots = "dots"
    census = "census"
    wdi = "wdi"


@contextmanager
def _one_line_errors() -> Iterator[None]:
    try:
        yield
    except FactcheckError as exc:
        typer.echo(f"factcheck: error: {exc}", err=True)
        raise typer.Exit(2) from None
    except Exception as exc:  # noqa: BLE001 - exit 2 with one line, never a traceback
        typer.echo(f"factcheck: error: internal error: {exc.__class__.__name__}: {' '.join(str(exc).split())}", err=True)
        raise typer.Exit(2) from None


def _catalog(data_dir: Optional[Path]):
    from factcheck.reference import Catalog

    return Catalog.load(data_dir=data_dir)


def note_outdated(catalogs) -> None:
    """One line on stderr for each imported dataset an older factcheck wrote (Catalog.outdated_imports):
    such a dataset works, but slower or saying less, and only importing it again completes it."""
    said = set()
    for catalog in catalogs:
        for outdated in getattr(catalog, "outdated_imports", lambda: ())():
            if outdated.dataset not in said:
                said.add(outdated.dataset)
                typer.echo(f"factcheck: note: {outdated.note()}", err=True)


def _years(years) -> str:
    return f"{years[0]}–{years[1]}" if years else "–"


@data_app.command("list")
def list_datasets(
    format: ListFormat = typer.Option(ListFormat.table, "--format", "-f", help="table or json."),
    data_dir: Optional[Path] = DATA_DIR_OPTION,
) -> None:
    """List every dataset: bundled ones and those imported into the local store."""
    with _one_line_errors():
        catalog = _catalog(data_dir)
        note_outdated([catalog])
        infos = catalog.datasets()
        if format is ListFormat.json:
            records = []
            for info in infos:
                record = asdict(info)
                record["years"] = list(info.years) if info.years else None
                records.append(record)
            typer.echo(json.dumps(records, indent=2, ensure_ascii=False))
            return
        table = Table("id", "title", "rows", "years", "license", "sha256", "where")
        for info in infos:
            table.add_row(info.id, info.title, f"{info.rows:,}", _years(info.years), info.license,
                          info.sha256[:12], "bundled" if info.bundled else "imported")
        for column in table.columns:
            column.no_wrap = column.header != "title"
        Console().print(table)


@data_app.command("show")
def show(dataset_id: str = typer.Argument(..., metavar="ID"), data_dir: Optional[Path] = DATA_DIR_OPTION) -> None:
    """Show one dataset's description, citation, license and files."""
    with _one_line_errors():
        from factcheck.errors import DatasetError
        from factcheck.reference.datapackage import read_descriptor

        info = next((i for i in _catalog(data_dir).datasets() if i.id == dataset_id), None)
        if info is None:
            raise DatasetError(f"no dataset {dataset_id!r} (see `factcheck data list`)", code="FC212")
        descriptor = read_descriptor(Path(info.path))
        console = Console()
        console.print(f"[bold]{info.id}[/bold]: {info.title}")
        for label, value in (("publisher", info.publisher), ("license", info.license), ("citation", info.citation),
                             ("version", info.version), ("rows", f"{info.rows:,}"), ("years", _years(info.years)),
                             ("sha256", info.sha256), ("path", info.path),
                             ("description", descriptor.get("description", ""))):
            console.print(f"  {label}: {value}", highlight=False, soft_wrap=True)
        for resource in descriptor["resources"]:
            console.print(f"  file: {resource['path']} ({resource.get('bytes', 0):,} bytes, {resource.get('hash', '')})",
                          highlight=False, soft_wrap=True)
        _show_series(console, descriptor)


def _show_series(console: Console, descriptor: dict) -> None:
    """What the dataset's figures measure, one line per series entry (publisher, reporter side,
    concept, valuation, currency, frequency, vintage, territory)."""
    from factcheck.reference.series import spec_lines

    specs = descriptor.get("factcheck", {}).get("series") or []
    if not specs:
        console.print("  series: none described (imported before series metadata existed; import it again)",
                      highlight=False, soft_wrap=True)
    for spec in specs:
        console.print(f"  series {spec['id']}: {spec_lines(spec)}", highlight=False, soft_wrap=True)


@data_app.command("validate")
def validate(
    dataset_ids: Optional[list[str]] = typer.Argument(None, metavar="[ID]...", help="Datasets to check (default: all)."),
    data_dir: Optional[Path] = DATA_DIR_OPTION,
) -> None:
    """Check every file against its sha256 and every row against the observation schema."""
    with _one_line_errors():
        from factcheck.reference.manage import all_folders, find_folder, validate_folder

        folders = [find_folder(i, data_dir) for i in dataset_ids] if dataset_ids else all_folders(data_dir)
        for folder in folders:
            rows = validate_folder(folder)
            typer.echo(f"ok  {folder.name}: {rows:,} rows")
        # What loading refuses beyond each folder's own checks (an id used twice, a ranking table)
        # must not pass validation: load the whole catalog the way every check does.
        _catalog(data_dir)


@data_app.command("import")
def import_dataset(
    kind: ImportKind = typer.Argument(..., help="cow (Correlates of War dyadic or national CSV, plain or .gz), comtrade (UN Comtrade CSV), baci (CEPII BACI CSV), dots (IMF Direction of Trade Statistics long CSV.gz), census (US Census derived annual and/or monthly country CSVs) or wdi (World Bank merchandise totals)."),
    paths: list[Path] = typer.Argument(..., metavar="PATH...", help="The file to import (baci, census, wdi: one or more files, or their folder)."),
    countries: Optional[Path] = typer.Option(None, "--countries", help="BACI's country code table (country_codes_V*.csv)."),
    dataset_id: Optional[str] = typer.Option(None, "--id", help="Dataset id in the store (default: the kind; cow-national for COW's national totals)."),
    replace: bool = typer.Option(False, "--replace", help="Replace an earlier import with the same id."),
    data_dir: Optional[Path] = DATA_DIR_OPTION,
) -> None:
    """Import a bulk trade dataset into the local store (Parquet); `factcheck` uses it from then on."""
    with _one_line_errors():
        from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeElapsedColumn

        from factcheck.errors import ConfigError
        from factcheck.reference.importers import IMPORTERS, MULTI_FILE, input_size

        if kind.value not in MULTI_FILE and len(paths) != 1 and not (kind is ImportKind.cow and not dataset_id):
            raise ConfigError(f"`factcheck data import {kind.value}` takes one file, got {len(paths)}")
        if countries is not None and kind is not ImportKind.baci:
            raise ConfigError("--countries applies to baci imports only")
        options = {"dataset_id": dataset_id, "data_dir": data_dir, "replace": replace}
        if kind is ImportKind.baci:
            options["countries"] = countries
        if kind is ImportKind.cow and not dataset_id:  # the dyadic table and the national totals: one import each
            targets = _with_cow_national(paths, data_dir)
        else:
            targets = [paths if kind.value in MULTI_FILE else paths[0]]
        for target in targets:
            started = time.perf_counter()
            with Progress(TextColumn(f"importing {kind.value}"), BarColumn(), DownloadColumn(), TimeElapsedColumn(),
                          console=Console(stderr=True), transient=True, disable=not sys.stderr.isatty()) as progress:
                task = progress.add_task("read", total=input_size(target))
                folder = IMPORTERS[kind.value](target, progress=lambda done: progress.update(task, completed=done), **options)
            info = next(i for i in _catalog(data_dir).datasets() if i.path == str(folder))
            typer.echo(f"imported {info.id}: {info.rows:,} rows, {_years(info.years)}, "
                       f"in {time.perf_counter() - started:.1f} s -> {folder}")


COW_NATIONAL_FILE = "national_trade_*.csv"


def _with_cow_national(paths: list[Path], data_dir: Path | None) -> list[Path]:
    """COW's release has two tables: a country's totals are in the national file beside the
    dyadic one. Importing the dyadic table brings the national totals along (as `cow-national`)
    unless they were named, are not there, or are in the store already."""
    if len(paths) != 1 or "national" in paths[0].name:
        return paths
    beside = sorted(paths[0].resolve().parent.glob(COW_NATIONAL_FILE))
    if not beside or any(i.id == "cow-national" for i in _catalog(data_dir).datasets()):
        return paths
    return [paths[0], beside[0]]


@data_app.command("remove")
def remove(dataset_id: str = typer.Argument(..., metavar="ID"), data_dir: Optional[Path] = DATA_DIR_OPTION) -> None:
    """Delete an imported dataset from the local store."""
    with _one_line_errors():
        from factcheck.reference.manage import remove as remove_dataset

        folder = remove_dataset(dataset_id, data_dir)
        typer.echo(f"removed {dataset_id} ({folder})")

"""Settings for `factcheck check`: `[tool.factcheck]` in pyproject.toml or `.factcheck.toml`,
found upward from each checked file; command-line options override them.

Unknown keys are an error, not ignored: a misspelt `fail_on` silently doing nothing would let a
CI run pass that should fail.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from factcheck.errors import ConfigError

try:  # Python 3.11+; on 3.10 the `tomli` backport (a dependency there only) has the same API
    import tomllib as toml_module
except ModuleNotFoundError:  # pragma: no cover - Python 3.10
    import tomli as toml_module

CONFIG_FILES = (".factcheck.toml", "pyproject.toml")
FAIL_ON = ("contradicted", "approximate", "unverifiable", "never")
# Every key a config file may set; docs/cli.md documents each (tests/test_cli_check_docs.py).
CONFIG_KEYS = ("fail-on", "format", "tolerance.value", "tolerance.points", "tolerance.about",
               "prefer", "include", "exclude", "as-of")


@dataclass(frozen=True)
class Settings:
    fail_on: str = "contradicted"
    format: str = "terminal"
    # Tolerance overrides as sorted (name, value) pairs; `tolerances` builds the verify stage's object
    # when a check needs it, so reading settings does not import verify (and spaCy, pandas with it).
    tolerance_values: tuple[tuple[str, float], ...] = ()
    prefer: tuple[str, ...] = ()
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    as_of: dt.date | None = None
    source: str | None = None  # the config file these came from, for messages

    @property
    def tolerances(self):
        from factcheck.verify.tolerances import Tolerances

        return Tolerances(**dict(self.tolerance_values))


def find_config(start: Path) -> Path | None:
    """The nearest `.factcheck.toml`, or `pyproject.toml` with a [tool.factcheck] table, at or
    above `start` (a file or folder)."""
    try:
        folder = start.resolve()
    except (OSError, RuntimeError):  # a symbolic link loop: search from where the link is
        folder = start.absolute()
    if not folder.is_dir():
        folder = folder.parent
    return _find_in(folder)


@lru_cache(maxsize=256)
def _find_in(folder: Path) -> Path | None:
    for candidate_dir in (folder, *folder.parents):
        dotfile = candidate_dir / ".factcheck.toml"
        if dotfile.is_file():
            return dotfile
        pyproject = candidate_dir / "pyproject.toml"
        if pyproject.is_file() and "factcheck" in _tool_table(pyproject):
            return pyproject
    return None


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        return toml_module.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    except (toml_module.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from None


def _tool_table(path: Path) -> dict[str, Any]:
    """pyproject.toml's [tool] table; `tool = 5` is a config error, not a crash."""
    tool = _read_toml(path).get("tool", {})
    if not isinstance(tool, dict):
        raise ConfigError(f"{path}: tool must be a table, not {tool!r}")
    return tool


def _flatten(table: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in table.items():
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{prefix}{key}."))
        else:
            flat[f"{prefix}{key}"] = value
    return flat


def config_table(path: Path) -> dict[str, Any]:
    """The factcheck settings of a config file as flat dotted keys ("tolerance.value")."""
    if path.name == "pyproject.toml":
        tool = _tool_table(path)
        if "factcheck" not in tool:
            raise ConfigError(f"{path}: has no [tool.factcheck] table")
        table = tool["factcheck"]
    else:
        table = _read_toml(path)
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.factcheck] must be a table, not {table!r}")
    flat = _flatten(table)
    unknown = sorted(set(flat) - set(CONFIG_KEYS))
    if unknown:
        raise ConfigError(f"{path}: unknown key(s) {', '.join(unknown)} (known: {', '.join(CONFIG_KEYS)})")
    return flat


def parse_date(value: Any, where: str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise ConfigError(f"{_label('as-of', where)} must be a date like 2024-06-30, not {value!r}") from None


def _string_list(value: Any, key: str, where: str) -> tuple[str, ...]:
    values = (value,) if isinstance(value, str) else value
    if isinstance(values, (list, tuple)) and all(isinstance(v, str) and v.strip() for v in values):
        return tuple(values)
    raise ConfigError(f"{where}: {key} must be a string or a list of strings, none of them empty (not {value!r})")


def _number(value: Any, key: str, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) or value < 0:
        raise ConfigError(f"{_label(key, where)} must be a number of at least 0, not {value!r}")
    return float(value)


def _label(key: str, where: str) -> str:
    """How a message names a setting: `--fail-on` on the command line, `file: fail-on` in a file."""
    return key if key.startswith("--") else f"--{key}" if where == "command line" else f"{where}: {key}"


def check_choice(value: str, choices: tuple[str, ...], key: str, where: str = "command line") -> str:
    if value not in choices:
        raise ConfigError(f"{_label(key, where)} must be one of {', '.join(choices)}, not {value!r}")
    return value


def apply(settings: Settings, values: dict[str, Any], where: str, formats: tuple[str, ...]) -> Settings:
    """`settings` overridden by flat `values` (from a config file or the command line; None
    values are left alone)."""
    values = {k: v for k, v in values.items() if v is not None and v != ()}
    changes: dict[str, Any] = {}
    tolerance = {}
    for key, value in values.items():
        if key == "fail-on":
            changes["fail_on"] = check_choice(str(value), FAIL_ON, "fail-on", where)
        elif key == "format":
            changes["format"] = check_choice(str(value), formats, "format", where)
        elif key.startswith("tolerance."):
            tolerance[key.split(".", 1)[1]] = _number(value, key, where)
        elif key in ("prefer", "include", "exclude"):
            changes[key] = _string_list(value, key, where)
        elif key == "as-of":
            changes["as_of"] = parse_date(value, where)
        else:
            raise ConfigError(f"{where}: unknown setting {key!r}")
    if tolerance:
        changes["tolerance_values"] = tuple(sorted({**dict(settings.tolerance_values), **tolerance}.items()))
    return replace(settings, **changes)


def settings_for(path: Path | None, explicit_config: Path | None, cli_values: dict[str, Any],
                 formats: tuple[str, ...]) -> Settings:
    """Defaults, then the config file (explicit, or found upward from `path`, or from the current
    folder), then the command line."""
    config = explicit_config or find_config(path if path is not None else Path.cwd())
    settings = Settings()
    if config is not None:
        if not config.is_file():
            raise ConfigError(f"{config}: no such config file")
        settings = replace(apply(settings, config_table(config), str(config), formats), source=str(config))
    return apply(settings, cli_values, "command line", formats)

"""Which files a list of command-line paths means: files as given, folders walked recursively."""

from __future__ import annotations

import errno
import os
from collections.abc import Iterable, Iterator
from pathlib import Path, PurePosixPath

from factcheck.errors import InputError

DEFAULT_INCLUDE = ("*.txt", "*.md", "*.markdown", "*.html", "*.htm")
SKIPPED_FOLDERS = {".git", ".hg", ".svn", "node_modules", "__pycache__", ".venv", "venv", ".tox"}


def _matches(relative: PurePosixPath, patterns: Iterable[str]) -> bool:
    # PurePath.match matches from the right, so "*.md" matches at any depth and
    # "drafts/*.md" matches a file directly inside any folder named drafts.
    return any(relative.match(p) or relative.name == p for p in patterns)


def _walk(root: Path) -> Iterator[Path]:
    """Every entry under `root` (links to folders are not followed). A sub-folder that cannot be
    read is an error: skipping it silently would report a clean run over files never checked."""
    def refuse(error: OSError) -> None:
        raise InputError(f"{error.filename or root}: folder cannot be read ({error.strerror or error})")

    for folder, subfolders, names in os.walk(root, onerror=refuse):
        subfolders[:] = [d for d in subfolders if d not in SKIPPED_FOLDERS]
        base = Path(folder)
        yield from (base / name for name in names)
        yield from (base / name for name in subfolders if (base / name).is_symlink())


def _dangling_link(raw: str, path: Path) -> InputError:
    """The error for a link that leads nowhere: a loop, or a broken link."""
    try:
        path.resolve(strict=True)
    except RuntimeError:  # Python < 3.13 reports a loop so
        return InputError(f"{raw}: is a symbolic link loop")
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return InputError(f"{raw}: is a symbolic link loop")
    return InputError(f"{raw}: is a broken link")


def iter_input_files(paths: Iterable[str], include: Iterable[str] = (), exclude: Iterable[str] = ()) -> Iterator[str]:
    """Paths to check, in a stable order. "-" (stdin) passes through. Files named explicitly are
    checked whatever their extension unless excluded; folders yield files matching `include`
    (default: text, Markdown and HTML) and not `exclude`."""
    include = tuple(include) or DEFAULT_INCLUDE
    exclude = tuple(exclude)
    for raw in paths:
        if raw == "-":
            yield raw
            continue
        path = Path(raw)
        if path.is_dir():
            found = []
            for candidate in _walk(path):
                relative = PurePosixPath(candidate.relative_to(path).as_posix())
                if any(part in SKIPPED_FOLDERS for part in relative.parts[:-1]) or not candidate.is_file():
                    continue
                if _matches(relative, include) and not _matches(relative, exclude):
                    found.append(candidate)
            yield from (str(p) for p in sorted(found))
        elif path.exists() or not path.is_symlink():
            if not _matches(PurePosixPath(path.as_posix()), exclude):
                yield raw
        else:
            raise _dangling_link(raw, path)

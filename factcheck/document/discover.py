"""Which files a list of command-line paths means: files as given, folders walked recursively."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path, PurePosixPath

from factcheck.errors import InputError

DEFAULT_INCLUDE = ("*.txt", "*.md", "*.markdown", "*.html", "*.htm")
SKIPPED_FOLDERS = {".git", ".hg", ".svn", "node_modules", "__pycache__", ".venv", "venv", ".tox"}


def _matches(relative: PurePosixPath, patterns: Iterable[str]) -> bool:
    # PurePath.match matches from the right, so "*.md" matches at any depth and
    # "drafts/*.md" matches a file directly inside any folder named drafts.
    return any(relative.match(p) or relative.name == p for p in patterns)


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
            for candidate in path.rglob("*"):
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
            raise InputError(f"{raw}: is a broken link")

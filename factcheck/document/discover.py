"""Which files a list of command-line paths means: files as given, folders walked recursively.

Inside folders: `include`/`exclude` globs match the path relative to the folder argument, the path
as given (so `factcheck drafts/ --exclude "drafts/old/*"` works as documented), or any folder
above the file (so "archive/*" also skips archive/2019/a.md); in a git tree the `.gitignore` files
are honoured (pathspec's git semantics, negations included); reports factcheck writes under known
names (factcheck.md, factcheck-report.html, ...) are never read back as articles."""

from __future__ import annotations

import errno
import os
from collections.abc import Iterable, Iterator
from pathlib import Path, PurePosixPath

from factcheck.errors import InputError

DEFAULT_INCLUDE = ("*.txt", "*.md", "*.markdown", "*.html", "*.htm")
# Report files of earlier runs (the names docs/ci.md uses): checking them would check the report.
REPORT_NAMES = ("factcheck.*", "factcheck-report*.*", "factcheck_report*.*", ".factcheck-baseline*")
# ... and under any name, by how a report starts (the Markdown report's first words, the JSON
# report's schema, a generator meta tag or comment in an HTML or text report).
REPORT_STARTS = (b'"schema": "factcheck.report/', b'content="factcheck', b"<!-- factcheck report")


def is_report(path: Path) -> bool:
    """Whether `path` is a report an earlier run wrote (its first 512 bytes say so)."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(512)
    except OSError:
        return False
    return head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"**factcheck**:") or any(m in head for m in REPORT_STARTS)
SKIPPED_FOLDERS = {".git", ".hg", ".svn", "node_modules", "__pycache__", ".venv", "venv", ".tox"}


def _matches(relative: PurePosixPath, patterns: Iterable[str]) -> bool:
    # PurePath.match matches from the right, so "*.md" matches at any depth and
    # "drafts/*.md" matches a file directly inside any folder named drafts.
    return any(relative.match(p) or relative.name == p for p in patterns)


def _excluded(candidate: PurePosixPath, relative: PurePosixPath, patterns: tuple[str, ...]) -> bool:
    """`patterns` match the file or any folder above it, relative to the folder argument or as given."""
    if not patterns:
        return False
    forms = (relative, candidate)
    return any(_matches(form, patterns) or any(_matches(parent, patterns) for parent in form.parents
                                                if parent.parts and str(parent) != ".")
               for form in forms)


class GitIgnore:
    """The `.gitignore` files of the git tree a folder is in (none outside a git tree)."""

    def __init__(self, start: Path) -> None:
        self.root = _git_root(start)
        self._specs: dict[Path, object | None] = {}

    def _spec(self, folder: Path):
        if folder not in self._specs:
            spec = None
            ignore_file = folder / ".gitignore"
            if ignore_file.is_file():
                import pathspec

                try:
                    lines = ignore_file.read_text(encoding="utf-8", errors="replace").splitlines()
                except OSError:
                    lines = []
                spec = pathspec.GitIgnoreSpec.from_lines(lines)
            self._specs[folder] = spec
        return self._specs[folder]

    def ignores(self, path: Path, is_dir: bool = False) -> bool:
        """Whether git would ignore `path` (the deepest .gitignore that decides wins)."""
        if self.root is None:
            return False
        try:
            relative = path.absolute().relative_to(self.root)
        except ValueError:
            return False
        decision = False
        folder = self.root
        for part in (None, *relative.parts[:-1]):
            folder = folder if part is None else folder / part
            spec = self._spec(folder)
            if spec is None:
                continue
            inner = path.absolute().relative_to(folder).as_posix() + ("/" if is_dir else "")
            result = spec.check_file(inner).include
            if result is not None:
                decision = result
        return decision


def _git_root(start: Path) -> Path | None:
    folder = start.absolute()
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            return candidate
    return None


def _walk(root: Path, gitignore: GitIgnore | None = None) -> Iterator[Path]:
    """Every entry under `root` (links to folders are not followed). A sub-folder that cannot be
    read is an error: skipping it silently would report a clean run over files never checked."""
    def refuse(error: OSError) -> None:
        raise InputError(f"{error.filename or root}: folder cannot be read ({error.strerror or error})")

    for folder, subfolders, names in os.walk(root, onerror=refuse):
        subfolders[:] = [d for d in subfolders if d not in SKIPPED_FOLDERS
                         and not (gitignore and gitignore.ignores(Path(folder) / d, is_dir=True))]
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


def _files_in(path: Path, include: tuple[str, ...], exclude: tuple[str, ...]) -> list[Path]:
    gitignore = GitIgnore(path)
    found = []
    for candidate in _walk(path, gitignore):
        relative = PurePosixPath(candidate.relative_to(path).as_posix())
        if any(part in SKIPPED_FOLDERS for part in relative.parts[:-1]) or not candidate.is_file():
            continue
        if not _matches(relative, include) or _matches(PurePosixPath(relative.name), REPORT_NAMES):
            continue
        if _excluded(PurePosixPath(candidate.as_posix()), relative, exclude) or gitignore.ignores(candidate):
            continue
        if not is_report(candidate):
            found.append(candidate)
    return sorted(found)


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
            yield from (str(p) for p in _files_in(path, include, exclude))
        elif path.exists() or not path.is_symlink():
            if not _matches(PurePosixPath(path.as_posix()), exclude):
                yield raw
        else:
            raise _dangling_link(raw, path)

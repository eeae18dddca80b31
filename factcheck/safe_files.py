"""Writing the user's files without ever damaging them (docs/reliability.md, "Writes").

`write_text_safely` is the one way factcheck writes a report, a baseline or a summary:

- a regular file (or a new one) is replaced atomically: the text goes to a temporary file in the
  same folder, is flushed to disk, gets the old file's permission bits (or the umask's for a new
  file), and is renamed over the target, so a reader, a kill or a full disk never leaves half a
  file; the temporary file is removed whatever fails;
- anything else (`/dev/null`, `/dev/stdout`, a FIFO, a terminal) is opened and written in place:
  renaming over it would replace a device node with a regular file (as root, `--output /dev/null`
  did exactly that);
- a path that is one of the inputs is refused before anything is written.

It lives outside the stage packages (like errors.py) so report writers and the CLI share it.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from factcheck.errors import ConfigError


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def refuse_inputs(target: Path, inputs: Iterable[str], option: str) -> None:
    """ConfigError when `target` is (a link to, or a hard link of) one of the input files."""
    for path in inputs:
        if path != "-" and _same_file(Path(path), target):
            raise ConfigError(f"{option} {target} is one of the input files; refusing to overwrite it")


def _describe(exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        return "no space left on the device"
    return exc.strerror or str(exc)


def write_text_safely(target: Path, text: str, *, option: str = "--output") -> None:
    """Write `text` (UTF-8) to `target` as described in the module docstring. An OSError becomes a
    ConfigError naming the option and the file; the target is then unchanged (regular files)."""
    with writing_safely(target, option=option) as handle:
        handle.write(text)


@contextmanager
def writing_safely(target: Path, *, option: str = "--output") -> Iterator[TextIO]:
    """`write_text_safely` for text written in pieces (a streamed report): the pieces go to the
    temporary file as they come, and the target is replaced only when the block ends without an
    error; on an error the temporary file is removed and the target is unchanged. A device or
    FIFO is written in place, as `write_text_safely` does."""
    target = Path(target)
    try:
        info = os.stat(target)
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise ConfigError(f"{option} {target}: cannot be written ({_describe(exc)})") from None
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise ConfigError(f"{option} {target} is a directory")
    resolved = Path(os.path.realpath(target))
    temp: str | None = None
    try:
        if info is not None and not stat.S_ISREG(info.st_mode):
            with open(target, "w", encoding="utf-8") as handle:
                yield handle
            return
        resolved.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(prefix=f".{resolved.name}.", suffix=".tmp", dir=resolved.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        mode = None if info is None else stat.S_IMODE(info.st_mode)
        os.chmod(temp, mode if mode is not None else 0o666 & ~_current_umask())
        os.replace(temp, resolved)
        temp = None
    except OSError as exc:
        raise ConfigError(f"{option} {target}: cannot be written ({_describe(exc)})") from None
    finally:
        if temp is not None:
            try:
                os.unlink(temp)
            except OSError:
                pass

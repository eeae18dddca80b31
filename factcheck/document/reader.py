"""Bytes in, text out: refuse what is not a text article, decode it, and say how it was decoded.

Decoding is never silent about guesses: UTF-8 (with or without a BOM) is taken as is; anything else
falls back to cp1252 (or Latin-1, which decodes every byte) and the document carries a notice.
"""

from __future__ import annotations

import codecs
import errno
import os
import stat
from pathlib import Path

from factcheck.errors import InputError

# The largest input read by default (--max-bytes changes it): a 40 MB Markdown file checks in
# bounded memory (issue 11, item 6), and the bound still refuses a stray database dump or disk image.
MAX_BYTES = 64 * 1024 * 1024
# Share of control characters (other than whitespace) above which bytes are not an article.
BINARY_CONTROL_SHARE = 0.10
_TEXT_CONTROLS = {9, 10, 12, 13}


def read_bytes(path: Path, max_bytes: int = MAX_BYTES) -> bytes:
    """The file's bytes, checked on the opened file (not by a `stat` before opening, which a FIFO
    or device passes and a swapped file defeats): only regular files, never more than `max_bytes`
    read. Opening never blocks (O_NONBLOCK), so a FIFO nobody writes to cannot hang a run."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory (give files, or a folder to the check command)") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise InputError(f"{path}: is a symbolic link loop") from None
        raise InputError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise InputError(f"{path}: is a directory (give files, or a folder to the check command)")
        if not stat.S_ISREG(info.st_mode):
            raise InputError(f"{path}: is not a regular file ({_kind(info.st_mode)}); pipe it to stdin with - instead")
        if info.st_size > max_bytes:
            raise InputError(f"{path}: {info.st_size:,} bytes is more than the limit of {_limit(max_bytes)}")
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = handle.read(max_bytes + 1)  # bounded even if the file grows while it is read
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    finally:
        os.close(fd)
    if len(data) > max_bytes:
        raise InputError(f"{path}: more than the limit of {_limit(max_bytes)}")
    return data


def _limit(max_bytes: int) -> str:
    return f"{max_bytes:,} bytes (see --max-bytes)"


def _kind(mode: int) -> str:
    for test, name in ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return name
    return "not a file"


def looks_binary(data: bytes) -> bool:
    sample = data[:65536]
    if not sample or sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    if b"\x00" in sample:
        return True
    controls = sum(1 for byte in sample if byte < 32 and byte not in _TEXT_CONTROLS)
    return controls / len(sample) > BINARY_CONTROL_SHARE


def decode(data: bytes, name: str) -> tuple[str, str, tuple[str, ...]]:
    """(text, encoding, notices). Raises InputError for binary data."""
    if looks_binary(data):
        raise InputError(f"{name}: looks like a binary file, not a text article")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16", ()
        except UnicodeDecodeError:
            raise InputError(f"{name}: has a UTF-16 byte order mark but is not valid UTF-16") from None
    try:
        return data.decode("utf-8-sig"), "utf-8", ()
    except UnicodeDecodeError as exc:
        where = exc.start
    for fallback in ("cp1252", "latin-1"):
        try:
            text = data.decode(fallback)
        except UnicodeDecodeError:
            continue
        notice = (
            f"{name}: not valid UTF-8 (byte {where}); decoded as {fallback}. "
            "Save the file as UTF-8 to be sure of every character."
        )
        return text, fallback, (notice,)
    raise InputError(f"{name}: cannot be decoded")  # unreachable: latin-1 decodes any byte

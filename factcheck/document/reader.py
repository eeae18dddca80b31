"""Bytes in, text out: refuse what is not a text article, decode it, and say how it was decoded.

Decoding is never silent about guesses: UTF-8 (with or without a BOM) is taken as is; anything else
falls back to cp1252 (or Latin-1, which decodes every byte) and the document carries a notice.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from factcheck.errors import InputError

MAX_BYTES = 20 * 1024 * 1024
# Share of control characters (other than whitespace) above which bytes are not an article.
BINARY_CONTROL_SHARE = 0.10
_TEXT_CONTROLS = {9, 10, 12, 13}


def read_bytes(path: Path, max_bytes: int = MAX_BYTES) -> bytes:
    if not path.exists():
        raise InputError(f"{path}: no such file")
    if path.is_dir():
        raise InputError(f"{path}: is a directory (give files, or a folder to the check command)")
    size = path.stat().st_size
    if size > max_bytes:
        raise InputError(f"{path}: {size:,} bytes is more than the limit of {max_bytes:,} bytes")
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror or exc})") from None


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

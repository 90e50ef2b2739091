"""Bytes -> text: refuse what is not text, decode what is, and say which encoding was used.

Policy:
- UTF-8 first. A byte-order mark (UTF-8, UTF-16 or UTF-32) is honoured and not part of the
  text, so offsets count the text without it; the encoding is recorded as "utf-8-sig",
  "utf-16" or "utf-32".
- Bytes that are not UTF-8 but hold well-formed UTF-8 characters (one of three or four bytes,
  or two-byte ones at least as many as the stray bytes) are damaged UTF-8: refused, naming
  the line and byte, since any guess would garble the text.
- Otherwise a legacy single-byte encoding: Windows-1252 for Latin-script text (it is what
  browsers read "Latin-1" files as; both give the same text for every Latin-1 file without
  C1 control codes, so Latin-1 files are recorded as "cp1252" too), Windows-1251 or KOI8-R
  (chosen by charset-normalizer) for text that is mostly in runs of non-ASCII letters, i.e.
  Cyrillic. A byte that encoding does not define is a refusal.
- Binary content (known file signatures, NUL bytes, control characters) is refused.
"""
from __future__ import annotations

import re

from charset_normalizer import from_bytes

MAGIC = {
    b"%PDF": "a PDF file",
    b"\x89PNG": "a PNG image",
    b"GIF8": "a GIF image",
    b"\xff\xd8\xff": "a JPEG image",
    b"PK\x03\x04": "a zip archive or an Office document",
    b"\x1f\x8b": "a gzip archive",
    b"\x7fELF": "an executable",
}
BOMS = (  # longest first: the UTF-32 LE mark begins with the UTF-16 LE one
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
WESTERN = "cp1252"
CYRILLIC = ("cp1251", "koi8_r")
NAMES = {"utf-8-sig": "UTF-8", "utf-16": "UTF-16", "utf-32": "UTF-32", "cp1252": "Windows-1252",
         "cp1251": "Windows-1251", "koi8_r": "KOI8-R"}
NON_ASCII = bytes(range(0x80, 0x100))
UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
    rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)
HIGH_RUN = re.compile(rb"[\x80-\xff]{3,}")
MAX_CONTROL_RATIO = 0.01


class NotText(ValueError):
    """The bytes are not a text document; the message says what they look like."""


def decode(data: bytes) -> tuple[str, str]:
    """The text and the name of the encoding it was decoded from; NotText if it is not text."""
    for magic, what in MAGIC.items():
        if data.startswith(magic):
            raise NotText(f"binary content ({what}), not text")
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return _checked(_strict(data, encoding)), encoding
    if b"\x00" in data:
        raise NotText("binary content (NUL bytes; or UTF-16 without a byte-order mark), not text")
    try:
        return _checked(data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError as err:
        utf8_error = err
    if _damaged_utf8(data):
        what = ("starts a character that the file cuts short (truncated?)"
                if utf8_error.reason == "unexpected end of data" else "is not part of a character")
        raise NotText(f"not valid UTF-8: {_where(data, utf8_error.start)} {what}")
    encoding = _legacy_encoding(data)
    return _checked(_strict(data, encoding)), encoding


def _damaged_utf8(data: bytes) -> bool:
    """Whether bytes that are not UTF-8 are UTF-8 all the same, damaged: they hold a well-formed
    character of three or four bytes (legacy text practically never does: it would read like
    "â€™"), or at least as many well-formed two-byte characters as stray non-ASCII bytes."""
    sequences = UTF8_SEQUENCE.findall(data)
    if any(len(found) > 2 for found in sequences):
        return True
    stray = _non_ascii(data) - 2 * len(sequences)
    return bool(sequences) and len(sequences) >= stray


def _legacy_encoding(data: bytes) -> str:
    """Windows-1252, unless most non-ASCII bytes stand in runs of three or more (words of a non-Latin script)."""
    in_runs = sum(len(run) for run in HIGH_RUN.findall(data))
    if in_runs * 2 <= _non_ascii(data):
        return WESTERN
    best = from_bytes(data[:200_000], cp_isolation=list(CYRILLIC)).best()
    if best is None or best.encoding not in CYRILLIC:
        raise NotText("not valid UTF-8 and no supported legacy encoding (Windows-1252, Windows-1251, KOI8-R) fits")
    return best.encoding


def _non_ascii(data: bytes) -> int:
    return len(data) - len(data.translate(None, NON_ASCII))


def _strict(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as err:
        raise NotText(f"not valid {NAMES.get(encoding, encoding)}: {_where(data, err.start)} is not a character in it") from err


def _where(data: bytes, offset: int) -> str:
    line = data.count(b"\n", 0, offset) + 1
    return f"byte 0x{data[offset]:02X} at line {line} (offset {offset})"


def _checked(text: str) -> str:
    """The text, unless it holds NUL or more than 1 % of it is control characters (binary data that decodes)."""
    if "\x00" in text:
        raise NotText("binary content (NUL characters), not text")
    sample = text[:100_000]
    bad = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    if sample and bad / len(sample) > MAX_CONTROL_RATIO:
        raise NotText("binary content (control characters), not text")
    return text

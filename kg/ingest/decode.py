"""Bytes -> text: refuse what is not text, decode what is, and say which encoding was used.

Policy (documented in the README): UTF-8 (with or without BOM) first; otherwise a legacy
single-byte encoding detected by charset-normalizer (Windows-1252, Latin-1, ...) is
accepted and recorded on the document; anything else is refused with the reason.
"""
from __future__ import annotations

from charset_normalizer import from_bytes

MAGIC = {
    b"%PDF": "a PDF file",
    b"\x89PNG": "a PNG image",
    b"GIF8": "a GIF image",
    b"\xff\xd8\xff": "a JPEG image",
    b"PK\x03\x04": "a zip archive (or an Office document)",
    b"\x1f\x8b": "a gzip archive",
    b"\x7fELF": "an executable",
}


class NotText(ValueError):
    """The bytes are not a text document; the message says what they look like."""


def decode(data: bytes) -> tuple[str, str]:
    """The text and the name of the encoding it was decoded from."""
    for magic, what in MAGIC.items():
        if data.startswith(magic):
            raise NotText(f"binary content ({what}), not text")
    if data.startswith(b"\xef\xbb\xbf"):
        return _strict(data[3:], "utf-8"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _strict(data, "utf-16"), "utf-16"
    if b"\x00" in data[:8192]:
        raise NotText("binary content (NUL bytes), not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as err:
        utf8_error = err
    best = from_bytes(data[:200_000], cp_isolation=["cp1252", "latin_1", "iso8859_15", "cp1251", "koi8_r"]).best()
    if best is None or best.encoding not in {"cp1252", "latin_1", "iso8859_15", "cp1251", "koi8_r"}:
        raise NotText(f"not valid UTF-8 (byte {utf8_error.start}) and no legacy text encoding fits")
    text = _strict(data, best.encoding)
    if _control_ratio(text) > 0.01:
        raise NotText("binary content (control characters), not text")
    return text, best.encoding


def _strict(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as err:
        raise NotText(f"not valid {encoding} at byte {err.start}") from err


def _control_ratio(text: str) -> float:
    sample = text[:100_000]
    if not sample:
        return 0.0
    bad = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    return bad / len(sample)

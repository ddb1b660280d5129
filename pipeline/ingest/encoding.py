"""Bytes -> text: BOMs, UTF-8, Windows-1252 for mostly-ASCII text, else the charset
charset-normalizer detects; binary content refused."""
from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from .common import SkipInput

# Leading bytes of common binary formats, so they are named in the reason.
MAGIC = {
    b"\x89PNG": "PNG image", b"PK\x03\x04": "ZIP archive", b"%PDF": "PDF document",
    b"\x1f\x8b": "gzip archive", b"\xff\xd8\xff": "JPEG image", b"GIF8": "GIF image",
    b"\x7fELF": "executable",
}
WESTERN_ASCII_SHARE = 0.9
# UTF-32 before UTF-16: the UTF-32-LE BOM starts with the UTF-16-LE one.
WIDE_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
             (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), *WIDE_BOMS)


def decode(raw: bytes) -> str:
    """Bytes -> text: BOMs honoured, UTF-8 first, else the detected charset; binary refused."""
    for magic, kind in MAGIC.items():
        if raw.startswith(magic):
            raise SkipInput("not_text", f"binary content ({kind})")
    for bom, encoding in BOMS:
        if raw.startswith(bom):
            return raw.decode(encoding, errors="replace")
    if raw.count(b"\x00") > max(1, len(raw) // 100):
        raise SkipInput("not_text", "binary content (many NUL bytes)")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # Mostly-ASCII text that is not UTF-8 is, in English news, nearly always Windows-1252 (a
    # superset of Latin-1 for letters); detectors guess poorly on short texts ("\x80" is €).
    ascii_share = sum(b < 0x80 for b in raw) / len(raw)
    if ascii_share >= WESTERN_ASCII_SHARE:
        try:
            return raw.decode("cp1252")
        except UnicodeDecodeError:
            pass
    matches = from_bytes(raw)
    best = matches.best()
    if best is None:
        raise SkipInput("not_text", "no text encoding fits the bytes")
    # Short English texts fit several code pages equally well; like browsers, prefer cp1252.
    western = next((m for m in matches if m.encoding == "cp1252" and m.chaos <= best.chaos), None)
    return str(western or best)

"""Text as a cell holds it: XML and OOXML escapes undone, normalised once, never trimmed.

Normalising: C0 control characters other than TAB, LF and CR go (and DEL), so do the bidi
embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069, used to disguise text),
and the result is NFC. Leading and trailing spaces stay: trimming is the caller's choice.
"""

from __future__ import annotations

import re
import unicodedata

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069]")
_CONTROL_BUT_NUL = re.compile("[\x01-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069]")
_OOXML_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")  # ST_Xstring: "_x000D_" is a CR
_ENTITY = re.compile(rb"&(#[0-9]{1,7}|#x[0-9A-Fa-f]{1,6}|lt|gt|amp|quot|apos);")
_NAMED = {b"lt": "<", b"gt": ">", b"amp": "&", b"quot": '"', b"apos": "'"}


def clean(text: str) -> str:
    """``text`` with OOXML escapes decoded, control and bidi characters removed, NFC."""
    if "_x" in text:
        text = _OOXML_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)
    if _CONTROL.search(text):
        text = _CONTROL.sub("", text)
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    return text


def clean_joined(text: str) -> str:
    """:func:`clean` for texts joined by NUL, which stays (OOXML escapes already decoded)."""
    text = _CONTROL_BUT_NUL.sub("", text)
    return text if text.isascii() else unicodedata.normalize("NFC", text)


def xml_text(raw: bytes) -> str:
    """Character data taken raw from UTF-8 markup: entity references decoded.

    Raises:
        ValueError: an unknown entity or an impossible character reference.
        UnicodeDecodeError: the bytes are not UTF-8.
    """
    text = raw.decode("utf-8")
    if "&" not in text:
        return text
    if raw.count(b"&") != len(_ENTITY.findall(raw)):
        raise ValueError("unknown entity reference")
    return _ENTITY.sub(_entity, raw).decode("utf-8")


def _entity(match: re.Match[bytes]) -> bytes:
    name = match.group(1)
    if name.startswith(b"#"):
        code = int(name[2:], 16) if name[1:2] == b"x" else int(name[1:])
        if not _xml_char(code):
            raise ValueError(f"character reference {code} is not allowed in XML")
        return chr(code).encode()
    return _NAMED[name].encode()


def _xml_char(code: int) -> bool:
    # XML 1.0 Char: TAB, LF, CR, and everything from space on but surrogates, FFFE, FFFF
    return (
        code in (0x9, 0xA, 0xD)
        or 0x20 <= code <= 0xD7FF
        or 0xE000 <= code <= 0xFFFD
        or 0x10000 <= code <= 0x10FFFF
    )

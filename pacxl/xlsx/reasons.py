"""Why a damaged file cannot be read, in the reader's language rather than the library's.

zipfile, zlib and the XML parser explain themselves in English ("Bad CRC-32 for file…",
"mismatched tag: line 2, column 140"); a French message should not. Each known cause becomes
a :class:`~pacxl.messages.Phrase` rendered in the message's language; an unknown one keeps the
library's words, introduced as a technical detail.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
import zlib

from ..messages import Phrase

# the beginning of the library's message → the phrase that says it
_ZIP = (
    ("bad crc-32", "zip_reason_crc"),
    ("file is not a zip file", "zip_reason_not_zip"),
    ("bad magic number for central directory", "zip_reason_directory"),
    ("truncated file header", "zip_reason_truncated"),
    ("bad magic number for file header", "zip_reason_member_header"),
)
_POSITION = re.compile(r"line (\d+), column (\d+)")


def no_directory() -> Phrase:
    """The end of the archive, where its table of contents lives, is missing."""
    return Phrase("zip_reason_no_directory")


def directory_size(size: int) -> Phrase:
    """A table of contents too large for the entries it may list."""
    return Phrase("zip_reason_directory_size", {"size": size})


def zip_reason(error: BaseException, part: str | None = None) -> Phrase:
    """Why the archive (or its member ``part``) cannot be read."""
    text = str(error)
    if isinstance(error, zlib.error):
        reason = Phrase("zip_reason_deflate")
    elif isinstance(error, EOFError):
        reason = Phrase("zip_reason_truncated")
    else:
        code = next((c for start, c in _ZIP if text.lower().startswith(start)), None)
        reason = Phrase(code) if code else Phrase("reason_detail", {"detail": text})
    return Phrase("zip_reason_in_member", {"part": part, "reason": reason}) if part else reason


def root_reason(found: str) -> Phrase:
    """The part's first element is not the one its kind of part starts with."""
    return Phrase("xml_reason_root", {"found": found})


def xml_reason(error: BaseException) -> Phrase:
    """Where the XML of a part stops being XML (ElementTree's ParseError, expat's
    ExpatError, or a text that cannot be decoded)."""
    if getattr(error, "lineno", None) is not None and hasattr(error, "offset"):  # expat
        return Phrase("xml_reason_position", {"line": error.lineno, "column": error.offset})
    position = getattr(error, "position", None)
    if isinstance(error, ET.ParseError) and position:
        return Phrase("xml_reason_position", {"line": position[0], "column": position[1]})
    found = _POSITION.search(str(error))
    if found:
        return Phrase("xml_reason_position", {"line": found[1], "column": found[2]})
    if isinstance(error, UnicodeDecodeError):
        return Phrase("xml_reason_encoding")
    return Phrase("reason_detail", {"detail": str(error)})

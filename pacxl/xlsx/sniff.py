"""What a file really is, from its bytes: the extension is never trusted.

Kinds: "xlsx", "xlsm", "strict" (Strict Open XML, which openpyxl silently reads as zero
sheets), "xlsb", "ods", "zip" (any other archive: .docx, .jar…), "corrupt" (starts like a
zip but its central directory cannot be read: truncated or damaged), "encrypted" (an OLE2
container with an ``EncryptionInfo`` stream: a password-protected .xlsx), "xls" (OLE2 with a
``Workbook`` stream), "ole2" (another OLE2 file), "html" (also MHTML "web archive"), "xml"
(Excel 2003 XML spreadsheet), "csv" (any text), "lockfile" (Excel's ``~$…`` owner file or
LibreOffice's ``.~lock.…#``), "empty", "unknown".
"""

from __future__ import annotations

import os
import zipfile
from dataclasses import dataclass, field
from typing import BinaryIO

from ..errors import ReadError
from ..messages import Phrase
from .cfb import MAGIC as OLE2_MAGIC
from .cfb import CfbError, stream_names
from .files import open_input
from .limits import Limits
from .preflight import open_zip

KINDS = (
    "xlsx", "xlsm", "strict", "xlsb", "ods", "zip", "corrupt", "encrypted", "xls", "ole2",
    "html", "xml", "csv", "lockfile", "empty", "unknown",
)  # fmt: skip
STRICT_NS = b"http://purl.oclc.org/ooxml/spreadsheetml/main"
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
_HTML_STARTS = ("<!doctype html", "<html", "<table", "<head", "<body", "<meta", "<style")
_HEAD = 8192


@dataclass
class Probe:
    """The kind of a file, and for an archive its members (central directory only)."""

    kind: str
    size: int
    members: list[zipfile.ZipInfo] = field(default_factory=list)
    reason: str | Phrase = ""  # why a "corrupt" archive cannot be read


def sniff(path: str | os.PathLike[str], limits: Limits | None = None) -> str:
    """The kind of the file at ``path`` (one of :data:`KINDS`), judged from its content.

    Raises:
        ReadError: the file cannot be opened, or is an archive beyond ``limits``.
    """
    return probe(os.fspath(path), os.fspath(path), limits or Limits()).kind


def probe(path: str, label: str, limits: Limits) -> Probe:
    """Like :func:`sniff`, keeping an archive's member list for the pre-flight."""
    f, size = open_input(path, label)
    with f:
        head = f.read(_HEAD)
        if head.startswith(_ZIP_MAGIC):
            return _zip_probe(path, f, size, label, limits)
        if head.startswith(OLE2_MAGIC):
            return Probe(_ole2_kind(f, size), size)
    return Probe(_flat_kind(os.path.basename(path), head, size), size)


def _zip_probe(path: str, f: BinaryIO, size: int, label: str, limits: Limits) -> Probe:
    try:
        archive = open_zip(path, f, size, label, limits)
    except ReadError as error:
        if error.code == "file_corrupt_zip":
            return Probe("corrupt", size, reason=error.params.get("reason", ""))
        raise
    with archive:
        members = archive.infolist()
        return Probe(_zip_kind(archive, {m.filename.casefold() for m in members}), size, members)


def _zip_kind(archive: zipfile.ZipFile, names: set[str]) -> str:
    if "xl/workbook.bin" in names:
        return "xlsb"
    if "[content_types].xml" in names and any(n.startswith("xl/") for n in names):
        if STRICT_NS in _peek(archive, "xl/workbook.xml", 4096):
            return "strict"
        return "xlsm" if "xl/vbaproject.bin" in names else "xlsx"
    if "mimetype" in names and b"opendocument.spreadsheet" in _peek(archive, "mimetype", 200):
        return "ods"
    return "zip"


def _peek(archive: zipfile.ZipFile, name: str, size: int) -> bytes:
    # the first bytes of a member (inflating at most that much), b"" if unreadable
    member = next((m for m in archive.infolist() if m.filename.casefold() == name), None)
    if member is None:
        return b""
    try:
        with archive.open(member) as stream:
            return stream.read(size)
    except Exception:  # a damaged or unsupported member, whatever the library raises: the
        # zip pre-flight that runs next reports it; sniffing only needs to know it is unreadable
        return b""


def _ole2_kind(f: BinaryIO, size: int) -> str:
    try:
        names = {n.casefold() for n in stream_names(f, size)}
    except (CfbError, OSError, ValueError):
        return "ole2"
    if {"encryptioninfo", "encryptedpackage"} & names:
        return "encrypted"
    if {"workbook", "book"} & names:
        return "xls"
    return "ole2"


def _flat_kind(name: str, head: bytes, size: int) -> str:
    # everything that is neither a zip nor an OLE2 container
    if size == 0 or (size <= _HEAD and not head.strip()):
        return "empty"
    if _is_lockfile(name, head, size):
        return "lockfile"
    text = _as_text(head)
    if text is None:
        return "unknown"
    start = text.lstrip("\ufeff \t\r\n").lower()
    if start.startswith("<?xml"):
        if "urn:schemas-microsoft-com:office:spreadsheet" in start:
            return "xml"
        return "html" if "<html" in start else "unknown"
    if start.startswith(_HTML_STARTS) or start.startswith("mime-version:"):
        return "html"
    return "csv"


def _is_lockfile(name: str, head: bytes, size: int) -> bool:
    if size <= 4096 and (name.startswith("~$") or name.startswith(".~lock.")):
        return True
    # Excel's owner file: a length byte, the user's name padded with spaces to 54 bytes
    length = head[0]
    return (
        size <= 512
        and 0 < length <= 53
        and len(head) >= 56
        and b"\x00" not in head[1 : 1 + length]
        and head[1 + length : 54].strip(b" ") == b""
    )


def _as_text(head: bytes) -> str | None:
    # the head decoded as text, or None if it looks binary
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = head[2 : len(head) & ~1].decode("utf-16", "replace")
    elif b"\x00" in head:
        return None
    else:
        try:
            text = head.decode("utf-8")
        except UnicodeDecodeError as error:  # a character cut by the 8 KB head, or not UTF-8
            cut = error.start >= len(head) - 3
            text = head[: error.start].decode() if cut else head.decode("cp1252", "replace")
    if not text:
        return None
    printable = sum(1 for c in text if c.isprintable() or c in "\t\r\n")
    return text if printable >= 0.95 * len(text) else None

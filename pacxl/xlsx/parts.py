"""Reading the members of an archive within a byte budget, refusing DOCTYPE and ENTITY.

Declared sizes can lie, so bytes are counted as they come out of the decompressor, per part
and for the whole book. Every part is scanned for ``<!DOCTYPE`` and ``<!ENTITY`` (Excel
never writes them; they are how entity bombs and external entities get in). UTF-16 parts
are re-encoded as UTF-8 first, so that the scan and the fast paths see ASCII markup.
"""

from __future__ import annotations

import posixpath
import re
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterator
from contextlib import closing
from urllib.parse import unquote

from ..errors import ReadError
from .limits import MB, Limits
from .reasons import xml_reason, zip_reason

CHUNK = 4 * MB
_FORBIDDEN = (b"<!DOCTYPE", b"<!ENTITY")
_OVERLAP = 8  # one byte less than the longest forbidden word
_UTF16_STARTS = (b"\xff\xfe", b"\xfe\xff", b"<\x00?\x00", b"\x00<\x00?")
_DECLARED_ENCODING = re.compile(rb"""^(<\?xml[^>]*?encoding=)(["'])[^"']*\2""")
RELS_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"


class Parts:
    """The members of one open archive, by case-insensitive name, read within the budget."""

    def __init__(
        self,
        archive: zipfile.ZipFile,
        members: dict[str, zipfile.ZipInfo],
        limits: Limits,
        label: str,
    ) -> None:
        self.archive, self.members, self.limits, self.label = archive, members, limits, label
        self.inflated = 0  # bytes out of the decompressor, all parts together

    def has(self, name: str) -> bool:
        return name.casefold() in self.members

    def names(self) -> list[str]:
        return [info.filename for info in self.members.values()]

    def read(self, name: str, cap: int | None = None) -> bytes:
        """The whole part (for the small ones: workbook, relationships, styles…)."""
        with closing(self.stream(name, cap or self.limits.max_meta_bytes)) as chunks:
            return b"".join(chunks)

    def stream(self, name: str, cap: int | None = None) -> Iterator[bytes]:
        """The part in chunks of about 4 MB, counted, scanned, re-encoded if UTF-16."""
        info = self.members.get(name.casefold())
        if info is None:
            raise ReadError("file_missing_part", path=self.label, part=name)
        cap = min(cap or self.limits.max_part_bytes, self.limits.max_part_bytes)
        chunks = self._inflate(info, cap)
        first = next(chunks, b"")
        if first.startswith(_UTF16_STARTS):
            try:
                first = _to_utf8(first + b"".join(chunks))
            except UnicodeDecodeError as error:
                raise ReadError(
                    "file_bad_xml", path=self.label, part=info.filename, reason=xml_reason(error)
                ) from error
        elif first.startswith(b"\xef\xbb\xbf"):
            first = first[3:]
        tail = b""
        for chunk in _chain(first, chunks):
            seam = tail + chunk[:_OVERLAP]  # a word cut between two chunks
            if any(word in chunk or word in seam for word in _FORBIDDEN):
                raise ReadError("file_doctype", path=self.label, part=info.filename)
            tail = chunk[-_OVERLAP:]
            yield chunk

    def _inflate(self, info: zipfile.ZipInfo, cap: int) -> Iterator[bytes]:
        # raw chunks of one member; the budget is checked before each chunk is used
        size = 0
        try:
            with self.archive.open(info) as member:
                while chunk := member.read(CHUNK):
                    size += len(chunk)
                    self.inflated += len(chunk)
                    self._check_budget(info, size, cap)
                    yield chunk
        except (ReadError, MemoryError):
            raise
        except Exception as error:  # BadZipFile (CRC), zlib.error, EOFError, OSError…
            reason = zip_reason(error, info.filename)
            raise ReadError("file_corrupt_zip", path=self.label, reason=reason) from error

    def _check_budget(self, info: zipfile.ZipInfo, size: int, cap: int) -> None:
        if size > cap:
            raise ReadError("file_part_too_big", path=self.label, part=info.filename, max=cap // MB)
        if self.inflated > self.limits.max_uncompressed:
            raise ReadError(
                "file_zip_bomb",
                path=self.label,
                size=self.inflated // MB,
                max=self.limits.max_uncompressed // MB,
            )

    def xml(self, name: str) -> ET.Element:
        """A small part parsed as a tree."""
        return parse_xml(self.read(name), name, self.label)

    def relationships(self, source: str) -> dict[str, tuple[str, str]]:
        """Relationships of part ``source``: id -> (type, target part name); {} if none."""
        folder, base = posixpath.split(source)
        rels = posixpath.join(folder, "_rels", base + ".rels")
        if not self.has(rels):
            return {}
        found: dict[str, tuple[str, str]] = {}
        for rel in self.xml(rels).iter(RELS_NS + "Relationship"):
            if rel.get("TargetMode") == "External":
                continue
            target = resolve(source, rel.get("Target", ""))
            found[rel.get("Id", "")] = (rel.get("Type", ""), target)
        return found


def parse_xml(data: bytes, part: str, label: str) -> ET.Element:
    """``data`` as an element tree; a syntax error names the part."""
    try:
        return ET.fromstring(data)
    except ET.ParseError as error:
        raise ReadError("file_bad_xml", path=label, part=part, reason=xml_reason(error)) from error


def resolve(source: str, target: str) -> str:
    """The part name a relationship target of part ``source`` points at."""
    target = unquote(target)
    if target.startswith("/"):
        return posixpath.normpath(target.lstrip("/"))
    return posixpath.normpath(posixpath.join(posixpath.dirname(source), target))


def _chain(first: bytes, rest: Iterator[bytes]) -> Iterator[bytes]:
    if first:
        yield first
    yield from rest


def _to_utf8(data: bytes) -> bytes:
    # a UTF-16 part as UTF-8, its XML declaration saying so
    text = data.decode("utf-16" if data[:2] in (b"\xff\xfe", b"\xfe\xff") else _utf16_order(data))
    out = text.lstrip("\ufeff").encode("utf-8")
    return _DECLARED_ENCODING.sub(rb"\1\2UTF-8\2", out, count=1)


def _utf16_order(data: bytes) -> str:
    return "utf-16-le" if data.startswith(b"<\x00") else "utf-16-be"

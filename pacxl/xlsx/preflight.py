"""Zip pre-flight: judge the archive from its central directory before inflating anything.

The end-of-central-directory record is read by hand first, so that an archive announcing a
million members is refused before :class:`zipfile.ZipFile` builds a million ``ZipInfo``.
Then every member is checked: its name (no traversal, absolute path, backslash or
duplicate: ECMA-376 part 2 §6.2.2), its method, its declared size and compression ratio,
and the parts every workbook needs are there.
"""

from __future__ import annotations

import posixpath
import re
import struct
import zipfile
from typing import BinaryIO

from ..errors import ReadError
from . import reasons
from .limits import MB, Limits

_EOCD = b"PK\x05\x06"
_ZIP64_LOCATOR = b"PK\x06\x07"
_ZIP64_EOCD = b"PK\x06\x06"
_CD_BYTES_PER_ENTRY = 512  # generous: a real member takes about 100 bytes
_DRIVE = re.compile(r"^[A-Za-z]:")
REQUIRED = ("[Content_Types].xml", "xl/workbook.xml")


def directory_size(f: BinaryIO, size: int) -> tuple[int, int] | None:
    """(members, bytes) the central directory announces, or None if there is no record."""
    tail_len = min(size, 22 + 65535 + 20)
    f.seek(size - tail_len)
    tail = f.read(tail_len)
    at = tail.rfind(_EOCD)
    if at < 0 or len(tail) - at < 22:
        return None
    _, _, _, count, cd_size, _, _ = struct.unpack_from("<4HIIH", tail, at + 4)
    if (count == 0xFFFF or cd_size == 0xFFFFFFFF) and at >= 20:
        return _zip64_size(f, tail, at) or (count, cd_size)
    return count, cd_size


def _zip64_size(f: BinaryIO, tail: bytes, at: int) -> tuple[int, int] | None:
    # the zip64 record the locator points at, for archives beyond 65 535 members
    if tail[at - 20 : at - 16] != _ZIP64_LOCATOR:
        return None
    offset = struct.unpack_from("<Q", tail, at - 12)[0]
    f.seek(offset)
    record = f.read(56)
    if len(record) < 56 or record[:4] != _ZIP64_EOCD:
        return None
    count, cd_size = struct.unpack_from("<QQ", record, 32)
    return count, cd_size


def open_zip(path: str, f: BinaryIO, size: int, label: str, limits: Limits) -> zipfile.ZipFile:
    """The archive at ``path``, once its central directory is known to be of sane size.

    Raises:
        ReadError: too many members, no readable central directory.
    """
    announced = directory_size(f, size)
    if announced is None:
        raise ReadError("file_corrupt_zip", path=label, reason=reasons.no_directory())
    count, cd_size = announced
    if count > limits.max_entries:
        raise ReadError("file_too_many_entries", path=label, count=count, max=limits.max_entries)
    if cd_size > limits.max_entries * _CD_BYTES_PER_ENTRY:
        raise ReadError("file_corrupt_zip", path=label, reason=reasons.directory_size(cd_size))
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as error:
        raise ReadError("file_corrupt_zip", path=label, reason=reasons.zip_reason(error)) from error
    if len(archive.infolist()) > limits.max_entries:
        count = len(archive.infolist())
        archive.close()
        raise ReadError("file_too_many_entries", path=label, count=count, max=limits.max_entries)
    return archive


def check_entries(
    infos: list[zipfile.ZipInfo], label: str, limits: Limits
) -> dict[str, zipfile.ZipInfo]:
    """Check every member; return them by case-folded name (OPC names ignore case).

    Raises:
        ReadError: a dangerous or duplicate name, an unsupported method, a declared size
            or ratio over the limits, a required part missing.
    """
    members: dict[str, zipfile.ZipInfo] = {}
    total = 0
    for info in infos:
        _check_name(info.filename, label)
        key = info.filename.casefold()
        if key in members:
            raise ReadError("file_duplicate_entry", path=label, name=info.filename)
        members[key] = info
        _check_method(info, label)
        _check_size(info, label, limits)
        total += info.file_size
    if total > limits.max_uncompressed:
        raise ReadError(
            "file_zip_bomb", path=label, size=total // MB, max=limits.max_uncompressed // MB
        )
    for name in REQUIRED:
        if name.casefold() not in members:
            raise ReadError("file_missing_part", path=label, part=name)
    return members


def _check_name(name: str, label: str) -> None:
    # ECMA-376 part 2 §6.2.2: relative, forward slashes, no empty, "." or ".." segment
    segments = name.rstrip("/").split("/")
    bad = (
        not name
        or "\\" in name
        or "\x00" in name
        or name.startswith("/")
        or _DRIVE.match(name) is not None
        or any(s in ("", ".", "..") for s in segments)
        or posixpath.normpath(name).startswith("..")
    )
    if bad:
        raise ReadError("file_bad_entry_name", path=label, name=_printable(name))


def _check_method(info: zipfile.ZipInfo, label: str) -> None:
    if info.flag_bits & 0x1:
        raise ReadError(
            "file_zip_unsupported", path=label, name=f"{_printable(info.filename)}: zip password"
        )
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        method = f"{_printable(info.filename)}: method {info.compress_type}"
        raise ReadError("file_zip_unsupported", path=label, name=method)


def _check_size(info: zipfile.ZipInfo, label: str, limits: Limits) -> None:
    # the ratio first: it is what gives a bomb away, whatever its size
    part = _printable(info.filename)
    if info.file_size > limits.ratio_floor:
        ratio = info.file_size / max(info.compress_size, 1)
        if ratio > limits.max_ratio:
            raise ReadError(
                "file_zip_ratio", path=label, part=part, ratio=int(ratio), max=limits.max_ratio
            )
    if info.file_size > limits.max_part_bytes:
        raise ReadError("file_part_too_big", path=label, part=part, max=limits.max_part_bytes // MB)


def _printable(name: str) -> str:
    # a member name as it can be shown: no control characters, bounded length
    shown = "".join(c if c.isprintable() else "?" for c in name)
    return shown if len(shown) <= 80 else shown[:77] + "…"

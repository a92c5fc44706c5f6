"""The names in an OLE2 compound file (CFB), to tell an encrypted .xlsx from a legacy .xls.

Both are OLE2 containers: Excel wraps a password-protected .xlsx in one whose streams are
``EncryptionInfo`` and ``EncryptedPackage``; a 97-2003 workbook has a ``Workbook`` (or
``Book``) stream. Only the directory is read, by seeking, with every chain bounded by the
file size and guarded against loops ([MS-CFB] 2.2 header, 2.3 FAT, 2.6 directory).
"""

from __future__ import annotations

import struct
from typing import BinaryIO

MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
END_OF_CHAIN = 0xFFFFFFFE
_MAX_SECTOR = 0xFFFFFFFA  # ids above are markers, not sectors
_MAX_NAMES = 4096


class CfbError(ValueError):
    """The container's header or directory is not readable."""


def stream_names(f: BinaryIO, size: int) -> list[str]:
    """Names of the directory entries (storages and streams) of the OLE2 file ``f``."""
    f.seek(0)
    header = f.read(512)
    if len(header) < 512 or header[:8] != MAGIC:
        raise CfbError("no OLE2 header")
    shift = struct.unpack_from("<H", header, 30)[0]
    if shift not in (9, 12):
        raise CfbError(f"sector shift {shift}")
    sectors = max(0, (size >> shift) - 1)  # the header takes the first sector's place
    reader = _Reader(f, shift, sectors)
    fat = reader.fat(header)
    names: list[str] = []
    for sector in reader.chain(fat, struct.unpack_from("<I", header, 48)[0]):
        block = reader.sector(sector)
        for offset in range(0, len(block), 128):
            name = _entry_name(block[offset : offset + 128])
            if name:
                names.append(name)
        if len(names) > _MAX_NAMES:
            break
    return names


def _entry_name(entry: bytes) -> str:
    # one 128-byte directory entry: UTF-16 name, its length in bytes with the NUL, type
    if len(entry) < 128 or entry[66] == 0:
        return ""
    length = min(struct.unpack_from("<H", entry, 64)[0], 64)
    return entry[: max(0, length - 2)].decode("utf-16-le", "replace")


class _Reader:
    """Sectors of one container, read by seeking."""

    def __init__(self, f: BinaryIO, shift: int, sectors: int) -> None:
        self.f, self.shift, self.sectors = f, shift, sectors

    def sector(self, number: int) -> bytes:
        if number >= self.sectors:
            raise CfbError(f"sector {number} is past the end of the file")
        self.f.seek((number + 1) << self.shift)
        return self.f.read(1 << self.shift)

    def chain(self, fat: list[int], start: int) -> list[int]:
        # the sectors of a chain, in order, stopping at a loop or a bad pointer
        seen: list[int] = []
        visited: set[int] = set()
        sector = start
        while sector <= _MAX_SECTOR and sector not in visited and sector < len(fat):
            visited.add(sector)
            seen.append(sector)
            sector = fat[sector]
        if not seen and start <= _MAX_SECTOR:
            raise CfbError("the directory chain is empty")
        return seen

    def fat(self, header: bytes) -> list[int]:
        # the allocation table: its sectors come from the header's DIFAT, then DIFAT sectors
        count = struct.unpack_from("<I", header, 44)[0]
        if count > self.sectors:
            raise CfbError(f"{count} FAT sectors in a file of {self.sectors}")
        ids = [i for i in struct.unpack_from("<109I", header, 76) if i <= _MAX_SECTOR]
        difat = struct.unpack_from("<I", header, 68)[0]
        per_sector = (1 << self.shift) // 4 - 1
        visited: set[int] = set()
        while difat <= _MAX_SECTOR and len(ids) < count and difat not in visited:
            visited.add(difat)
            values = struct.unpack(f"<{per_sector + 1}I", self.sector(difat))
            ids.extend(i for i in values[:per_sector] if i <= _MAX_SECTOR)
            difat = values[per_sector]
        table: list[int] = []
        for sector in ids[:count]:
            block = self.sector(sector)
            table.extend(struct.unpack(f"<{len(block) // 4}I", block))
        return table

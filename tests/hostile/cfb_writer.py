"""A minimal OLE2 compound-file writer ([MS-CFB] version 3), for the hostile corpus.

Streams are padded to at least 4096 bytes so that they live in regular sectors (no mini
stream); one FAT sector, one directory sector: enough for a few streams.
"""

from __future__ import annotations

import struct

MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_FREE, _END, _FAT, _NONE = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
_SECTOR = 512


def compound_file(streams: dict[str, bytes]) -> bytes:
    """An OLE2 file holding ``streams`` (at most 3) at its root."""
    assert len(streams) <= 3
    fat = [_FAT, _END]  # sector 0: the FAT, sector 1: the directory
    entries = [_entry("Root Entry", 5, _END, 0, child=1 if streams else _NONE)]
    data = b""
    for i, (name, content) in enumerate(streams.items(), start=1):
        content = content.ljust(4096, b"\x00")
        content += b"\x00" * (-len(content) % _SECTOR)
        first = 2 + len(data) // _SECTOR
        count = len(content) // _SECTOR
        fat += [first + k + 1 for k in range(count - 1)] + [_END]
        right = i + 1 if i < len(streams) else _NONE
        entries.append(_entry(name, 2, first, len(content), right=right))
        data += content
    fat += [_FREE] * (_SECTOR // 4 - len(fat))
    directory = b"".join(entries).ljust(_SECTOR, b"\x00")
    header = _header()
    return header + struct.pack(f"<{_SECTOR // 4}I", *fat) + directory + data


def _header() -> bytes:
    head = MAGIC + bytes(16) + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + bytes(6)
    head += struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, _END, 0, _END, 0)
    head += struct.pack("<I", 0) + struct.pack("<108I", *([_FREE] * 108))
    assert len(head) == 512
    return head


def _entry(name: str, kind: int, start: int, size: int, *, child: int = _NONE,
           right: int = _NONE) -> bytes:  # fmt: skip
    encoded = (name + "\x00").encode("utf-16-le")
    return (
        encoded.ljust(64, b"\x00")
        + struct.pack("<HBB", len(encoded), kind, 1)
        + struct.pack("<III", _NONE, right, child)
        + bytes(16 + 4 + 8 + 8)
        + struct.pack("<IQ", start, size)
    )

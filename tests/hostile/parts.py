"""Small hand-written .xlsx parts and a zip writer that can lie, for the hostile corpus."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

MAIN = b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_LOCAL = struct.Struct("<4sHHHHHIIIHH")
_CENTRAL = struct.Struct("<4sHHHHHHIIIHHHHHII")
_DECL = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def sheet_xml(rows: str, dimension: str = "A1", prefix: str = "", after: str = "") -> bytes:
    """A worksheet whose <sheetData> holds ``rows`` (written with ``prefix:`` if given).

    ``after`` goes after </sheetData> (merged cells…).
    """
    p = f"{prefix}:" if prefix else ""
    ns = f'xmlns{":" + prefix if prefix else ""}="{MAIN.decode()}"'
    return (
        _DECL
        + (
            f'<{p}worksheet {ns}><{p}dimension ref="{dimension}"/>'
            f"<{p}sheetData>{rows}</{p}sheetData>{after}</{p}worksheet>"
        ).encode()
    )


def strings_xml(strings: list[str]) -> bytes:
    items = "".join(f"<si><t>{s}</t></si>" for s in strings)
    return _DECL + f'<sst xmlns="{MAIN.decode()}" count="{len(strings)}">{items}</sst>'.encode()


def minimal_parts(
    sheet: bytes | None = None, strings: bytes | None = None, sheets: int = 1
) -> dict[str, bytes]:
    """The parts of a small valid workbook: ``sheets`` sheets, the first one ``sheet``."""
    names = [f"xl/worksheets/sheet{i}.xml" for i in range(1, sheets + 1)]
    overrides = "".join(
        f'<Override PartName="/{n}" ContentType="application/vnd.openxmlformats-'
        'officedocument.spreadsheetml.worksheet+xml"/>'
        for n in names
    )
    parts = {
        "[Content_Types].xml": _DECL
        + (
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
            f'officedocument.spreadsheetml.sheet.main+xml"/>{overrides}</Types>'
        ).encode(),
        "_rels/.rels": _rels([("officeDocument", "xl/workbook.xml")]),
        "xl/workbook.xml": _DECL
        + (
            f'<workbook xmlns="{MAIN.decode()}" xmlns:r="{_REL}"><sheets>'
            + "".join(
                f'<sheet name="Feuil{i}" sheetId="{i}" r:id="rId{i}"/>'
                for i in range(1, sheets + 1)
            )
            + "</sheets></workbook>"
        ).encode(),
        "xl/styles.xml": _DECL
        + (
            f'<styleSheet xmlns="{MAIN.decode()}"><numFmts count="1"><numFmt numFmtId="164" '
            'formatCode="dd/mm/yyyy"/></numFmts><cellXfs count="3"><xf numFmtId="0"/>'
            '<xf numFmtId="14"/><xf numFmtId="164"/></cellXfs></styleSheet>'
        ).encode(),
    }
    rels = [("worksheet", n.removeprefix("xl/")) for n in names] + [("styles", "styles.xml")]
    for i, name in enumerate(names):
        parts[name] = sheet if (i == 0 and sheet is not None) else sheet_xml("")
    if strings is not None:
        parts["xl/sharedStrings.xml"] = strings
        rels.append(("sharedStrings", "sharedStrings.xml"))
    parts["xl/_rels/workbook.xml.rels"] = _rels(rels)
    return parts


def _rels(items: list[tuple[str, str]]) -> bytes:
    body = "".join(
        f'<Relationship Id="rId{i}" Type="{_REL}/{kind}" Target="{target}"/>'
        for i, (kind, target) in enumerate(items, 1)
    )
    ns = "http://schemas.openxmlformats.org/package/2006/relationships"
    return _DECL + f'<Relationships xmlns="{ns}">{body}</Relationships>'.encode()


def write_zip(
    path: Path,
    parts: dict[str, bytes],
    *,
    lie: dict[str, int] | None = None,
    raw: dict[str, tuple] | None = None,
    compress: bool = True,
    level: int = 6,
    same_content: bool = False,
) -> None:
    """Write ``parts`` as a zip, by hand, so that it can say what zipfile would not.

    lie: member -> the uncompressed size to declare instead of the real one.
    raw: member -> ((start, segment, repeats, end), crc, size): deflate data streamed as is.
    same_content: members given the same bytes object are compressed once.
    """
    lie, raw = lie or {}, raw or {}
    cache: dict[int, tuple[bytes, int]] = {}
    directory = []
    with path.open("wb") as out:
        for name, data in parts.items():
            offset = out.tell()
            if name in raw:
                (start, segment, repeats, end), crc, size = raw[name]
                packed_size = len(start) + len(segment) * repeats + len(end)
                method = 8
            else:
                key = id(data) if same_content else -1
                if key not in cache or key == -1:
                    cache[key] = (_deflate(data, level) if compress else data, zlib.crc32(data))
                body, crc = cache[key]
                size, packed_size, method = len(data), len(body), (8 if compress else 0)
            declared = lie.get(name, size)
            encoded = name.encode()
            header = (method, 0, 0x21, crc, packed_size, declared, len(encoded), 0)
            out.write(_LOCAL.pack(b"PK\x03\x04", 20, 0x800, *header) + encoded)
            if name in raw:
                out.write(start)
                for _ in range(repeats):
                    out.write(segment)
                out.write(end)
            else:
                out.write(body)
            directory.append((encoded, method, crc, packed_size, declared, offset))
        _write_directory(out, directory)


def _write_directory(out, directory: list[tuple]) -> None:
    start = out.tell()
    for encoded, method, crc, packed_size, declared, offset in directory:
        fields = (method, 0, 0x21, crc, packed_size, declared, len(encoded), 0, 0, 0, 0, 0)
        out.write(_CENTRAL.pack(b"PK\x01\x02", 20, 20, 0x800, *fields, offset) + encoded)
    size = out.tell() - start
    count = len(directory)
    out.write(struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, count, count, size, start, 0))


def _deflate(data: bytes, level: int) -> bytes:
    squeeze = zlib.compressobj(level, zlib.DEFLATED, -15)
    return squeeze.compress(data) + squeeze.flush()

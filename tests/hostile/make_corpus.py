"""Build the hostile corpus of RELIABILITY.md: files that break or fool naive readers.

``make_corpus(folder)`` writes every file and returns {file name: expected ReadError code},
None for the files that must read (macros, external links, a huge <dimension>…). Run
``python tests/hostile/make_corpus.py FOLDER`` to look at them. Everything is built from
small hand-written parts in well under five seconds: the zip bomb's gigabyte is never
held in memory (one compressed megabyte, fully flushed, is repeated), the OLE2 files come
from a small compound-file writer below.
"""

from __future__ import annotations

import random
import struct
import sys
import warnings
import zipfile
import zlib
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the tests folder importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from hostile.cfb_writer import compound_file
from hostile.parts import MAIN, minimal_parts, sheet_xml, strings_xml, write_zip

GIB = 1 << 30
_ENCRYPTION_XML = b"<encryption xmlns='http://schemas.microsoft.com/office/2006/encryption'/>"


def make_corpus(folder: Path) -> dict[str, str | None]:
    """Write every hostile file into ``folder``; return name -> expected code (None: reads)."""
    folder.mkdir(parents=True, exist_ok=True)
    expected: dict[str, str | None] = {}
    for name, (build, code) in _BUILDERS.items():
        build(folder / name)
        expected[name] = code
    return expected


# -- not a zip at all --------------------------------------------------------------------


def _random_bytes(path: Path) -> None:
    path.write_bytes(random.Random(1).randbytes(64 * 1024))


def _empty(path: Path) -> None:
    path.write_bytes(b"")


def _encrypted(path: Path) -> None:
    # what Excel writes for a password-protected .xlsx: an OLE2 container
    info = struct.pack(
        "<HHI", 4, 4, 0x40
    ) + b"<encryption xmlns='http://schemas.microsoft.com/office/2006/encryption'/>".ljust(
        4096, b" "
    )
    package = struct.pack("<Q", 8192) + random.Random(2).randbytes(8192)
    path.write_bytes(compound_file({"EncryptionInfo": info, "EncryptedPackage": package}))


def _legacy_xls(path: Path) -> None:
    bof = struct.pack("<HHHH", 0x0809, 16, 0x0600, 0x0005) + bytes(12)
    path.write_bytes(compound_file({"Workbook": bof.ljust(4096, b"\x00")}))


def _html(path: Path) -> None:
    path.write_text(
        '<html xmlns:o="urn:schemas-microsoft-com:office:office">\n<head><meta charset="utf-8">'
        "</head><body><table><tr><td>Action</td><td>Budget</td></tr>"
        "<tr><td>Salon</td><td>5000</td></tr></table></body></html>\n",
        encoding="utf-8",
    )


def _csv(path: Path) -> None:
    path.write_bytes("Action;Budget;Début\nSalon Lyon;5 000;01/02/2027\n".encode("cp1252"))


def _excel_2003_xml(path: Path) -> None:
    path.write_text(
        '<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n'
        '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet ss:Name="A"/>'
        "</Workbook>\n",
        encoding="utf-8",
    )


def _lock_file(path: Path) -> None:
    # Excel's owner file: length byte, name padded with spaces, then the name in UTF-16
    name = b"Alice Martin"
    data = bytes([len(name)]) + name.ljust(53, b" ") + struct.pack("<H", len(name))
    data += "Alice Martin".encode("utf-16-le")
    path.write_bytes(data.ljust(165, b"\x20"))


# -- zips that are not a workbook, or are broken -----------------------------------------


def _truncated(path: Path) -> None:
    write_zip(path, minimal_parts())
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _bad_central_directory(path: Path) -> None:
    write_zip(path, minimal_parts())
    data = bytearray(path.read_bytes())
    at = data.rfind(b"PK\x01\x02")
    data[at : at + 4] = b"XXXX"
    path.write_bytes(bytes(data))


def _lying_sizes(path: Path) -> None:
    # the central directory says the sheet is 200 bytes; it inflates to 2 MB
    parts = minimal_parts(sheet=sheet_xml("<row r='1'><c r='A1'><v>1</v></c></row>" * 50_000))
    write_zip(path, parts, lie={"xl/worksheets/sheet1.xml": 200})


def _ods(path: Path) -> None:
    parts = {
        "mimetype": b"application/vnd.oasis.opendocument.spreadsheet",
        "content.xml": b"<office:document-content/>",
        "META-INF/manifest.xml": b"<manifest:manifest/>",
    }
    write_zip(path, parts)


def _docx(path: Path) -> None:
    parts = {
        "[Content_Types].xml": b"<Types/>",
        "_rels/.rels": b"<Relationships/>",
        "word/document.xml": b"<w:document/>",
    }
    write_zip(path, parts)


def _xlsb(path: Path) -> None:
    write_zip(path, {"[Content_Types].xml": b"<Types/>", "xl/workbook.bin": b"\x83\x01\x00"})


def _zip_bomb(path: Path) -> None:
    # a sheet of 1 GiB of "<row/>" in about 1.5 MB: one flushed compressed megabyte repeated
    segment = b"<row/>" * ((1 << 20) // 6)
    squeeze = zlib.compressobj(9, zlib.DEFLATED, -15)
    packed = squeeze.compress(segment) + squeeze.flush(zlib.Z_FULL_FLUSH)
    repeats = GIB // len(segment) + 1
    head, tail = sheet_xml("").split(b"</sheetData>")
    head = head.removesuffix(b"<sheetData>") + b"<sheetData>"
    tail = b"</sheetData>" + tail
    start = squeeze.compress(head) + squeeze.flush(zlib.Z_FULL_FLUSH)
    end = squeeze.compress(tail) + squeeze.flush(zlib.Z_FINISH)
    crc = zlib.crc32(head)
    for _ in range(repeats):
        crc = zlib.crc32(segment, crc)
    crc = zlib.crc32(tail, crc)
    size = len(head) + repeats * len(segment) + len(tail)
    raw = (start, packed, repeats, end)
    write_zip(path, minimal_parts(), raw={"xl/worksheets/sheet1.xml": (raw, crc, size)})


def _wide_bomb(path: Path) -> None:
    # 600 members of 1 MB of zeros each: none over the ratio floor, 600 MB in all
    parts = minimal_parts()
    zeros = bytes(1 << 20)
    parts.update({f"xl/media/image{i}.bin": zeros for i in range(600)})
    write_zip(path, parts, same_content=True)


def _many_entries(path: Path) -> None:
    parts = minimal_parts()
    parts.update({f"xl/media/m{i}.bin": b"" for i in range(20_000)})
    write_zip(path, parts, compress=False)


def _traversal(name: str):
    def build(path: Path) -> None:
        write_zip(path, {**minimal_parts(), name: b"pwned"})

    return build


def _duplicate(path: Path) -> None:
    parts = list(minimal_parts().items())
    parts.append(("xl/worksheets/sheet1.xml", sheet_xml("")))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about the duplicate name
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, data in parts:
                archive.writestr(name, data)


# -- workbooks with hostile XML ----------------------------------------------------------

_LAUGHS = (
    b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(
        b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
        for i in range(1, 10)
    )
    + b"]>\n<sst xmlns='"
    + MAIN
    + b"'><si><t>&lol9;</t></si></sst>"
)


def _billion_laughs(path: Path) -> None:
    write_zip(path, minimal_parts(strings=_LAUGHS))


def _doctype_sheet(path: Path) -> None:
    sheet = sheet_xml("<row r='1'><c r='A1'><v>1</v></c></row>")
    sheet = sheet.replace(b"?>", b'?>\n<!DOCTYPE worksheet SYSTEM "http://example.invalid/x">', 1)
    write_zip(path, minimal_parts(sheet=sheet))


def _far_cell(path: Path) -> None:
    write_zip(
        path,
        minimal_parts(sheet=sheet_xml('<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>')),
    )


def _huge_dimension(path: Path) -> None:
    rows = '<row r="1"><c r="A1"><v>42</v></c></row>'
    sheet = sheet_xml(rows, dimension="A1:XFD1048576")
    write_zip(path, minimal_parts(sheet=sheet))


def _strings_bomb(path: Path) -> None:
    # 2.1 million distinct strings (no uniqueCount to give them away)
    body = b"".join(b"<si><t>s%d</t></si>" % i for i in range(2_100_000))
    table = (
        b"<?xml version='1.0' encoding='UTF-8'?>\n<sst xmlns='" + MAIN + b"'>" + body + b"</sst>"
    )
    write_zip(path, minimal_parts(strings=table), level=1)


def _strict(path: Path) -> None:
    strict = b"http://purl.oclc.org/ooxml/spreadsheetml/main"
    write_zip(path, {n: d.replace(MAIN, strict) for n, d in minimal_parts().items()})


def _missing_sheet(path: Path) -> None:
    parts = minimal_parts(sheets=2)
    del parts["xl/worksheets/sheet2.xml"]
    write_zip(path, parts)


def _bad_xml(path: Path) -> None:
    write_zip(path, minimal_parts(sheet=sheet_xml("<row r='1'><c r='A1'><v>1</v></row>")))


def _macros(path: Path) -> None:
    write_zip(path, {**minimal_parts(), "xl/vbaProject.bin": compound_file({"VBA": bytes(4096)})})


def _external_links(path: Path) -> None:
    link = b"<externalLink xmlns='" + MAIN + b"'><externalBook/></externalLink>"
    write_zip(path, {**minimal_parts(), "xl/externalLinks/externalLink1.xml": link})


def _prefixed(path: Path) -> None:
    rows = (
        '<x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1"><x:v>2.5</x:v></x:c></x:row>'
    )
    sheet = sheet_xml(rows, prefix="x")
    write_zip(path, minimal_parts(sheet=sheet, strings=strings_xml(["préfixe"])))


_BUILDERS = {
    "random_bytes.xlsx": (_random_bytes, "file_is_unknown"),
    "empty.xlsx": (_empty, "file_is_empty"),
    "truncated.xlsx": (_truncated, "file_corrupt_zip"),
    "bad_central_directory.xlsx": (_bad_central_directory, "file_corrupt_zip"),
    "lying_sizes.xlsx": (_lying_sizes, "file_corrupt_zip"),
    "encrypted.xlsx": (_encrypted, "file_is_encrypted"),
    "legacy.xls": (_legacy_xls, "file_is_xls"),
    "legacy_renamed.xlsx": (_legacy_xls, "file_is_xls"),
    "calc.ods": (_ods, "file_is_ods"),
    "ods_renamed.xlsx": (_ods, "file_is_ods"),
    "web_page.xls": (_html, "file_is_html"),
    "web_page.xlsx": (_html, "file_is_html"),
    "export.xlsx": (_csv, "file_is_csv"),
    "excel2003.xml.xlsx": (_excel_2003_xml, "file_is_xml"),
    "~$PAC.xlsx": (_lock_file, "file_is_lockfile"),
    "owner_file.xlsx": (_lock_file, "file_is_lockfile"),
    "document.docx.xlsx": (_docx, "file_is_zip"),
    "binary.xlsb": (_xlsb, "file_is_xlsb"),
    "zip_bomb.xlsx": (_zip_bomb, "file_zip_ratio"),
    "wide_bomb.xlsx": (_wide_bomb, "file_zip_bomb"),
    "many_entries.xlsx": (_many_entries, "file_too_many_entries"),
    "traversal.xlsx": (_traversal("../../evil.txt"), "file_bad_entry_name"),
    "absolute.xlsx": (_traversal("/etc/evil.txt"), "file_bad_entry_name"),
    "backslash.xlsx": (_traversal("xl\\..\\..\\evil.txt"), "file_bad_entry_name"),
    "duplicate.xlsx": (_duplicate, "file_duplicate_entry"),
    "billion_laughs.xlsx": (_billion_laughs, "file_doctype"),
    "doctype_sheet.xlsx": (_doctype_sheet, "file_doctype"),
    "far_cell.xlsx": (_far_cell, "file_range_too_big"),
    "huge_dimension.xlsx": (_huge_dimension, None),
    "strings_bomb.xlsx": (_strings_bomb, "file_too_many_strings"),
    "strict.xlsx": (_strict, "file_is_strict"),
    "missing_sheet.xlsx": (_missing_sheet, "file_missing_sheet"),
    "bad_xml.xlsx": (_bad_xml, "file_bad_xml"),
    "macros.xlsm": (_macros, None),
    "external_links.xlsx": (_external_links, None),
    "prefixed.xlsx": (_prefixed, None),
}

EXPECTED = {name: code for name, (_, code) in _BUILDERS.items()}


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "hostile-corpus")
    for file, code in make_corpus(target).items():
        print(f"{file:32} {code or 'reads'}")

"""Cell types, text, styles and workbook details, on small hand-written parts.

Every test runs twice: through the fast path, and with the fast path declined so that the
generic expat parser reads the same parts; both must give the same answer.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hostile.parts import MAIN, minimal_parts, sheet_xml, strings_xml, write_zip

from pacxl.xlsx import RawCell, ReadError, is_date_format, read_xlsx
from pacxl.xlsx.cells import EPOCH_1900
from pacxl.xlsx.split import Unusual

STRINGS = [
    "plain",
    "Cafe\u0301 \u202eevil\u202c",  # NFD and a bidi override
    "a_x000D_b_x005F_x0041_",  # OOXML escapes: a CR, then a literal "_x0041_"
    "  spaced  ",
]
RICH = (
    '<si><r><rPr><b/></rPr><t>Gras</t></r><r><t xml:space="preserve"> normal</t></r>'
    '<rPh sb="0" eb="1"><t>ふりがな</t></rPh></si>'
)


@pytest.fixture(params=["fast", "generic"])
def path_kind(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    if request.param == "generic":
        from pacxl.xlsx import sheet, strings

        def decline(*_args: object) -> None:
            raise Unusual("forced by the test")

        monkeypatch.setattr(sheet, "_fast", decline)
        monkeypatch.setattr(strings, "_fast", decline)
    return request.param


def _book(
    tmp_path: Path, rows: str, extra: dict[str, bytes] | None = None, after: str = ""
) -> Path:
    table = strings_xml(STRINGS).replace(b"</sst>", RICH.encode() + b"</sst>")
    files = minimal_parts(sheet=sheet_xml(rows, after=after), strings=table)
    files.update(extra or {})
    path = tmp_path / "book.xlsx"
    write_zip(path, files)
    return path


def _cells(tmp_path: Path, rows: str) -> dict[tuple[int, int], RawCell]:
    return read_xlsx(_book(tmp_path, rows), isolate=False).sheets[0].cells


def test_every_cell_type(tmp_path: Path, path_kind: str) -> None:
    cells = _cells(
        tmp_path,
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="b"><v>1</v></c>'
        '<c r="C1" t="e"><v>#N/A</v></c><c r="D1" t="str"><f>A1&amp;"&amp;"</f><v>a&amp;b</v></c>'
        '<c r="E1" s="1"><v>46419</v></c><c r="F1" s="2"><f>E1+0.5</f><v>46419.5</v></c>'
        '<c r="G1" t="inlineStr"><is><t xml:space="preserve"> in line </t></is></c>'
        '<c r="H1" t="d"><v>2027-02-01T12:00:00</v></c><c r="I1" s="2"/><c r="J1" t="n"><v>-1.5E3'
        '</v></c><c r="K1" t="str"><f>""</f><v></v></c><c r="L1" t="b"><v>0</v></c></row>',
    )
    serial = (EPOCH_1900.replace(year=2027, month=2, day=1) - EPOCH_1900).days
    assert cells == {
        (0, 0): ("plain", "s", False, "General"),
        (0, 1): (True, "b", False, "General"),
        (0, 2): ("#N/A", "e", False, "General"),
        (0, 3): ("a&b", "s", True, "General"),
        (0, 4): (float(serial), "d", False, "mm-dd-yy"),
        (0, 5): (serial + 0.5, "d", True, "dd/mm/yyyy"),
        (0, 6): (" in line ", "s", False, "General"),
        (0, 7): (serial + 0.5, "d", False, "General"),
        (0, 8): (None, "d", False, "dd/mm/yyyy"),
        (0, 9): (-1500.0, "n", False, "General"),
        (0, 10): ("", "s", True, "General"),
        (0, 11): (False, "b", False, "General"),
    }


def test_shared_text_is_normalised_not_trimmed(tmp_path: Path, path_kind: str) -> None:
    rows = "".join(f'<c r="{c}1" t="s"><v>{i}</v></c>' for i, c in enumerate("ABCDE"))
    cells = _cells(tmp_path, f'<row r="1">{rows}</row>')
    assert [cells[(0, c)].value for c in range(5)] == [
        "plain",
        "Caf\u00e9 evil",
        "a\rb_x0041_",
        "  spaced  ",
        "Gras normal",
    ]


def test_cells_without_reference_follow_the_previous_one(tmp_path: Path, path_kind: str) -> None:
    cells = _cells(
        tmp_path,
        '<row r="3"><c><v>1</v></c><c><v>2</v></c></row><row><c r="C4"><v>3</v></c><c><v>4</v>'
        "</c></row>",
    )
    assert sorted(cells) == [(2, 0), (2, 1), (3, 2), (3, 3)]
    assert cells[(3, 3)].value == 4.0


def test_indented_cells_read_like_compact_ones(tmp_path: Path, path_kind: str) -> None:
    # Gnumeric indents the elements of each cell
    cells = _cells(
        tmp_path,
        '<row r="1">\n  <c r="A1" t="inlineStr">\n    <is>\n      <t>x</t>\n    </is>\n  </c>'
        '\n  <c r="B1">\n    <f>1+1</f>\n    <v>2</v>\n  </c>\n</row>\n',
    )
    assert cells == {(0, 0): ("x", "s", False, "General"), (0, 1): (2.0, "n", True, "General")}


def test_non_finite_number_is_an_error_cell(tmp_path: Path, path_kind: str) -> None:
    cells = _cells(tmp_path, '<row r="1"><c r="A1"><v>inf</v></c><c r="B1"><v>12</v></c></row>')
    assert cells[(0, 0)][:2] == ("#NUM!", "e") and cells[(0, 1)].value == 12.0


@pytest.mark.parametrize(
    ("rows", "reason"),
    [
        ('<row r="1"><c r="A1" t="s"><v>99</v></c></row>', "shared string 99"),
        ('<row r="1"><c r="A1" t="s"><v>-1</v></c></row>', "shared string -1"),
        ('<row r="1"><c r="A0"><v>1</v></c></row>', "'A0' is not a cell reference"),
    ],
)
def test_bad_cells_are_named(tmp_path: Path, path_kind: str, rows: str, reason: str) -> None:
    with pytest.raises(ReadError) as refused:
        _cells(tmp_path, rows)
    assert refused.value.code == "file_bad_value" and reason in refused.value.params["reason"]
    assert refused.value.params["sheet"] == "Feuil1"


def test_raw_control_character_is_not_well_formed(tmp_path: Path, path_kind: str) -> None:
    with pytest.raises(ReadError) as refused:
        _cells(tmp_path, '<row r="1"><c r="A1" t="str"><f>X</f><v>a\x07b</v></c></row>')
    assert refused.value.code == "file_bad_xml"


def test_far_empty_formatted_cell_is_dropped_far_value_refused(tmp_path, path_kind) -> None:
    cells = _cells(tmp_path, '<row r="1"><c r="A1"><v>1</v></c><c r="XFD1" s="1"/></row>')
    assert list(cells) == [(0, 0)]
    with pytest.raises(ReadError) as refused:
        _cells(tmp_path, '<row r="300000"><c r="A300000"><v>1</v></c></row>')
    assert refused.value.code == "file_range_too_big" and refused.value.params["cell"] == "A300000"


def test_merges_hidden_sheets_names_date1904_properties(tmp_path: Path, path_kind: str) -> None:
    workbook = (
        f'<workbook xmlns="{MAIN.decode()}" xmlns:r="http://schemas.openxmlformats.org/'
        'officeDocument/2006/relationships"><workbookPr date1904="1"/><sheets>'
        '<sheet name="Feuil1" sheetId="1" r:id="rId1" state="hidden"/></sheets><definedNames>'
        '<definedName name="Zone">Feuil1!$A$1:$B$2</definedName><definedName name="_xlnm.'
        'Print_Area" localSheetId="0">Feuil1!$A$1</definedName></definedNames></workbook>'
    ).encode()
    rows = '<row r="1"><c r="A1" t="d"><v>1904-01-02</v></c></row>'
    merges = '<mergeCells count="1"><mergeCell ref="B2:A1"/></mergeCells>'
    path = _book(tmp_path, rows, {"xl/workbook.xml": workbook}, after=merges)
    book = read_xlsx(path, isolate=False)
    sheet = book.sheets[0]
    assert sheet.hidden and sheet.merged == [(0, 0, 1, 1)] and book.date1904
    assert sheet.cells[(0, 0)][:2] == (1.0, "d")
    assert book.names == {"Zone": "Feuil1!$A$1:$B$2", "Feuil1!_xlnm.Print_Area": "Feuil1!$A$1"}


@pytest.mark.parametrize(
    "after",
    [
        '<dataValidations count="1"><dataValidation sqref="A1"></dataValidations>',  # unclosed
        '<conditionalFormatting sqref="A1"><cfRule type="expression"></conditionalFormatting>',
    ],
)
def test_what_follows_the_rows_must_be_well_formed(tmp_path: Path, path_kind: str,
                                                   after: str) -> None:
    rows = '<row r="1"><c r="A1"><v>1</v></c></row>'
    with pytest.raises(ReadError) as refused:
        read_xlsx(_book(tmp_path, rows, after=after), isolate=False)
    assert refused.value.code == "file_bad_xml"


def test_cells_after_the_rows_are_read(tmp_path: Path, path_kind: str) -> None:
    # a second <sheetData> after the first: not the fast path's plain form, read by expat
    rows = '<row r="1"><c r="A1"><v>1</v></c></row>'
    after = '<sheetData><row r="2"><c r="A2"><v>2</v></c></row></sheetData>'
    cells = read_xlsx(_book(tmp_path, rows, after=after), isolate=False).sheets[0].cells
    assert cells[(0, 0)].value == 1.0 and cells[(1, 0)].value == 2.0


def test_utf16_and_latin1_parts_read(tmp_path: Path, path_kind: str) -> None:
    latin = sheet_xml('<row r="1"><c r="A1" t="inlineStr"><is><t>été</t></is></c></row>')
    latin = latin.replace(b'encoding="UTF-8"', b'encoding="ISO-8859-1"').decode().encode("latin-1")
    path = _book(tmp_path, "", {"xl/worksheets/sheet1.xml": latin})
    assert read_xlsx(path, isolate=False).sheets[0].cells[(0, 0)].value == "été"
    utf16 = sheet_xml('<row r="1"><c r="A1" t="inlineStr"><is><t>été</t></is></c></row>')
    utf16 = utf16.replace(b'encoding="UTF-8"', b'encoding="UTF-16"').decode().encode("utf-16")
    path = _book(tmp_path, "", {"xl/worksheets/sheet1.xml": utf16})
    assert read_xlsx(path, isolate=False).sheets[0].cells[(0, 0)].value == "été"


@pytest.mark.parametrize(
    ("code", "is_date"),
    [
        ("dd/mm/yyyy", True),
        ("[$-40C]d mmmm yyyy", True),
        ("[h]:mm:ss", True),
        ("mmm\\ yyyy", True),
        ('#,##0" €"', False),
        ('#,##0\\ "€"', False),
        ("0.0%", False),
        ('\\+0.0" pts";\\-0.0" pts"', False),
        ("[Red]#,##0;[Blue]-#,##0", False),
        ("General", False),
        ("0.00E+00", False),
        ('_(* #,##0_);_(* \\(#,##0\\);_(* "-"_);_(@_)', False),
        ('0.0" ×"', False),
    ],
)
def test_is_date_format(code: str, is_date: bool) -> None:
    assert is_date_format(code) is is_date

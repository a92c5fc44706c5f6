"""The workbook's map: sheets in order and their parts, defined names, date system,
shared strings and styles parts, custom document properties (all small parts).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

from ..errors import ReadError
from .parts import Parts
from .reasons import root_reason
from .sniff import STRICT_NS
from .strings import MAIN_NS
from .text import clean

WORKBOOK = "xl/workbook.xml"
_M = "{%s}" % MAIN_NS  # noqa: UP031 - braces
_R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_CUSTOM = "{http://schemas.openxmlformats.org/officeDocument/2006/custom-properties}property"
_SHEET_TYPES = ("/worksheet", "/dialogsheet", "/xlMacrosheet", "/xlIntlMacrosheet")


@dataclass
class SheetEntry:
    """One sheet of the workbook, in tab order."""

    name: str
    part: str | None  # None for a chart sheet: it holds no cells
    hidden: bool


@dataclass
class WorkbookMap:
    """What ``xl/workbook.xml`` and the relationships say about the book."""

    sheets: list[SheetEntry] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)
    date1904: bool = False
    strings: str | None = None
    styles: str | None = None
    properties: dict[str, str] = field(default_factory=dict)


def read_map(parts: Parts) -> WorkbookMap:
    """Read the workbook part, its relationships and the custom properties.

    Raises:
        ReadError: Strict OOXML, no sheet, a sheet whose part is missing, bad XML.
    """
    package = parts.relationships("")
    workbook = _target(package, "/officeDocument") or WORKBOOK
    if not parts.has(workbook):
        raise ReadError("file_missing_part", path=parts.label, part=workbook)
    root = parts.xml(workbook)
    _check_root(root, workbook, parts.label)
    rels = parts.relationships(workbook)
    found = WorkbookMap(
        date1904=_true(_first(root, "workbookPr").get("date1904")),
        strings=_target(rels, "/sharedStrings"),
        styles=_target(rels, "/styles"),
    )
    found.sheets = [_sheet(e, rels, parts) for e in root.iter(_M + "sheet")]
    if not found.sheets:
        raise ReadError("file_no_sheets", path=parts.label)
    for kind, target in rels.values():  # a sheet part named by a relationship only
        if kind.endswith(_SHEET_TYPES) and not parts.has(target):
            raise ReadError("file_missing_part", path=parts.label, part=target)
    found.names = _names(root, [s.name for s in found.sheets])
    custom = _target(package, "/custom-properties")
    if custom and parts.has(custom):
        found.properties = _properties(parts.xml(custom))
    return found


def _check_root(root: ET.Element, part: str, label: str) -> None:
    if root.tag.startswith("{" + STRICT_NS.decode()):
        raise ReadError("file_is_strict", path=label)
    if root.tag != _M + "workbook":
        reason = root_reason(root.tag)
        raise ReadError("file_bad_xml", path=label, part=part, reason=reason)


def _sheet(element: ET.Element, rels: dict[str, tuple[str, str]], parts: Parts) -> SheetEntry:
    name = clean(element.get("name", ""))
    hidden = element.get("state", "visible") in ("hidden", "veryHidden")
    kind, part = rels.get(element.get(_R_ID, ""), ("", ""))
    if kind.endswith("/chartsheet") and parts.has(part):
        return SheetEntry(name, None, hidden)
    if not kind.endswith(_SHEET_TYPES) or not parts.has(part):
        shown = part or f"relationship {element.get(_R_ID, '?')}"
        raise ReadError("file_missing_sheet", path=parts.label, sheet=name, part=shown)
    return SheetEntry(name, part, hidden)


def _names(root: ET.Element, sheets: list[str]) -> dict[str, str]:
    # global names by name, names local to a sheet as "Sheet!name"
    names: dict[str, str] = {}
    for element in root.iter(_M + "definedName"):
        name = element.get("name", "")
        local = element.get("localSheetId")
        if local is not None and local.isdigit() and int(local) < len(sheets):
            name = f"{sheets[int(local)]}!{name}"
        names[name] = element.text or ""
    return names


def _properties(root: ET.Element) -> dict[str, str]:
    # custom document properties: name -> the text of its one typed value
    found: dict[str, str] = {}
    for element in root.iter(_CUSTOM):
        value = next(iter(element), None)
        found[clean(element.get("name", ""))] = clean(value.text or "") if value is not None else ""
    return found


def _target(rels: dict[str, tuple[str, str]], suffix: str) -> str | None:
    return next((target for kind, target in rels.values() if kind.endswith(suffix)), None)


def _first(root: ET.Element, name: str) -> ET.Element:
    found = root.find(_M + name)
    return found if found is not None else ET.Element(name)


def _true(value: str | None) -> bool:
    return (value or "").strip().lower() in ("1", "true")

"""Recognise a PAC workbook and find its sheets, even renamed."""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import ReadError
from ..spec import Section, SheetSpec, Spec
from ..xlsx import RawBook, RawSheet
from .findings import Findings
from .names import normalise, parse_range


@dataclass(frozen=True)
class Identity:
    kind: str
    version: int
    lang: str


def identify(raw: RawBook, spec: Spec, path: str) -> Identity:
    """The workbook's identity (document properties, else the hidden name); refuse others."""
    ident = spec.identity
    prefix = ident["property_prefix"]
    props = raw.properties
    if props.get(f"{prefix}.kind") == ident["kind"]:
        version = props.get(f"{prefix}.version", "0")
        lang = props.get(f"{prefix}.lang", "fr")
    else:
        text = raw.names.get(ident["name"], "").strip('="')
        parts = text.split(";")
        if len(parts) != 3 or parts[0] != ident["kind"]:
            if _looks_like_pac(raw, spec):
                return Identity(ident["kind"], int(ident["version"]), _guess_lang(raw, spec))
            raise ReadError("not_pac", path=path)
        _, version, lang = parts
    try:
        number = int(version)
    except ValueError:
        number = 0
    if number > int(ident["version"]):
        raise ReadError("newer_version", path=path, version=number)
    return Identity(ident["kind"], number, lang if lang in ("fr", "en") else "fr")


def _looks_like_pac(raw: RawBook, spec: Spec) -> bool:
    """Identity lost (a tool dropped properties and names) but the sheets are all there."""
    names = {s.name for s in raw.sheets}
    return all(s.name.fr in names for s in spec.sheets) or all(
        s.name.en in names for s in spec.sheets)


def _guess_lang(raw: RawBook, spec: Spec) -> str:
    names = {s.name for s in raw.sheets}
    return "fr" if all(s.name.fr in names for s in spec.sheets) else "en"


def map_sheets(raw: RawBook, spec: Spec, lang: str, findings: Findings) -> dict[str, RawSheet]:
    """Each sheet of the description → the workbook's sheet, found by identity or name.

    A sheet renamed by a tool that left the defined names behind (they still name the old
    sheet) is found by its section titles, among the sheets nothing else claimed.
    """
    found: dict[str, RawSheet] = {}
    for sheet in spec.sheets:
        candidate = _by_name(raw, sheet, lang)
        if candidate is not None:
            found[sheet.key] = candidate
    claimed = {id(s) for s in found.values()}
    for sheet in spec.sheets:
        expected = sheet.name(lang)
        candidate = found.get(sheet.key) or _by_titles(raw, sheet, claimed)
        if candidate is None:
            findings.add("sheet_missing", expected, expected=expected)
            continue
        if candidate.name not in (sheet.name.fr, sheet.name.en):
            findings.add("sheet_renamed", candidate.name, value=candidate.name, expected=expected)
        found[sheet.key] = candidate
        claimed.add(id(candidate))
    return {s.key: found[s.key] for s in spec.sheets if s.key in found}


def _by_name(raw: RawBook, sheet: SheetSpec, lang: str) -> RawSheet | None:
    """The sheet the identity names (its defined name follows a rename), else by its name."""
    ref = parse_range(raw.names.get(f"pacxl_sheet_{sheet.key}", ""))
    candidate = raw.sheet(ref[0]) if ref else None
    return candidate or raw.sheet(sheet.name(lang)) or raw.sheet(sheet.name.fr) or raw.sheet(
        sheet.name.en)


def _by_titles(raw: RawBook, sheet: SheetSpec, claimed: set[int]) -> RawSheet | None:
    """An unclaimed sheet whose column A holds one of this sheet's section titles."""
    titles = [t for s in sheet.sections for t in _titles(s)]
    for candidate in raw.sheets:
        if id(candidate) in claimed:
            continue
        texts = [normalise(c.value) for (_, col), c in candidate.cells.items()
                 if col == 0 and isinstance(c.value, str)]
        if any(text.startswith(title) for text in texts for title in titles):
            return candidate
    return None


def _titles(section: Section) -> list[str]:
    """A section's title in both languages, up to its first placeholder, as compared.

    The read-me has none: its heading reads like the action plan's, and it holds no data.
    """
    if section.title is None:
        return []
    heads = (normalise(v.split("{")[0]) for v in (section.title.fr, section.title.en))
    return [head for head in heads if len(head) >= 8]  # long enough to tell sheets apart

"""Two .xlsx files compared part by part, whichever writer made them; and what one holds.

``differences(a, b)`` lists the parts in which two workbooks differ: every XML part must be
identical, worksheets cell by cell with shared strings compared by their text (each writer
numbers them in the order it first meets them), and ``docProps/core.xml`` is left out (it
holds the creation time). ``content_counts`` counts cells, formulas, validations, conditional
formats and merges in the worksheets' XML.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Any

PATTERNS = {
    "cells": re.compile(rb"<c r="),
    "formulas": re.compile(rb"<f[ >]"),
    "validations": re.compile(rb"<dataValidation "),
    "conditional formats": re.compile(rb"<cfRule "),
    "merges": re.compile(rb"<mergeCell "),
}
SHEET = re.compile(r"xl/worksheets/sheet\d+\.xml")
CELL = re.compile(rb'<c r="([A-Z]+[0-9]+)"([^>]*?)(?:/>|>(.*?)</c>)', re.S)
SHARED = re.compile(rb"<si>(.*?)</si>", re.S)


def content_counts(xlsx: Path) -> dict[str, int]:
    """How many cells, formulas, validations… an .xlsx holds, counted in its XML."""
    counts = dict.fromkeys(PATTERNS, 0)
    with zipfile.ZipFile(xlsx) as archive:
        for name in archive.namelist():
            if SHEET.fullmatch(name):
                xml = archive.read(name)
                for key, pattern in PATTERNS.items():
                    counts[key] += len(pattern.findall(xml))
    return counts


def content(xlsx: Path) -> dict[str, Any]:
    """Every part of an .xlsx, comparable across writers.

    Shared strings are numbered in the order a writer first meets them, so cells are read
    with their text instead of their index; the creation date (docProps/core.xml) is dropped.
    """
    parts: dict[str, Any] = {}
    with zipfile.ZipFile(xlsx) as archive:
        shared = SHARED.findall(archive.read("xl/sharedStrings.xml"))
        for name in archive.namelist():
            data = archive.read(name)
            if SHEET.fullmatch(name):
                parts[name] = (_cells(data, shared), CELL.sub(b"", data))
            elif name == "xl/sharedStrings.xml":
                parts[name] = sorted(shared)
            elif name != "docProps/core.xml":
                parts[name] = data
    return parts


def _cells(xml: bytes, shared: list[bytes]) -> dict[bytes, tuple[bytes, bytes]]:
    cells = {}
    for ref, attributes, body in CELL.findall(xml):
        if b't="s"' in attributes:
            body = shared[int(re.search(rb"<v>(\d+)</v>", body).group(1))]
        cells[ref] = (attributes, body)
    return cells


def differences(first: Path, second: Path) -> list[str]:
    """The parts in which two workbooks differ (none if they hold the same content)."""
    a, b = content(first), content(second)
    return sorted(name for name in a.keys() | b.keys() if a.get(name) != b.get(name))

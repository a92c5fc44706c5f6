"""A blank generated workbook recalculated by LibreOffice and Gnumeric shows no error value.

The first promise of DESIGN.md checked in real engines (issue «a real client checks the
formulas»): in French, in English and with the Bpifrance actions, no formula cell of a
blank workbook computes an error value, neither in the engines nor in the cache pacxl writes
(what a LibreOffice user with default settings sees).
"""

from __future__ import annotations

from pathlib import Path

import engines
import pytest
from recalc_books import read_cache, write_blank

ERRORS = frozenset({"#DIV/0!", "#REF!", "#NAME?", "#VALUE!", "#N/A", "#NUM!", "#NULL!"})


@pytest.mark.engine
@pytest.mark.parametrize("engine", engines.ENGINES)
@pytest.mark.parametrize(
    ("lang", "bpi"), [("fr", False), ("en", False), ("fr", True)], ids=["fr", "en", "fr-bpi"]
)
def test_blank_workbook_shows_no_error_value(
    recalc, tmp_path: Path, lang: str, bpi: bool, engine: str
) -> None:
    wb = write_blank(tmp_path / f"PAC_blank_{lang}.xlsx", lang, bpi)
    result = recalc(wb.path, engine)
    assert len(result.values) == wb.book.formula_cells() > 5000
    assert set(result.values) == wb.formula_keys()
    errors = [(s, c, v) for (s, c), v in result.values.items() if v in ERRORS or v is None]
    assert errors == [], f"{len(errors)} error values, first: {errors[:10]}"
    cache = read_cache(wb.path, set(result.values))  # what LibreOffice shows by default
    assert [(k, v) for k, v in cache.items() if v in ERRORS] == []

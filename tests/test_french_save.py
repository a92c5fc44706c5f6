"""A French LibreOffice user saves the workbook: every number format comes back unchanged."""

from __future__ import annotations

from pathlib import Path

import engines
import pytest

from pacxl.generate import new_workbook
from pacxl.options import new_options

pytestmark = pytest.mark.engine


@pytest.mark.parametrize("currency", ["EUR", "USD"])
def test_number_formats_survive_a_save_in_french_libreoffice(
    tmp_path: Path, require_engine, currency: str
) -> None:
    require_engine("libreoffice")
    src = tmp_path / "pac.xlsx"
    new_workbook(src, new_options(year=2027, currency=currency))
    saved = engines.save_as(src, tmp_path / "saved.xlsx", locale="fr-FR", workdir=tmp_path)
    before = engines.load_workbook(src)
    after = engines.load_workbook(saved)
    changed = {}
    kinds = set()
    for ws in before.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                fmt = cell.number_format
                if fmt == "General":
                    continue
                kinds.add(fmt)
                got = after[ws.title][cell.coordinate].number_format
                if got != fmt:
                    changed.setdefault((fmt, got), f"{ws.title}!{cell.coordinate}")
    assert not changed, changed
    assert len(kinds) >= 10  # money, money2, percent, points, date, month, integer, ...

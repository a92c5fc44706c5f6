"""A filled workbook recalculated by real engines computes exactly what was predicted.

Issue «a real client checks the formulas», promises 2 and 3 of DESIGN.md:

2. a filled workbook computes, in each engine, the numbers tests/recalc_model.py computes
   on its own, in plain Python, from the values tests/recalc_inputs.py typed: never with
   pacxl's evaluator or expressions. Cells are found through :class:`pacxl.layout.Layout`,
   never by column letter. Every formula cell is predicted;
3. the value pacxl caches in every formula cell is the engines' value, so a LibreOffice user
   with default settings (who sees the cache) sees the right numbers.

Each workbook is written and recalculated once per session (tests/recalc_books.py); the
hand-checked examples are in test_recalc_kpis.py and test_recalc_plan.py.
"""

from __future__ import annotations

import engines
import pytest
from recalc_books import Key, RecalcBooks, Value, Workbook, read_cache
from recalc_model import Model

from pacxl.spec import load_spec


def same(actual: object, expected: Value) -> bool:
    return engines.same_value(actual, expected)


def mismatches(values: dict[Key, object], expected: dict[Key, Value]) -> list[str]:
    return [
        f"{sheet}!{cell}: got {values.get((sheet, cell), '<missing>')!r}, expected {want!r}"
        for (sheet, cell), want in expected.items()
        if not same(values.get((sheet, cell)), want)
    ]


@pytest.fixture(scope="module")
def filled_books(recalc_books: RecalcBooks) -> dict[str, Workbook]:
    return recalc_books.filled


@pytest.fixture(scope="module")
def expected(filled_books: dict[str, Workbook]) -> dict[str, dict[Key, Value]]:
    spec = load_spec()
    return {lang: Model(wb, spec).build() for lang, wb in filled_books.items()}


def test_every_formula_cell_has_an_expectation(filled_books, expected) -> None:
    for lang, wb in filled_books.items():
        formulas = wb.formula_keys()
        assert set(expected[lang]) <= formulas, "an expectation points at a non-formula cell"
        missing = sorted(formulas - set(expected[lang]))
        assert missing == [], f"{len(missing)} formula cells without expectation: {missing[:10]}"


@pytest.mark.engine
def test_engine_values_equal_independent_expectations(recalculated, expected) -> None:
    wb, result = recalculated
    wrong = mismatches(result.values, expected[wb.lang])
    assert wrong == [], f"{len(wrong)} of {len(expected[wb.lang])} cells differ:\n" + "\n".join(
        wrong[:40]
    )


@pytest.mark.engine
def test_cached_values_equal_engine_values(recalculated) -> None:
    wb, result = recalculated
    cache = read_cache(wb.path, set(result.values))
    wrong = [
        f"{s}!{c}: cached {cache[(s, c)]!r}, {result.engine} {v!r}"
        for (s, c), v in result.values.items()
        if not same(cache[(s, c)], v)
    ]  # type: ignore[arg-type]
    assert wrong == [], f"{len(wrong)} of {len(result.values)} cached values differ:\n" + (
        "\n".join(wrong[:40])
    )

"""The in-memory workbook (pacxl/build/): formulas, styles, validations, names, identity, fill."""

from __future__ import annotations

import datetime as dt
import re

import openpyxl
import pytest
from spec_texts import all_texts

from pacxl.book import BookModel, Cell, SheetModel
from pacxl.build import build_book
from pacxl.fill import Filler, FillError, serial
from pacxl.formula import ALLOWED_FUNCTIONS, Evaluator, ExcelError, functions_used
from pacxl.generate import new_workbook
from pacxl.layout import Layout, quote_sheet
from pacxl.options import NewOptions, new_options
from pacxl.spec import Text, load_spec
from pacxl.styles import style_properties

FORBIDDEN = {
    "XLOOKUP",
    "LET",
    "LAMBDA",
    "FILTER",
    "UNIQUE",
    "SORT",
    "SORTBY",
    "SEQUENCE",
    "IFS",
    "SWITCH",
    "CONCAT",
    "TEXTJOIN",
    "MAXIFS",
    "MINIFS",
    "XMATCH",
}
STRING = re.compile(r'"(?:[^"]|"")*"')
SHEET_REF = re.compile(r"('(?:[^']|'')+'|[A-Za-z_][\w.]*)!")
TODAY = dt.date(2027, 3, 1)


@pytest.fixture(scope="module", params=["fr", "en"])
def lang(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture(scope="module")
def books() -> dict[str, BookModel]:
    """Blank workbooks, shared: tests that fill cells build their own."""
    return {lang: build_book(new_options(year=2027, lang=lang)) for lang in ("fr", "en")}


@pytest.fixture(scope="module")
def book(books: dict[str, BookModel], lang: str) -> BookModel:
    return books[lang]


def formulas(book: BookModel) -> list[tuple[SheetModel, tuple[int, int], Cell]]:
    return [(s, pos, c) for s in book.sheets for pos, c in s.cells.items() if c.is_formula]


def is_input(cell: Cell) -> bool:
    return cell.style.startswith("input:") or cell.style == "line:input"


def sheet_refs(formula: str) -> set[str]:
    """Sheet names a formula points to (string literals left out)."""
    bare = STRING.sub('""', formula)
    return {
        m.removeprefix("'").removesuffix("'").replace("''", "'") for m in SHEET_REF.findall(bare)
    }


# -- formulas --------------------------------------------------------------------------------


def test_formulas_use_only_portable_functions(book: BookModel) -> None:
    used: set[str] = set()
    for sheet, pos, cell in formulas(book):
        names = functions_used(cell.value)
        assert names <= ALLOWED_FUNCTIONS, (sheet.name, pos, names - ALLOWED_FUNCTIONS)
        used |= names
    assert not used & FORBIDDEN
    assert {
        "IF",
        "OR",
        "SUMIFS",
        "COUNTIFS",
        "INDEX",
        "MATCH",
        "EDATE",
        "EOMONTH",
        "ROUNDUP",
    } <= used


def test_no_structured_references(book: BookModel) -> None:
    for sheet, pos, cell in formulas(book):
        bare = STRING.sub('""', cell.value)
        assert "[" not in bare and "#This Row" not in bare, (sheet.name, pos, cell.value)


def test_formula_count(book: BookModel) -> None:
    assert book.formula_cells() == len(formulas(book)) > 5000


def test_formula_cells_have_locked_computed_styles(book: BookModel) -> None:
    spec = load_spec()
    for sheet, pos, cell in formulas(book):
        role = cell.style.partition(":")[0]
        assert role in ("calc", "total", "header", "line"), (sheet.name, pos, cell.style)
        assert cell.style != "line:input"
        props = style_properties(spec, cell.style, book.lang, "EUR")
        assert props.get("locked", True) is True, (sheet.name, pos, cell.style)


def test_input_styles_are_unlocked(book: BookModel) -> None:
    spec = load_spec()
    styles = {c.style for s in book.sheets for c in s.cells.values() if is_input(c)}
    assert {"input:text", "input:money", "input:date", "input:percent", "line:input"} <= styles
    for style in styles:
        assert style_properties(spec, style, book.lang, "EUR")["locked"] is False, style


def test_blank_workbook_shows_no_error_value(book: BookModel) -> None:
    evaluator = Evaluator(book, today=TODAY)
    errors = [(s.name, pos, evaluator.value(s.name, *pos)) for s, pos, _ in formulas(book)]
    assert [e for e in errors if isinstance(e[2], ExcelError)] == []


def test_sheet_references_in_formulas_exist(book: BookModel) -> None:
    names = {s.name for s in book.sheets}
    for sheet, pos, cell in formulas(book):
        assert sheet_refs(cell.value) <= names, (sheet.name, pos, cell.value)


# -- validation ------------------------------------------------------------------------------


def covered(sheet: SheetModel) -> set[tuple[int, int]]:
    return {
        (r, c)
        for v in sheet.validations
        for r in range(v.first[0], v.last[0] + 1)
        for c in range(v.first[1], v.last[1] + 1)
    }


def test_validations_target_input_cells(book: BookModel) -> None:
    for sheet in book.sheets:
        for pos in covered(sheet):
            assert pos in sheet.cells and is_input(sheet.cells[pos]), (sheet.name, pos)


def test_every_typed_input_cell_is_validated(book: BookModel) -> None:
    for sheet in book.sheets:
        cells = covered(sheet)
        for pos, cell in sheet.cells.items():
            if is_input(cell) and cell.style not in ("input:text", "line:input"):
                assert pos in cells, (sheet.name, pos, cell.style)


def test_list_validations_use_defined_names(book: BookModel) -> None:
    sources = {v.source for s in book.sheets for v in s.validations if v.kind == "list"}
    assert sources <= set(book.names)
    assert {
        "L_Equipe",
        "L_Objectifs",
        "L_Indicateurs",
        "L_Canaux",
        "L_Avancement",
        "L_Decisions",
        "L_Sens",
        "L_Familles",
    } <= sources
    for sheet in book.sheets:
        for rule in sheet.validations:
            assert rule.title and rule.message
            if rule.kind == "list":
                assert re.fullmatch(r"L_[A-Za-z]+", rule.source or ""), rule.source


def test_validation_messages_speak_the_workbook_language(book: BookModel) -> None:
    plan = book.sheets[5]
    titles = {v.title for v in plan.validations}
    expected = {
        "fr": {"Valeur hors liste", "Date attendue", "Nombre attendu"},
        "en": {"Value not in the list", "Date expected", "Number expected"},
    }
    assert titles == expected[book.lang]


def test_list_names_cover_values_and_spare_cells(book: BookModel) -> None:
    spec = load_spec()
    lists = book.sheet(spec.sheet("listes").name(book.lang))
    layout = Layout(spec, new_options(year=2027, lang=book.lang))
    place = layout.places["lists"]
    for lst in spec.lists:
        col = place.col(lst.key)
        first, last = place.first, place.first + len(lst.values) + lst.spare - 1
        ref = f"{quote_sheet(lists.name)}!${chr(65 + col)}${first + 1}:${chr(65 + col)}${last + 1}"
        assert book.names[lst.name] == ref
        values = [lists.cells[(r, col)].value for r in range(first, last + 1)]
        texts = [v(book.lang).replace("{symbol}", "€") for v in lst.values]
        assert values == texts + [None] * lst.spare
        assert all(lists.cells[(r, col)].style == "input:text" for r in range(first, last + 1))
        assert (last + 1, col) not in lists.cells


def test_a_value_added_to_a_list_shows_in_the_drop_down(filled: tuple) -> None:
    book, _, _ = filled
    lists = book.sheet("Listes")
    spare_row = 2 + 6  # below the six categories
    assert lists.cells[(spare_row, 0)].value is None
    lists.cells[(spare_row, 0)].value = "Partenariats"
    evaluator = Evaluator(book)
    assert evaluator.evaluate('=COUNTIF(L_Categories,"Partenariats")', "Objectifs") == 1.0
    assert evaluator.evaluate("=COUNTA(L_Categories)", "Objectifs") == 7.0


def test_team_option_fills_the_who_list() -> None:
    options = new_options(year=2027, team="Alice Martin:Directrice commerciale;Bruno:Commercial")
    book = build_book(options)
    settings = book.sheet("Paramètres")
    assert book.names["L_Equipe"] == "'Paramètres'!$A$16:$A$40"
    assert [settings.cells[(r, 0)].value for r in (15, 16, 17)] == ["Alice Martin", "Bruno", None]
    assert [settings.cells[(r, 1)].value for r in (15, 16)] == [
        "Directrice commerciale",
        "Commercial",
    ]
    assert settings.cells[(15, 0)].style == "input:text"
    evaluator = Evaluator(book)
    assert evaluator.evaluate("=COUNTA(L_Equipe)", "Plan d’actions") == 2.0
    plan = book.sheet("Plan d’actions")
    owners = [v for v in plan.validations if v.first[1] == 10]
    assert [(v.kind, v.source) for v in owners] == [("list", "L_Equipe")]


def test_a_large_team_gets_more_rows() -> None:
    team = ";".join(f"Membre {i}" for i in range(30))
    book = build_book(new_options(year=2027, team=team))
    assert book.names["L_Equipe"] == "'Paramètres'!$A$16:$A$55"
    assert book.sheet("Paramètres").cells[(44, 0)].value == "Membre 29"


@pytest.mark.parametrize(("currency", "symbol"), [("USD", "$"), ("CHF", "CHF")])
def test_unit_list_offers_the_currency_of_the_money_formats(currency: str, symbol: str) -> None:
    book = build_book(new_options(year=2027, currency=currency))
    assert book.names["L_Unites"] == "Listes!$I$3:$I$22"
    assert book.sheet("Listes").cells[(2, 8)].value == symbol
    plan = book.sheet("Plan d’actions")
    money = [cf.formula for cf in plan.cond_formats if cf.style == "cf:fmt:money"]
    assert f'$R3="{symbol}"' in money
    assert book.sheet("1 Commercial").cells[(8, 2)].value == symbol  # unit of a money metric


# -- names and identity ----------------------------------------------------------------------


def test_defined_names_reference_existing_sheets(book: BookModel) -> None:
    names = {s.name for s in book.sheets}
    for name, ref in book.names.items():
        assert re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name), name
        if ref.startswith("="):
            assert name == "pacxl_identity"
            continue
        assert sheet_refs(ref) == {sheet_name(ref)}, ref
        assert sheet_name(ref) in names, (name, ref)
        assert re.fullmatch(r"\$[A-Z]+\$\d+(:\$[A-Z]+\$\d+)?", ref.rpartition("!")[2]), ref


def sheet_name(ref: str) -> str:
    return ref.rpartition("!")[0].strip("'").replace("''", "'")


def test_every_section_and_field_has_a_name(book: BookModel) -> None:
    spec = load_spec()
    for sheet in spec.sheets:
        for section in sheet.sections:
            assert f"pacxl_{section.key}" in book.names
            for field in section.fields:
                assert field.name in book.names
    assert book.names["P_Exercice"] == f"{quote_sheet(book.sheets[1].name)}!$B$3"


def test_identity(book: BookModel) -> None:
    from pacxl import __version__

    spec = load_spec()
    assert book.properties == {
        "pacxl.kind": "pacxl-pac",
        "pacxl.version": "1",
        "pacxl.lang": book.lang,
        "pacxl.generator": f"pacxl {__version__}",
    }
    assert book.names["pacxl_identity"] == f'="pacxl-pac;1;{book.lang}"'
    for sheet in spec.sheets:
        name = sheet.name(book.lang)
        assert book.names[f"pacxl_sheet_{sheet.key}"] == f"{quote_sheet(name)}!$A$1"
    assert book.lang == book.properties["pacxl.lang"]
    title = {
        "fr": "Plan d’Actions Commerciales et Marketing 2027",
        "en": "Sales and Marketing Action Plan 2027",
    }
    assert book.title == title[book.lang]


def test_user_text_is_never_taken_for_a_formula(tmp_path) -> None:
    options = new_options(year=2027, company="=1+1", team="=2+2:=cmd|' /C calc'!A0")
    book = build_book(options)
    settings = book.sheet("Paramètres")
    assert (settings.cells[(1, 1)].value, settings.cells[(15, 0)].value) == ("=1+1", "=2+2")
    assert not settings.cells[(1, 1)].is_formula
    assert not settings.cells[(15, 0)].is_formula
    path = tmp_path / "injection.xlsx"
    new_workbook(path, options)
    sheet = openpyxl.load_workbook(path)["Paramètres"]
    for ref, text in (("B2", "=1+1"), ("A16", "=2+2"), ("B16", "=cmd|' /C calc'!A0")):
        assert (sheet[ref].value, sheet[ref].data_type) == (text, "s")


def test_company_goes_into_the_title() -> None:
    book = build_book(new_options(year=2027, company="Bricolo SARL"))
    assert book.title == "Plan d’Actions Commerciales et Marketing 2027 — Bricolo SARL"
    assert book.sheet("Paramètres").cells[(1, 1)].value == "Bricolo SARL"


# -- languages -------------------------------------------------------------------------------


def test_sheet_names_follow_the_language(books: dict[str, BookModel]) -> None:
    spec = load_spec()
    for lang, book in books.items():
        assert [s.name for s in book.sheets] == [s.name(lang) for s in spec.sheets]


def test_english_workbook_has_no_french_text(books: dict[str, BookModel]) -> None:
    texts = all_texts(load_spec())
    english = {t.en for t in texts}
    french_only = {t.fr for t in texts if t.fr != t.en} - english
    assert len(french_only) > 400
    for sheet in books["en"].sheets:
        for pos, cell in sheet.cells.items():
            if not isinstance(cell.value, str):
                continue
            assert cell.value not in french_only, (sheet.name, pos, cell.value)
            literals = {s[1:-1].replace('""', '"') for s in STRING.findall(cell.value)}
            assert not literals & french_only, (sheet.name, pos, cell.value)


def test_headers_that_differ_in_the_description_differ_in_output(
    books: dict[str, BookModel],
) -> None:
    same = {t.fr for t in all_texts(load_spec()) if t.fr == t.en}
    headers = 0
    for fr, en in zip(books["fr"].sheets, books["en"].sheets, strict=True):
        for pos, cell in fr.cells.items():
            if cell.style != "header" and cell.style != "title":
                continue
            headers += 1
            if en.cells[pos].value == cell.value:
                assert cell.value in same, (fr.name, pos, cell.value)
    assert headers > 250


def test_catalogue_labels_are_unique_and_use_the_sheet_names(book: BookModel) -> None:
    spec = load_spec()
    layout = Layout(spec, new_options(year=2027, lang=book.lang))
    place = layout.places["catalogue"]
    dashboard = book.sheets[-1]
    labels = [dashboard.cells[(r, 0)].value for r in range(place.first, place.last + 1)]
    assert len(set(labels)) == len(labels) == len(place.entries)
    tabs = {s.name(book.lang) for s in spec.sheets}
    assert all(label.split(" · ")[0] in tabs for label in labels)


def test_status_words_follow_the_language(books: dict[str, BookModel]) -> None:
    formula = books["en"].sheet("1 Sales").cells[(3, 9)].value
    assert '"Met"' in formula and '"Not met"' in formula and '"Atteint"' not in formula
    formula = books["fr"].sheet("1 Commercial").cells[(3, 9)].value
    assert '"Atteint"' in formula and '"Non renseigné"' in formula


# -- BPI prefill -----------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_bpi_prefills_the_fifteen_families(lang: str) -> None:
    spec = load_spec()
    options = new_options(year=2027, lang=lang, bpi=True)
    book = build_book(options)
    place = Layout(spec, options).places["actions"]
    plan = book.sheet(spec.sheet("plan").name(lang))
    _, actions = spec.section("actions")
    families = [v(lang) for v in spec.list("families").values]
    levers = [v(lang) for v in spec.list("levers").values]
    rows = range(place.first, place.first + 15)
    assert [plan.cells[(r, place.col("family"))].value for r in rows] == families
    for row, prefill in zip(rows, actions.prefill, strict=True):
        assert plan.cells[(row, place.col("lever"))].value == levers[prefill["lever"]]
        assert plan.cells[(row, place.col("action"))].value == Text(*prefill["action"])(lang)
        assert plan.cells[(row, place.col("family"))].style == "input:text"
    spare = place.first + 15
    assert plan.cells[(spare, place.col("action"))].value is None
    assert plan.cells[(spare, place.col("family"))].value is None
    assert plan.cells[(spare, place.col("id"))].value == "A16"
    assert plan.cells[(place.first, place.col("progress"))].value == (
        "À faire" if lang == "fr" else "To do"
    )


def test_without_bpi_the_grid_is_empty(books: dict[str, BookModel]) -> None:
    plan = books["fr"].sheet("Plan d’actions")
    assert [plan.cells[(2, c)].value for c in (0, 1, 2, 3)] == ["A01", None, None, None]


# -- filling ---------------------------------------------------------------------------------


@pytest.fixture
def filled() -> tuple[BookModel, Filler, NewOptions]:
    options = new_options(year=2027)
    book = build_book(options)
    return book, Filler(book, options), options


@pytest.fixture(scope="module")
def blank_filler(books: dict[str, BookModel]) -> Filler:
    return Filler(books["fr"], new_options(year=2027))


def test_filler_writes_input_cells_and_dates_as_serials(filled: tuple) -> None:
    book, fill, _ = filled
    fill.row(
        "actions",
        0,
        action="Salon Batimat",
        budget=5000,
        start=dt.date(2027, 3, 15),
        end=dt.datetime(2027, 3, 18, 17, 30),
    )
    plan = book.sheet("Plan d’actions")
    assert [plan.cells[(2, c)].value for c in (1, 11, 14, 15)] == [
        "Salon Batimat",
        5000,
        46461.0,
        46464.0,
    ]
    fill.field("params", "review_date", dt.date(2027, 6, 30))
    assert book.sheet("Paramètres").cells[(6, 1)].value == 46568.0
    fill.line("events", "l01", "Salon Batimat", type="Salon", date=dt.date(2027, 3, 15))
    events = book.sheet("5 Évènements")
    assert [events.cells[(2, c)].value for c in (0, 5, 7)] == ["Salon Batimat", "Salon", 46461.0]


@pytest.mark.parametrize(
    "call",
    [
        lambda f: f.row("actions", 0, gap=5),
        lambda f: f.row("actions", 0, status="Atteint"),
        lambda f: f.row("actions", 50, action="one too far"),
        lambda f: f.row("actions", -1, action="before"),
        lambda f: f.kpi("products", "p1", "win_ratio", objective=0.3),
        lambda f: f.kpi("products", "total", "revenue", objective=1),
        lambda f: f.kpi("products", "p1", "growth", n1=0.1),
        lambda f: f.field("params", "fiscal_start", dt.date(2027, 1, 1)),
        lambda f: f.field("params", "currency", "USD"),
        lambda f: f.line("months", "m01", "Janvier"),
    ],
)
def test_filler_refuses_cells_that_are_not_inputs(blank_filler: Filler, call) -> None:
    with pytest.raises(FillError):
        call(blank_filler)


def test_serial() -> None:
    assert serial(dt.date(2027, 3, 15)) == 46461.0
    assert serial(dt.date(1900, 3, 1)) == 61.0
    assert serial(dt.datetime(2027, 3, 15, 12)) == 46461.0
    assert serial("texte") == "texte"
    assert serial(12) == 12


# -- worked examples of DESIGN.md --------------------------------------------------------------


def test_soxperts_budget_scorecard(filled: tuple) -> None:
    book, fill, _ = filled
    fill.row("budget_clients", 0, n1=70_000, budget=70_000)
    fill.row("budget_leads", 0, n1=222_000, budget=265_000)
    fill.row("budget_leads", 1, n1=200_000, budget=200_000)
    fill.row("budget_resources", 0, n1=220_000, budget=210_000)
    fill.kpi("scorecard", "scorecard", "salaries", n1=236_000, objective=245_000)
    fill.kpi("scorecard", "scorecard", "headcount", n1=4, objective=4)
    fill.kpi("scorecard", "scorecard", "revenue", n1=21_130_000, objective=24_000_000)
    ev = Evaluator(book, today=TODAY)
    place = Layout(load_spec(), new_options(year=2027)).places["scorecard"]

    def value(metric: str, period: str) -> object:
        return ev.value("Budget", place.cells[("scorecard", metric)], place.col(period))

    assert (value("programmes", "n1"), value("programmes", "objective")) == (712_000, 745_000)
    assert (value("total_cost", "n1"), value("total_cost", "objective")) == (948_000, 990_000)
    assert round(value("cost_ratio", "n1"), 4) == 0.0449  # type: ignore[arg-type]
    assert round(value("cost_ratio", "objective"), 5) == 0.04125  # type: ignore[arg-type]
    assert round(value("programme_share", "objective"), 2) == 0.75  # type: ignore[arg-type]
    assert (value("per_person", "n1"), value("per_person", "objective")) == (178_000, 186_250)
    assert value("programmes", "result") == 0.0  # sums of the empty «Dépensé N» columns
    assert value("per_person", "result") == ""  # no headcount yet


def test_plezi_conversion_gap_in_points_and_percent(filled: tuple) -> None:
    book, fill, _ = filled
    fill.row("actions", 0, action="Refonte du site", unit="%", target=0.04, result=0.05)
    ev = Evaluator(book, today=TODAY)
    place = Layout(load_spec(), new_options(year=2027)).places["actions"]
    row = place.first
    assert ev.value("Plan d’actions", row, place.col("gap")) == pytest.approx(1.0)
    assert ev.value("Plan d’actions", row, place.col("gap_pct")) == pytest.approx(0.25)
    assert ev.value("Plan d’actions", row, place.col("status")) == "Atteint"


def test_neocamino_acquisition_cost(filled: tuple) -> None:
    book, fill, _ = filled
    fill.kpi("product_lines", "l01", "acquisition_spend", result=60_000)
    fill.kpi("product_lines", "l01", "new_clients", result=40)
    ev = Evaluator(book, today=TODAY)
    place = Layout(load_spec(), new_options(year=2027)).places["product_lines"]
    for line in ("l01", "total"):
        row = place.cells[(line, "cac")]
        assert ev.value("6 Métriques clés", row, place.col("result")) == 1500.0
        assert ev.value("6 Métriques clés", row, place.col("n1")) == ""


def test_funnel_from_revenue_target(filled: tuple) -> None:
    book, fill, _ = filled
    for key, value in (
        ("revenue_target", 100_000),
        ("average_sale", 3_000),
        ("sql_to_client", 0.25),
        ("mql_to_sql", 0.5),
        ("lead_to_mql", 0.4),
        ("visitor_to_lead", 0.02),
        ("cost_per_client", 1_500),
    ):
        fill.field("funnel", key, value)
    ev = Evaluator(book, today=TODAY)
    got = [
        ev.evaluate(f"={n}", "Entonnoir")
        for n in ("E_Clients", "E_SQL", "E_MQL", "E_Leads", "E_Visiteurs", "E_BudgetAcquisition")
    ]
    # 33.3 → 34 clients → 136 SQL → 272 MQL → 680 leads → 34 000 visitors; 34 × 1 500 €
    assert got == [34.0, 136.0, 272.0, 680.0, 34_000.0, 51_000.0]


def test_spec_default_rows_match_options_defaults() -> None:
    defaults = load_spec().defaults
    options = NewOptions()
    assert (options.spare_rows, options.action_rows, options.tolerance) == (
        defaults["spare_rows"],
        defaults["action_rows"],
        defaults["tolerance"],
    )

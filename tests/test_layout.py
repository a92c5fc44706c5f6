"""Where the sections land (pacxl/layout.py), and the references formulas use to reach them."""

from __future__ import annotations

import itertools

import pytest

from pacxl.build import build_book
from pacxl.layout import GAP, Layout, cell_ref, col_letter, quote_sheet, table_rows
from pacxl.options import NewOptions, new_options
from pacxl.spec import Spec, load_spec


@pytest.fixture(scope="module")
def spec() -> Spec:
    return load_spec()


@pytest.fixture(scope="module")
def layout(spec: Spec) -> Layout:
    return Layout(spec, new_options(year=2027))


def layout_for(**options: object) -> Layout:
    return Layout(load_spec(), new_options(year=2027, **options))  # type: ignore[arg-type]


# -- stacking --------------------------------------------------------------------------------


@pytest.mark.parametrize("options", [{}, {"bpi": True, "spare_rows": 0}, {"action_rows": 3}])
def test_sections_are_stacked_one_empty_row_apart(spec: Spec, options: dict) -> None:
    layout = layout_for(**options)
    for sheet in spec.sheets:
        places = [layout.places[s.key] for s in sheet.sections]
        assert places[0].top == 0
        for above, below in itertools.pairwise(places):
            assert below.top == above.bottom + 1 + GAP, (above.section.key, below.section.key)
        for place in places:
            assert place.top <= place.bottom


def test_placed_rows_stay_inside_their_section(layout: Layout) -> None:
    for place in layout.places.values():
        rows = [
            place.header,
            place.first,
            place.last,
            place.total_row,
            *place.rows.values(),
            *place.cells.values(),
        ]
        assert all(place.top <= r <= place.bottom for r in rows if r >= 0), place.section.key
        if place.header >= 0:
            assert place.header == place.top + 1


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_written_cell_belongs_to_one_section(spec: Spec, lang: str) -> None:
    options = new_options(year=2027, lang=lang)
    layout = Layout(spec, options)
    book = build_book(options)
    for sheet_spec, model in zip(spec.sheets, book.sheets, strict=True):
        spans = [
            (layout.places[s.key].top, layout.places[s.key].bottom) for s in sheet_spec.sections
        ]
        for row, _ in model.cells:
            owners = [span for span in spans if span[0] <= row <= span[1]]
            assert len(owners) == 1, (model.name, row)
        gaps = {top - 1 for top, _ in spans[1:]}
        assert not [(r, c) for r, c in model.cells if r in gaps]


# -- tables ----------------------------------------------------------------------------------


def test_table_rows_are_the_rows_plus_the_spare_rows(spec: Spec) -> None:
    layout = layout_for(spare_rows=3)
    tables = [
        p
        for p in layout.places.values()
        if p.section.kind == "table" and isinstance(p.section.rows, int)
    ]
    assert len(tables) == 11
    for place in tables:
        section = place.section
        spare = 3 if section.spare is None else section.spare
        assert place.last - place.first + 1 == section.rows + spare, section.key  # type: ignore[operator]


def test_dashboard_picks_have_no_spare_rows(layout: Layout) -> None:
    picks = layout.places["picks"]
    assert (picks.first, picks.last) == (2, 11)


@pytest.mark.parametrize(
    ("options", "rows"),
    [
        ({}, 40 + 10),
        ({"action_rows": 7, "spare_rows": 2}, 9),
        ({"bpi": True}, 15 + 10),
        ({"bpi": True, "spare_rows": 0, "action_rows": 99}, 15),
        ({"action_rows": 0, "spare_rows": 0}, 1),  # at least one action row
    ],
)
def test_action_grid_rows(options: dict, rows: int) -> None:
    actions = layout_for(**options).places["actions"]
    assert actions.last - actions.first + 1 == rows
    assert actions.total_row == actions.last + 1 == actions.bottom


def test_table_rows_helper(spec: Spec) -> None:
    _, actions = spec.section("actions")
    _, team = spec.section("team")
    _, picks = spec.section("picks")
    assert table_rows(actions, NewOptions(action_rows=5, spare_rows=2), spec) == (5, 2)
    assert table_rows(actions, NewOptions(bpi=True, spare_rows=2), spec) == (15, 2)
    assert table_rows(team, NewOptions(spare_rows=4), spec) == (15, 4)
    assert table_rows(picks, NewOptions(spare_rows=4), spec) == (10, 0)


@pytest.mark.parametrize(("size", "rows"), [(2, 15 + 10), (15, 15 + 10), (20, 20 + 10)])
def test_team_rows_are_the_larger_of_the_team_and_the_default(size: int, rows: int) -> None:
    team = ";".join(f"Membre {i}:Commercial" for i in range(size))
    place = layout_for(team=team).places["team"]
    assert place.last - place.first + 1 == rows


def test_budget_tables_have_a_total_row(layout: Layout) -> None:
    for key in ("budget_clients", "budget_leads", "budget_resources"):
        place = layout.places[key]
        assert place.total_row == place.last + 1 == place.bottom
    assert layout.places["review"].total_row == -1


def test_lists_are_as_tall_as_the_longest_list(spec: Spec, layout: Layout) -> None:
    place = layout.places["lists"]
    assert place.last - place.first + 1 == max(len(x.values) + x.spare for x in spec.lists) == 31
    assert list(place.columns) == [x.key for x in spec.lists]


def test_form_fields_one_per_row(spec: Spec, layout: Layout) -> None:
    place = layout.places["params"]
    _, params = spec.section("params")
    assert [place.rows[f.key] for f in params.fields] == list(range(1, 1 + len(params.fields)))
    assert place.columns == {"label": 0, "value": 1, "note": 2}


# -- KPI blocks ------------------------------------------------------------------------------


def test_kpi_block_is_a_header_row_then_one_row_per_metric(spec: Spec, layout: Layout) -> None:
    kpis = [p for p in layout.places.values() if p.section.kind == "kpi"]
    assert len(kpis) == 9
    for place in kpis:
        section = place.section
        lines = [line.key for line in section.lines] + (["total"] if section.has_total else [])
        per_block = 1 + len(section.metrics)
        assert place.last - place.first + 1 == len(lines) * per_block, section.key
        for i, line in enumerate(lines):
            assert place.rows[line] == place.first + i * per_block
            for j, metric in enumerate(section.metrics):
                assert place.cells[(line, metric.key)] == place.rows[line] + 1 + j
        assert place.total_row == (place.rows["total"] if section.has_total else -1)


def test_kpi_products_positions(layout: Layout) -> None:
    products = layout.places["products"]
    assert products.rows == {
        "p1": 2,
        "p2": 10,
        "p3": 18,
        "p4": 26,
        "p5": 34,
        "s1": 42,
        "s2": 50,
        "total": 58,
    }
    assert products.cells[("total", "revenue")] == 64
    assert [
        products.col(k)
        for k in ("line", "metric", "n1", "objective", "result", "status", "line_key", "metric_key")
    ] == [0, 1, 4, 5, 6, 9, 11, 12]


def test_web_has_twelve_month_blocks(layout: Layout) -> None:
    months = layout.places["months"]
    assert [k for k in months.rows if k != "total"] == [f"m{i:02}" for i in range(1, 13)]


# -- calendar and catalogue ------------------------------------------------------------------


@pytest.mark.parametrize("options", [{}, {"bpi": True}, {"action_rows": 120, "spare_rows": 5}])
def test_calendar_rows_mirror_the_action_rows(options: dict) -> None:
    layout = layout_for(**options)
    actions, calendar = layout.places["actions"], layout.places["calendar"]
    assert calendar.last - calendar.first == actions.last - actions.first
    assert calendar.rows == {
        "month_total": calendar.last + 1,
        "quarter_total": calendar.last + 2,
        "cumulative": calendar.last + 3,
        "unscheduled": calendar.last + 4,
    }
    assert calendar.bottom == calendar.last + 4


def test_calendar_has_twelve_month_columns_after_the_mirror(layout: Layout) -> None:
    calendar = layout.places["calendar"]
    assert [calendar.col(f"m{i:02}") for i in range(1, 13)] == list(range(6, 18))
    assert calendar.col("budget") == 5


def test_catalogue_lists_every_total_or_single_line_metric(spec: Spec, layout: Layout) -> None:
    expected = []
    for sheet in spec.sheets:
        for section in sheet.sections:
            if section.kind == "kpi":
                line = "total" if section.has_total else section.lines[0].key
                expected += [(section.key, line, m.key) for m in section.metrics]
    catalogue = layout.places["catalogue"]
    assert catalogue.entries == expected
    assert catalogue.last - catalogue.first + 1 == len(expected)
    assert ("scorecard", "scorecard", "cost_ratio") in expected
    assert ("products", "total", "win_ratio") in expected
    assert ("channels", "all", "indirect_share") in expected


# -- references ------------------------------------------------------------------------------


def test_column_range_is_absolute_and_sheet_qualified(layout: Layout) -> None:
    assert layout.column_range("actions", "budget", None) == "'Plan d’actions'!$L$3:$L$52"
    assert layout.column_range("actions", "budget", "budget") == "'Plan d’actions'!$L$3:$L$52"
    assert layout.column_range("actions", "budget", "plan") == "$L$3:$L$52"
    assert layout.column_range("team", "name", None) == "'Paramètres'!$A$16:$A$40"
    assert layout.column_range("smart", "status", "tableau_de_bord") == "Objectifs!$R$24:$R$48"


def test_references_in_english() -> None:
    layout = layout_for(lang="en")
    assert layout.column_range("actions", "budget", None) == "'Action plan'!$L$3:$L$52"
    assert layout.kpi_cell("products", "total", "revenue", "result", None) == "'1 Sales'!$G$65"
    assert layout.total_cell("budget_leads", "spent", None) == "Budget!$D$45"


def test_kpi_and_total_cells(layout: Layout) -> None:
    assert (
        layout.kpi_cell("products", "total", "revenue", "result", "tableau_de_bord")
        == "'1 Commercial'!$G$65"
    )
    assert layout.kpi_cell("products", "p1", "opportunities", "n1", "kpi_commercial") == "$E$4"
    assert (
        layout.kpi_cell("scorecard", "scorecard", "programmes", "objective", None) == "Budget!$F$74"
    )
    assert layout.total_cell("budget_clients", "budget", "tableau_de_bord") == "Budget!$C$21"
    assert layout.total_cell("actions", "budget", "plan") == "$L$53"


@pytest.mark.parametrize(
    ("col", "letters"),
    [
        (0, "A"),
        (1, "B"),
        (25, "Z"),
        (26, "AA"),
        (27, "AB"),
        (51, "AZ"),
        (52, "BA"),
        (701, "ZZ"),
        (702, "AAA"),
        (16383, "XFD"),
    ],
)
def test_col_letter(col: int, letters: str) -> None:
    assert col_letter(col) == letters


def test_cell_ref() -> None:
    assert cell_ref(0, 0) == "A1"
    assert cell_ref(2, 11, True, True) == "$L$3"
    assert cell_ref(2, 11, abs_row=True) == "L$3"
    assert cell_ref(2, 11, abs_col=True) == "$L3"
    assert cell_ref(1048575, 16383) == "XFD1048576"


@pytest.mark.parametrize(
    ("name", "quoted"),
    [
        ("Budget", "Budget"),
        ("Sheet_1", "Sheet_1"),
        ("Calendrier", "Calendrier"),
        ("Paramètres", "'Paramètres'"),
        ("Plan d’actions", "'Plan d’actions'"),
        ("1 Commercial", "'1 Commercial'"),
        ("2027", "'2027'"),
        ("Read me", "'Read me'"),
        ("it's", "'it''s'"),
        ("A1", "'A1'"),  # would read as a cell reference
        ("xfd100", "'xfd100'"),
        ("R1C1", "'R1C1'"),
        ("RC", "'RC'"),
        ("C3PO", "'C3PO'"),
    ],
)
def test_quote_sheet(name: str, quoted: str) -> None:
    assert quote_sheet(name) == quoted

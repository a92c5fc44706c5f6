"""The sample workbooks of samples/: fresh, free of error values, and saying what they mean to.

Each sample is built by samples/build_samples.py from pacxl/samples/data/<name>.py. These tests
check that the committed .xlsx files are what the script builds today, that no formula
cell caches an error value, and a few headline figures of each sample (read from the
cached values, the numbers a LibreOffice user sees on opening the file). Cells are found
through :class:`pacxl.layout.Layout`, never by address. The engine tests recalculate each
sample in LibreOffice and Gnumeric and compare every formula cell with the cache.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import engines
import openpyxl
import pytest
from ecarts_samples import NAMES, builder
from openpyxl.utils.datetime import to_excel

import pacxl.samples
from pacxl.layout import Layout, cell_ref
from pacxl.spec import load_spec

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
ERRORS = frozenset(engines.EXCEL_ERRORS)

Key = tuple[str, str]  # (sheet name, "B12")




class Sample:
    """A committed sample: its data, its layout, and the value cached in every formula cell."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.path = SAMPLES / f"{name}.xlsx"
        self.data: dict[str, Any] = pacxl.samples.load(name)
        book, options = pacxl.samples.build(self.data)
        self.layout = Layout(load_spec(), options)
        self.formulas: set[Key] = {
            (s.name, cell_ref(r, c))
            for s in book.sheets
            for (r, c), cell in s.cells.items()
            if cell.is_formula
        }
        workbook = openpyxl.load_workbook(self.path, data_only=True)
        self.epoch = workbook.epoch
        self.cells = {
            ws.title: {c.coordinate: c.value for row in ws.iter_rows() for c in row}
            for ws in workbook.worksheets
        }

    def at(self, section: str, row: int, col: str) -> Any:
        place = self.layout.places[section]
        return self.cells[place.sheet.name("fr")].get(cell_ref(row, place.col(col)))

    def row(self, section: str, index: int, col: str) -> Any:
        return self.at(section, self.layout.places[section].first + index, col)

    def column(self, section: str, col: str) -> list[Any]:
        place = self.layout.places[section]
        return [self.at(section, r, col) for r in range(place.first, place.last + 1)]

    def total(self, section: str, col: str) -> Any:
        return self.at(section, self.layout.places[section].total_row, col)

    def kpi(self, section: str, line: str, metric: str, period: str) -> Any:
        return self.at(section, self.layout.places[section].cells[(line, metric)], period)

    def field(self, section: str, key: str) -> Any:
        return self.at(section, self.layout.places[section].rows[key], "value")

    def cached(self, key: Key) -> Any:
        """A formula cell's cache in the conventions of tests/engines.py (see recalc_books.py)."""
        value = self.cells[key[0]].get(key[1])
        if value is None:  # xlsxwriter writes an empty-text result as an untyped <v></v>
            return ""
        if hasattr(value, "year"):
            return float(to_excel(value, self.epoch))
        return value if isinstance(value, bool | str) else float(value)


@pytest.fixture(scope="module")
def samples() -> dict[str, Sample]:
    return {name: Sample(name) for name in NAMES}


# -- 1. the committed files are what the script builds ---------------------------------------


def test_committed_samples_are_up_to_date(capsys: pytest.CaptureFixture[str]) -> None:
    code = builder.main(["--check"])
    assert code == 0, "stale samples, rebuild them with python samples/build_samples.py:\n" + (
        capsys.readouterr().err
    )


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One sample built now, in a temporary folder."""
    path = tmp_path_factory.mktemp("samples") / "plezi_inbound.xlsx"
    pacxl.samples.write("plezi_inbound", path)
    return path


def test_check_reports_a_changed_or_missing_sample(fresh: Path, tmp_path: Path) -> None:
    changed = tmp_path / fresh.name
    assert builder.difference(SAMPLES / fresh.name, fresh) is None
    with zipfile.ZipFile(fresh) as src, zipfile.ZipFile(changed, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "docProps/core.xml":
                data = data.replace(b"2026-12-18T09:00:00Z", b"2026-12-19T09:00:00Z")
            dst.writestr(info, data)
    assert builder.difference(changed, fresh) == f"{fresh.name}: docProps/core.xml"
    assert builder.difference(tmp_path / "gone.xlsx", fresh) == "gone.xlsx: missing"


def test_two_builds_are_byte_identical(fresh: Path, tmp_path: Path) -> None:
    again = tmp_path / fresh.name
    pacxl.samples.write("plezi_inbound", again)
    assert again.read_bytes() == fresh.read_bytes()


# -- 2. no error value anywhere ----------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_no_formula_caches_an_error_value(samples: dict[str, Sample], name: str) -> None:
    sample = samples[name]
    assert len(sample.formulas) > 5000
    found = [(key, sample.cached(key)) for key in sorted(sample.formulas)]
    errors = [(k, v) for k, v in found if isinstance(v, str) and v.startswith("#")]
    assert errors == [], f"{len(errors)} error values, first: {errors[:10]}"


# -- 3. what every sample shows: a review part-way through the year -----------------------------


@pytest.mark.parametrize("name", NAMES)
def test_every_sample_is_a_mid_year_review(samples: dict[str, Sample], name: str) -> None:
    s = samples[name]
    assert 0.25 < s.field("params", "elapsed") < 0.95
    named = [i for i, a in enumerate(s.column("actions", "action")) if a]
    progress = {s.row("actions", i, "progress") for i in named}
    assert {"Terminée", "En cours", "À faire"} <= progress
    assert any(
        s.row("actions", i, "result") is None and s.row("actions", i, "target")
        for i in named
        if s.row("actions", i, "progress") == "À faire"
    )
    assert "En retard" in s.column("actions", "late")
    assert any(isinstance(g, float) and g > 0 for g in s.column("actions", "budget_gap"))
    decisions = set(s.column("actions", "decision"))
    assert {"À poursuivre", "À arrêter", "À commencer"} <= decisions
    assert any(isinstance(a, str) and a for a in s.column("actions", "analysis"))
    assert "Qualitatif" in s.column("smart", "type")
    statuses = set(s.column("smart", "status")) | set(s.column("actions", "status"))
    assert {"Atteint", "Proche", "Non atteint"} <= statuses
    # the action budgets add up to the three budget blocks (bottom-up = retained budget)
    assert s.field("methods", "bottom_up") == s.field("methods", "retained")
    assert s.total("actions", "spent") == sum(
        s.total(block, "spent") for block in pacxl.samples.BUDGET_BLOCKS
    )


def test_bob_field_prospecting(samples: dict[str, Sample]) -> None:
    s = samples["bob_prospection_terrain"]
    first = [s.row("smart", 0, c) for c in ("indicator", "target", "result", "status")]
    assert first == ["Nouveaux clients signés", 40, 28, "Non atteint"]
    assert s.total("actions", "budget") == 60000
    assert s.field("methods", "retained") == 60000
    team = [(s.row("team", i, "name"), s.row("team", i, "role")) for i in range(4)]
    assert [role for _, role in team] == [
        "Directeur commercial",
        "Commercial expérimenté",
        "Commercial en formation",
        "Commercial en formation",
    ]
    # the reps' new clients add up to the objective and its result
    field = [
        i for i, a in enumerate(s.column("actions", "indicator")) if a == "Nouveaux clients signés"
    ]
    assert sum(s.row("actions", i, "target") for i in field) == 40
    assert sum(s.row("actions", i, "result") for i in field) == 28
    assert s.kpi("product_lines", "total", "cac", "objective") == 1500  # 60 000 € ÷ 40
    assert s.kpi("product_lines", "total", "cac", "result") == pytest.approx(50475 / 28)
    assert s.kpi("sources", "total", "opportunities", "result") == 120
    assert s.kpi("products", "p1", "win_ratio", "result") == pytest.approx(28 / 120)
    keys = ("clients", "sql", "mql", "leads", "acquisition_budget")
    assert [s.field("funnel", k) for k in keys] == [40, 160, 250, 400, 60000]


def test_soxperts_budget_and_objectives(samples: dict[str, Sample]) -> None:
    s = samples["soxperts_b2b"]

    def score(metric: str, period: str) -> Any:
        return s.kpi("scorecard", "scorecard", metric, period)

    blocks = [(s.total(b, "n1"), s.total(b, "budget")) for b in pacxl.samples.BUDGET_BLOCKS]
    assert blocks == [(70000, 70000), (422000, 465000), (220000, 210000)]
    assert (score("programmes", "n1"), score("programmes", "objective")) == (712000, 745000)
    assert (score("total_cost", "n1"), score("total_cost", "objective")) == (948000, 990000)
    assert score("cost_ratio", "n1") == pytest.approx(0.044865, abs=5e-7)  # slide: 4,48 %
    assert score("cost_ratio", "objective") == pytest.approx(0.04125, rel=1e-12)  # 4,12 %
    assert round(score("programme_share", "objective"), 2) == 0.75
    assert (score("per_person", "n1"), score("per_person", "objective")) == (178000, 186250)
    # slide 26: −30 % cost per qualified lead (a «Baisse» metric), +30 % leads, 300 launch
    # leads, +30 % lead-to-opportunity rate
    o1 = [s.row("smart", 0, c) for c in ("direction", "n1", "target", "result", "status")]
    assert o1 == ["Baisse", 412, 288, 390, "Non atteint"]
    total = {
        m: [s.kpi("sources", "total", m, p) for p in ("n1", "objective", "result")]
        for m in ("leads", "qualified_leads", "opportunities", "budget")
    }
    assert total["leads"] == [2600, 3380, 1761]  # +30 %
    assert total["budget"] == [422000, 465000, 310000]  # = block 2 of the budget
    cpql = [s.kpi("sources", "total", "cost_per_qualified_lead", p) for p in ("n1", "objective")]
    assert cpql[1] / cpql[0] == pytest.approx(0.7, abs=0.005)
    rate = [s.kpi("sources", "total", "conversion_rate", p) for p in ("n1", "objective")]
    assert rate[1] / rate[0] == pytest.approx(1.3, abs=0.005)
    assert s.kpi("sources", "other", "leads", "objective") == 300
    assert s.kpi("products", "total", "revenue", "n1") == 21130000
    assert s.kpi("products", "total", "revenue", "objective") == 24000000


def test_plezi_conversion_webinars_and_funnel(samples: dict[str, Sample]) -> None:
    s = samples["plezi_inbound"]
    n1, target, result = (s.row("smart", 0, c) for c in ("n1", "target", "result"))
    assert (s.row("smart", 0, "unit"), n1, target) == ("%", 0.04, 0.05)
    assert (target - n1) * 100 == pytest.approx(1.0)  # from 4 % to 5 %: +1 point
    assert (target - n1) / n1 == pytest.approx(0.25)  # and +25 %
    assert s.row("smart", 0, "gap") == pytest.approx((result - target) * 100)  # in points
    assert s.row("smart", 0, "status") == "Proche"
    # the site conversion the objective reports is the web tab's leads ÷ visits
    web = {
        p: s.kpi("months", "total", "web_leads", p) / s.kpi("months", "total", "visits", p)
        for p in ("n1", "objective", "result")
    }
    assert web == {
        "n1": pytest.approx(0.04),
        "objective": pytest.approx(0.05),
        "result": pytest.approx(result),
    }
    # +50 % organic traffic, six webinars
    assert s.row("smart", 1, "target") / s.row("smart", 1, "n1") == pytest.approx(1.5)
    place = s.layout.places["events"]
    kinds = [s.at("events", place.rows[line.key], "objective") for line in place.section.lines]
    assert kinds.count("Webinar") == 6
    assert s.kpi("events", "total", "leads", "objective") == 720
    funnel = [
        s.field("funnel", k)
        for k in ("clients", "sql", "mql", "leads", "visitors", "acquisition_budget")
    ]
    assert funnel == [30, 120, 400, 4000, 80000, 120000]
    assert s.kpi("months", "total", "visits", "objective") == 80000
    assert s.kpi("months", "total", "web_leads", "objective") == 4000


# -- 4. the cache is what the engines compute (LibreOffice shows the cache) --------------------


@pytest.mark.engine
@pytest.mark.parametrize("engine", engines.ENGINES)
@pytest.mark.parametrize("name", NAMES)
def test_engines_compute_the_cached_values(
    samples: dict[str, Sample], name: str, engine: str, recalc
) -> None:
    sample = samples[name]
    result = recalc(sample.path, engine)
    assert set(result.values) == sample.formulas
    wrong = [
        f"{s}!{c}: cached {sample.cached((s, c))!r}, {engine} {v!r}"
        for (s, c), v in sorted(result.values.items())
        if not engines.same_value(v, sample.cached((s, c)))
    ]
    assert wrong == [], f"{len(wrong)} of {len(result.values)} cells differ:\n" + "\n".join(
        wrong[:40]
    )
    assert [v for v in result.values.values() if v in ERRORS] == []

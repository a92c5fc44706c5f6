"""pacxl.report.excel: the Excel report, read back with openpyxl, against the analysis."""

from __future__ import annotations

import dataclasses
import math
import subprocess
import zipfile
from functools import cache
from pathlib import Path
from typing import Any

import ecarts_samples as samples
import engines
import openpyxl
import pandas as pd
import pytest
from openpyxl.worksheet.worksheet import Worksheet
from plans import make
from report_books import PAYLOADS, write_hostile

import pacxl
from pacxl.ecarts import Analysis, consolidate
from pacxl.ecarts.vocab import STATUS_KEYS
from pacxl.errors import OutputError
from pacxl.report import excel, views
from pacxl.report.excel import write_excel
from pacxl.report.excel.words import COUNTS, SHEETS, report_words
from pacxl.spec import load_spec

CENT = 0.005
TABLES = ("objectives", "actions", "kpis", "groupings", "suggestions", "quality")
COLOURS = load_spec().colours
FILLS = {"met": COLOURS["good"], "near": COLOURS["near"], "missed": COLOURS["bad"],
         "missing": "#EDEDED", "qualitative": "#EDEDED", "tracking": "#EDEDED", "": None}


@dataclasses.dataclass(frozen=True)
class Written:
    """A sample's analysis, its report and the report opened with openpyxl."""

    analysis: Analysis
    path: Path
    book: openpyxl.Workbook

    def sheet(self, key: str) -> Worksheet:
        return self.book[report_words(self.analysis.messages_lang).sheets[key]]


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory):
    """name → :class:`Written`, each sample written once per module (do not modify)."""
    folder = tmp_path_factory.mktemp("excel")

    @cache
    def get(name: str) -> Written:
        analysis = samples.analysis(name)
        write_excel(analysis, folder / f"{name}.xlsx")
        path = folder / f"{name}.xlsx"
        return Written(analysis, path, openpyxl.load_workbook(path))

    return get


def table(ws: Worksheet, top: int = 2) -> list[dict[str, Any]]:
    """The rows of the table whose header is row ``top`` (1-based), by heading; a cell
    under its heading ``"<heading>@"`` too."""
    head = [c.value for c in ws[top]]
    rows = []
    for cells in ws.iter_rows(min_row=top + 1):
        if all(c.value is None for c in cells[:len(head)]):
            break
        rows.append({h: c.value for h, c in zip(head, cells, strict=False) if h}
                    | {f"{h}@": c for h, c in zip(head, cells, strict=False) if h})
    return rows


def close(actual: Any, expected: Any) -> bool:
    """Equal to the cent; an empty value is an empty cell."""
    if expected is None or expected is pd.NA or (isinstance(expected, float)
                                                  and math.isnan(expected)):
        return actual is None
    return isinstance(actual, int | float) and abs(actual - float(expected)) <= CENT


def fill(cell: Any) -> str | None:
    rgb = cell.fill.fgColor.rgb if cell.fill.fill_type == "solid" else None
    return f"#{rgb[2:]}" if isinstance(rgb, str) else None


@pytest.mark.parametrize("name", samples.NAMES)
def test_sheets_come_in_order_with_frozen_headers(reports, name: str) -> None:
    done = reports(name)
    w, book = report_words(done.analysis.messages_lang), done.book
    assert book.sheetnames == [w.sheets[k] for k in SHEETS if k != "sources"]
    for key in TABLES:
        ws = done.sheet(key)
        assert ws.freeze_panes is not None and ws.freeze_panes[-1] == "3", key
        assert ws.auto_filter.ref.startswith("A2:"), key
        assert ws.print_title_rows == "$1:$2", key
    for ws in book.worksheets:
        assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9
        assert ws.sheet_properties.pageSetUpPr.fitToPage


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_sheet_names_are_valid(lang: str) -> None:
    names = report_words(lang).sheets.values()
    assert len(set(names)) == len(SHEETS)
    assert all(len(n) <= 31 and not set(n) & set("[]:*?/\\") for n in names)


@pytest.mark.parametrize("name", samples.NAMES)
def test_objectives_agree_to_the_cent(reports, name: str) -> None:
    done = reports(name)
    analysis = done.analysis
    c = report_words(analysis.messages_lang).columns
    rows = table(done.sheet("objectives"))
    expected = analysis.objectives.to_dict("records")
    assert [r[c["id"]] for r in rows] == [e["id"] for e in expected]
    for row, e in zip(rows, expected, strict=True):
        gap = e["gap_points"] if e["rate"] is True else e["gap"]
        assert close(row[c["gap"]], gap), (e["id"], row[c["gap"]], gap)
        assert close(row[c["gap_pct"]], e["gap_pct"])
        assert close(row[c["target"]], e["target"]) and close(row[c["result"]], e["result"])
        assert row[c["status"]] == (e["status"] or None)
        assert fill(row[c["status"] + "@"]) == FILLS[e["status_key"]]
        assert fill(row[c["status_to_date"] + "@"]) == FILLS[e["status_to_date_key"]]


@pytest.mark.parametrize("name", samples.NAMES)
def test_actions_agree_to_the_cent(reports, name: str) -> None:
    done = reports(name)
    analysis = done.analysis
    c = report_words(analysis.messages_lang).columns
    rows = table(done.sheet("actions"))
    expected = analysis.actions.to_dict("records")
    assert len(rows) == len(expected)
    for row, e in zip(rows, expected, strict=True):
        for heading, key in (("budget", "budget"), ("spent", "spent"),
                             ("budget_gap", "budget_gap"), ("consumed", "consumed")):
            assert close(row[c[heading]], e[key]), (e["id"], heading)
        assert row[c["end"]] == (None if e["end"] is pd.NaT else e["end"].to_pydatetime())
        assert fill(row[c["status"] + "@"]) == FILLS[e["status_key"]]
        assert row[c["analysis"]] == (e["analysis"] if isinstance(e["analysis"], str) else None)


def section(ws: Worksheet, title: str) -> list[dict[str, Any]]:
    """The table under a section title of the budget sheet."""
    top = next(c.row for c in ws["A"] if c.value == title)
    return table(ws, top + 1)


@pytest.mark.parametrize("name", samples.NAMES)
def test_budget_blocks_and_months_agree_to_the_cent(reports, name: str) -> None:
    done = reports(name)
    analysis = done.analysis
    w = report_words(analysis.messages_lang)
    c, ws = w.columns, done.sheet("budget")
    blocks = section(ws, w.sections["blocks"])
    for row, e in zip(blocks, analysis.budget_blocks.to_dict("records"), strict=True):
        assert row[c["block"]] == e["label"]
        for heading, key in (("n1", "n1"), ("budget", "budget"), ("spent", "spent"),
                             ("budget_gap", "gap"), ("consumed", "consumed")):
            assert close(row[c[heading]], e[key]), (e["block"], heading)
    months = section(ws, w.sections["months"])
    for row, e in zip(months, analysis.budget_months.to_dict("records"), strict=True):
        assert row[c["month"]] == e["period"].to_pydatetime()
        assert close(row[c["planned"]], e["planned"])
        assert close(row[c["cumulative"]], e["cumulative"])
    quarters = section(ws, w.sections["quarters"])
    assert [r[c["planned"]] for r in quarters] == pytest.approx(
        list(analysis.budget_quarters["planned"]), abs=CENT)
    lines = section(ws, w.sections["lines"])
    assert [r[c["item"]] for r in lines] == list(analysis.budget_lines["item"])


@pytest.mark.parametrize("name", samples.NAMES)
def test_summary_counts_and_burn(reports, name: str) -> None:
    done = reports(name)
    analysis = done.analysis
    w = report_words(analysis.messages_lang)
    ws = done.sheet("summary")
    found = {row[0].value: row for row in ws.iter_rows(max_col=9) if row[0].value}
    assert found[w.figures["company"]][1].value == analysis.company
    assert found[w.figures["review"]][1].value.date() == analysis.as_of
    assert close(found[w.figures["elapsed"]][1].value, analysis.elapsed)
    counts = [c.value for c in found[w.figures["actions"]][1:9]]
    assert counts == [analysis.summary["actions"][k] for k in COUNTS]
    assert close(found[w.figures["spent"]][1].value, analysis.burn["spent"])
    assert found[w.figures["late"]][1].value == analysis.summary["late"]


@pytest.mark.parametrize("name", samples.NAMES)
def test_groupings_add_up_to_the_plan(reports, name: str) -> None:
    done = reports(name)
    analysis = done.analysis
    w = report_words(analysis.messages_lang)
    c = w.columns
    rows = table(done.sheet("groupings"))
    owners = [r for r in rows if r[c["grouping"]] == w.groups["owner"]]
    assert len(owners) == len(analysis.by["owner"])
    assert sum(r[c["budget"]] or 0 for r in owners) == pytest.approx(
        analysis.actions["budget"].sum(), abs=CENT)


@pytest.mark.parametrize("name", samples.NAMES)
def test_three_native_charts_and_no_formula(reports, name: str) -> None:
    done = reports(name)
    with zipfile.ZipFile(done.path) as z:
        charts = [n for n in z.namelist() if n.startswith("xl/charts/chart")]
    assert len(charts) == 3
    for ws in done.book.worksheets:
        assert not [c.coordinate for row in ws.iter_rows() for c in row if c.data_type == "f"]


def strings(path: Path) -> dict[str, str]:
    """Every non-empty cell's value → its openpyxl data type, over the whole workbook."""
    found: dict[str, str] = {}
    for ws in openpyxl.load_workbook(path).worksheets:
        for row in ws.iter_rows():
            for c in row:
                if c.value is not None:
                    found.setdefault(str(c.value), c.data_type)
                    assert c.data_type != "f", (ws.title, c.coordinate, c.value)
    return found


def assert_plain_text(analysis: Analysis, out: Path) -> None:
    """Every payload of the hostile plan is a plain text cell of the report ``out``."""
    write_excel(analysis, out)
    found = strings(out)
    for payload in PAYLOADS:
        assert found.get(payload) == "s", payload
    assert any("<b>Evil</b> | {{ 7*7 }}" in text for text in found)
    w = report_words(analysis.messages_lang)
    rows = table(openpyxl.load_workbook(out)[w.sheets["actions"]])
    for column in ("action", "owner", "analysis"):
        assert [r[w.columns[column]] for r in rows] == list(PAYLOADS)
        assert all(r[w.columns[column] + "@"].data_type == "s" for r in rows)
    assert [p.name for p in out.parent.iterdir() if p.suffix != ".xlsx" or p == out] == [
        out.name]


def test_hostile_text_stays_plain_text(hostile: Analysis, tmp_path: Path) -> None:
    assert_plain_text(hostile, tmp_path / "r.xlsx")


def test_hostile_text_stays_plain_text_in_english(tmp_path: Path) -> None:
    book = write_hostile(tmp_path / "hostile.xlsx", "en")
    analysis = pacxl.analyse(pacxl.read_workbook(book, isolate=False))
    assert analysis.messages_lang == "en"
    assert_plain_text(analysis, tmp_path / "r.xlsx")


def test_a_consolidation_compares_the_workbooks(tmp_path: Path) -> None:
    parts = [samples.analysis("soxperts_b2b"), samples.analysis("plezi_inbound")]
    analysis = consolidate(parts)
    labels = list(analysis.sources["source"])
    write_excel(analysis, tmp_path / "c.xlsx")
    w = report_words(analysis.messages_lang)
    book = openpyxl.load_workbook(tmp_path / "c.xlsx")
    assert book.sheetnames == [w.sheets[k] for k in SHEETS]
    ws = book[w.sheets["sources"]]
    assert [c.value for c in ws[2]] == [w.columns["figure"], *labels]
    assert ws.freeze_panes == "B3"
    by_figure = {r[w.columns["figure"]]: r for r in table(ws)}
    for label, part in zip(labels, parts, strict=True):
        assert by_figure[w.figures["actions"]][label] == len(part.actions)
        assert by_figure[w.figures["company"]][label] == part.company
        assert close(by_figure[w.figures["spent"]][label], part.summary["budget"]["spent"])
    objectives = table(book[w.sheets["objectives"]])
    assert [r[w.columns["source"]] for r in objectives] == list(analysis.objectives["source"])
    assert len(objectives) == sum(len(p.objectives) for p in parts)
    quality = table(book[w.sheets["quality"]])
    assert {r[w.columns["origin"]] for r in quality} <= {w.words["analysis"], w.words["import"]}
    assert_lead_sources(analysis, book)  # each row after its workbook's name


# -- the lead sources sheet ---------------------------------------------------------------

STATUS_WORDS = {load_spec().label("gap_status", k)(lang): k for k in STATUS_KEYS
                for lang in ("fr", "en")}  # a workbook's status word → its key


def lead_table(ws: Worksheet) -> tuple[list[str], list[dict[Any, Any]]]:
    """The metric names of row 2 (each over three columns) and the rows under the header
    row 3, each cell keyed by (metric name, heading) — (None, heading) for the columns of
    labels — and the cell itself by that key + ("@",)."""
    names, band = [], []
    for cell in ws[2]:
        if cell.value is not None:
            names.append(cell.value)
        band.append(names[-1] if names else None)
    keys = [(name, c.value) for name, c in zip(band, ws[3], strict=False) if c.value]
    rows = []
    for cells in ws.iter_rows(min_row=4, max_col=len(keys)):
        if all(c.value is None for c in cells):
            break
        rows.append({k: c.value for k, c in zip(keys, cells, strict=True)}
                    | {(*k, "@"): c for k, c in zip(keys, cells, strict=True)})
    return names, rows


def assert_lead_sources(analysis: Analysis, book: openpyxl.Workbook) -> set[str]:
    """The lead sources sheet of ``book`` shows the sources of ``analysis`` that hold a
    figure, as the HTML page does: each metric's result, objective and status (its fill);
    returns the status keys seen."""
    w = report_words(analysis.messages_lang)
    c, ws = w.columns, book[w.sheets["lead_sources"]]
    metrics = analysis.kpis[analysis.kpis["section"] == "sources"].drop_duplicates("metric")
    frame = analysis.by["source"]
    typed = [f"{m}_{k}" for m in metrics["metric"] for k in ("objective", "result")]
    expected = frame[frame[typed].notna().any(axis=1)].to_dict("records")
    names, rows = lead_table(ws)
    assert names == list(metrics["label"])
    assert len(ws.merged_cells.ranges) == len(names)
    assert all(r.max_col - r.min_col == 2 and r.min_row == r.max_row == 2
               for r in ws.merged_cells.ranges)
    consolidated = not analysis.sources.empty
    assert ws.freeze_panes == ("C4" if consolidated else "B4")
    assert ws.auto_filter.ref.startswith("A3:") and ws.print_title_rows == "$1:$3"
    html = views.lead_sources(analysis)  # the same rows as the HTML page's table
    assert [r[int(consolidated)].text for r in html.rows] == [e["line"] for e in expected]
    label = (None, c["lead_source"])
    assert [r[label] for r in rows] == [e["line"] for e in expected]
    if consolidated:
        assert [r[(None, c["source"])] for r in rows] == [e["source"] for e in expected]
    seen = set()
    for row, e in zip(rows, expected, strict=True):
        assert row[(*label, "@")].font.b == (e["line_key"] == "total")
        assert row[(*label, "@")].data_type == "s"
        for metric, name, unit in metrics[["metric", "label", "unit"]].itertuples(index=False):
            result, objective = row[(name, c["result"], "@")], row[(name, c["objective"], "@")]
            assert close(result.value, e[f"{metric}_result"]), (e["line"], name)
            assert close(objective.value, e[f"{metric}_objective"]), (e["line"], name)
            if unit == "percent":
                assert "%" in result.number_format and "%" in objective.number_format
            word = e[f"{metric}_status"] or None
            assert row[(name, c["status"])] == word, (e["line"], name)
            key = STATUS_WORDS.get(word, "")
            assert fill(row[(name, c["status"], "@")]) == FILLS[key], (e["line"], name, word)
            seen.add(key)
    return seen


def test_lead_sources_agree_with_the_analysis(reports) -> None:
    seen = set()
    for name in samples.NAMES:
        done = reports(name)
        seen |= assert_lead_sources(done.analysis, done.book)
        w = report_words(done.analysis.messages_lang)
        ws = done.sheet("lead_sources")
        assert ws.title == "Sources de leads"
        assert {c.value for c in ws[3]} == {w.columns[k] for k in (
            "lead_source", "result", "objective", "status")}
    assert seen >= {"met", "near", "missed", "tracking", ""}


def test_lead_sources_in_english_with_hostile_names(tmp_path: Path) -> None:
    made = make("en", company=PAYLOADS[0])
    for i, (line, text) in enumerate(zip(("newsletter", "seo", "sem", "social", "web_forms",
                                          "events", "telemarketing"), PAYLOADS, strict=True)):
        made.fill.line("sources", line, text)
        made.fill.kpi("sources", line, "leads", objective=100, result=80 + 10 * i)
        made.fill.kpi("sources", line, "budget", objective=1000, result=900)
    analysis = pacxl.analyse(pacxl.read_workbook(made.write(tmp_path / "en.xlsx"),
                                                 isolate=False))
    assert analysis.messages_lang == analysis.lang == "en"
    out = tmp_path / "r.xlsx"
    write_excel(analysis, out)
    found = strings(out)  # and no formula anywhere
    assert all(found.get(payload) == "s" for payload in PAYLOADS)
    book = openpyxl.load_workbook(out)
    seen = assert_lead_sources(analysis, book)
    assert seen == {"met", "near", "missed", "tracking", ""}
    ws = book["Lead sources"]
    assert [c.value for c in ws[3]][:4] == ["Source", "Result", "Objective", "Status"]
    assert [r[(None, "Source")] for r in lead_table(ws)[1]] == [*PAYLOADS, "Total"]


def test_a_failed_write_leaves_the_old_report(tmp_path: Path, monkeypatch) -> None:
    out = tmp_path / "r.xlsx"
    out.write_bytes(b"old")

    def broken(*_: Any) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(excel, "write_budget", broken)
    with pytest.raises(OutputError):
        write_excel(samples.analysis("bob_prospection_terrain"), out)
    assert out.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["r.xlsx"]


@pytest.mark.engine
def test_libreoffice_prints_the_report(reports, require_engine, engine_workdir: Path,
                                       tmp_path: Path) -> None:
    require_engine("libreoffice")
    done = reports("soxperts_b2b")  # the largest amounts: «###» where a column is too narrow
    pdf = engines.to_pdf(done.path, tmp_path, workdir=engine_workdir)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    flat = " ".join(text.split())
    for objective in done.analysis.objectives["objective"]:
        assert " ".join(objective.split()[:4]) in flat, objective
    assert "###" not in text and "Err:" not in text

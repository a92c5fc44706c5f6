"""pacxl.analyse on the three samples and on a plan with known data problems.

The expected figures come from ``pacxl/samples/data/*.py`` (what was typed) and from the seeds
(SO'xperts' scorecard, Bob's 40 clients), worked out by hand or recomputed here from the
typed values, never from the analysis itself.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path
from typing import Any

import ecarts_samples as samples
import numpy as np
import pandas as pd
import pytest
from openpyxl.utils import get_column_letter
from plans import REVIEW, Made, edit, make

import pacxl
from pacxl.ecarts import Analysis, analyse

NAMES = samples.NAMES
D = dt.date
TYPES = {"string", "Float64", "boolean", "Int64", "datetime64[s]", "datetime64[ns]"}
GROUPS = ("category", "lever", "owner", "channel", "objective", "quarter", "month")


@pytest.fixture(scope="module")
def workbooks() -> dict[str, Any]:
    return {name: samples.workbook(name) for name in NAMES}


@pytest.fixture(scope="module")
def analyses() -> dict[str, Analysis]:
    return {name: samples.analysis(name) for name in NAMES}


@pytest.fixture(scope="module")
def data() -> dict[str, dict[str, Any]]:
    return {name: samples.data(name) for name in NAMES}


def frames(a: Analysis) -> dict[str, pd.DataFrame]:
    found = a.tables()
    assert len(found) == 11 + 8
    return found


# -- shape and types ---------------------------------------------------------------------------


def test_pacxl_analyse_is_the_lazy_public_api() -> None:
    assert pacxl.analyse is analyse
    assert "analyse" in pacxl.__all__


def test_the_analysis_is_pure_pandas() -> None:
    code = ("import sys, pacxl.ecarts; "
            "print(sorted(m for m in ('xlsxwriter', 'openpyxl') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "[]"


@pytest.mark.parametrize("name", NAMES)
def test_one_row_per_typed_row(analyses, workbooks, data, name: str) -> None:
    a, d = analyses[name], data[name]
    assert len(a.objectives) == len(d["smart"])
    assert len(a.actions) == len(d["actions"])
    assert list(a.actions["row"]) == sorted(a.actions["row"])  # the sheet's order
    assert len(a.kpis) == len(workbooks[name].kpis) == 768
    assert len(a.budget_lines) == sum(len(v) for v in d["budget"].values())
    assert len(a.budget_phased) == 12 * len(d["actions"])
    assert a.as_of == d["params"]["review_date"]
    assert (a.fiscal_start, a.fiscal_end) == (D(2027, 1, 1), D(2027, 12, 31))


@pytest.mark.parametrize("name", NAMES)
def test_every_column_is_typed_without_nan(analyses, name: str) -> None:
    for where, frame in frames(analyses[name]).items():
        for col in frame.columns:
            dtype = str(frame[col].dtype)
            assert dtype in TYPES, f"{where}.{col}: {dtype}"
            if dtype == "Float64":
                floats = frame[col].to_numpy(dtype=float, na_value=0.0)
                assert not np.isnan(floats).any(), f"{where}.{col} holds NaN, not <NA>"


def test_the_analysis_is_deterministic(workbooks) -> None:
    first, again = analyse(workbooks["plezi_inbound"]), analyse(workbooks["plezi_inbound"])
    assert (first.as_of, first.as_of_source) == (D(2027, 9, 30), "parameters")
    for key, frame in frames(first).items():
        pd.testing.assert_frame_equal(frame, frames(again)[key], obj=key)
    assert first.summary == again.summary and first.burn == again.burn


def test_editing_the_analysis_leaves_the_workbook_as_read(workbooks) -> None:
    # the analysis builds its frames from arrays taken out of the workbook's: never views
    workbook = workbooks["soxperts_b2b"]
    before = {name: getattr(workbook, name).copy() for name in ("objectives", "actions", "kpis")}
    result = analyse(workbook)
    for name in before:
        frame = getattr(result, name)
        for column in frame.columns.intersection(before[name].columns):
            frame[column] = frame[column].iloc[::-1].to_numpy()  # scrambled in place
            if pd.api.types.is_float_dtype(frame[column]):
                frame.loc[:, column] = frame[column] * 3 + 1
        pd.testing.assert_frame_equal(getattr(workbook, name), before[name], obj=name)


# -- headline figures ----------------------------------------------------------------------


def test_soxperts_scorecard(analyses) -> None:
    score = analyses["soxperts_b2b"].scorecard.set_index("metric")
    assert list(score.loc["programmes", ["n1", "objective"]]) == [712000, 745000]
    assert list(score.loc["total_cost", ["n1", "objective"]]) == [948000, 990000]
    assert round(score.loc["cost_ratio", "n1"] * 100, 2) == 4.49  # the slide's 4,48 % truncated
    assert score.loc["cost_ratio", "objective"] == pytest.approx(0.04125)  # 4,13 %
    assert round(score.loc["programme_share", "objective"], 2) == 0.75
    assert list(score.loc["per_person", ["n1", "objective"]]) == [178000, 186250]
    assert set(score["status"]) == {"Suivi"}


def test_bob_new_clients_and_acquisition_cost(analyses) -> None:
    o = analyses["bob_prospection_terrain"].objectives.set_index("id")
    assert list(o.loc["O1", ["target", "result", "gap", "gap_pct", "status"]]) == [
        40, 28, -12, pytest.approx(-0.3), "Non atteint"]
    # 1 803 € against 1 500 € (Baisse): 1 650 € would still have been «Proche»
    assert list(o.loc["O3", ["direction_key", "gap", "status"]]) == ["down", 303, "Non atteint"]
    # a rate: 23,3 % against 25 % is −1,7 point, −6,8 %, within the 10 % band
    assert o.loc["O2", "gap_points"] == pytest.approx(-1.7)
    assert o.loc["O2", "gap_pct"] == pytest.approx(-0.068)
    assert o.loc["O2", "status"] == "Proche"
    assert (o.loc["O8", "status"], o.loc["O8", "status_key"]) == ("Proche", "near")  # chosen


def test_plezi_conversion_in_points(analyses) -> None:
    o = analyses["plezi_inbound"].objectives.set_index("id")
    assert o.loc["O1", "gap_points"] == pytest.approx(-0.3)  # 4,7 % against 5 %
    assert o.loc["O1", "gap_pct"] == pytest.approx(-0.06)
    assert pd.isna(o.loc["O2", "gap_points"])  # a count has no points


@pytest.mark.parametrize("name", NAMES)
def test_late_and_overspent_actions_from_the_typed_data(analyses, data, name: str) -> None:
    review = data[name]["params"]["review_date"]
    typed = data[name]["actions"]
    late = [a.get("end") is not None and a["end"] < review
            and a.get("progress") not in ("Terminée", "Annulée") for a in typed]
    over = [a.get("spent") is not None and a.get("budget") is not None
            and a["spent"] > a["budget"] for a in typed]
    actions = analyses[name].actions
    assert list(actions["late"]) == late and any(late)
    assert list(actions["overspent"]) == over and any(over)
    days = actions.loc[actions["late"], ["end", "days_late"]]
    assert all((pd.Timestamp(review) - days["end"]).dt.days == days["days_late"])
    assert analyses[name].summary["late"] == sum(late)


# -- pro rata ------------------------------------------------------------------------------


def test_pro_rata_at_a_given_review_date(workbooks, data) -> None:
    a = analyse(workbooks["bob_prospection_terrain"], as_of="2027-06-30")
    assert (a.as_of, a.as_of_source) == (D(2027, 6, 30), "argument")
    assert a.elapsed == 181 / 365
    o1 = a.objectives.set_index("id").loc["O1"]
    assert o1["target_to_date"] == pytest.approx(40 * 181 / 365)  # 19,8 clients due
    assert o1["status_to_date"] == "Atteint"  # 28 signed
    o2 = a.objectives.set_index("id").loc["O2"]
    assert o2["target_to_date"] == 0.25  # a rate keeps its target
    months = data["bob_prospection_terrain"]["series"]["months"]["visits"]["objective"]
    web = a.kpis[(a.kpis["section"] == "months") & (a.kpis["metric"] == "visits")]
    web = web.set_index("line_key")
    assert web.loc["total", "objective_to_date"] == sum(months[:6])  # January to June
    assert web.loc["m06", "objective_to_date"] == months[5]
    assert pd.isna(web.loc["m07", "objective_to_date"])
    assert web.loc["m07", "status_to_date"] == ""  # not due yet
    assert sum(a.budget_months["due"]) == 6


def test_annual_kpis_pro_rata_and_ratios_unchanged(analyses) -> None:
    a = analyses["soxperts_b2b"]
    total = a.kpis[(a.kpis["section"] == "products") & (a.kpis["line_key"] == "total")]
    total = total.set_index("metric")
    assert total.loc["revenue", "objective_to_date"] == pytest.approx(24_000_000 * a.elapsed)
    assert total.loc["win_ratio", "objective_to_date"] == total.loc["win_ratio", "objective"]
    assert total.loc["average_sale", "objective_to_date"] == (
        total.loc["average_sale", "objective"])  # money, but a ratio


def test_dated_tabs_add_the_targets_due_and_recompute_their_ratios(analyses, data) -> None:
    a = analyses["soxperts_b2b"]  # at 30/06: the events held before July
    events = data["soxperts_b2b"]["kpi"]["events"]
    due = [e for e in events.values() if e["date"] <= a.as_of]
    k = a.kpis[(a.kpis["section"] == "events") & (a.kpis["line_key"] == "total")]
    k = k.set_index("metric")
    budget = sum(e["budget"][1] for e in due if e.get("budget", (0, None))[1] is not None)
    leads = sum(e["leads"][1] for e in due if e.get("leads", (0, None))[1] is not None)
    assert k.loc["budget", "objective_to_date"] == budget
    assert k.loc["cost_per_lead", "objective_to_date"] == pytest.approx(budget / leads)


# -- budget and aggregations -------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_budget_totals_agree(analyses, data, name: str) -> None:
    a = analyses[name]
    typed = data[name]["budget"]
    blocks = a.budget_blocks.set_index("block")
    for block, lines in typed.items():
        assert blocks.loc[block, "budget"] == sum(x.get("budget") or 0 for x in lines)
        assert blocks.loc[block, "spent"] == sum(x.get("spent") or 0 for x in lines)
    assert blocks.loc["total", "budget"] == a.burn["budget"] == a.scorecard.set_index(
        "metric").loc["programmes", "objective"]
    assert a.burn["consumed"] == pytest.approx(a.burn["spent"] / a.burn["budget"])
    assert a.burn["elapsed"] == a.elapsed
    planned = a.budget_months["planned"].sum()
    assert planned + a.burn["unscheduled"] == pytest.approx(a.burn["actions_budget"])
    assert a.budget_quarters["planned"].sum() == pytest.approx(planned)
    assert a.budget_months["cumulative"].iloc[-1] == pytest.approx(planned)


def test_calendar_phasing_over_days(analyses) -> None:
    a = analyses["bob_prospection_terrain"]
    # A01: 8 000 € from 11/01 to 12/02 (33 days): 21 days in January, 12 in February
    a01 = a.budget_phased[a.budget_phased["id"] == "A01"].set_index("month")["amount"]
    assert a01[1] == pytest.approx(8000 * 21 / 33) and a01[2] == pytest.approx(8000 * 12 / 33)
    assert a01[3:].sum() == 0


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("group", GROUPS)
def test_every_grouping_adds_up_to_the_plan(analyses, name: str, group: str) -> None:
    a = analyses[name]
    by, actions = a.by[group], a.actions
    assert by["actions"].sum() == len(actions)
    assert by["budget"].sum() == pytest.approx(actions["budget"].sum())
    assert by["spent"].sum() == pytest.approx(actions["spent"].sum())
    assert by["late"].sum() == actions["late"].sum()
    assert by["overspent"].sum() == actions["overspent"].sum()
    statuses = ["met", "near", "missed", "missing", "qualitative", "tracking", "unmeasured"]
    assert by[statuses].sum().sum() == len(actions)
    progress = ["todo", "doing", "done", "postponed", "cancelled"]
    assert by[progress].sum().sum() == actions["progress_key"].ne("").sum()


def test_groupings_follow_the_workbook_lists(analyses, data) -> None:
    a = analyses["bob_prospection_terrain"]
    team = [name for name, _ in data["bob_prospection_terrain"]["options"]["team"]]
    assert list(a.by["owner"]["owner"]) == team
    assert list(a.by["quarter"]["label"]) == ["T1", "T2", "T3", "T4"]
    linked = a.by["objective"].set_index("objective_id")
    assert linked.loc["O1", "status"] == "Non atteint"
    assert linked.loc["O1", "objective"].startswith("Trouver 40 nouveaux clients")
    sources = a.by["source"].set_index("line_key")
    assert sources.loc["total", "leads_result"] == 150 + 100 + 86


# -- suggestions ---------------------------------------------------------------------------


def test_suggestions_of_the_soxperts_plan(analyses, data) -> None:
    s = analyses["soxperts_b2b"].suggestions
    kinds = dict(zip(s["id"], s["kind"], strict=True))
    decided = {"À poursuivre": "keep", "À arrêter": "stop", "À commencer": "start"}
    for index, action in enumerate(data["soxperts_b2b"]["actions"]):
        if action.get("decision") in decided:
            assert kinds[f"A{index + 1:02}"] == decided[action["decision"]]
    assert kinds["A13"] == "stop"  # VIP days, cancelled
    assert kinds["A22"] == "start"  # the ABM pilot
    assert list(s["kind"]) == sorted(s["kind"], key=["keep", "review", "stop", "start"].index)
    assert s["reason"].str.len().min() > 20


def test_costly_ineffective_and_orphan_objectives(analyses, data) -> None:
    s = analyses["bob_prospection_terrain"].suggestions.set_index("id")
    # A03 displays: 26 of 40 at 30/09 and 1 300 € over budget
    assert s.loc["A03", ["kind", "code"]].tolist() == ["review", "analysis_review_overspent"]
    assert "7\u202f300" in s.loc["A03", "reason"]
    linked = {a.get("objective_id") for a in data["bob_prospection_terrain"]["actions"]}
    orphans = [f"O{i + 1}" for i in range(len(data["bob_prospection_terrain"]["smart"]))
               if f"O{i + 1}" not in linked]
    starts = s[(s["kind"] == "start") & (s["subject"] == "objective")]
    assert sorted(starts.index) == orphans and orphans


def test_messages_follow_the_requested_language(workbooks) -> None:
    a = analyse(workbooks["bob_prospection_terrain"], lang="en")
    assert a.lang == "fr" and a.messages_lang == "en"
    assert a.objectives["status"].iloc[0] == "Non atteint"  # the workbook's own words
    assert a.suggestions["reason"].str.contains("objective").any()


# -- data quality --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def troubled_book(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Made]:
    """A plan with one of each data problem the analysis reports."""
    made = make("fr", team="Alice:Directrice")
    fill = made.fill
    fill.field("params", "review_date", REVIEW)
    fill.row("smart", 0, objective="Sans indicateur ni cible", target=None)
    fill.row("smart", 1, objective="Échu sans résultat", indicator="Leads", target=100,
             deadline=D(2027, 3, 31))
    fill.row("actions", 0, action="Dates inversées", owner="Alice", budget=1000,
             start=D(2027, 5, 10), end=D(2027, 5, 1))
    fill.row("actions", 1, action="Sans responsable", budget=-500, objective_id="O9",
             start=D(2027, 1, 4), end=D(2027, 2, 1))
    fill.row("actions", 2, action="Sans dates", owner="Alice", budget=2000, objective_id="O2",
             target=10, result=None)
    fill.row("actions", 3, action="Échue", owner="Alice", start=D(2027, 1, 4),
             end=D(2027, 3, 1), target=10, objective_id="O1")
    fill.kpi("months", "m01", "visits", objective=1000)
    return made.write(tmp_path_factory.mktemp("quality") / "troubled.xlsx"), made


@pytest.fixture(scope="module")
def troubled(troubled_book: tuple[Path, Made]) -> Analysis:
    return analyse(pacxl.read_workbook(troubled_book[0], isolate=False))


def test_data_quality_items_are_located(troubled: Analysis) -> None:
    q = troubled.quality
    found = {(c, ref) for c, ref in zip(q["code"], q["reference"], strict=True)}
    assert ("analysis_end_before_start", "'Plan d’actions'!P3") in found
    assert ("analysis_no_owner", "'Plan d’actions'!K4") in found
    assert ("analysis_undated_budget", "'Plan d’actions'!L5") in found
    assert ("analysis_missing_result", "'Plan d’actions'!U6") in found
    assert ("analysis_no_indicator", "'Objectifs'!G24") in found
    assert ("analysis_no_target", "'Objectifs'!K24") in found
    assert ("analysis_missing_result", "'Objectifs'!N25") in found
    assert ("analysis_kpi_missing_result", "'3 Web'!G4") in found
    # reported by the importer already, under its own code: not repeated
    imported = q[q["source"] == "import"]
    assert {"negative_amount", "not_in_list"} <= set(imported["code"])
    assert "analysis_negative_budget" not in set(q["code"])
    assert "analysis_unknown_objective" not in set(q["code"])
    assert q["message"].str.len().min() > 10
    assert set(q["severity"]) <= {"warning", "error"}


def test_unknown_objectives_are_flagged_on_the_actions(troubled: Analysis) -> None:
    a = troubled.actions.set_index("action")
    assert a.loc["Sans responsable", "objective_known"] == False  # noqa: E712
    assert a.loc["Sans dates", "objective"] == "Échu sans résultat"
    assert pd.isna(a.loc["Dates inversées", "objective_known"])
    assert troubled.burn["unscheduled"] == pytest.approx(1000 + 2000)


def test_items_follow_a_moved_column(troubled_book: tuple[Path, Made], tmp_path: Path) -> None:
    path, made = troubled_book
    place = made.place("actions")
    owner, budget = place.col("owner"), place.col("budget")

    def swap(wb: Any) -> None:  # the user swaps «QUI ?» and «BUDGET»
        ws = wb[made.sheet("actions")]
        for row in range(place.header + 1, place.last + 2):
            a, b = ws.cell(row, owner + 1), ws.cell(row, budget + 1)
            a.value, b.value = b.value, a.value

    moved = analyse(pacxl.read_workbook(edit(path, tmp_path / "moved.xlsx", swap),
                                        isolate=False))
    q = moved.quality.set_index("code")
    assert q.loc["analysis_no_owner", "cell"] == f"{get_column_letter(budget + 1)}4"

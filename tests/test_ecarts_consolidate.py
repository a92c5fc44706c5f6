"""``consolidate``: the three samples as one analysis that adds up to its parts."""

from __future__ import annotations

import dataclasses
import itertools
import math

import pandas as pd
import pytest
from ecarts_samples import NAMES, analysis

from pacxl.ecarts import Analysis, consolidate
from pacxl.ecarts.consolidate import ROWS, SOURCE_DTYPES, merge, source_labels
from pacxl.ecarts.parts import pack
from pacxl.messages import message

CENT = 0.005


@pytest.fixture(scope="module")
def parts() -> list[Analysis]:
    return [analysis(name) for name in NAMES]


@pytest.fixture(scope="module")
def whole(parts: list[Analysis]) -> Analysis:
    return consolidate(parts)


LABELS = [f"{name}.xlsx" for name in NAMES]


def test_the_counts_add_up(parts: list[Analysis], whole: Analysis) -> None:
    for key in ("objectives", "objectives_to_date", "actions", "actions_to_date", "kpis",
                "kpis_to_date", "suggestions", "quality"):
        expected = {k: sum(p.summary[key][k] for p in parts) for k in whole.summary[key]}
        assert whole.summary[key] == expected, key
    for key in ("late", "overspent"):
        assert whole.summary[key] == sum(p.summary[key] for p in parts)
    for name in ROWS:
        assert len(getattr(whole, name)) == sum(len(getattr(p, name)) for p in parts), name


def test_the_money_adds_up_to_the_cent(parts: list[Analysis], whole: Analysis) -> None:
    for key in ("n1", "budget", "spent"):
        total = sum(p.summary["budget"][key] for p in parts)
        assert whole.summary["budget"][key] == pytest.approx(total, abs=CENT)
    budget = whole.summary["budget"]
    assert budget["consumed"] == pytest.approx(budget["spent"] / budget["budget"])
    for key in ("budget", "spent", "actions_budget", "actions_spent", "planned_to_date",
                "scheduled", "renewal", "envelope", "retained"):
        assert whole.burn[key] == pytest.approx(sum(p.burn[key] for p in parts), abs=CENT), key
    planned = sum(p.budget_months["planned"].to_numpy(float) for p in parts)
    assert whole.budget_months["planned"].to_numpy(float) == pytest.approx(planned, abs=CENT)
    assert list(whole.budget_months["label"]) == list(parts[0].budget_months["label"])
    assert list(whole.budget_quarters["label"]) == ["T1", "T2", "T3", "T4"]
    assert float(whole.budget_quarters["planned"].sum()) == pytest.approx(
        whole.burn["scheduled"], abs=CENT)


def test_every_grouping_adds_up_to_the_whole(parts: list[Analysis], whole: Analysis) -> None:
    actions = len(whole.actions)
    budget = float(whole.actions["budget"].sum())
    for name, frame in whole.by.items():
        if name == "source":
            continue
        assert int(frame["actions"].sum()) == actions, name
        assert float(frame["budget"].sum()) == pytest.approx(budget, abs=CENT), name
    for name in ("category", "owner", "quarter", "month"):  # the same groups, added up
        column = whole.by[name].columns[0]
        mine = whole.by[name].groupby(column, dropna=False)["actions"].sum()
        theirs = pd.concat([p.by[name] for p in parts]).groupby(column, dropna=False)["actions"]
        assert mine.to_dict() == theirs.sum().to_dict(), name


def test_the_sources_frame(parts: list[Analysis], whole: Analysis) -> None:
    sources = whole.sources
    assert list(sources.columns) == list(SOURCE_DTYPES)
    assert sources.dtypes.astype(str).to_dict() == SOURCE_DTYPES
    assert list(sources["source"]) == LABELS
    for row, part in zip(sources.to_dict("records"), parts, strict=True):
        assert row["company"] == part.company and row["year"] == part.year
        assert row["as_of"].date() == part.as_of and row["path"] == part.path
        assert row["objectives"] == len(part.objectives)
        assert row["met"] == int((part.objectives["status_key"] == "met").sum())
        assert (row["actions"], row["late"]) == (len(part.actions), part.summary["late"])
        assert row["budget"] == part.summary["budget"]["budget"]
        assert row["warnings"] == part.summary["quality"]["warning"]


def test_the_rows_keep_their_dtypes(parts: list[Analysis], whole: Analysis) -> None:
    for name in ROWS:
        frame, single = getattr(whole, name), getattr(parts[1], name)
        if name == "quality":
            single = single.rename(columns={"source": "origin"})
        assert frame.columns[0] == "source" and frame["source"].dtype == "string"
        assert frame.dtypes.iloc[1:].to_dict() == single.dtypes.to_dict(), name
    for name in ("objective", "source"):
        assert whole.by[name].dtypes.iloc[1:].to_dict() == parts[0].by[name].dtypes.to_dict()
    for name in ("category", "month"):
        assert whole.by[name].dtypes.to_dict() == parts[0].by[name].dtypes.to_dict()
    assert whole.budget_months.dtypes.to_dict() == parts[0].budget_months.dtypes.to_dict()
    assert whole.budget_quarters.dtypes.to_dict() == parts[0].budget_quarters.dtypes.to_dict()
    assert list(whole.actions["source"].unique()) == LABELS


def test_empty_frames_stay_typed() -> None:
    part = analysis("soxperts_b2b")  # no data-quality item
    assert part.quality.empty
    twice = consolidate([part, part])
    assert twice.quality.empty and twice.quality["origin"].dtype == "string"
    assert list(twice.sources["source"]) == ["soxperts_b2b.xlsx", "soxperts_b2b.xlsx (2)"]


def test_plain_attributes(parts: list[Analysis], whole: Analysis) -> None:
    assert whole.as_of == max(p.as_of for p in parts)
    assert whole.company == "Bob, Planipharm, Plezi (exemple)"
    assert (whole.year, whole.currency, whole.path, whole.tolerance) == (2027, "EUR", "", 0.1)
    weights = [p.summary["budget"]["budget"] for p in parts]
    elapsed = sum(w * p.elapsed for w, p in zip(weights, parts, strict=True)) / sum(weights)
    assert whole.elapsed == pytest.approx(elapsed) and whole.burn["elapsed"] == whole.elapsed
    four = consolidate([*parts, dataclasses.replace(parts[0], company="Zed", year=2028)])
    assert four.company == message("consolidate_company", "fr", count=4)
    assert four.year is None


def test_labels_are_unique() -> None:
    assert source_labels(["a/plan.xlsx", "b/plan.xlsx", "c.xlsx"]) == [
        "a/plan.xlsx", "b/plan.xlsx", "c.xlsx"]
    assert source_labels(["/x/a/plan.xlsx", "/y/a/plan.xlsx", "plan.xlsx"]) == [
        "x/a/plan.xlsx", "y/a/plan.xlsx", "plan.xlsx"]
    assert source_labels(["p.xlsx", "./p.xlsx", "p.xlsx"]) == ["p.xlsx", "p.xlsx (2)",
                                                               "p.xlsx (3)"]
    parts = [analysis(NAMES[0])] * 2
    assert list(consolidate(parts, ["Siège", "Siège"]).sources["source"]) == [
        "Siège", "Siège (2)"]


def test_other_currencies_stay_out_of_the_totals(parts: list[Analysis]) -> None:
    dollars = dataclasses.replace(parts[0], currency="USD")
    mixed = consolidate([dollars, *parts[1:]], lang="en")
    kept = parts[1:]
    assert mixed.currency == "EUR"
    assert mixed.summary["budget"]["budget"] == sum(p.summary["budget"]["budget"] for p in kept)
    assert mixed.burn["actions_budget"] == sum(p.burn["actions_budget"] for p in kept)
    assert float(mixed.by["category"]["budget"].sum()) == pytest.approx(
        sum(p.burn["actions_budget"] for p in kept))
    assert int(mixed.by["category"]["actions"].sum()) == len(mixed.actions)  # still counted
    warning = mixed.quality[mixed.quality["code"] == "consolidate_currency"]
    assert list(warning["source"]) == [LABELS[0]] and list(warning["severity"]) == ["warning"]
    assert warning["message"].iloc[0] == message("consolidate_currency", "en",
                                                 source=LABELS[0], currency="USD",
                                                 reference="EUR")
    assert mixed.summary["quality"]["warning"] == sum(
        p.summary["quality"]["warning"] for p in parts) + 1


def test_fiscal_years_apart_are_months_apart(parts: list[Analysis]) -> None:
    later = parts[1].budget_months.assign(
        period=parts[1].budget_months["period"] + pd.DateOffset(years=1))
    both = consolidate([parts[0], dataclasses.replace(parts[1], budget_months=later)])
    months = both.budget_months
    assert len(months) == 24 and list(months["label"][[0, 12]]) == ["2027-01", "2028-01"]
    assert float(months["planned"].sum()) == pytest.approx(
        sum(p.burn["scheduled"] for p in parts[:2]), abs=CENT)
    assert list(both.budget_quarters["label"])[4] == "2028-01 – 2028-03"
    assert int(both.by["month"]["actions"].sum()) == len(both.actions)
    late = both.by["month"].set_index("month")["actions"]
    assert late.get(13, 0) + late.get(24, 0) > 0  # the second plan's actions, a year later


def test_refusals(parts: list[Analysis], whole: Analysis) -> None:
    with pytest.raises(ValueError, match="at least one"):
        consolidate([])
    with pytest.raises(ValueError, match="single workbooks"):
        consolidate([whole, parts[0]])
    with pytest.raises(ValueError, match="labels"):
        consolidate(parts, ["a"])
    assert math.isnan(consolidate([parts[0], dataclasses.replace(
        parts[1], tolerance=0.2)]).tolerance)


@pytest.mark.parametrize("cuts", [[1], [2], [1, 2], [3]])
def test_merged_parts_are_the_consolidation_of_all(parts: list[Analysis], whole: Analysis,
                                                   cuts: list[int]) -> None:
    # what a batch does: each worker packs a run of consecutive analyses
    bounds = [0, *cuts, len(parts)]
    packed = [pack(parts[a:b]) for a, b in itertools.pairwise(bounds) if b > a]
    merged = merge(packed)
    for name, frame in whole.tables().items():
        pd.testing.assert_frame_equal(merged.tables()[name], frame, check_exact=True, obj=name)
    assert (merged.summary, merged.burn, merged.company) == (whole.summary, whole.burn,
                                                             whole.company)


def test_a_consolidation_is_not_packed_again(whole: Analysis) -> None:
    with pytest.raises(ValueError, match="single workbooks"):
        pack([whole])
    with pytest.raises(ValueError, match="at least one"):
        merge([])

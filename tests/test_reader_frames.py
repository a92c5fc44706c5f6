"""The pandas face of a read plan (pacxl.reader.frames): typed frames, KPIs, findings.

Tables typed per column as pandas would type them, the values they hold, KPIs in long
format, the events and e-mailing frames, and the findings frame of the planted workbook.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pandas as pd
import pytest
from reader_books import LANGS, D, Read, ReaderBooks
from reader_cases import planted_book

from pacxl.reader import frames
from pacxl.reader.frames import KPI_COLUMNS, to_workbook


@pytest.fixture(scope="module", params=LANGS)
def filled(request: pytest.FixtureRequest, reader_books: ReaderBooks) -> Read:
    """The filled workbook in each language (written and read once per session)."""
    return reader_books.filled(request.param)


@pytest.fixture(scope="module")
def planted(reader_books: ReaderBooks) -> Read:
    """The filled French workbook with every case done to it (once per session)."""
    return planted_book(reader_books)


def is_string(series: pd.Series) -> bool:
    return isinstance(series.dtype, pd.StringDtype)


def test_tables_are_typed_per_column(filled: Read) -> None:
    workbook = to_workbook(filled.plan)
    for name, frame in workbook.tables.items():
        section = filled.made.place(name).section
        for column in section.columns:
            if column.key not in frame:
                assert column.computed or column.locked, (name, column.key)
                continue
            dtype = frame[column.key].dtype
            if column.type in ("text", "longtext"):
                assert is_string(frame[column.key]), (name, column.key, dtype)
            elif column.type == "date":
                assert pd.api.types.is_datetime64_any_dtype(dtype), (name, column.key, dtype)
            else:
                assert dtype == "Float64", (name, column.key, dtype)
        assert frame["row"].dtype == "Int64"


NAN, INF = float("nan"), float("inf")


@pytest.mark.parametrize(
    ("build", "dtype", "values"),
    [
        (frames._floats, "Float64", [1.5, None, NAN, -0.0, INF, 3.0]),
        (frames._floats, "Float64", [None, None]),
        (frames._floats, "Float64", [1, True, None]),  # not floats: pandas converts them
        (frames._integers, "Int64", [12, None, 2**40]),
        (frames._strings, "string", ["a", None, "", " é "]),
        (frames._strings, "string", ["a", 1.5, None]),  # not text: pandas converts it
        (frames._dates, "datetime", [D(1990, 1, 1), None, D(2199, 12, 31), D(1990, 1, 1)]),
        (frames._dates, "datetime", [None]),
        (frames._dates, "datetime", [dt.datetime(2027, 1, 2, 3, 4), None]),
    ],
)
@pytest.mark.parametrize("size", [0, 1, None])
def test_columns_are_built_as_pandas_builds_them(build: Callable, dtype: str, values: list,
                                                 size: int | None) -> None:
    # the frames build typed arrays straight from numpy: they must equal pandas' own
    values = values[:size]
    got = pd.Series(build(values))
    want = (pd.to_datetime(pd.Series(values, dtype=object)) if dtype == "datetime"
            else pd.Series(pd.array(values, dtype=dtype)))
    pd.testing.assert_series_equal(got, want, check_exact=True)


def test_table_frames_hold_the_values(filled: Read) -> None:
    workbook = to_workbook(filled.plan)
    actions = workbook.actions.set_index("row")
    first = actions.loc[filled.made.row("actions", 0)]
    assert (first["action"], first["budget"], first["spent"]) == ("Salon Batimat", 5000, 6250.5)
    assert first["start"] == pd.Timestamp(2027, 4, 1)
    assert pd.isna(actions.loc[filled.made.row("actions", 3), "start"])
    assert list(workbook.objectives["id"]) == ["O1", "O2", "O3"]
    assert list(workbook.strategic["objective"])[1] == "Ouvrir une agence à Lyon"
    assert list(workbook.team["name"]) == ["Alice Martin", "Bruno Petit", "Chloé Durand"]
    budget = workbook.budget
    assert set(budget["block"]) == {"budget_clients", "budget_leads", "budget_resources"}
    assert budget["n1"].sum() == 712_000


def test_kpis_in_long_format(filled: Read) -> None:
    kpis = to_workbook(filled.plan).kpis
    assert list(kpis.columns) == KPI_COLUMNS
    for column in ("tab", "line", "metric", "unit", "direction", "sheet", "label"):
        assert is_string(kpis[column]), column
    for column in ("n1", "objective", "result"):
        assert kpis[column].dtype == "Float64", column
    assert pd.api.types.is_datetime64_any_dtype(kpis["period"].dtype)
    assert kpis["computed"].dtype == bool
    by = kpis.set_index(["tab", "line", "metric"])
    label = filled.typed.lines[("products", "p1")]["line"]
    assert by.loc[("commercial", label, "revenue"), "objective"] == 150_000
    months = kpis[(kpis["section"] == "months") & (kpis["metric"] == "visits")]
    assert months["period"].dropna().iloc[0] == pd.Timestamp(2027, 4, 1)
    assert months["period"].isna().sum() == 1  # the total
    assert set(kpis["tab"]) == {
        "commercial",
        "leads",
        "web",
        "emailing",
        "events",
        "key_metrics",
        "budget",
    }


def test_events_and_campaigns_frames(filled: Read) -> None:
    workbook = to_workbook(filled.plan)
    events = workbook.events.set_index("line_key")
    assert events.loc["l01", "line"] == "Batimat"
    assert events.loc["l01", "date"] == pd.Timestamp(2027, 11, 5)
    assert events.loc["l01", "roi"] == pytest.approx(1.5)
    assert "total" not in events.index
    emailing = workbook.emailing.set_index("line_key")
    assert emailing.loc["l02", "segment"] == "Clients"
    assert emailing.loc["l02", "deliverability"] == pytest.approx(1100 / 1200)
    assert workbook.funnel["average_sale"] == 3000


def test_findings_frame(planted: Read) -> None:
    frame = to_workbook(planted.plan).findings
    assert list(frame.columns) == [
        "code",
        "severity",
        "sheet",
        "cell",
        "reference",
        "header",
        "value",
        "message",
    ]
    assert len(frame) == len(planted.plan.findings)
    assert set(frame["severity"]) == {"error", "warning"}
    row = frame[frame["code"] == "duplicate_id"].iloc[0]
    assert row["reference"] == f"'{row['sheet']}'!{row['cell']}"
    assert row["value"] == "A01" and "A01" in row["message"]
    assert not to_workbook(planted.plan).ok
    english = to_workbook(planted.plan, lang="en").findings
    assert english["message"].iloc[0] != frame["message"].iloc[0]


def test_a_clean_workbook_frame_is_ok(filled: Read) -> None:
    workbook = to_workbook(filled.plan)
    assert workbook.ok
    assert workbook.findings.empty
    assert list(workbook.findings.columns)[:4] == ["code", "severity", "sheet", "cell"]

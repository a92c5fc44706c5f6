"""pacxl.report.json: the whole analysis as one JSON document, parsed back."""

from __future__ import annotations

import json
import math

import ecarts_samples as samples
import pandas as pd
import pytest
from report_books import PAYLOADS
from report_frames import odd_frame

from pacxl.report.json import record_lines, render_json, write_json
from pacxl.report.records import CHUNK, plain


@pytest.fixture(scope="module", params=samples.NAMES)
def sample(request: pytest.FixtureRequest):
    analysis = samples.analysis(request.param)
    return analysis, json.loads(render_json(analysis))


def test_every_table_round_trips_with_the_same_rows_and_columns(sample) -> None:
    analysis, doc = sample
    assert list(doc["tables"]) == list(analysis.tables())
    for name, frame in analysis.tables().items():
        rows = doc["tables"][name]
        assert len(rows) == len(frame), name
        assert all(list(r) == [str(c) for c in frame.columns] for r in rows), name


def test_headline_summary_and_burn_are_the_analysis(sample) -> None:
    analysis, doc = sample
    assert doc["summary"] == json.loads(json.dumps(analysis.summary))
    assert doc["burn"] == analysis.burn
    assert doc["as_of"] == analysis.as_of.isoformat()
    assert list(doc)[:2] == ["format", "version"]


def test_values_are_typed_dates_iso_and_empty_is_null(sample) -> None:
    analysis, doc = sample
    actions = doc["tables"]["actions"]
    for row, (_, frame_row) in zip(actions, analysis.actions.iterrows(), strict=True):
        assert row["budget"] is None or isinstance(row["budget"], float)
        assert isinstance(row["late"], bool)
        assert row["start"] is None or (len(row["start"]) == 10 and row["start"][4] == "-")
        if frame_row.isna()["analysis"]:
            assert row["analysis"] is None
    assert not any(isinstance(v, float) and not math.isfinite(v)
                   for v in doc["burn"].values())


def test_soxperts_headline_figures() -> None:
    doc = json.loads(render_json(samples.analysis("soxperts_b2b")))
    assert doc["company"] == "Planipharm" and doc["year"] == 2027
    assert doc["summary"]["objectives"]["missed"] == 5
    assert doc["summary"]["budget"] == {"n1": 712000.0, "budget": 745000.0, "spent": 491000.0,
                                        "consumed": pytest.approx(491 / 745)}
    assert (doc["summary"]["late"], doc["summary"]["overspent"]) == (1, 1)


def test_the_output_is_stable() -> None:
    analysis = samples.analysis("plezi_inbound")
    assert render_json(analysis) == render_json(analysis)


def test_hostile_text_is_kept_exactly_as_data(hostile, tmp_path) -> None:
    path = tmp_path / "r.json"
    write_json(hostile, path)
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert [r["action"] for r in doc["tables"]["actions"]] == list(PAYLOADS)
    assert [r["analysis"] for r in doc["tables"]["actions"]] == list(PAYLOADS)
    assert [r["comment"] for r in doc["tables"]["objectives"]] == list(PAYLOADS)
    assert doc["company"] == "<b>Evil</b> | {{ 7*7 }}"
    assert list(tmp_path.iterdir()) == [path]


def one_row_at_a_time(frame: pd.DataFrame) -> list[str]:
    """What each record line must be: json.dumps of the row's dict of plain values."""
    names = [str(c) for c in frame.columns]
    return [json.dumps(dict(zip(names, map(plain, row), strict=True)), ensure_ascii=False,
                       allow_nan=False) for row in frame.itertuples(index=False, name=None)]


@pytest.mark.parametrize("rows", [0, 5, 40, 300, CHUNK + 300])  # by value, by column, hashed
def test_each_record_is_json_dumps_of_its_row(rows: int) -> None:
    frame = odd_frame(rows)
    assert [line for lines in record_lines(frame) for line in lines] == one_row_at_a_time(frame)


def test_every_table_is_written_as_json_dumps_of_its_rows(hostile) -> None:
    for name, frame in hostile.tables().items():
        got = [line for lines in record_lines(frame) for line in lines]
        assert got == one_row_at_a_time(frame), name


def test_a_frame_without_columns_has_empty_records() -> None:
    assert list(record_lines(pd.DataFrame(index=range(3)))) == [["{}", "{}", "{}"]]


def test_a_long_table_is_written_a_chunk_at_a_time() -> None:
    assert [len(lines) for lines in record_lines(odd_frame(CHUNK + 1))] == [CHUNK, 1]

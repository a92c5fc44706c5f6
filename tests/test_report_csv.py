"""pacxl.report.csv: a folder of CSV files for French Excel, neutralised against injection."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import ecarts_samples as samples
import pandas as pd
import pytest
from report_books import PAYLOADS
from report_frames import odd_frame, single_column

from pacxl.report.csv import cell, folder_for, neutralise, render_table, write_csv
from pacxl.report.records import CHUNK


def read(path: Path, sep: str = ";") -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(raw[3:].decode("utf-8"), newline=""), delimiter=sep))


@pytest.mark.parametrize("name", samples.NAMES)
def test_one_file_per_table_with_every_row(name: str, tmp_path: Path) -> None:
    analysis = samples.analysis(name)
    write_csv(analysis, tmp_path / "out")
    found = {p.name for p in (tmp_path / "out").iterdir()}
    assert found == {f"{t}.csv" for t in analysis.tables()} | {"burn.csv", "summary.csv"}
    for table, frame in analysis.tables().items():
        rows = read(tmp_path / "out" / f"{table}.csv")
        assert rows[0] == list(frame.columns)
        assert len(rows) == len(frame) + 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_numbers_use_the_decimal_comma_and_stay_numbers() -> None:
    assert cell(-1234.5, "fr") == "-1234,5"
    assert cell(745000.0, "fr") == "745000"
    assert cell(0.25, "en") == "0.25"
    assert cell(True, "fr") == "VRAI"
    assert cell(None, "fr") == ""


@pytest.mark.parametrize("text", ["=1+1", "+1", "-2+3", "@SUM(1)", "\tx", "\rx"])
def test_dangerous_text_gets_a_leading_quote(text: str) -> None:
    assert neutralise(text) == "'" + text
    assert cell(text, "fr") == "'" + text


def test_harmless_text_is_unchanged() -> None:
    assert neutralise("Salon Batimat = 5 k€") == "Salon Batimat = 5 k€"


def test_soxperts_budget_blocks(tmp_path: Path) -> None:
    write_csv(samples.analysis("soxperts_b2b"), tmp_path / "s")
    rows = read(tmp_path / "s" / "budget_blocks.csv")
    assert rows[-1][:7] == ["total", "Total", "20", "712000", "745000", "491000", "-254000"]


def test_hostile_cells_are_neutralised(hostile, tmp_path: Path) -> None:
    write_csv(hostile, tmp_path / "h")
    rows = read(tmp_path / "h" / "actions.csv")
    head = rows[0]
    for column in ("action", "analysis", "owner"):
        values = [r[head.index(column)] for r in rows[1:]]
        assert values == [neutralise(p) for p in PAYLOADS]
        assert all(not v.startswith(("=", "+", "-", "@")) for v in values)
    gaps = [r[head.index("budget_gap")] for r in rows[1:]]
    assert gaps == ["50"] * len(PAYLOADS)
    everything = "".join(p.read_text(encoding="utf-8-sig") for p in (tmp_path / "h").iterdir())
    assert everything.count("{{ 7*7 }}") >= 5  # name, analysis, owner, objective, comment


def test_a_csv_path_names_a_folder() -> None:
    assert folder_for(Path("d/rapport.csv")) == Path("d/rapport_csv")
    assert folder_for(Path("d/rapport")) == Path("d/rapport")


def test_force_replaces_an_existing_folder(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "old.txt").write_text("old")
    write_csv(samples.analysis("plezi_inbound"), out)
    assert not (out / "old.txt").exists() and (out / "actions.csv").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def one_cell_at_a_time(frame: pd.DataFrame, lang: str) -> str:
    """What a table must be: csv.writer's text of cell() of every value."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";" if lang == "fr" else ",", lineterminator="\r\n")
    writer.writerow([neutralise(str(c)) for c in frame.columns])
    writer.writerows([cell(v, lang) for v in row]
                     for row in frame.itertuples(index=False, name=None))
    return out.getvalue()


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("rows", [0, 5, 40, 300, CHUNK + 300])  # by value, by column, hashed
def test_a_table_is_what_csv_writer_writes_of_each_cell(rows: int, lang: str) -> None:
    for frame in (odd_frame(rows), single_column(rows), pd.DataFrame(index=range(rows))):
        assert render_table(frame, lang) == one_cell_at_a_time(frame, lang)


def test_every_table_is_what_csv_writer_writes(hostile) -> None:
    for name, frame in hostile.tables().items():
        assert render_table(frame, "fr") == one_cell_at_a_time(frame, "fr"), name

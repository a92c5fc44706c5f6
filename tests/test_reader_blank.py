"""A blank workbook reads as empty, and nothing the generator writes raises a finding.

Blank workbooks in French, in English and with the Bpifrance actions, written once per
module; the filled workbooks come from the session's ``reader_books``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from plans import make, read
from reader_books import LANGS, PERIODS, Read, ReaderBooks, team


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("reader")


@pytest.fixture(scope="module", params=LANGS)
def filled(request: pytest.FixtureRequest, reader_books: ReaderBooks) -> Read:
    """The filled workbook in each language (written and read once per session)."""
    return reader_books.filled(request.param)


@pytest.fixture(scope="module", params=["fr", "en", "fr-bpi"])
def blank(request: pytest.FixtureRequest, workdir: Path) -> Read:
    lang, _, bpi = request.param.partition("-")
    made = make(lang, team=team(lang), bpi=bool(bpi))
    path = made.write(workdir / f"blank_{request.param}.xlsx")
    return Read(made, path, read(path))


def test_a_blank_workbook_has_no_findings(blank: Read) -> None:
    assert [f.as_dict() for f in blank.plan.findings] == []


def test_a_filled_workbook_has_no_findings(filled: Read) -> None:
    assert [f.as_dict() for f in filled.plan.findings] == []


def test_a_blank_workbook_reads_as_empty(blank: Read) -> None:
    plan, made = blank.plan, blank.made
    bpi = made.options.bpi
    actions = made.place("actions").section.prefill
    assert len(plan.tables["actions"]) == (len(actions) if bpi else 0)
    if bpi:
        assert plan.tables["actions"][0]["action"] == actions[0]["action"][made.lang == "en"]
    assert plan.tables["smart"] == plan.tables["strategic"] == []
    assert [r["name"] for r in plan.tables["team"]] == ["Alice Martin", "Bruno Petit"]
    inputs = [k for k in plan.kpis if not k["computed"]]
    assert all(k[p] is None for k in inputs for p in PERIODS)
    assert plan.params["tolerance"] == made.options.tolerance

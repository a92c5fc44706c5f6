"""The ``pacxl`` command line as a person meets it: messages, exit status, files left behind.

Most tests call :func:`pacxl.cli.main` in-process (it returns the exit status) inside an empty
current folder. The few subprocess tests prove what only a real process shows: no traceback
on stderr, and no pandas or openpyxl imported on the ``pacxl new`` path.

Tests that only check where an option goes replace ``pacxl.generate.render`` (the formula
evaluation and the xlsxwriter pass) with a stub that records its arguments; a handful write
real workbooks.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click
import openpyxl
import pytest

import pacxl
import pacxl.generate
from pacxl import __version__
from pacxl.cli import cli, main
from pacxl.messages import message
from pacxl.options import MAX_ROWS, Member, NewOptions
from pacxl.spec import LANGS, load_spec

NEXT_YEAR = dt.date.today().year + 1
COMMANDS = ", ".join(sorted(cli.commands))
DEFAULT_OUTPUT = f"PAC_{NEXT_YEAR}.xlsx"
OLD_BYTES = b"the user's previous workbook \x00\x01\x02"


# stands for the description's list of currencies, read when a test runs, not at collection
CURRENCIES = object()


def filled(params: dict[str, Any]) -> dict[str, Any]:
    choices = ", ".join(load_spec().currencies)
    return {key: choices if value is CURRENCIES else value for key, value in params.items()}


@dataclass
class Outcome:
    status: int
    out: str
    err: str


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty current folder."""
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    return work


@pytest.fixture
def pacxl_cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., Outcome]:
    """Run ``pacxl ARGS`` in-process; return its status, stdout and stderr."""

    def run(*args: str) -> Outcome:
        status = main(list(args))
        captured = capsys.readouterr()
        return Outcome(status, captured.out, captured.err)

    return run


@pytest.fixture
def rendered(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """Replace the evaluation and writing pass with a stub; list the calls it receives."""
    calls: list[dict[str, Any]] = []

    def fake_render(
        book: Any, path: Path, options: NewOptions, today: Any = None
    ) -> tuple[int, int]:
        calls.append({"book": book, "path": Path(path), "options": options})
        Path(path).write_bytes(b"PK fake workbook")
        return 0, 0  # formulas and validations written

    monkeypatch.setattr(pacxl.generate, "render", fake_render)
    return calls


def listing(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()}


def assert_one_message(outcome: Outcome, expected: str, status: int = 2) -> None:
    """Exactly the expected sentence on stderr, nothing on stdout, no traceback."""
    assert outcome.status == status
    if status == 130:  # click ends the line the terminal's ^C was echoed on
        expected = "\n" + expected
    assert outcome.err == expected + "\n"
    assert outcome.out == ""
    assert "Traceback" not in outcome.err


def assert_no_temp_files(folder: Path) -> None:
    assert list(folder.glob(".*.tmp")) == []


# -- success ----------------------------------------------------------------------------------


def test_new_alone_writes_next_years_workbook_in_french(folder: Path, pacxl_cli) -> None:
    outcome = pacxl_cli("new")

    assert outcome.status == 0
    assert outcome.err == ""
    assert listing(folder) == {DEFAULT_OUTPUT}
    done, following = outcome.out.splitlines()
    found = re.fullmatch(
        rf"Classeur PAC {NEXT_YEAR} écrit : {re.escape(DEFAULT_OUTPUT)} "
        r"\((\d+) onglets, (\d+) formules, (\d+) listes et contrôles de saisie\)\.",
        done,
    )
    assert found, done
    assert following == message("new_next", "fr", name=DEFAULT_OUTPUT)
    sheets, formulas, validations = map(int, found.groups())
    workbook = openpyxl.load_workbook(folder / DEFAULT_OUTPUT)
    assert len(workbook.sheetnames) == sheets
    assert formulas == sum(
        isinstance(c.value, str) and c.value.startswith("=")
        for ws in workbook
        for row in ws.iter_rows()
        for c in row
    )
    assert validations == sum(len(ws.data_validations.dataValidation) for ws in workbook)
    assert workbook.sheetnames == [sheet.name("fr") for sheet in load_spec().sheets]


def test_new_lang_en_speaks_english(folder: Path, pacxl_cli) -> None:
    outcome = pacxl_cli("new", "--lang", "en", "-o", "plan.xlsx")

    assert outcome.status == 0
    assert outcome.err == ""
    done, following = outcome.out.splitlines()
    assert re.match(
        rf"PAC workbook {NEXT_YEAR} written: plan.xlsx \(\d+ sheets, \d+ formulas, ", done
    )
    assert following == message("new_next", "en", name="plan.xlsx")
    workbook = openpyxl.load_workbook(folder / "plan.xlsx")
    properties = {p.name: p.value for p in workbook.custom_doc_props.props}
    assert properties["pacxl.lang"] == "en"
    assert workbook.sheetnames == [sheet.name("en") for sheet in load_spec().sheets]
    assert_no_temp_files(folder)


def _named_value(workbook: openpyxl.Workbook, name: str) -> Any:
    ((sheet, ref),) = workbook.defined_names[name].destinations
    return workbook[sheet][ref.replace("$", "")].value


def test_every_option_reaches_the_workbook(folder: Path, pacxl_cli) -> None:
    (folder / "sub").mkdir()

    outcome = pacxl_cli(
        "new",
        "--sortie",
        "sub/plan.xlsx",
        "--entreprise",
        "Société Test",
        "--annee",
        "2031",
        "--mois",
        "4",
        "--devise",
        "usd",
        "--equipe",
        "Alice Martin:Directrice;Bruno:Commercial",
        "--equipe",
        "Chloé:Marketing",
        "--bpi",
        "--lignes",
        "2",
        "--actions",
        "3",
        "--tolerance",
        "0,25",
        "--auteur",
        "Zoé Auteur",
    )

    assert outcome.status == 0, outcome.err
    assert "Classeur PAC 2031 écrit : sub/plan.xlsx" in outcome.out
    workbook = openpyxl.load_workbook(folder / "sub" / "plan.xlsx")
    assert _named_value(workbook, "P_Entreprise") == "Société Test"
    assert _named_value(workbook, "P_Exercice") == 2031
    assert _named_value(workbook, "P_Auteur") == "Zoé Auteur"
    assert _named_value(workbook, "P_Tolerance") == 0.25
    assert _named_value(workbook, "P_Devise") == "USD"
    cells = [c for ws in workbook for row in ws.iter_rows() for c in row]
    assert {"Alice Martin", "Bruno", "Chloé", "Directrice", "Marketing"} <= {c.value for c in cells}
    money = {c.number_format for c in cells}
    assert any("$" in fmt for fmt in money) and not any("€" in fmt for fmt in money)
    assert listing(folder) == {"sub"}


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--company", "ACME"], {"company": "ACME"}),
        (["--entreprise", "  Soci\u0065\u0301t\u00e9\x07  "], {"company": "Société"}),
        (["--year", "2031"], {"year": 2031}),
        (["--annee", "1990"], {"year": 1990}),
        (["--first-month", "4"], {"first_month": 4}),
        (["--mois", "12"], {"first_month": 12}),
        (["--currency", "usd"], {"currency": "USD"}),
        (["--devise", "CHF"], {"currency": "CHF"}),
        (
            ["--team", "Alice:Dir;Bruno:Com", "--team", "Chloé"],
            {"team": (Member("Alice", "Dir"), Member("Bruno", "Com"), Member("Chloé"))},
        ),
        (
            ["--equipe", "Alice : Directrice ; ; Bruno"],
            {"team": (Member("Alice", "Directrice"), Member("Bruno"))},
        ),
        (["--bpi"], {"bpi": True}),
        (["--bpi-families"], {"bpi": True}),
        (["--vide"], {"bpi": False}),
        (["--bpi", "--empty"], {"bpi": False}),
        (["--spare-rows", "3"], {"spare_rows": 3}),
        (["--lignes", "0"], {"spare_rows": 0}),
        (["--action-rows", "300"], {"action_rows": 300}),
        (["--actions", "7"], {"action_rows": 7}),
        (["--tolerance", "0.25"], {"tolerance": 0.25}),
        (["--tolerance-proche", "0,5"], {"tolerance": 0.5}),
        (["--author", "Zoé"], {"author": "Zoé"}),
        (["--auteur", "Jean\tDupont "], {"author": "Jean\tDupont"}),
        (["--langue", "en"], {"lang": "en"}),
        (
            [],
            {
                "lang": "fr",
                "year": NEXT_YEAR,
                "first_month": 1,
                "currency": "EUR",
                "company": "",
                "author": "",
                "team": (),
                "bpi": False,
                "spare_rows": 10,
                "action_rows": 40,
                "tolerance": 0.1,
            },
        ),
    ],
)
def test_option_reaches_the_library(folder: Path, pacxl_cli, rendered, args, expected) -> None:
    outcome = pacxl_cli("new", *args)

    assert outcome.status == 0, outcome.err
    (call,) = rendered
    options = call["options"]
    assert {key: getattr(options, key) for key in expected} == expected
    year = expected.get("year", NEXT_YEAR)
    assert listing(folder) == {f"PAC_{year}.xlsx"}


@pytest.mark.parametrize("flag", ["-o", "--output", "--sortie"])
def test_output_option_names_the_file(folder: Path, pacxl_cli, rendered, flag: str) -> None:
    outcome = pacxl_cli("new", flag, "Mon plan.XLSX")

    assert outcome.status == 0
    assert listing(folder) == {"Mon plan.XLSX"}
    assert "Mon plan.XLSX" in outcome.out
    (call,) = rendered
    assert call["path"].parent.resolve() == folder.resolve()
    assert call["path"].name.startswith(".Mon plan.") and call["path"].name.endswith(".XLSX.tmp")


def test_force_replaces_an_existing_file(folder: Path, pacxl_cli, rendered) -> None:
    (folder / "plan.xlsx").write_bytes(OLD_BYTES)

    outcome = pacxl_cli("new", "-o", "plan.xlsx", "--force")

    assert outcome.status == 0
    assert (folder / "plan.xlsx").read_bytes() == b"PK fake workbook"
    assert listing(folder) == {"plan.xlsx"}


# -- refused options: one sentence, status 2, nothing written -----------------------------------

REFUSED = [
    # (arguments after `pacxl new`, message code, message parameters)
    (["--year", "1800"], "bad_year", {"value": 1800}),
    (["--annee", "2500"], "bad_year", {"value": 2500}),
    (["--year", "abc"], "not_integer", {"option": "--year", "value": "abc"}),
    (["--mois", "0"], "bad_month", {"value": 0}),
    (["--first-month", "13"], "bad_month", {"value": 13}),
    (["--mois", "x"], "not_integer", {"option": "--first-month", "value": "x"}),
    (["--equipe", ":Role"], "team_no_name", {"entry": ":Role"}),
    (["--team", "Alice;Bruno", "--team", "ALICE:Dir"], "team_duplicate", {"name": "ALICE"}),
    (["--equipe", ";;"], "team_empty", {}),
    (["--devise", "xyz"], "bad_currency", {"value": "XYZ", "choices": CURRENCIES}),
    (["--lignes", "-1"], "bad_rows", {"option": "spare-rows", "value": -1, "max": MAX_ROWS}),
    (
        ["--actions", "99999999999999999999"],
        "bad_rows",
        {"option": "action-rows", "value": 99999999999999999999, "max": MAX_ROWS},
    ),
    (["--tolerance", "2"], "bad_tolerance", {"value": 2.0}),
    (["--tolerance", "beaucoup"], "not_number", {"option": "--tolerance", "value": "beaucoup"}),
    (
        ["--zzz"],
        "usage_no_such_option",
        {"option": "--zzz", "hint": "", "help": "pacxl new --help"},
    ),
    (["--year"], "usage_needs_value", {"option": "--year", "help": "pacxl new --help"}),
    (["--force=oui"], "usage_no_value", {"option": "--force", "help": "pacxl new --help"}),
    (["plan.xlsx"], "usage_extra_argument", {"args": "plan.xlsx", "help": "pacxl new --help"}),
]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(("args", "code", "params"), REFUSED)
def test_refused_option(folder: Path, pacxl_cli, lang: str, args, code, params) -> None:
    outcome = pacxl_cli("new", "--lang", lang, *args)

    assert_one_message(outcome, message(code, lang, **filled(params)))
    assert listing(folder) == set()


def test_unknown_language_is_refused_in_french(folder: Path, pacxl_cli) -> None:
    outcome = pacxl_cli("new", "--lang", "de")

    assert_one_message(outcome, message("bad_lang", "fr", value="de", choices="fr, en"))
    assert outcome.err.startswith("Langue inconnue « de »")
    assert listing(folder) == set()


def test_a_misspelt_option_gets_a_suggestion(folder: Path, pacxl_cli) -> None:
    outcome = pacxl_cli("new", "--forc")

    hint = " " + message("usage_did_you_mean", "fr", options="--force")
    assert_one_message(
        outcome,
        message("usage_no_such_option", "fr", option="--forc", hint=hint, help="pacxl new --help"),
    )
    assert "Vouliez-vous dire --force ?" in outcome.err


@pytest.mark.parametrize(("args", "lang"), [(["zzz"], "fr"), (["zzz", "--lang", "en"], "en")])
def test_unknown_command(folder: Path, pacxl_cli, args, lang: str) -> None:
    outcome = pacxl_cli(*args)

    assert_one_message(outcome, message("no_such_command", lang, name="zzz", choices=COMMANDS))
    assert listing(folder) == set()


def test_unknown_group_option(folder: Path, pacxl_cli) -> None:
    outcome = pacxl_cli("--zzz", "new")

    assert_one_message(
        outcome, message("usage_no_such_option", "fr", option="--zzz", hint="", help="pacxl --help")
    )


def test_control_characters_never_reach_the_terminal(folder: Path, pacxl_cli) -> None:
    outcome = pacxl_cli("new", "--devise", "\x1b[2J\u202eXYZ")

    assert outcome.status == 2
    assert "\x1b" not in outcome.err and "\u202e" not in outcome.err
    assert outcome.err.startswith("Devise inconnue « \ufffd[2J\ufffdXYZ »")


# -- refused outputs ----------------------------------------------------------------------------


def test_existing_output_is_left_byte_identical(folder: Path, pacxl_cli) -> None:
    (folder / DEFAULT_OUTPUT).write_bytes(OLD_BYTES)

    outcome = pacxl_cli("new")

    assert_one_message(outcome, message("output_exists", "fr", path=Path(DEFAULT_OUTPUT)))
    assert (folder / DEFAULT_OUTPUT).read_bytes() == OLD_BYTES
    assert listing(folder) == {DEFAULT_OUTPUT}


def test_existing_output_in_english(folder: Path, pacxl_cli) -> None:
    (folder / "plan.xlsx").write_bytes(OLD_BYTES)

    outcome = pacxl_cli("new", "-o", "plan.xlsx", "--lang", "en")

    assert_one_message(outcome, message("output_exists", "en", path=Path("plan.xlsx")))
    assert outcome.err.startswith("The file plan.xlsx already exists")
    assert (folder / "plan.xlsx").read_bytes() == OLD_BYTES


@pytest.mark.parametrize(
    ("output", "make_dir", "code", "params"),
    [
        ("absent/plan.xlsx", None, "output_no_folder", {"folder": Path("absent")}),
        ("plan.xlsx", "plan.xlsx", "output_is_dir", {"path": Path("plan.xlsx")}),
        ("dossier", "dossier", "output_is_dir", {"path": Path("dossier")}),
        ("plan.xls", None, "output_bad_suffix", {"path": Path("plan.xls")}),
        ("plan.xlsm", None, "output_bad_suffix", {"path": Path("plan.xlsm")}),
        ("plan", None, "output_bad_suffix", {"path": Path("plan")}),
    ],
)
def test_unusable_output(folder: Path, pacxl_cli, output, make_dir, code, params) -> None:
    if make_dir:
        (folder / make_dir).mkdir()
    before = listing(folder)

    outcome = pacxl_cli("new", "-o", output)

    assert_one_message(outcome, message(code, "fr", **params))
    assert listing(folder) == before


def test_unwritable_folder_refused_before_any_work(
    folder: Path, pacxl_cli, monkeypatch, rendered
) -> None:
    monkeypatch.setattr(os, "access", lambda *args, **kwargs: False)

    outcome = pacxl_cli("new")

    assert_one_message(outcome, message("output_not_writable", "fr", folder=folder.resolve()))
    assert rendered == []
    assert listing(folder) == set()


def test_unwritable_folder_at_write_time(folder: Path, pacxl_cli, monkeypatch, rendered) -> None:
    # root ignores chmod, so the refusal of the operating system is simulated
    def refuse(*args: Any, **kwargs: Any) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)

    outcome = pacxl_cli("new", "--lang", "en")

    assert_one_message(outcome, message("output_not_writable", "en", folder=folder.resolve()))
    assert rendered == []
    assert listing(folder) == set()


def test_locked_target_is_left_intact(folder: Path, pacxl_cli, monkeypatch, rendered) -> None:
    (folder / "plan.xlsx").write_bytes(OLD_BYTES)

    def locked(src: Any, dst: Any) -> None:
        raise PermissionError(errno.EACCES, "The process cannot access the file")

    monkeypatch.setattr(os, "replace", locked)

    outcome = pacxl_cli("new", "-o", "plan.xlsx", "--force")

    assert_one_message(outcome, message("output_locked", "fr", path=Path("plan.xlsx")))
    assert "fermez-le" in outcome.err and "L’ancien fichier est intact" in outcome.err
    assert len(rendered) == 1
    assert (folder / "plan.xlsx").read_bytes() == OLD_BYTES
    assert listing(folder) == {"plan.xlsx"}


# -- a write that fails half-way leaves nothing -------------------------------------------------


def _failing_writer(error: BaseException) -> Callable[..., None]:
    def write_book(book: Any, path: Path, *args: Any) -> None:
        Path(path).write_bytes(b"PK\x03\x04 half a workbook")
        raise error

    return write_book


@pytest.mark.parametrize(
    ("error", "status", "code", "params"),
    [
        (
            OSError(errno.ENOSPC, "No space left on device"),
            2,
            "output_failed",
            {"path": Path("plan.xlsx"), "reason": "No space left on device"},
        ),
        (KeyboardInterrupt(), 130, "interrupted", {}),
        (RuntimeError("boom"), 3, "internal", {"kind": "RuntimeError", "detail": "boom"}),
    ],
    ids=["disk-full", "ctrl-c", "bug"],
)
@pytest.mark.parametrize("existing", [False, True], ids=["new", "forced"])
def test_failing_write_leaves_no_partial_file(
    folder: Path, pacxl_cli, monkeypatch, error, status, code, params, existing: bool
) -> None:
    monkeypatch.setattr(pacxl.generate, "write_book", _failing_writer(error))
    if existing:
        (folder / "plan.xlsx").write_bytes(OLD_BYTES)

    outcome = pacxl_cli("new", "-o", "plan.xlsx", "--force")

    assert_one_message(outcome, message(code, "fr", **params), status=status)
    assert_no_temp_files(folder)
    if existing:
        assert (folder / "plan.xlsx").read_bytes() == OLD_BYTES
    else:
        assert listing(folder) == set()


def test_debug_shows_the_traceback(folder: Path, pacxl_cli, monkeypatch) -> None:
    monkeypatch.setattr(pacxl.generate, "write_book", _failing_writer(RuntimeError("boom")))

    outcome = pacxl_cli("--debug", "new")

    assert outcome.status == 3
    assert outcome.err.startswith("Traceback (most recent call last):")
    assert outcome.err.endswith(
        message("internal", "fr", kind="RuntimeError", detail="boom") + "\n"
    )
    assert listing(folder) == set()


# -- help and version ---------------------------------------------------------------------------


@pytest.mark.parametrize("args", [[], ["--help"], ["-h"]], ids=["bare", "--help", "-h"])
def test_group_help(pacxl_cli, args) -> None:
    outcome = pacxl_cli(*args)

    assert outcome.status == 0
    assert outcome.err == ""
    assert re.match(r"Usage: pacxl \[OPTIONS\] \[?COMMAND\]? \[ARGS\]\.\.\.", outcome.out)
    for text in ("--version", "--debug", "--help", *cli.commands):
        assert text in outcome.out


@pytest.mark.parametrize("name", sorted(cli.commands))
@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_every_command_has_help_for_every_option(pacxl_cli, name: str, flag: str) -> None:
    command = cli.commands[name]

    outcome = pacxl_cli(name, flag)

    assert outcome.status == 0
    assert outcome.out.startswith(f"Usage: pacxl {name} [OPTIONS]")
    assert command.help and command.help.splitlines()[0] in outcome.out
    options = [p for p in command.params if isinstance(p, click.Option)]
    for option in options:
        assert option.help, f"{option.name} has no help text"
        for spelling in (*option.opts, *option.secondary_opts):
            assert spelling in outcome.out, spelling


def test_version(pacxl_cli) -> None:
    outcome = pacxl_cli("--version")

    assert outcome.status == 0
    assert outcome.out == f"pacxl, version {__version__}\n"


# -- real processes -----------------------------------------------------------------------------


def _python(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    # the pacxl these tests import, whether installed or checked out
    env["PYTHONPATH"] = os.pathsep.join(
        filter(None, [str(Path(pacxl.__file__).parent.parent), env.get("PYTHONPATH")])
    )
    return subprocess.run(
        [sys.executable, *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )


def test_process_new_imports_neither_pandas_nor_openpyxl(tmp_path: Path) -> None:
    script = (
        "import sys, pacxl.cli; status = pacxl.cli.main(['new', '-o', sys.argv[1]]); "
        "print(status, 'pandas' in sys.modules, 'openpyxl' in sys.modules)"
    )

    done = _python("-c", script, "out.xlsx", cwd=tmp_path)

    assert done.stderr == ""
    assert done.stdout.splitlines()[-1] == "0 False False"
    assert (tmp_path / "out.xlsx").stat().st_size > 10_000
    assert listing(tmp_path) == {"out.xlsx"}


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["new", "--annee", "1800"], message("bad_year", "fr", value=1800)),
        (
            ["new", "--lang", "en", "--equipe", "Alice;alice"],
            message("team_duplicate", "en", name="alice"),
        ),
        (["rapport"], message("no_such_command", "fr", name="rapport", choices=COMMANDS)),
    ],
    ids=["bad-year", "team-en", "unknown-command"],
)
def test_process_refusal_has_no_traceback(tmp_path: Path, args, expected: str) -> None:
    done = _python("-m", "pacxl", *args, cwd=tmp_path)

    assert done.returncode == 2
    assert done.stderr == expected + "\n"
    assert done.stdout == ""
    assert listing(tmp_path) == set()

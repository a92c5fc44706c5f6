"""The options of ``pacxl new`` (``new_options``, ``parse_team``) and the message catalogue.

The catalogue tests read pacxl's source: every ``OptionError("code", ...)``,
``OutputError("code", ...)`` and ``message("code", ...)`` must name a message that exists in
French and English, and fill exactly its placeholders.
"""

from __future__ import annotations

import ast
import dataclasses
import datetime as dt
import functools
import math
import re
import string
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click
import pytest

import pacxl
import pacxl.errors
from pacxl.cli.app import FLOAT, INT
from pacxl.cli.new import new
from pacxl.cli.report import _checked, _review_date
from pacxl.errors import OptionError, OutputError, PacxlError
from pacxl.messages import _catalogue, message
from pacxl.options import (
    MAX_ROWS,
    MAX_TEAM,
    Member,
    NewOptions,
    clean_text,
    new_options,
    parse_team,
)
from pacxl.report import format_of
from pacxl.spec import LANGS, load_spec

NEXT_YEAR = dt.date.today().year + 1


# stands for the description's list of currencies, read when a test runs, not at collection
CURRENCIES = object()


def filled(params: dict[str, Any]) -> dict[str, Any]:
    choices = ", ".join(load_spec().currencies)
    return {key: choices if value is CURRENCIES else value for key, value in params.items()}


def param(name: str) -> click.Parameter:
    """The parameter ``name`` of ``pacxl new``."""
    return next(p for p in new.params if p.name == name)


def raised(call: Callable[[], Any]) -> OptionError:
    with pytest.raises(OptionError) as info:
        call()
    return info.value


# -- new_options --------------------------------------------------------------------------------


def test_defaults_come_from_the_description() -> None:
    defaults = load_spec().defaults

    options = new_options()

    assert options == NewOptions(
        lang="fr",
        year=NEXT_YEAR,
        first_month=defaults["first_month"],
        currency=defaults["currency"],
        spare_rows=defaults["spare_rows"],
        action_rows=defaults["action_rows"],
        tolerance=defaults["tolerance"],
    )
    assert options.team == () and options.company == "" and options.bpi is False


def test_options_are_frozen() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        new_options().year = 2000  # type: ignore[misc]


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ({"lang": "en"}, {"lang": "en"}),
        ({"year": 1990}, {"year": 1990}),
        ({"year": 2200}, {"year": 2200}),
        ({"first_month": 1}, {"first_month": 1}),
        ({"first_month": 12}, {"first_month": 12}),
        ({"currency": "usd"}, {"currency": "USD"}),
        ({"currency": "Chf"}, {"currency": "CHF"}),
        ({"currency": ""}, {"currency": "EUR"}),
        ({"spare_rows": 0, "action_rows": MAX_ROWS}, {"spare_rows": 0, "action_rows": MAX_ROWS}),
        ({"spare_rows": MAX_ROWS}, {"spare_rows": MAX_ROWS}),
        ({"action_rows": 0}, {"action_rows": 1}),  # a grid has at least one row
        ({"tolerance": 0}, {"tolerance": 0}),
        ({"tolerance": 1}, {"tolerance": 1}),
        ({"bpi": True}, {"bpi": True}),
        ({"team": "Alice:Dir"}, {"team": (Member("Alice", "Dir"),)}),
    ],
)
def test_accepted_values(given: dict[str, Any], expected: dict[str, Any]) -> None:
    options = new_options(**given)

    assert {key: getattr(options, key) for key in expected} == expected


@pytest.mark.parametrize(
    ("given", "code", "params"),
    [
        ({"lang": "de"}, "bad_lang", {"value": "de", "choices": "fr, en"}),
        ({"lang": "EN"}, "bad_lang", {"value": "EN", "choices": "fr, en"}),
        ({"lang": ""}, "bad_lang", {"value": "", "choices": "fr, en"}),
        ({"year": 1989}, "bad_year", {"value": 1989}),
        ({"year": 2201}, "bad_year", {"value": 2201}),
        ({"first_month": 0}, "bad_month", {"value": 0}),
        ({"first_month": 13}, "bad_month", {"value": 13}),
        ({"first_month": -1}, "bad_month", {"value": -1}),
        (
            {"currency": "xyz"},
            "bad_currency",
            {"value": "XYZ", "choices": CURRENCIES},
        ),
        ({"spare_rows": -1}, "bad_rows", {"option": "spare-rows", "value": -1, "max": MAX_ROWS}),
        (
            {"action_rows": MAX_ROWS + 1},
            "bad_rows",
            {"option": "action-rows", "value": MAX_ROWS + 1, "max": MAX_ROWS},
        ),
        ({"tolerance": -0.01}, "bad_tolerance", {"value": -0.01}),
        ({"tolerance": 1.01}, "bad_tolerance", {"value": 1.01}),
        ({"tolerance": math.inf}, "bad_tolerance", {"value": math.inf}),
        ({"team": ";;"}, "team_empty", {}),
    ],
)
def test_refused_values(given: dict[str, Any], code: str, params: dict[str, Any]) -> None:
    error = raised(lambda: new_options(**given))

    assert (error.code, error.params) == (code, filled(params))


def test_nan_tolerance_is_refused() -> None:
    error = raised(lambda: new_options(tolerance=math.nan))

    assert error.code == "bad_tolerance" and math.isnan(error.params["value"])


def test_the_rows_message_names_a_real_option() -> None:
    error = raised(lambda: new_options(spare_rows=-1))

    spellings = {s for p in new.params for s in (*p.opts, *getattr(p, "secondary_opts", ()))}
    option = "--" + error.params["option"]
    assert option in spellings
    assert option in error.message("fr") and option in error.message("en")


def test_free_text_is_normalised() -> None:
    options = new_options(
        company=" \x00Soci\u0065\u0301t\u00e9\x1b Test\x7f ",
        author="\u202eZoé\u2066 Auteur\u2069\n",
    )

    assert options.company == "Société Test"
    assert options.author == "Zoé Auteur"


# -- clean_text ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("  Acme  ", "Acme"),
        ("A\x00c\x08m\x0b\x0ce\x1f\x7f", "Acme"),
        ("Jean\tDupont\nSAS", "Jean\tDupont\nSAS"),  # TAB and LF are text, not controls
        ("Cafe\u0301", "Café"),  # NFC
        ("\u202aA\u202bB\u202cC\u202dD\u202eE\u2066F\u2067G\u2068H\u2069", "ABCDEFGH"),
        ("", ""),
        ("\x01 \x02", ""),
    ],
)
def test_clean_text(raw: str, clean: str) -> None:
    assert clean_text(raw) == clean


def test_clean_text_limits_the_length() -> None:
    assert clean_text("x" * 300) == "x" * 255
    assert clean_text("x" * 300, limit=10) == "x" * 10
    assert clean_text("x" * 254 + " y") == "x" * 254  # no trailing blank after the cut
    assert clean_text("e\u0301" * 300) == "é" * 255  # counted after NFC


# -- parse_team ---------------------------------------------------------------------------------


@pytest.mark.parametrize("empty", [None, "", ()])
def test_no_team(empty: Any) -> None:
    assert parse_team(empty) == ()


@pytest.mark.parametrize(
    ("value", "members"),
    [
        (
            "Alice Martin:Directrice commerciale;Bruno:Commercial",
            [("Alice Martin", "Directrice commerciale"), ("Bruno", "Commercial")],
        ),
        (("Alice:Dir", "Bruno;Chloé:Web"), [("Alice", "Dir"), ("Bruno", ""), ("Chloé", "Web")]),
        ("Alice\nBruno:Com\n", [("Alice", ""), ("Bruno", "Com")]),
        ("  Alice  :  Dir  ;;  ; Bruno ", [("Alice", "Dir"), ("Bruno", "")]),
        ("Alice:Dir:adjointe", [("Alice", "Dir:adjointe")]),
        ("Zoe\u0301:Re\u0301f", [("Zoé", "Réf")]),
        ("Al\x00ice\x1b:Di\x7fr", [("Alice", "Dir")]),
        ("\u202eAlice:\u2066Dir\u2069", [("Alice", "Dir")]),
    ],
)
def test_team(value: Any, members: list[tuple[str, str]]) -> None:
    assert parse_team(value) == tuple(Member(n, r) for n, r in members)


def test_team_names_and_roles_are_bounded() -> None:
    (member,) = parse_team("n" * 150 + ":" + "r" * 150)

    assert member == Member("n" * 100, "r" * 100)


def test_team_size_limit() -> None:
    names = [f"Personne {i}" for i in range(MAX_TEAM + 1)]

    assert len(parse_team(";".join(names[:MAX_TEAM]))) == MAX_TEAM
    error = raised(lambda: parse_team(";".join(names)))
    assert (error.code, error.params) == ("team_too_long", {"count": MAX_TEAM + 1, "max": MAX_TEAM})


@pytest.mark.parametrize(
    ("value", "code", "params"),
    [
        (":Role", "team_no_name", {"entry": ":Role"}),
        ("Alice;  : Role ", "team_no_name", {"entry": ": Role"}),
        ("\x1b\x07 :Role", "team_no_name", {"entry": ":Role"}),  # no control echoed back
        ("Alice;ALICE:Dir", "team_duplicate", {"name": "ALICE"}),
        ("Zoé;Zoe\u0301", "team_duplicate", {"name": "Zoé"}),
        ("Straße;STRASSE", "team_duplicate", {"name": "STRASSE"}),
        (("Alice", " alice "), "team_duplicate", {"name": "alice"}),
        (";;", "team_empty", {}),
        (" ; \n ;", "team_empty", {}),
        (("",), "team_empty", {}),
    ],
)
def test_malformed_team(value: Any, code: str, params: dict[str, Any]) -> None:
    error = raised(lambda: parse_team(value))

    assert (error.code, error.params) == (code, params)


# -- every OptionError speaks both languages ----------------------------------------------------

RAISING: dict[str, Callable[[], Any]] = {
    "bad_lang": lambda: new_options(lang="xx"),
    "bad_year": lambda: new_options(year=1800),
    "bad_month": lambda: new_options(first_month=13),
    "bad_currency": lambda: new_options(currency="ZZZ"),
    "bad_rows": lambda: new_options(spare_rows=-5),
    "bad_tolerance": lambda: new_options(tolerance=2),
    "team_no_name": lambda: parse_team(":Chef"),
    "team_duplicate": lambda: parse_team("Bob;bob"),
    "team_empty": lambda: parse_team(";"),
    "team_too_long": lambda: parse_team(";".join(map(str, range(MAX_TEAM + 5)))),
    "not_integer": lambda: INT.convert("douze", param("year"), None),
    "not_number": lambda: FLOAT.convert("beaucoup", param("tolerance"), None),
    "report_bad_date": lambda: _review_date("demain"),
    "report_bad_format": lambda: format_of("rapport.pdf"),
    "report_same_output": lambda: _checked(("r.md", "./r.md"), None, False, ()),
}


@pytest.mark.parametrize("code", sorted(RAISING))
def test_option_error_message(code: str) -> None:
    error = raised(RAISING[code])

    assert error.code == code
    assert error.exit_code == 2
    french, english = error.message("fr"), error.message("en")
    assert french == message(code, "fr", **error.params) == str(error)
    assert english == message(code, "en", **error.params)
    assert french != english
    assert "{" not in french and "{" not in english
    for value in error.params.values():
        assert str(value) in french and str(value) in english


def test_every_option_error_code_is_exercised() -> None:
    # the options of `pacxl new`; those of `pacxl serve` and of the web pages (serve_*,
    # web_*) are exercised in tests/test_web.py, those of `pacxl report` in test_cli_report
    raised_anywhere = {
        code for use in message_uses() if use.kind == "OptionError" for code in use.codes
        if not code.startswith(("serve_", "web_", "batch_", "demo_"))
    }

    assert raised_anywhere == set(RAISING)


def test_number_options_accept_a_decimal_comma() -> None:
    tolerance = param("tolerance")

    assert FLOAT.convert("0,25", tolerance, None) == 0.25
    assert FLOAT.convert(0.5, tolerance, None) == 0.5
    assert INT.convert("12", tolerance, None) == 12
    assert raised(lambda: INT.convert("1.5", tolerance, None)).params == {
        "option": "--tolerance",
        "value": "1.5",
    }


# -- the catalogue and every use of it ----------------------------------------------------------

SOURCES = sorted(Path(pacxl.__file__).parent.rglob("*.py"))
RAISERS = {  # PacxlError and its subclasses: the first argument is a message code
    name
    for name, value in vars(pacxl.errors).items()
    if isinstance(value, type) and issubclass(value, PacxlError)
}


@dataclass(frozen=True)
class Use:
    """One call that names a message: where, which code(s), which keyword arguments."""

    where: str
    kind: str  # "message" or the exception class
    codes: tuple[str, ...] | None  # None: unreadable; "prefix_*": a family, f"prefix_{code}"
    params: frozenset[str] | None  # None: **kwargs, not checkable

    def messages(self, catalogue: dict[str, Any]) -> list[str]:
        """The catalogue codes this call can show."""
        found = []
        for code in self.codes or ():
            if code.endswith("*"):
                found += [c for c in catalogue if c.startswith(code[:-1])] or [code]
            else:
                found.append(code)
        return found


def _codes(node: ast.expr, assigned: dict[str, ast.expr]) -> tuple[str, ...] | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return (node.value,)
    if isinstance(node, ast.JoinedStr) and node.values:  # f"finding_{code}": a family
        first = node.values[0]
        if isinstance(first, ast.Constant) and first.value:
            return (first.value + "*",)
    if isinstance(node, ast.IfExp):
        body, orelse = _codes(node.body, assigned), _codes(node.orelse, assigned)
        return body + orelse if body is not None and orelse is not None else None
    if isinstance(node, ast.Name) and node.id in assigned:
        return _codes(assigned[node.id], {})
    return None


def _uses_in(path: Path) -> Iterator[Use]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    scopes = [tree, *(n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef))]
    seen: set[tuple[int, int]] = set()
    for scope in reversed(scopes):  # innermost first, so a call is read in its own function
        assigned = {
            n.targets[0].id: n.value
            for n in ast.walk(scope)
            if isinstance(n, ast.Assign) and isinstance(n.targets[0], ast.Name)
        }
        for call in ast.walk(scope):
            if not (
                isinstance(call, ast.Call)
                and isinstance(call.func, ast.Name)
                and call.func.id in RAISERS | {"message", "word_list"}
                and call.args
            ):
                continue
            if (call.lineno, call.col_offset) in seen or isinstance(call.args[0], ast.Attribute):
                continue  # already read, or the generic PacxlError.message(self.code, ...)
            seen.add((call.lineno, call.col_offset))
            keywords = [k.arg for k in call.keywords]
            yield Use(
                f"{path.name}:{call.lineno}",
                call.func.id,
                _codes(call.args[0], assigned),
                None if None in keywords else frozenset(k for k in keywords if k),
            )


# the modules whose functions pass a code given by their callers on to message(); their
# callers are scanned instead (word_list() of the reports, t() of the web pages' templates)
FORWARDERS = {"text.py", "i18n.py"}
TEMPLATES = sorted((Path(pacxl.__file__).parent / "web" / "templates").glob("*.html"))
_TEMPLATE_CALL = re.compile(r"""\bt\((["'])([a-z0-9_]+)\1""")


def _uses_in_template(path: Path) -> Iterator[Use]:
    # t("code", name=value) in a Jinja template; a code ending in "_" is a family (t("web_lang_"
    # ~ lang)); the parameters are not checked here
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        for match in _TEMPLATE_CALL.finditer(line):
            code = match.group(2)
            yield Use(f"{path.name}:{number}", "template",
                      (code + "*" if code.endswith("_") else code,), None)


@functools.cache
def message_uses() -> tuple[Use, ...]:
    found = [use for path in SOURCES for use in _uses_in(path)]
    return tuple(found + [use for path in TEMPLATES for use in _uses_in_template(path)])


def placeholders(template: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(template) if field is not None}


def test_the_source_scan_finds_the_calls() -> None:
    uses = message_uses()
    kinds = {use.kind for use in uses}

    assert {"OptionError", "OutputError", "message", "word_list", "template"} <= kinds
    assert len(uses) >= 30
    assert {use.where.partition(":")[0] for use in uses if use.codes is None} == FORWARDERS


def test_every_code_used_exists_in_both_languages_with_its_placeholders() -> None:
    catalogue = _catalogue()
    problems = []
    for use in message_uses():
        for code in use.messages(catalogue):
            entry = catalogue.get(code)
            if entry is None:
                problems.append(f"{use.where}: no message {code!r}")
                continue
            for lang in LANGS:
                if lang not in entry:
                    problems.append(f"{use.where}: {code!r} has no {lang} text")
                elif use.params is not None and not placeholders(entry[lang]) <= use.params:
                    missing = sorted(placeholders(entry[lang]) - use.params)
                    problems.append(f"{use.where}: {code!r} ({lang}) leaves {missing} unfilled")
    assert problems == []


SAME_IN_BOTH = {"web_download_xlsx", "web_download_json", "web_download_csv"}  # format names


def test_every_catalogue_entry_speaks_both_languages() -> None:
    for code, entry in _catalogue().items():
        assert set(entry) == set(LANGS), code
        assert placeholders(entry["fr"]) == placeholders(entry["en"]), code
        assert all(name.isidentifier() for name in placeholders(entry["fr"])), code
        assert entry["fr"] != entry["en"] or code in SAME_IN_BOTH, code


def test_errors_render_their_message() -> None:
    error = OutputError("output_exists", path=Path("plan.xlsx"))

    assert isinstance(error, PacxlError) and error.exit_code == 2
    assert str(error) == error.message("fr") == message("output_exists", path=Path("plan.xlsx"))
    assert error.message("en").startswith("The file plan.xlsx already exists")

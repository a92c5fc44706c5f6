"""The options of ``pacxl new``, checked once, with messages for people."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field

from .errors import OptionError
from .spec import LANGS, load_spec

MAX_TEAM = 200
MAX_ROWS = 5000
# C0 controls but TAB, LF, CR; DEL; bidi embeddings, overrides and isolates (spoofing)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069]")


@dataclass(frozen=True)
class Member:
    name: str
    role: str = ""


@dataclass(frozen=True)
class NewOptions:
    """Everything that shapes a blank workbook. Build it with :func:`new_options`."""

    lang: str = "fr"
    year: int = field(default_factory=lambda: dt.date.today().year + 1)
    first_month: int = 1
    currency: str = "EUR"
    company: str = ""
    author: str = ""
    team: tuple[Member, ...] = ()
    bpi: bool = False
    spare_rows: int = 10
    action_rows: int = 40
    tolerance: float = 0.1


def clean_text(value: str, limit: int = 255) -> str:
    """Normalise user text once: NFC, no control characters, trimmed, bounded."""
    value = unicodedata.normalize("NFC", _CONTROL.sub("", value)).strip()
    return value[:limit].rstrip()


def parse_team(value: str | tuple[str, ...] | None) -> tuple[Member, ...]:
    """Parse ``"Alice Martin:Directrice commerciale;Bruno:Commercial"`` (or several such)."""
    if not value:
        return ()
    chunks = [value] if isinstance(value, str) else list(value)
    entries = [e for chunk in chunks for e in re.split(r"[;\n]", chunk)]
    members: list[Member] = []
    for entry in entries:
        if not entry.strip():
            continue
        name, _, role = entry.partition(":")
        name, role = clean_text(name, 100), clean_text(role, 100)
        if not name:
            raise OptionError("team_no_name", entry=clean_text(entry))
        if any(m.name.casefold() == name.casefold() for m in members):
            raise OptionError("team_duplicate", name=name)
        members.append(Member(name, role))
    if not members:
        raise OptionError("team_empty")
    if len(members) > MAX_TEAM:
        raise OptionError("team_too_long", count=len(members), max=MAX_TEAM)
    return tuple(members)


def new_options(*, lang: str = "fr", year: int | None = None, first_month: int | None = None,
                currency: str | None = None, company: str = "", author: str = "",
                team: str | tuple[str, ...] | None = None, bpi: bool = False,
                spare_rows: int | None = None, action_rows: int | None = None,
                tolerance: float | None = None) -> NewOptions:
    """Check and normalise the options of a new workbook.

    Raises:
        OptionError: an option is out of range or malformed; its message says which.
    """
    defaults = load_spec().defaults
    if lang not in LANGS:
        raise OptionError("bad_lang", value=lang, choices=", ".join(LANGS))
    year = dt.date.today().year + 1 if year is None else year
    if not 1990 <= year <= 2200:
        raise OptionError("bad_year", value=year)
    first_month = defaults["first_month"] if first_month is None else first_month
    if not 1 <= first_month <= 12:
        raise OptionError("bad_month", value=first_month)
    currency = (currency or defaults["currency"]).upper()
    if currency not in load_spec().currencies:
        raise OptionError("bad_currency", value=currency,
                          choices=", ".join(load_spec().currencies))
    spare = defaults["spare_rows"] if spare_rows is None else spare_rows
    rows = defaults["action_rows"] if action_rows is None else action_rows
    for key, value in (("spare-rows", spare), ("action-rows", rows)):
        if not 0 <= value <= MAX_ROWS:
            raise OptionError("bad_rows", option=key, value=value, max=MAX_ROWS)
    tol = defaults["tolerance"] if tolerance is None else tolerance
    if not 0 <= tol <= 1:
        raise OptionError("bad_tolerance", value=tol)
    return NewOptions(lang=lang, year=year, first_month=first_month, currency=currency,
                      company=clean_text(company), author=clean_text(author),
                      team=parse_team(team), bpi=bpi, spare_rows=spare, action_rows=max(rows, 1),
                      tolerance=tol)

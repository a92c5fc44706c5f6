"""Interpret what people type in a cell: French numbers, percents, dates, dashes.

Each function takes the stored value and its kind (see :class:`pacxl.xlsx.RawCell`) and
returns ``(value, note)``: the interpreted value (None for empty) and, when the value had to
be interpreted or cannot be read, a finding code (``text_number``, ``not_a_number``…).
No pandas here: ``pacxl check`` runs without it.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata

EXCEL_EPOCH = dt.date(1899, 12, 30)
DATE_MIN, DATE_MAX = dt.date(1990, 1, 1), dt.date(2199, 12, 31)
CENTURY_PIVOT = 30  # a two-digit year below it is 20xx, from it 19xx (Excel's rule)
_SPACES = re.compile(r"[\s\u00a0\u202f\u2007\u2009]+")
_GROUP_MARKS = re.compile(r"[ '’.,]")  # what may separate thousands once spaces are unified
_CURRENCY = re.compile(r"(?i)(k?\s*(€|eur|euros?|\$|usd|£|gbp|chf|fcfa|mad))$|^(€|\$|£)")
_KILO = re.compile(r"(?i)k\s*(€|eur|\$|£)")
_PLAIN = re.compile(r"^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")
_DATE_DMY = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})$")
_DATE_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]00:00(?::00)?)?$")
# C0 controls but TAB, LF, CR; DEL; bidi embeddings, overrides and isolates (spoofing)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069]")
DASHES = {"-", "–", "—"}

Result = tuple[object, str | None]


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _decimal_mark(body: str) -> str | None:
    """The decimal separator of a number: the last of "," and "." when both appear,
    else a lone "," (French) or a lone "." (English); None when there is none."""
    if "," in body and "." in body:
        return "," if body.rfind(",") > body.rfind(".") else "."
    for mark in (",", "."):
        if body.count(mark) == 1:
            return mark
    return None


def _decimal(text: str) -> float | None:
    """A number written the French or the English way: 1 234,56 / 1.234,5 / 1,234.5 / 1.5.

    Thousands separators (spaces, ".", ",", "'") must separate groups of three digits:
    "1.5.3" or "12 34" are not numbers.
    """
    text = text.replace("−", "-").strip()
    sign = -1.0 if text[:1] == "-" else 1.0
    body = _SPACES.sub(" ", text[1:] if text[:1] in "+-" else text).strip()
    mark = _decimal_mark(body)
    whole, _, fraction = body.rpartition(mark) if mark else (body, "", "")
    groups = _GROUP_MARKS.split(whole)
    if len(groups) > 1 and not (1 <= len(groups[0]) <= 3
                                and all(len(g) == 3 for g in groups[1:])):
        return None
    plain = "".join(groups) + ("." + fraction if mark else "")
    if not _PLAIN.match(plain):
        return None
    value = float(plain)
    return sign * value if math.isfinite(value) else None


def _negative(text: str) -> tuple[str, float]:
    """(1 234) is the accountant's -1 234."""
    if text.startswith("(") and text.endswith(")"):
        return text[1:-1].strip(), -1.0
    return text, 1.0


def _amount(text: str) -> float | None:
    """1 234,56 € / (1 234,50 €) / 60 k€ / 12 % → the number they stand for."""
    text, sign = _negative(text)
    stripped = _CURRENCY.sub("", text).strip()
    scale = 1000.0 if stripped != text and _KILO.search(text) else 1.0
    stripped, outer = _negative(stripped)  # (1 234) €
    percent = stripped.endswith("%")
    parsed = _decimal(stripped[:-1] if percent else stripped)
    if parsed is None:
        return None
    parsed *= sign * outer * scale
    return parsed / 100 if percent else parsed


def number(value: object, kind: str) -> Result:
    """A number (money, count, rate…) from a stored value."""
    if kind == "e":
        return None, "error_value"
    if is_blank(value):
        return None, None
    if isinstance(value, bool):
        return None, "not_a_number"
    if isinstance(value, int | float):
        if not math.isfinite(value):
            return None, "not_a_number"
        return float(value), ("date_in_number" if kind == "d" else None)
    text = str(value).strip()
    if text in DASHES:
        return 0.0, "dash_zero"
    parsed = _amount(text)
    return (None, "not_a_number") if parsed is None else (parsed, "text_number")


def percent(value: object, kind: str) -> Result:
    """A rate: 0,12 or "12 %" both mean 12 %; 12 without "%" is read as 1 200 %, flagged."""
    parsed, note = number(value, kind)
    typed_percent = isinstance(value, str) and "%" in value
    if isinstance(parsed, float) and abs(parsed) > 1 and not typed_percent and note in (
            None, "text_number"):
        return parsed, "rate_over_100"
    return parsed, note


def integer(value: object, kind: str) -> Result:
    """A count (or a year, a month number): 12,5 is read as is, flagged."""
    parsed, note = number(value, kind)
    if isinstance(parsed, float) and not parsed.is_integer() and note in (None, "text_number"):
        return parsed, "not_whole"
    return parsed, note


def date(value: object, kind: str) -> Result:
    """A date from a serial number (with or without a date format) or typed text."""
    if kind == "e":
        return None, "error_value"
    if is_blank(value):
        return None, None
    if isinstance(value, int | float) and not isinstance(value, bool):
        try:
            day = EXCEL_EPOCH + dt.timedelta(days=int(value))
        except (OverflowError, ValueError):  # inf, nan, beyond year 9999
            return None, "not_a_date"
        if not DATE_MIN <= day <= DATE_MAX:
            return None, "date_out_of_range"
        return day, (None if kind == "d" else "number_as_date")
    parsed = parse_date_text(str(value).strip())
    if parsed is None:
        return None, "not_a_date"
    if not DATE_MIN <= parsed <= DATE_MAX:
        return None, "date_out_of_range"
    return parsed, "text_date"


def parse_date_text(text: str) -> dt.date | None:
    """15/03/2027, 15-03-27, 15.03.2027 (day first, the French way) or 2027-03-15."""
    match = _DATE_ISO.match(text)
    try:
        if match:
            return dt.date(int(match[1]), int(match[2]), int(match[3]))
        match = _DATE_DMY.match(text)
        if match:
            year = int(match[3])
            if len(match[3]) == 2:
                year += 2000 if year < CENTURY_PIVOT else 1900
            return dt.date(year, int(match[2]), int(match[1]))
    except ValueError:
        return None
    return None


def clean_text(value: str) -> str:
    """Text normalised once: no control characters or bidi overrides, NFC, trimmed."""
    if not value.isprintable():  # what _CONTROL removes is never printable: skip it if none
        value = _CONTROL.sub("", value)
    return unicodedata.normalize("NFC", value).strip()


def text(value: object, kind: str) -> Result:
    """Text as typed (normalised); numbers typed in a text column are kept as their digits."""
    if kind == "e":
        return None, "error_value"
    if isinstance(value, str):  # the common case; blank text cleans to "" and reads as None
        return clean_text(value) or None, None
    if is_blank(value):
        return None, None
    if isinstance(value, float):
        if kind == "d":
            day, _ = date(value, kind)
            return (day.isoformat() if isinstance(day, dt.date) else str(value)), None
        return (str(int(value)) if value.is_integer() else repr(value)), None
    if isinstance(value, bool):
        return ("VRAI" if value else "FAUX"), None
    return clean_text(str(value)) or None, None


def serial_to_date(value: float) -> dt.date:
    return EXCEL_EPOCH + dt.timedelta(days=int(value))


PARSERS = {
    "text": text, "longtext": text, "number": number, "integer": integer, "money": number,
    "money2": number, "percent": percent, "years": number, "rank": number, "times": number,
    "year": integer, "month_number": integer, "date": date,
}


def interpret(value: object, kind: str, value_type: str) -> Result:
    """Interpret a stored value for a column of the description's ``value_type``."""
    return PARSERS.get(value_type, text)(value, kind)

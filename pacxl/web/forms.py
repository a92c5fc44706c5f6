"""The pages' forms turned into the library's arguments, with the CLI's option names.

The blank-workbook form has the fields ``company, author, year, first_month, currency,
team`` (one « Nom : Rôle » a line), ``workbook_lang`` (the workbook's ``lang``) and
``grid`` (``bpi`` or ``empty``); :func:`new_workbook_options` hands them to
:func:`pacxl.new_options`, which checks them as it checks ``pacxl new``'s options.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping

from ..errors import OptionError
from ..messages import message
from ..options import NewOptions, clean_text, new_options
from ..spec import load_spec

_PATH_PARTS = re.compile(r"[\\/]")


def new_form_defaults(lang: str) -> dict[str, str]:
    """The blank-workbook form as first shown."""
    defaults = load_spec().defaults
    return {"company": "", "author": "", "year": str(dt.date.today().year + 1),
            "first_month": str(defaults["first_month"]), "currency": defaults["currency"],
            "team": "", "workbook_lang": lang, "grid": "empty"}


def new_workbook_options(form: Mapping[str, str], lang: str) -> NewOptions:
    """The options of the blank workbook the form asks for.

    Raises:
        OptionError: a field is malformed or out of range; the message says which.
    """
    team = form.get("team", "").strip()
    return new_options(
        lang=form.get("workbook_lang", lang), company=form.get("company", ""),
        author=form.get("author", ""), currency=form.get("currency") or None,
        year=_integer(form, "year", lang), first_month=_integer(form, "first_month", lang),
        team=team or None, bpi=form.get("grid") == "bpi")


def review_date(form: Mapping[str, str]) -> dt.date | None:
    """The review date of the upload form (``as_of``, YYYY-MM-DD), None when empty.

    Raises:
        OptionError: the date is not a real YYYY-MM-DD date.
    """
    value = form.get("as_of", "").strip()
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value) if len(value) == 10 else _bad_date(value)
    except ValueError:
        return _bad_date(value)


def display_name(filename: str | None, index: int, lang: str) -> str:
    """The name to show for an uploaded file: its last path part, cleaned and bounded.

    Only ever shown (escaped), never used as a path.
    """
    name = clean_text(_PATH_PARTS.split(filename or "")[-1], 120)
    return name or message("web_unnamed_file", lang, number=index + 1)


def _integer(form: Mapping[str, str], key: str, lang: str) -> int | None:
    value = form.get(key, "").strip()
    if not value:
        return None
    try:
        return int(value)
    except ValueError:
        label = message(f"web_field_{key}", lang)
        raise OptionError("not_integer", option=f"« {label} »" if lang == "fr" else f"“{label}”",
                          value=clean_text(value, 40)) from None


def _bad_date(value: str) -> dt.date:
    raise OptionError("web_bad_date", value=clean_text(value, 40))


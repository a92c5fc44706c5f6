"""The pages' language (``?lang=en``, else the server's default) and their words.

Every word of the pages comes from the catalogue (``web_*`` codes of
``pacxl/messages.toml``); templates get ``t(code, **params)``, ``link(endpoint, **values)``
(a URL that keeps the language) and ``switch_url`` (the same page in the other language).
"""

from __future__ import annotations

from typing import Any

from flask import Flask, current_app, request, url_for

from ..messages import message
from ..spec import LANGS


def page_lang() -> str:
    """The language asked in the query string, else the application's default."""
    asked = request.args.get("lang", "")
    return asked if asked in LANGS else current_app.config["PACXL_DEFAULT_LANG"]


def link(endpoint: str, **values: Any) -> str:
    """The URL of ``endpoint`` in the page's language."""
    return url_for(endpoint, lang=page_lang(), **values)


def words(lang: str) -> dict[str, Any]:
    """What every template may use: the language, ``t``, ``link`` and ``switch_url``."""
    other = next(code for code in LANGS if code != lang)
    rule = request.url_rule
    if rule is not None and "GET" in (rule.methods or ()):  # the same page, other language
        switch = url_for(rule.endpoint, lang=other, **(request.view_args or {}))
    else:  # an error page, a POST: the home page
        switch = url_for("views.home", lang=other)

    def t(code: str, **params: Any) -> str:
        return message(code, lang, **params)

    return {"lang": lang, "t": t, "link": link, "switch_url": switch,
            "switch_label": message("web_switch", other)}


def register(app: Flask) -> None:
    app.context_processor(lambda: words(page_lang()))

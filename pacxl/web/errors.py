"""Error pages in plain words: too big (413), busy (503), not found, bad request, internal."""

from __future__ import annotations

import logging

from flask import Flask, Response, current_app, render_template
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge, SecurityError

from ..xlsx.limits import MB
from .work import Busy

log = logging.getLogger(__name__)
# HTTP status → the catalogue's title and sentence
_PAGES = {404: "web_not_found", 405: "web_bad_method", 413: "web_too_big", 503: "web_busy"}


def error_page(status: int, code: str, **params: object) -> tuple[str, int]:
    """The page of ``status``: ``<code>_title`` as its heading, ``<code>`` as its text."""
    return render_template("error.html", title=f"{code}_title", code=code,
                           params=params), status


def _http(error: HTTPException) -> Response | tuple[str, int]:
    if isinstance(error, SecurityError):  # an untrusted Host: no page can be built for it
        return Response("Bad Request: untrusted host\n", 400, mimetype="text/plain")
    code = _PAGES.get(error.code or 400, "web_bad_request")
    return error_page(error.code or 400, code)


def _too_big(_: RequestEntityTooLarge) -> tuple[str, int]:
    limit = current_app.config["MAX_CONTENT_LENGTH"]
    return error_page(413, "web_too_big", mb=f"{limit / MB:g}")


def _busy(error: Busy) -> tuple[str, int, dict[str, str]]:
    page, status = error_page(503, "web_busy", seconds=error.retry_after)
    return page, status, {"Retry-After": str(error.retry_after)}


def _internal(error: Exception) -> tuple[str, int]:
    log.error("pacxl web: internal error", exc_info=error)
    return error_page(500, "web_internal", kind=type(error).__name__)


def register(app: Flask) -> None:
    app.register_error_handler(RequestEntityTooLarge, _too_big)
    app.register_error_handler(Busy, _busy)
    app.register_error_handler(HTTPException, _http)
    app.register_error_handler(Exception, _internal)

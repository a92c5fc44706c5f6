"""Security headers on every response, and the report page's own policy.

Pages get a Content-Security-Policy that allows nothing but the app's stylesheet and form
posts to itself: no script at all. The report page (:func:`pacxl.report.page.render_html`)
declares its policy in a ``<meta>`` (its one inline style, by hash); it is served with that
same policy as a header, plus what only a header can say (``frame-ancestors``).
"""

from __future__ import annotations

from flask import Flask, Response, request

PAGE_POLICY = ("default-src 'none'; style-src 'self'; img-src 'self' data:; "
               "form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}


def report_response(page: str) -> Response:
    """A report page as an HTTP response whose header policy is the page's own."""
    from ..report.page import policy

    response = Response(page, mimetype="text/html")
    response.headers["Content-Security-Policy"] = f"{policy()}; frame-ancestors 'none'"
    return response


def _secure(response: Response) -> Response:
    response.headers.setdefault("Content-Security-Policy", PAGE_POLICY)
    response.headers.update(HEADERS)
    if request.endpoint != "static":  # pages and reports hold business data: never cached
        response.headers["Cache-Control"] = "no-store"
    return response


def register(app: Flask) -> None:
    app.after_request(_secure)

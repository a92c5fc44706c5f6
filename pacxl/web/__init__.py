"""The web pages of ``pacxl serve``: download a blank PAC, upload a filled one, read its report.

    from pacxl.web import create_app
    app = create_app({"MAX_CONTENT_LENGTH": 10 * 1024 * 1024})   # a WSGI application

The pages call the same library as the CLI (:func:`pacxl.new_workbook`,
:func:`pacxl.read_workbook`, :func:`pacxl.analyse`, :mod:`pacxl.report`); they speak French,
English with ``?lang=en``. Safe by default: bounded uploads (HTTP 413 page), uploads read in
a private temporary folder removed before the response, client file names shown and never
used as paths, Jinja autoescaping, a restrictive Content-Security-Policy, no debug mode,
bounded work per request (:mod:`.work`). Reports stay in memory for the downloads, at most
``PACXL_RETENTION_S`` seconds (:mod:`.store`), never on disk.
"""

from __future__ import annotations

from typing import Any

from flask import Flask

from .. import __version__
from ..batch.pool import Workers
from ..xlsx.limits import MB
from . import errors, i18n, security, views
from .store import ReportStore
from .work import WorkLimiter

DEFAULTS: dict[str, Any] = {
    "MAX_CONTENT_LENGTH": 20 * MB,  # one upload request, every file together
    "PACXL_MAX_FILES": 20,  # files in one upload (a consolidated report)
    "PACXL_MAX_JOBS": 2,  # workbooks built, read or exported at the same time
    "PACXL_BUSY_WAIT_S": 30.0,  # how long a request waits for a free slot before a 503
    "PACXL_REQUEST_BUDGET_S": 60.0,  # reading time of one upload; later files are not read
    "PACXL_RETENTION_S": 900,  # how long a report stays in memory for its downloads
    "PACXL_MAX_REPORTS": 200,  # reports in memory at most, the oldest go first (~1.3 MB each)
    "PACXL_DEFAULT_LANG": "fr",  # the pages' language without ?lang=
    "PACXL_TEMP_DIR": None,  # where uploads are read (a private folder inside), system default
}

__all__ = ["DEFAULTS", "MB", "create_app"]


def create_app(config: dict[str, Any] | None = None) -> Flask:
    """The pacxl web application (a WSGI callable), configured by ``config`` over
    :data:`DEFAULTS`. Debug mode stays off whatever the configuration says."""
    app = Flask(__name__)
    app.config.update(DEFAULTS)
    app.config.update(config or {})
    app.config.update(DEBUG=False, PROPAGATE_EXCEPTIONS=False, TEMPLATES_AUTO_RELOAD=False)
    app.jinja_env.autoescape = True
    app.extensions["pacxl.store"] = ReportStore(app.config["PACXL_RETENTION_S"],
                                                app.config["PACXL_MAX_REPORTS"])
    app.extensions["pacxl.jobs"] = WorkLimiter(app.config["PACXL_MAX_JOBS"],
                                               app.config["PACXL_BUSY_WAIT_S"])
    app.extensions["pacxl.workers"] = Workers(app.config["PACXL_MAX_JOBS"])
    app.jinja_env.globals["version"] = __version__
    app.register_blueprint(views.blueprint)
    i18n.register(app)
    errors.register(app)
    security.register(app)
    return app

"""The routes: home, blank workbook, upload, report page and its downloads.

    GET  /                       the journey in three steps
    GET  /nouveau                the blank-workbook form; POST: the .xlsx download
    GET  /analyser               the upload form; POST: read, analyse, redirect to the report
    GET  /rapport/<token>        the report page (or, first, the problems the files have)
    GET  /rapport/<token>/<fmt>  the report in Excel (xlsx), JSON (json) or CSV (csv, a zip)

Every page takes ``?lang=fr|en``.
"""

from __future__ import annotations

import io
from typing import Any

from flask import Blueprint, current_app, redirect, render_template, request, send_file

from ..errors import OptionError
from ..messages import message
from ..spec import LANGS, load_spec
from ..xlsx.limits import MB
from .errors import error_page
from .exports import DOWNLOADS, XLSX, blank_workbook, export
from .forms import new_form_defaults, new_workbook_options, review_date
from .i18n import link, page_lang
from .security import report_response
from .store import ReportStore
from .uploads import Upload, analyse_uploads
from .work import WorkLimiter

blueprint = Blueprint("views", __name__)


@blueprint.app_context_processor
def limits() -> dict[str, Any]:
    """The limits the pages tell: files per upload, upload size, report retention."""
    config = current_app.config
    return {"max_files": config["PACXL_MAX_FILES"],
            "max_mb": f"{config['MAX_CONTENT_LENGTH'] / MB:g}",
            "minutes": f"{config['PACXL_RETENTION_S'] / 60:g}"}


@blueprint.get("/")
def home() -> str:
    return render_template("home.html")


@blueprint.route("/nouveau", methods=["GET", "POST"])
def new() -> Any:
    lang = page_lang()
    if request.method == "GET":
        return _new_form(new_form_defaults(lang))
    try:
        options = new_workbook_options(request.form, lang)
    except OptionError as exc:
        return _new_form(request.form, exc.message(lang)), 400
    with _jobs().slot():
        data = blank_workbook(options, current_app.config["PACXL_TEMP_DIR"])
    return send_file(io.BytesIO(data), mimetype=XLSX, as_attachment=True,
                     download_name=f"PAC_{options.year}.xlsx")


@blueprint.route("/analyser", methods=["GET", "POST"])
def upload() -> Any:
    lang = page_lang()
    if request.method == "GET":
        return _upload_form()
    files = [f for f in request.files.getlist("files") if f.filename]
    limit = current_app.config["PACXL_MAX_FILES"]
    if not files or len(files) > limit:
        code = "web_too_many_files" if files else "web_no_file"
        return _upload_form(message(code, lang, count=len(files), max=limit)), 400
    try:
        as_of = review_date(request.form)
    except OptionError as exc:
        return _upload_form(exc.message(lang)), 400
    config = current_app.config
    with _jobs().slot():
        result = analyse_uploads(files, workers=current_app.extensions["pacxl.workers"],
                                 lang=lang, as_of=as_of,
                                 budget=config["PACXL_REQUEST_BUDGET_S"],
                                 temp_dir=config["PACXL_TEMP_DIR"])
    if result.analysis is None:  # nothing could be read: the refusals, nothing kept
        return _problems(result, None), 422
    return redirect(link("views.report", token=_store().put(result)), 303)


@blueprint.get("/rapport/<token>")
def report(token: str) -> Any:
    result = _stored(token)
    if result is None:
        return _expired()
    if result.problems and request.args.get("tout") != "1":
        return _problems(result, token)
    from ..report.page import render_html

    back = (message("web_upload_again", page_lang()), link("views.upload"))
    return report_response(render_html(result.analysis, links=_report_links(token), back=back))


@blueprint.get("/rapport/<token>/<fmt>")
def download(token: str, fmt: str) -> Any:
    result = _stored(token)
    if fmt not in DOWNLOADS:
        return error_page(404, "web_not_found")
    if result is None:
        return _expired()
    with _jobs().slot():
        data = export(result.analysis, fmt, current_app.config["PACXL_TEMP_DIR"])
    name = _report_name(result, page_lang()) + DOWNLOADS[fmt].suffix
    return send_file(io.BytesIO(data), mimetype=DOWNLOADS[fmt].mimetype, as_attachment=True,
                     download_name=name)


def _new_form(form: Any, problem: str = "") -> str:
    spec = load_spec()
    return render_template("new.html", form=form, problem=problem, langs=LANGS,
                           currencies=list(spec.currencies), months=range(1, 13))


def _problems(result: Upload, token: str | None) -> str:
    single_refusal = result.analysis is None and len(result.outcomes) == 1
    heading = "web_refusal_heading" if single_refusal else "web_problems_heading"
    return render_template("problems.html", upload=result, token=token, heading=heading)


def _upload_form(problem: str = "") -> str:
    return render_template("upload.html", problem=problem)


def _report_links(token: str) -> list[tuple[str, str]]:
    lang = page_lang()
    return [(message(f"web_download_{fmt}", lang), link("views.download", token=token, fmt=fmt))
            for fmt in DOWNLOADS]


def _report_name(result: Upload, lang: str) -> str:
    year = result.analysis.year if result.analysis is not None else None
    return message("web_report_file", lang) + (f"_{year}" if year else "")


def _expired() -> tuple[str, int]:
    return error_page(404, "web_expired", minutes=limits()["minutes"])


def _stored(token: str) -> Upload | None:
    found = _store().get(token)
    return found if isinstance(found, Upload) and found.analysis is not None else None


def _store() -> ReportStore:
    return current_app.extensions["pacxl.store"]


def _jobs() -> WorkLimiter:
    return current_app.extensions["pacxl.jobs"]


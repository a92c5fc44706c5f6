"""The web pages of ``pacxl serve`` through Flask's test client: forms, uploads, reports,
downloads, refusals and the safety rules (limits, headers, escaping, nothing on disk)."""

from __future__ import annotations

import io
import json
import re
import threading
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from plans import make
from werkzeug.datastructures import FileStorage, MultiDict
from werkzeug.test import encode_multipart

import pacxl
from pacxl.batch.pool import Workers
from pacxl.batch.work import job
from pacxl.cli import cli
from pacxl.messages import message
from pacxl.report.page import policy
from pacxl.web import create_app
from pacxl.web.security import PAGE_POLICY
from pacxl.web.server import address, trusted_hosts
from pacxl.web.store import ReportStore

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
HOSTILE_NAME = "../../etc/passwd<script>.xlsx"
MB = 1024 * 1024


@pytest.fixture
def scratch(tmp_path: Path) -> Path:
    folder = tmp_path / "scratch"
    folder.mkdir()
    return folder


@pytest.fixture
def app(scratch: Path):
    return create_app({"PACXL_TEMP_DIR": str(scratch)})


@pytest.fixture
def client(app):
    return app.test_client()


def upload(client, *files: tuple[bytes, str], lang: str = "fr", **fields: str):
    """POST the upload form; the body is built in memory (the test client would spool a
    large one to a temporary file that nothing closes)."""
    form = MultiDict([*fields.items(), *[
        ("files", FileStorage(io.BytesIO(content), name, "files")) for content, name in files]])
    boundary, body = encode_multipart(form)
    return client.post(f"/analyser?lang={lang}", data=body,
                       content_type=f"multipart/form-data; boundary={boundary}")


def sample(name: str) -> tuple[bytes, str]:
    return (SAMPLES / f"{name}.xlsx").read_bytes(), f"{name}.xlsx"


def text_of(html: str) -> str:
    """The words a reader sees (tags, style and drawings removed, entities decoded)."""
    import html as html_module

    html = re.sub(r"<(style|svg)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", html_module.unescape(re.sub(r"<[^>]+>", " ", html)))


@pytest.fixture(scope="module")
def sample_report() -> tuple:
    """One upload of the SO'xperts sample, kept for the tests that read its report."""
    client = create_app().test_client()
    response = upload(client, sample("soxperts_b2b"))
    assert response.status_code == 303, response.text
    return client, response.headers["Location"]


# -- pages -------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("url", ["/", "/nouveau", "/analyser"])
def test_pages_speak_the_language_asked(client, url: str, lang: str) -> None:
    response = client.get(f"{url}?lang={lang}")
    assert response.status_code == 200
    assert f'<html lang="{lang}">' in response.text
    assert message("web_nav_new", lang) in response.text
    other = "en" if lang == "fr" else "fr"
    assert f'href="{url}?lang={other}"' in response.text  # the switch keeps the page
    assert "web_" not in text_of(response.text)  # no code left untranslated


def test_french_is_the_default_and_unknown_languages_fall_back_to_it(client) -> None:
    assert '<html lang="fr">' in client.get("/").text
    assert '<html lang="fr">' in client.get("/?lang=de").text
    assert '<html lang="en">' in create_app({"PACXL_DEFAULT_LANG": "en"}).test_client() \
        .get("/").text


def test_the_stylesheet_is_served_by_the_app_and_nothing_comes_from_elsewhere(client) -> None:
    page = client.get("/nouveau").text
    assert re.findall(r'(?:href|src)="(https?:)?//', page) == []
    with client.get("/static/pacxl.css") as css:
        assert css.status_code == 200 and css.mimetype == "text/css"
        assert "@import" not in css.text and "url(" not in css.text


# -- blank workbook ----------------------------------------------------------------------------


def read_back(data: bytes, folder: Path):
    """The downloaded workbook, read back by pacxl."""
    path = folder / "downloaded.xlsx"
    path.write_bytes(data)
    return pacxl.read_workbook(path, isolate=False)


def test_the_new_form_downloads_the_workbook_it_describes(client, tmp_path) -> None:
    response = client.post("/nouveau?lang=en", data={
        "company": "Bob Maison Bio", "author": "Bob", "year": "2028", "first_month": "4",
        "currency": "CHF",
        "team": "Xavier Durand : Directeur commercial\r\nYasmine Roux:Commerciale",
        "workbook_lang": "en", "grid": "bpi"})
    assert response.status_code == 200
    assert response.mimetype.endswith("spreadsheetml.sheet")
    assert "attachment" in response.headers["Content-Disposition"]
    assert "PAC_2028.xlsx" in response.headers["Content-Disposition"]
    book = read_back(response.data, tmp_path)
    assert book.params["company"] == "Bob Maison Bio"
    assert (book.params["year"], book.params["first_month"], book.params["currency"]) == \
        (2028, 4, "CHF")
    assert list(book.team["name"]) == ["Xavier Durand", "Yasmine Roux"]
    assert list(book.team["role"]) == ["Directeur commercial", "Commerciale"]
    assert len(book.actions) > 0  # the Bpifrance families
    assert pacxl.read_plan(tmp_path / "downloaded.xlsx").identity.lang == "en"


def test_the_default_form_gives_the_same_workbook_as_pacxl_new(client, tmp_path) -> None:
    response = client.post("/nouveau", data={"year": "2027"})
    assert response.status_code == 200
    book = read_back(response.data, tmp_path)
    assert (book.params["year"], book.params["first_month"], book.params["currency"]) == \
        (2027, 1, "EUR")
    assert book.actions.empty and book.team.empty


@pytest.mark.parametrize(("form", "code", "params"), [
    ({"year": "deux mille"}, "not_integer", {"option": "« Exercice (année de début) »",
                                             "value": "deux mille"}),
    ({"year": "1800"}, "bad_year", {"value": 1800}),
    ({"year": "2027", "team": "Alice:Directrice\nalice:Commerciale"}, "team_duplicate",
     {"name": "alice"}),
    ({"year": "2027", "currency": "BTC"}, "bad_currency",
     {"value": "BTC", "choices": "EUR, USD, GBP, CHF, CAD, XOF, MAD"}),
])
def test_a_bad_field_redisplays_the_form_with_one_sentence(client, form, code, params) -> None:
    response = client.post("/nouveau", data={"company": "<b>ACME</b>", **form})
    assert response.status_code == 400
    assert response.mimetype == "text/html"
    assert message(code, "fr", **params) in text_of(response.text)
    assert 'value="&lt;b&gt;ACME&lt;/b&gt;"' in response.text  # kept, escaped


# -- upload and report -------------------------------------------------------------------------


def test_an_upload_redirects_to_its_report_with_the_figures(sample_report) -> None:
    client, location = sample_report
    assert re.fullmatch(r"/rapport/[\w-]{22}\?lang=fr", location)
    page = client.get(location)
    assert page.status_code == 200
    seen = text_of(page.text)
    assert "Planipharm" in seen
    assert "Objectifs atteints en fin d’exercice 0 / 7" in seen
    assert "Actions en retard 1 sur 22 actions" in seen
    assert "65,9 %" in seen  # budget consumed
    token = location.split("/")[2].split("?")[0]
    for fmt in ("xlsx", "json", "csv"):
        assert f'href="/rapport/{token}/{fmt}?lang=fr"' in page.text
    back = '<p class="back"><a href="/analyser?lang=fr">Déposer un autre fichier</a></p>'
    assert back in page.text


def test_the_report_page_is_served_with_its_own_policy(sample_report) -> None:
    client, location = sample_report
    page = client.get(location)
    assert page.headers["Content-Security-Policy"] == f"{policy()}; frame-ancestors 'none'"
    assert "<script" not in page.text.lower()
    assert page.headers["Cache-Control"] == "no-store"


def test_the_report_downloads_in_excel_json_and_csv(sample_report) -> None:
    client, location = sample_report
    base = location.split("?")[0]
    excel = client.get(f"{base}/xlsx")
    assert excel.status_code == 200 and excel.data[:2] == b"PK"
    assert "rapport_ecarts_PAC_2027.xlsx" in excel.headers["Content-Disposition"]
    document = json.loads(client.get(f"{base}/json").data)
    assert document["company"] == "Planipharm"
    assert document["path"] == "soxperts_b2b.xlsx"  # the client's name, not the server's path
    archive = zipfile.ZipFile(io.BytesIO(client.get(f"{base}/csv?lang=en").data))
    assert "objectives.csv" in archive.namelist()
    assert client.get(f"{base}/csv?lang=en").headers["Content-Disposition"].endswith(
        "gap_report_PAC_2027.zip")
    assert client.get(f"{base}/pdf").status_code == 404


def test_a_review_date_is_taken_from_the_form(client) -> None:
    response = upload(client, sample("bob_prospection_terrain"), as_of="2027-03-31")
    seen = text_of(client.get(response.headers["Location"]).text)
    assert "31/03/2027" in seen
    bad = upload(client, sample("bob_prospection_terrain"), as_of="2027-02-31")
    assert bad.status_code == 400
    assert message("web_bad_date", "fr", value="2027-02-31") in text_of(bad.text)


def test_several_files_give_one_consolidated_report(client) -> None:
    response = upload(client, sample("soxperts_b2b"), sample("plezi_inbound"),
                      sample("bob_prospection_terrain"))
    assert response.status_code == 303
    seen = text_of(client.get(response.headers["Location"]).text)
    for name in ("soxperts_b2b.xlsx", "plezi_inbound.xlsx", "bob_prospection_terrain.xlsx"):
        assert name in seen


def test_an_unknown_or_expired_report_says_so(client) -> None:
    response = client.get("/rapport/nothing-here")
    assert response.status_code == 404
    assert message("web_expired", "fr", minutes="15") in text_of(response.text)
    assert client.get("/rapport/nothing-here/xlsx").status_code == 404


# -- problems and refusals ---------------------------------------------------------------------


def test_cells_in_error_are_listed_cell_by_cell_before_the_report(client, tmp_path) -> None:
    made = make("fr")
    made.fill.row("actions", 0, action="Salon", budget="beaucoup", start="31/02/2027")
    response = upload(client, (made.write(tmp_path / "plan.xlsx").read_bytes(), "plan.xlsx"))
    assert response.status_code == 303
    page = client.get(response.headers["Location"])
    seen = text_of(page.text)
    assert "Les fichiers déposés posent problème" in seen
    assert "plan.xlsx" in seen
    for column in ("budget", "start"):
        sheet, cell = made.ref("actions", 0, column)
        assert re.search(f"<td>{sheet}</td>\\s*<td[^>]*>{cell}</td>", page.text), cell
    assert "« 31/02/2027 » n’est pas une date" in seen
    anyway = re.search(r'href="([^"]*tout=1[^"]*)"', page.text).group(1).replace("&amp;", "&")
    assert "Qualité des données" in text_of(client.get(anyway).text)


@pytest.mark.parametrize(("content", "code"), [
    (b"Nom;Budget\nSalon;5000\n", "file_is_csv"),
    (b"", "file_is_empty"),
    ((SAMPLES / "soxperts_b2b.xlsx").read_bytes()[:30000], "file_corrupt_zip"),
])
def test_a_file_that_is_no_workbook_gets_the_refusal_page(client, content, code) -> None:
    response = upload(client, (content, "mon plan.xlsx"))
    assert response.status_code == 422
    seen = text_of(response.text)
    assert message("web_refusal_heading", "fr") in seen
    assert "mon plan.xlsx" in seen
    expected = message(code, "fr", path="mon plan.xlsx", reason="@@").split("@@")[0]
    assert expected in seen
    assert "pacxl-web-" not in seen  # the server's temporary path never shows


def test_a_workbook_not_made_by_pacxl_is_refused_in_plain_words(client, tmp_path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    book.active["A1"] = "Budget"
    book.save(tmp_path / "autre.xlsx")
    response = upload(client, ((tmp_path / "autre.xlsx").read_bytes(), "autre.xlsx"),
                      lang="en")
    assert response.status_code == 422
    assert message("not_pac", "en", path="autre.xlsx") in text_of(response.text)


def test_one_bad_file_among_good_ones_leaves_the_others_readable(client) -> None:
    response = upload(client, sample("plezi_inbound"), (b"not a workbook", "broken.xlsx"))
    assert response.status_code == 303
    page = client.get(response.headers["Location"])
    seen = text_of(page.text)
    assert message("web_refused", "fr") in seen and "broken.xlsx" in seen
    assert "plezi_inbound.xlsx" in seen
    assert "tout=1" in page.text


@pytest.mark.parametrize(("files", "code"), [(0, "web_no_file"), (21, "web_too_many_files")])
def test_no_file_or_too_many_files_redisplay_the_form(client, files, code) -> None:
    response = upload(client, *[(b"x", f"f{i}.xlsx") for i in range(files)])
    assert response.status_code == 400
    assert message(code, "fr", count=files, max=20) in text_of(response.text)


def test_an_upload_over_the_limit_gets_the_413_page(scratch) -> None:
    client = create_app({"MAX_CONTENT_LENGTH": MB, "PACXL_TEMP_DIR": str(scratch)}) \
        .test_client()
    response = upload(client, (b"0" * (MB + 1), "gros.xlsx"), lang="en")
    assert response.status_code == 413
    assert message("web_too_big", "en", mb="1") in text_of(response.text)
    assert response.headers["Content-Security-Policy"] == PAGE_POLICY
    assert list(scratch.iterdir()) == []


# -- safety ------------------------------------------------------------------------------------


def test_a_hostile_file_name_is_only_an_escaped_label(client, scratch) -> None:
    response = upload(client, (b"<html><script>alert(1)</script></html>", HOSTILE_NAME))
    assert response.status_code == 422
    assert "<script>" not in response.text
    assert "passwd&lt;script&gt;.xlsx" in response.text
    assert "../" not in text_of(response.text)
    good = upload(client, (sample("plezi_inbound")[0], HOSTILE_NAME))
    page = client.get(good.headers["Location"]).text
    assert "<script>" not in page
    assert list(scratch.iterdir()) == []


def test_hostile_cells_are_escaped_in_the_report(client, hostile_book: Path) -> None:
    response = upload(client, (hostile_book.read_bytes(), "hostile.xlsx"))
    page = client.get(response.headers["Location"]).text
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<b>Evil</b>" not in page


def test_nothing_is_left_on_disk_after_any_request(client, scratch) -> None:
    response = upload(client, sample("bob_prospection_terrain"), (b"junk", "junk.xlsx"))
    base = response.headers["Location"].split("?")[0]
    for fmt in ("xlsx", "json", "csv"):
        assert client.get(f"{base}/{fmt}").status_code == 200
    assert client.post("/nouveau", data={"year": "2027"}).status_code == 200
    assert list(scratch.iterdir()) == []


@pytest.mark.parametrize("url", ["/", "/nouveau", "/analyser", "/missing", "/static/pacxl.css"])
def test_every_response_carries_the_security_headers(client, url) -> None:
    with client.get(url) as response:
        headers = response.headers
    assert headers["Content-Security-Policy"] == PAGE_POLICY
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "no-referrer"
    assert headers["X-Frame-Options"] == "DENY"


def test_pages_are_never_cached_but_the_stylesheet_may_be(client) -> None:
    assert client.get("/").headers["Cache-Control"] == "no-store"
    with client.get("/static/pacxl.css") as css:
        assert "no-store" not in css.headers.get("Cache-Control", "")


def test_a_wrong_method_or_address_gets_a_page_in_plain_words(client) -> None:
    missing = client.get("/admin?lang=en")
    assert missing.status_code == 404
    assert message("web_not_found", "en") in text_of(missing.text)
    wrong = client.delete("/analyser")
    assert wrong.status_code == 405
    assert message("web_bad_method", "fr") in text_of(wrong.text)


def test_debug_mode_stays_off_whatever_the_configuration(scratch) -> None:
    app = create_app({"DEBUG": True, "PACXL_TEMP_DIR": str(scratch)})
    assert app.debug is False
    assert app.jinja_env.autoescape is True


def test_an_internal_error_shows_a_sentence_not_a_traceback(app, monkeypatch) -> None:
    def broken(*args, **kwargs):
        raise RuntimeError("/secret/path leaked")

    monkeypatch.setattr("pacxl.web.views.analyse_uploads", broken)
    response = upload(app.test_client(), sample("plezi_inbound"))
    assert response.status_code == 500
    assert message("web_internal", "fr", kind="RuntimeError") in text_of(response.text)
    assert "/secret/path" not in response.text and "Traceback" not in response.text


def test_a_bug_on_one_file_is_told_plainly_and_logged(client, monkeypatch, caplog) -> None:
    def broken(*args, **kwargs):
        raise RuntimeError("/secret/path leaked")

    # the workers may come from a fork server that the patch cannot reach: the job runs
    # here, as a worker runs it
    monkeypatch.setattr(Workers, "analyse", lambda self, path, as_of, lang: job(path, as_of,
                                                                                lang))
    monkeypatch.setattr("pacxl.ecarts.analyse", broken)
    response = upload(client, sample("plezi_inbound"))
    assert response.status_code == 422
    assert message("web_internal_file", "fr") in text_of(response.text)
    assert "/secret/path" not in response.text
    assert "/secret/path leaked" in caplog.text


def test_a_busy_server_answers_503_with_a_retry_delay(scratch) -> None:
    app = create_app({"PACXL_MAX_JOBS": 1, "PACXL_BUSY_WAIT_S": 0.05,
                      "PACXL_TEMP_DIR": str(scratch)})
    held, release = threading.Event(), threading.Event()

    def hold() -> None:
        with app.extensions["pacxl.jobs"].slot():
            held.set()
            release.wait(10)

    holder = threading.Thread(target=hold)
    holder.start()
    held.wait(10)
    try:
        response = upload(app.test_client(), sample("plezi_inbound"))
    finally:
        release.set()
        holder.join()
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "1"
    assert message("web_busy", "fr", seconds=1) in text_of(response.text)
    assert list(scratch.iterdir()) == []


def test_reading_stops_at_the_request_budget(scratch) -> None:
    app = create_app({"PACXL_REQUEST_BUDGET_S": 0, "PACXL_TEMP_DIR": str(scratch)})
    response = upload(app.test_client(), sample("plezi_inbound"))
    assert response.status_code == 422
    assert message("web_not_read", "fr", seconds="0") in text_of(response.text)


def test_a_loopback_server_accepts_only_loopback_host_names(scratch) -> None:
    app = create_app({"TRUSTED_HOSTS": trusted_hosts("127.0.0.1")})
    client = app.test_client()
    assert client.get("/", headers={"Host": "127.0.0.1:8000"}).status_code == 200
    assert client.get("/", headers={"Host": "localhost:8000"}).status_code == 200
    assert client.get("/", headers={"Host": "evil.example:8000"}).status_code == 400
    assert trusted_hosts("0.0.0.0") is None


# -- the report store --------------------------------------------------------------------------


def test_the_store_forgets_after_the_retention_and_beyond_its_capacity() -> None:
    now = [0.0]
    store = ReportStore(retention=60, capacity=2, clock=lambda: now[0])
    first = store.put("a")
    second = store.put("b")
    assert store.get(first) == "a" and len(store) == 2
    third = store.put("c")
    assert store.get(first) is None and store.get(third) == "c"
    now[0] = 61
    assert store.get(second) is None and len(store) == 0
    assert len({store.put(i) for i in range(50)}) == 50  # tokens are never reused


# -- pacxl serve -------------------------------------------------------------------------------


def test_serve_refuses_a_taken_port_in_one_sentence() -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = CliRunner().invoke(cli, ["serve", "--port", str(port)], standalone_mode=False)
    assert isinstance(result.exception, pacxl.errors.OptionError)
    assert result.exception.code == "serve_port_taken"
    from pacxl.cli import main

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        assert main(["serve", "--port", str(taken.getsockname()[1])]) == 2


@pytest.mark.parametrize(("args", "code"), [
    (["--port", "70000"], "serve_bad_port"),
    (["--max-upload-mb", "0"], "serve_bad_upload"),
    (["--threads", "500"], "serve_bad_threads"),
    (["--host", "no-such-host.invalid"], "serve_unknown_host"),
    (["--lang", "de"], "bad_lang"),
])
def test_serve_checks_its_options(args, code) -> None:
    result = CliRunner().invoke(cli, ["serve", *args], standalone_mode=False)
    assert getattr(result.exception, "code", None) == code


def test_serve_names_the_address_to_open() -> None:
    assert address("127.0.0.1", 8000) == "http://127.0.0.1:8000/"
    assert address("0.0.0.0", 8080) == "http://127.0.0.1:8080/"
    assert address("::1", 8000) == "http://[::1]:8000/"

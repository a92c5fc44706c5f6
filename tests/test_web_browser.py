"""The journey in a real browser: Debian's Chromium, headless, driven by Playwright, against a
real ``pacxl serve``: download a blank workbook, fill it with known values, upload it, read
the gaps in the page; upload a broken file and read the refusal.

Playwright drives the system Chromium (``/usr/bin/chromium``, no browser download). Without
Chromium or Playwright these tests skip, and fail when ``CI`` is set. With
``PACXL_SCREENSHOTS=<folder>`` they save the screenshots of the README there
(``serve_new.png``, ``serve_report.png``, ``serve_refusal.png``).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import unavailable
from plans import make
from webserver import serve

import pacxl

D = dt.date
COMPANY = "Bob Maison Bio"
TEAM = "Xavier Durand : Directeur commercial\nYasmine Roux : Commerciale"


def chromium() -> str:
    """The system Chromium; skip (fail in CI) without it or without Playwright."""
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        found = None
    if found is None:
        unavailable("Chromium and Playwright are needed for the browser tests (see .ci/run)")
    return found


@pytest.fixture(scope="module")
def browser() -> Iterator:
    executable = chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=executable, args=["--no-sandbox", "--disable-dev-shm-usage"])
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    with serve() as running:
        yield running.url


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1200, "height": 1000},
                                  accept_downloads=True, locale="fr-FR")
    opened = context.new_page()
    opened.set_default_timeout(60_000)
    yield opened
    context.close()


def screenshot(page, name: str, tmp_path: Path, *, full_page: bool = False) -> None:
    folder = Path(os.environ.get("PACXL_SCREENSHOTS") or tmp_path)
    page.screenshot(path=str(folder / name), full_page=full_page)


def fill_known_values(downloaded: Path, filled: Path) -> None:
    """The blank workbook the page made, filled as a person would (pacxl's Filler on the
    same options: the downloaded file must be that very workbook)."""
    made = make("fr", company=COMPANY, year=2027, first_month=1, team=TEAM.replace("\n", ";"))
    blank = pacxl.read_workbook(downloaded, isolate=False)
    assert blank.params["company"] == COMPANY and blank.params["year"] == 2027
    assert list(blank.team["name"]) == ["Xavier Durand", "Yasmine Roux"]
    fill = made.fill
    fill.field("params", "review_date", D(2027, 6, 30))
    fill.row("smart", 0, id="O1", objective="Gagner 20 nouveaux clients", target=20,
             result=25, deadline=D(2027, 12, 31))
    fill.row("smart", 1, id="O2", objective="Atteindre 100 000 € de chiffre d’affaires",
             unit="€", target=100000, result=80000, deadline=D(2027, 12, 31))
    fill.row("actions", 0, id="A1", action="Salon Bio Lyon", owner="Xavier Durand",
             budget=5000, spent=6500, start=D(2027, 3, 1), end=D(2027, 3, 31))
    made.write(filled)
    assert pacxl.read_plan(filled, isolate=False).tables.keys() == \
        pacxl.read_plan(downloaded, isolate=False).tables.keys()


def test_download_fill_upload_and_read_the_gaps(page, server: str, tmp_path: Path) -> None:
    page.goto(f"{server}/")
    page.click("text=Créer un classeur vierge >> nth=0")
    page.fill("#company", COMPANY)
    page.fill("#year", "2027")
    page.select_option("#first_month", "1")
    page.fill("#team", TEAM)
    page.check("input[name=grid][value=empty]")
    page.locator("#team").blur()
    screenshot(page, "serve_new.png", tmp_path, full_page=True)
    with page.expect_download() as downloading:
        page.click("button[type=submit]")
    download = downloading.value
    assert download.suggested_filename == "PAC_2027.xlsx"
    downloaded = tmp_path / download.suggested_filename
    download.save_as(downloaded)

    filled = tmp_path / "PAC_2027_rempli.xlsx"
    fill_known_values(downloaded, filled)

    page.click("nav >> text=Analyser un classeur rempli")
    page.set_input_files("#files", str(filled))
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"/rapport/[\w-]+"))
    assert COMPANY in page.title()
    objective = page.locator("tr", has_text="Gagner 20 nouveaux clients").first.inner_text()
    assert re.search(r"20\s+25\s+\+5\s+Atteint", objective), objective
    objective = page.locator("tr", has_text="100 000 € de chiffre").first.inner_text()
    assert re.search(r"-20\s000\s€\s+Non atteint", objective), objective
    over = page.locator("tr", has_text="Salon Bio Lyon").filter(has_text="6 500").first
    assert re.search(r"5\s000\s€\s+6\s500\s€\s+\+1\s500\s€", over.inner_text())
    assert "Actions en retard" in page.inner_text("body")
    screenshot(page, "serve_report.png", tmp_path)

    with page.expect_download() as downloading:
        page.click("text=Excel (.xlsx)")
    assert downloading.value.suggested_filename == "rapport_ecarts_PAC_2027.xlsx"
    downloading.value.save_as(tmp_path / "rapport.xlsx")
    assert (tmp_path / "rapport.xlsx").read_bytes()[:2] == b"PK"


def test_a_broken_file_gets_the_refusal_in_plain_words(page, server: str,
                                                      tmp_path: Path) -> None:
    broken = tmp_path / "plan abîmé.xlsx"
    samples = Path(__file__).resolve().parent.parent / "samples"
    broken.write_bytes((samples / "bob_prospection_terrain.xlsx").read_bytes()[:40_000])
    page.goto(f"{server}/analyser")
    page.set_input_files("#files", str(broken))
    page.click("button[type=submit]")
    page.wait_for_load_state()
    text = page.inner_text("main")
    assert "Ce fichier ne peut pas être lu comme un classeur PAC" in text
    assert "plan abîmé.xlsx est tronqué ou endommagé" in text
    assert "Rien n’a été conservé" in text
    screenshot(page, "serve_refusal.png", tmp_path)


def test_the_pages_switch_to_english(page, server: str) -> None:
    page.goto(f"{server}/nouveau")
    page.click("text=English")
    assert page.url.endswith("/nouveau?lang=en")
    assert page.inner_text("h1") == "Create a blank workbook"
    assert page.locator("html").get_attribute("lang") == "en"

"""The HTML page in a real browser: headless Chromium (Debian package ``chromium``) parses it,
applies its one style block under its Content-Security-Policy, draws the charts, prints it
to A4 and takes a laptop-sized screenshot.

A missing ``chromium`` skips these tests on a developer's machine and fails them in CI, as
a missing spreadsheet engine does (tests/conftest.py); ``CHROMIUM`` names another program.
"""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import ecarts_samples as samples
import pytest
from conftest import unavailable

from pacxl.report.page import write_html
from pacxl.report.svg import STATUS_FILL

pytestmark = pytest.mark.engine
TIMEOUT = 90


def program(name: str, package: str) -> str:
    """The path of ``name``; skips the test when it is missing, fails it in CI."""
    found = shutil.which(os.environ.get(name.upper()) or name)
    if found:
        return found
    unavailable(f"{name} is not installed (apt-get install {package})")


def chromium() -> str:
    """The browser's path (``CHROMIUM`` overrides it)."""
    return program("chromium", "chromium")


def poppler(name: str, *args: str) -> str:
    """The output of a Poppler tool (pdfinfo, pdftotext)."""
    command = [program(name, "poppler-utils"), *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT,
                          check=True).stdout


def browse(page: Path, tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run headless Chromium on ``page`` with a fresh profile; its console goes to stderr."""
    command = [chromium(), "--headless", "--no-sandbox", "--disable-gpu",
               "--no-first-run", f"--user-data-dir={tmp_path / 'profile'}",
               "--enable-logging=stderr", "--v=0", *args, page.resolve().as_uri()]
    done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT,
                          check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return done


def pixels(png: Path) -> tuple[int, int, set[tuple[int, int, int]]]:
    """Width, height and the set of colours of an 8-bit RGB or RGBA PNG (no interlace)."""
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, chunks, head = 8, [], b""
    while pos < len(data):
        (size,), kind = struct.unpack(">I", data[pos:pos + 4]), data[pos + 4:pos + 8]
        body = data[pos + 8:pos + 8 + size]
        if kind == b"IHDR":
            head = body
        elif kind == b"IDAT":
            chunks.append(body)
        pos += 12 + size
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", head)
    assert depth == 8 and colour in (2, 6) and interlace == 0
    step = 3 if colour == 2 else 4
    raw, stride = zlib.decompress(b"".join(chunks)), width * step
    colours, previous = set(), bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        _unfilter(kind, line, previous, step)
        colours.update(zip(line[0::step], line[1::step], line[2::step], strict=True))
        previous = line
    return width, height, colours


def _unfilter(kind: int, line: bytearray, up: bytearray, step: int) -> None:
    for i in range(len(line)):
        left = line[i - step] if i >= step else 0
        corner = up[i - step] if i >= step else 0
        if kind == 1:
            line[i] = (line[i] + left) & 255
        elif kind == 2:
            line[i] = (line[i] + up[i]) & 255
        elif kind == 3:
            line[i] = (line[i] + (left + up[i]) // 2) & 255
        elif kind == 4:
            p = left + up[i] - corner
            pa, pb, pc = abs(p - left), abs(p - up[i]), abs(p - corner)
            best = left if pa <= pb and pa <= pc else up[i] if pb <= pc else corner
            line[i] = (line[i] + best) & 255


def rgb(colour: str) -> tuple[int, int, int]:
    return tuple(int(colour[i:i + 2], 16) for i in (1, 3, 5))  # type: ignore[return-value]


@pytest.fixture(scope="module")
def bob(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("page") / "rapport.html"
    write_html(samples.analysis("bob_prospection_terrain"), path)
    return path


def test_the_browser_builds_the_charts_and_tables_without_a_policy_violation(
        bob: Path, tmp_path: Path) -> None:
    done = browse(bob, tmp_path, "--dump-dom")
    dom = done.stdout
    assert dom.count("<svg") == 4 and dom.count("<table") >= 20
    assert 'role="img"' in dom and "<polyline" in dom
    assert "Trouver 40 nouveaux clients revendeurs" in dom
    assert "Content Security Policy" not in done.stderr
    assert "Refused" not in done.stderr


def test_printed_to_a4_with_the_objectives_and_sections(bob: Path, tmp_path: Path) -> None:
    pdf = tmp_path / "rapport.pdf"
    browse(bob, tmp_path, "--no-pdf-header-footer", f"--print-to-pdf={pdf}")
    info = poppler("pdfinfo", str(pdf))
    assert "(A4)" in info
    pages = int(next(line.split()[-1] for line in info.splitlines()
                     if line.startswith("Pages:")))
    assert 6 <= pages <= 30
    text = poppler("pdftotext", "-layout", str(pdf), "-")
    for words in ("Objectifs par statut", "Trouver 40 nouveaux clients", "Actions en retard",
                  "Mettre à jour le catalogue", "À arrêter", "Budget prévu par mois",
                  "Regroupements des actions", "Qualité des données"):
        assert words in text, words


def test_laptop_screenshot_shows_cards_badges_and_charts(bob: Path, tmp_path: Path) -> None:
    png = tmp_path / "screen.png"
    browse(bob, tmp_path, "--hide-scrollbars", "--window-size=1366,900",
           f"--screenshot={png}")
    width, height, colours = pixels(png)
    assert (width, height) == (1366, 900)
    assert len(colours) > 200  # text, cards and charts, not a blank page
    for fill in (STATUS_FILL["near"], STATUS_FILL["missed"], STATUS_FILL["met"]):
        assert rgb(fill) in colours, fill  # the objectives chart is on the first screen
    assert rgb("#fde2e1") in colours  # a «Non atteint» badge: the style block applied


def test_hostile_page_has_no_script_once_parsed(hostile, tmp_path: Path) -> None:
    page = tmp_path / "hostile.html"
    write_html(hostile, page)
    dom = browse(page, tmp_path, "--dump-dom").stdout
    assert "<script" not in dom.lower() and "<b>Evil" not in dom
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in dom

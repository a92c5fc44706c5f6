"""Under load: 50 uploads at once to a real ``pacxl serve`` (waitress) on the loopback.

Every upload must end on its report page with the sample's figures; the whole run is
bounded (50 requests, 120 s). The server reads at most ``PACXL_MAX_JOBS`` (2) workbooks at
once and queues the rest, so no request should be turned away. The throughput is printed
(``pytest -s`` shows it).
"""

from __future__ import annotations

import io
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from webserver import serve
from werkzeug.datastructures import FileStorage, MultiDict
from werkzeug.test import encode_multipart

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
UPLOADS = 50
TIME_LIMIT = 120.0
# each sample and what its report page must say
EXPECTED = {
    "soxperts_b2b": ("Planipharm", "Objectifs atteints en fin d’exercice"),
    "plezi_inbound": ("Plezi", "Objectifs atteints en fin d’exercice"),
    "bob_prospection_terrain": ("Bob", "Objectifs atteints en fin d’exercice"),
}


def post_upload(url: str, name: str) -> tuple[int, str, str]:
    """Upload one sample; follow the redirect; (status, final URL, page)."""
    content = (SAMPLES / f"{name}.xlsx").read_bytes()
    form = MultiDict([("files", FileStorage(io.BytesIO(content), f"{name}.xlsx", "files"))])
    boundary, body = encode_multipart(form)
    request = urllib.request.Request(
        f"{url}/analyser", data=body, method="POST",
        headers={"Content-Type": f"multipart/form-data; boundary={boundary}"})
    with urllib.request.urlopen(request, timeout=TIME_LIMIT) as response:
        return response.status, response.url, response.read().decode("utf-8")


def test_fifty_concurrent_uploads_all_get_their_report() -> None:
    names = [list(EXPECTED)[i % len(EXPECTED)] for i in range(UPLOADS)]
    with serve() as server:
        started = time.monotonic()
        with ThreadPoolExecutor(max_workers=UPLOADS) as pool:
            results = list(pool.map(lambda name: post_upload(server.url, name), names))
        elapsed = time.monotonic() - started
        with urllib.request.urlopen(f"{server.url}/", timeout=10) as still:
            assert still.status == 200
    assert elapsed < TIME_LIMIT
    for name, (status, url, page) in zip(names, results, strict=True):
        assert status == 200, (name, status)
        assert "/rapport/" in url
        for words in EXPECTED[name]:
            assert words in page, (name, words)
    assert len({url for _, url, _ in results}) == UPLOADS  # one report each
    assert server.process.returncode == 0  # Ctrl+C stops it cleanly
    assert any("pacxl est arrêté." in line for line in server.output)
    print(f"\n{UPLOADS} concurrent uploads in {elapsed:.1f} s: "
          f"{UPLOADS / elapsed:.2f} uploads/s")

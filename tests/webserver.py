"""A real ``pacxl serve`` (waitress) in a subprocess on a free loopback port, for the browser
and load tests: started like a user starts it, stopped with Ctrl+C (SIGINT)."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field


@dataclass
class Server:
    """A running ``pacxl serve``: its address and what it printed so far."""

    url: str
    process: subprocess.Popen
    output: list[str] = field(default_factory=list)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def serve(*args: str, timeout: float = 60) -> Iterator[Server]:
    """Start ``python -m pacxl serve --port <free> *args``; yield it once it prints its
    address; stop it with SIGINT (as Ctrl+C does) and wait for it to end."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "pacxl", "serve", "--port", str(port), *args],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, encoding="utf-8")
    server = Server(f"http://127.0.0.1:{port}", process)
    ready = threading.Event()

    def drain() -> None:
        for line in process.stdout:
            server.output.append(line)
            if f"{server.url}/" in line:
                ready.set()

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    try:
        deadline = time.monotonic() + timeout
        while not ready.wait(0.1):
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("pacxl serve did not start:\n" + "".join(server.output))
        yield server
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        reader.join(5)
        process.stdout.close()

"""Serving the web application with waitress: the checks before listening, the address to
open, the Host names to trust. ``pacxl serve`` prints; this module does."""

from __future__ import annotations

import errno
import ipaddress
import socket
from typing import Any

from ..errors import OptionError
from ..spec import LANGS
from ..xlsx.limits import MB

LOOPBACK_NAMES = ("127.0.0.1", "localhost")


def open_server(host: str = "127.0.0.1", port: int = 8000, *, lang: str = "fr",
                max_upload_mb: int = 20, threads: int = 4) -> Any:
    """A waitress server bound to ``host``:``port`` serving :func:`pacxl.web.create_app`,
    not yet running (call ``.run()``, then ``.close()``).

    Raises:
        OptionError: an option out of range, an unknown host, a port taken or refused.
    """
    from waitress import create_server

    from . import create_app

    _check(port, max_upload_mb, threads, lang)
    config = {"MAX_CONTENT_LENGTH": max_upload_mb * MB, "PACXL_DEFAULT_LANG": lang,
              "TRUSTED_HOSTS": trusted_hosts(host)}
    _probe(host, port)
    # waitress takes a body somewhat over the limit, so that the page's 413 says it
    return create_server(create_app(config), host=host, port=port, threads=threads,
                         max_request_body_size=5 * max_upload_mb * MB, ident="pacxl")


def address(host: str, port: int) -> str:
    """The URL to open for a server listening on ``host``:``port``."""
    shown = "127.0.0.1" if unspecified(host) else host
    if ":" in shown:
        shown = f"[{shown}]"
    return f"http://{shown}:{port}/"


def trusted_hosts(host: str) -> list[str] | None:
    """The Host headers to accept: on the IPv4 loopback only the loopback names (a web
    page cannot reach the server through a name it controls); anything elsewhere."""
    return list(LOOPBACK_NAMES) if host in LOOPBACK_NAMES or host.startswith("127.") else None


def unspecified(host: str) -> bool:
    """True for 0.0.0.0 or ::, every address of the machine."""
    try:
        return ipaddress.ip_address(host.strip("[]")).is_unspecified
    except ValueError:
        return False


def _probe(host: str, port: int) -> None:
    # an address this machine cannot listen on, told in one sentence before waitress tries
    # (a failed waitress server leaves its sockets open)
    try:
        family, kind, proto, _, where = socket.getaddrinfo(
            host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)[0]
    except (socket.gaierror, UnicodeError):
        raise OptionError("serve_unknown_host", host=host) from None
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(where)
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise OptionError("serve_port_taken", host=host, port=port,
                                  other=port + 1 if port < 65535 else 8000) from None
            raise OptionError("serve_cannot_listen", host=host, port=port,
                              reason=exc.strerror or exc) from None


def _check(port: int, max_upload_mb: int, threads: int, lang: str) -> None:
    if lang not in LANGS:
        raise OptionError("bad_lang", value=lang, choices=", ".join(LANGS))
    if not 1 <= port <= 65535:
        raise OptionError("serve_bad_port", value=port)
    if not 1 <= max_upload_mb <= 200:
        raise OptionError("serve_bad_upload", value=max_upload_mb)
    if not 1 <= threads <= 64:
        raise OptionError("serve_bad_threads", value=threads)

"""``pacxl serve``: the web pages (download a blank PAC, upload a filled one) on waitress."""

from __future__ import annotations

import errno
import ipaddress
import socket
from typing import Any

import click

from ..errors import OptionError
from ..messages import message
from ..spec import LANGS
from .app import INT, cli, lang_option, say

LOOPBACK_NAMES = ("127.0.0.1", "localhost")


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Adresse d’écoute ; 0.0.0.0 pour les autres machines du réseau.")
@click.option("--port", type=INT, default=8000, show_default=True, help="Port d’écoute.")
@click.option("--max-upload-mb", "--envoi-max-mo", "max_upload_mb", type=INT, default=20,
              show_default=True, help="Taille maximale d’un envoi de classeurs, en Mo.")
@click.option("--threads", "--fils", "threads", type=INT, default=4, show_default=True,
              help="Requêtes servies en même temps.")
@lang_option
def serve(host: str, port: int, max_upload_mb: int, threads: int, lang: str) -> None:
    """Ouvrir pacxl dans un navigateur : pages web servies par waitress.

    Créer un classeur vierge, déposer un classeur rempli, lire le rapport des écarts.
    Ctrl+C arrête le serveur. Déploiement sur un serveur partagé : docs/deploy.md.
    """
    from ..web import MB, create_app

    _check(port, max_upload_mb, threads, lang)
    config = {"MAX_CONTENT_LENGTH": max_upload_mb * MB, "PACXL_DEFAULT_LANG": lang,
              "TRUSTED_HOSTS": trusted_hosts(host)}
    server = _listen(create_app(config), host, port, threads, max_upload_mb * MB)
    say(message("serve_listening", lang, url=address(host, server.effective_port)))
    if _unspecified(host):
        say(message("serve_listening_all", lang, host=host, port=server.effective_port))
    say(message("serve_stop", lang))
    try:
        server.run()  # until Ctrl+C (waitress ends its loop on KeyboardInterrupt)
    finally:
        server.close()
    say(message("serve_stopped", lang))


def address(host: str, port: int) -> str:
    """The URL to open for a server listening on ``host``:``port``."""
    shown = "127.0.0.1" if _unspecified(host) else host
    if ":" in shown:
        shown = f"[{shown}]"
    return f"http://{shown}:{port}/"


def trusted_hosts(host: str) -> list[str] | None:
    """The Host headers to accept: on the IPv4 loopback only the loopback names (a web
    page cannot reach the server through a name it controls); anything elsewhere."""
    return list(LOOPBACK_NAMES) if host in LOOPBACK_NAMES or host.startswith("127.") else None


def _listen(app: Any, host: str, port: int, threads: int, max_upload: int) -> Any:
    from waitress import create_server

    _probe(host, port)
    # waitress takes a body somewhat over the limit, so that the page's 413 says it
    return create_server(app, host=host, port=port, threads=threads,
                         max_request_body_size=5 * max_upload, ident="pacxl")


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


def _unspecified(host: str) -> bool:
    try:
        return ipaddress.ip_address(host.strip("[]")).is_unspecified
    except ValueError:
        return False

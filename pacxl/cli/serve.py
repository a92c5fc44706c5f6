"""``pacxl serve``: the web pages (download a blank PAC, upload a filled one) on waitress."""

from __future__ import annotations

import click

from ..messages import message
from .app import INT, cli, lang_option, say


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
    from ..web.server import address, open_server, unspecified

    server = open_server(host, port, lang=lang, max_upload_mb=max_upload_mb, threads=threads)
    say(message("serve_listening", lang, url=address(host, server.effective_port)))
    if unspecified(host):
        say(message("serve_listening_all", lang, host=host, port=server.effective_port))
    say(message("serve_stop", lang))
    try:
        server.run()  # until Ctrl+C (waitress ends its loop on KeyboardInterrupt)
    finally:
        server.close()
    say(message("serve_stopped", lang))

"""``pacxl demo``: a blank workbook, a filled sample and its report, in a fresh folder."""

from __future__ import annotations

import click

from ..messages import message
from .app import cli, lang_option, say
from .serve import serve


@cli.command()
@click.argument("folder", type=click.Path(), default="pacxl-demo", metavar="[DOSSIER]")
@click.option("--force", is_flag=True, help="Remplacer les fichiers d’une démo précédente.")
@click.option("--serve", "then_serve", is_flag=True,
              help="Ensuite, ouvrir les pages web (comme pacxl serve) sur 127.0.0.1:8000.")
@lang_option
@click.pass_context
def demo(ctx: click.Context, folder: str, force: bool, then_serve: bool, lang: str) -> None:
    """Montrer la boucle complète : classeur vierge, exemple rempli, rapport.

    Écrit dans DOSSIER (défaut : pacxl-demo, créé ici) un classeur PAC vierge, le plan
    rempli d’une PME exemple et son rapport des écarts en HTML et en Excel.
    """
    from ..demo import run_demo

    result = run_demo(folder, lang, force=force)
    shown = {role: click.format_filename(path) for role, path in result.files.items()}
    say(message("demo_done", lang, folder=click.format_filename(result.folder), **shown))
    if then_serve:
        ctx.invoke(serve, lang=lang)

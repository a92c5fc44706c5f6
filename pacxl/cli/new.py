"""``pacxl new``: write a blank PAC workbook."""

from __future__ import annotations

from typing import Any

import click

from ..messages import message
from .app import FLOAT, INT, cli, lang_option, say


@cli.command()
@click.option("-o", "--output", "--sortie", "output", type=click.Path(), metavar="FILE",
              help="Fichier .xlsx à écrire (défaut : PAC_<année>.xlsx ici).")
@click.option("--company", "--entreprise", "company", default="", help="Nom de l’entreprise.")
@click.option("--year", "--annee", "year", type=INT,
              help="Exercice : année de début (défaut : l’an prochain).")
@click.option("--first-month", "--mois", "first_month", type=INT,
              help="Premier mois de l’exercice, 1 à 12 (défaut : 1, janvier).")
@click.option("--currency", "--devise", "currency", default=None,
              help="Devise : EUR (défaut), USD, GBP, CHF, CAD, XOF, MAD.")
@click.option("--author", "--auteur", "author", default="", help="Auteur du plan.")
@click.option("--team", "--equipe", "team", multiple=True,
              help="Équipe : « Nom:Rôle;Nom:Rôle » (alimente les listes « Qui ? »).")
@click.option("--bpi/--vide", "--bpi-families/--empty", "bpi", default=False,
              help="Pré-remplir le plan avec les familles d’actions Bpifrance, ou grille vide.")
@click.option("--spare-rows", "--lignes", "spare_rows", type=INT,
              help="Lignes libres sous chaque tableau (défaut : 10).")
@click.option("--action-rows", "--actions", "action_rows", type=INT,
              help="Lignes de la grille d’actions vide (défaut : 40).")
@click.option("--tolerance", "--tolerance-proche", "tolerance", type=FLOAT,
              help="Écart relatif jugé « Proche », entre 0 et 1 (défaut : 0.1).")
@click.option("--force", is_flag=True, help="Remplacer le fichier s’il existe.")
@lang_option
def new(output: str | None, force: bool, lang: str, **kwargs: Any) -> None:
    """Écrire un classeur PAC vierge, prêt à remplir dans Excel ou LibreOffice."""
    from ..generate import new_workbook
    from ..options import new_options

    options = new_options(lang=lang, **kwargs)
    result = new_workbook(output, options, force=force)
    say(message("new_done", lang, year=result.year, path=result.path, sheets=result.sheets,
                 formulas=result.formulas, validations=result.validations))
    say(message("new_next", lang, name=result.path.name))

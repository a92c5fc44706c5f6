"""``pacxl demo``: the whole loop in a fresh folder, for a first look.

A blank workbook to fill, a filled sample plan (Bob's field prospecting, reviewed at
30/09/2027: :mod:`pacxl.samples`), and the écarts report of that sample in HTML and Excel,
made by the same functions as ``pacxl new`` and ``pacxl report``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import OutputError

SAMPLE = "bob_prospection_terrain"
# file names by language: what a user sees in the folder
NAMES = {
    "fr": {"blank": "PAC_vierge_{year}.xlsx", "sample": "PAC_exemple_Bob_2027.xlsx",
           "html": "rapport_exemple_Bob.html", "xlsx": "rapport_exemple_Bob.xlsx"},
    "en": {"blank": "PAC_blank_{year}.xlsx", "sample": "PAC_sample_Bob_2027.xlsx",
           "html": "report_sample_Bob.html", "xlsx": "report_sample_Bob.xlsx"},
}


@dataclass(frozen=True)
class DemoResult:
    """The files the demo wrote, by role: ``blank``, ``sample``, ``html``, ``xlsx``."""

    folder: Path
    files: dict[str, Path]


def run_demo(folder: str | Path = "pacxl-demo", lang: str = "fr", *,
             force: bool = False) -> DemoResult:
    """Write the demo files into ``folder`` (created; refused if it holds other files).

    Raises:
        OutputError: the folder cannot be created or written, or already holds files
            (without ``force``, which replaces the demo's own files and nothing else).
    """
    from . import analyse, new_options, new_workbook, read_workbook, samples
    from .report import write_report

    lang = "en" if lang == "en" else "fr"
    folder = _fresh_folder(Path(folder), force)
    options = new_options(lang=lang)
    names = {role: name.format(year=options.year) for role, name in NAMES[lang].items()}
    files = {role: folder / name for role, name in names.items()}
    new_workbook(files["blank"], options, force=True)
    samples.write(SAMPLE, files["sample"])
    analysis = analyse(read_workbook(files["sample"]), lang=lang)
    for fmt in ("html", "xlsx"):
        write_report(analysis, files[fmt], fmt)
    return DemoResult(folder, files)


def _fresh_folder(folder: Path, force: bool) -> Path:
    if folder.exists() and not folder.is_dir():
        raise OutputError("demo_not_a_folder", path=folder)
    if folder.is_dir() and any(folder.iterdir()) and not force:
        raise OutputError("demo_not_empty", path=folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError("output_failed", path=folder, reason=exc.strerror or exc) from exc
    return folder

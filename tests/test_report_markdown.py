"""pacxl.report.markdown and pacxl.report.summary: readable, exact, and inert user text."""

from __future__ import annotations

import re
from pathlib import Path

import ecarts_samples as samples
import pytest

import pacxl
from pacxl.report.figures import money, percent, points
from pacxl.report.markdown import render_markdown, write_markdown
from pacxl.report.summary import render_summary
from pacxl.report.text import escape


@pytest.mark.parametrize("name", samples.NAMES)
def test_every_sample_renders_with_well_formed_tables(name: str) -> None:
    text = render_markdown(samples.analysis(name))
    assert text.startswith("# ")
    for block in re.findall(r"(?:^\|.*\|\n)+", text, flags=re.M):
        widths = {len(re.split(r"(?<!\\)\|", line)) for line in block.splitlines()}
        assert len(widths) == 1, block
    assert len(render_summary(samples.analysis(name)).splitlines()) <= 20


def test_soxperts_headline_figures_in_french() -> None:
    text = render_markdown(samples.analysis("soxperts_b2b"))
    assert "# Plan d’actions commerciales et marketing 2027 — Planipharm" in text
    assert "Revue au 30/06/2027" in text
    assert ("7 au total : 0 atteint(s), 2 proche(s), 5 non atteint(s), "
            "0 non renseigné(s)") in text
    assert "491\u00a0000\u00a0€ dépensés sur 745\u00a0000\u00a0€ (65,9\u00a0%)" in text
    assert "| O4 | Augmenter de 30 % le taux de conversion" in text
    assert "| 23,4\u00a0% | 21,4\u00a0% | -2,0\u00a0pt | Proche |" in text
    assert "| A14 | Site web : refonte, hébergement et version vietnamienne |" in text


def test_soxperts_summary_in_english() -> None:
    workbook = samples.workbook("soxperts_b2b")
    analysis = pacxl.analyse(workbook, as_of="2027-06-30", lang="en")
    lines = render_summary(analysis).splitlines()
    assert lines[0] == "Planipharm — action plan 2027, review as of 2027-06-30"
    assert "Actions in the plan: 1 late, 1 over budget" in lines
    budget = "Marketing budget: €491,000 spent of €745,000 (65.9%) with 49.6% of the fiscal year"
    assert budget + " elapsed" in lines
    assert lines[7].startswith("  • Stop — A13 Journées clients VIP: ")


def test_figures_french_and_english() -> None:
    assert money(1234.56, "fr") == "1\u00a0234,56\u00a0€"
    assert money(1234, "en") == "€1,234"
    assert percent(0.123, "fr") == "12,3\u00a0%"
    assert percent(0.123, "en") == "12.3%"
    assert points(1.0, "fr") == "+1,0\u00a0pt"


@pytest.mark.parametrize(("text", "expected"), [
    ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
    ("| pipe |", "\\| pipe \\|"),
    ("{{ 7*7 }}", "{{ 7\\*7 }}"),
    ("[x](javascript:y) _a_ `b`", "\\[x\\](javascript:y) \\_a\\_ \\`b\\`"),
    ("a\nb\x1b[31m", "a b \\[31m"),
])
def test_escape(text: str, expected: str) -> None:
    assert escape(text) == expected


def test_hostile_text_is_escaped(hostile, tmp_path: Path) -> None:
    path = tmp_path / "r.md"
    write_markdown(hostile, path)
    text = path.read_text(encoding="utf-8")
    assert "<script>" not in text and "<b>" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "{{ 7\\*7 }}" in text and "| 49 |" not in text
    assert "\\| pipe \\|" in text
    late = text.split("## Actions en retard")[1].split("##")[0]
    rows = [line for line in late.splitlines() if line.startswith("| ")]
    assert len(rows) == 1 + 7
    assert all(len(re.split(r"(?<!\\)\|", row)) == 8 for row in rows)
    assert list(tmp_path.iterdir()) == [path]


def test_hostile_summary_has_no_control_of_the_terminal(hostile) -> None:
    text = render_summary(hostile)
    assert len(text.splitlines()) <= 20


def test_groupings_and_monthly_budget() -> None:
    text = render_markdown(samples.analysis("bob_prospection_terrain"))
    groups = text.split("## Regroupements des actions")[1].split("\n## ")[0]
    assert [line[4:] for line in groups.splitlines() if line.startswith("### ")] == [
        "Par catégorie", "Par levier", "Par responsable", "Par canal", "Par objectif lié",
        "Par trimestre de fin", "Par mois de fin", "Sources de leads (réalisé / objectif)"]
    assert ("| Laurent Mercier | 7 | 27\u00a0500\u00a0€ | 27\u00a0875\u00a0€ | +375\u00a0€ "
            "| 101,4\u00a0% | 1 | 2 | 3 | 1 | 1 | 1 |") in groups
    assert "| O1 Trouver 40 nouveaux clients revendeurs" in groups
    assert "| Total | 336 / 400 (Non atteint) | 193 / 250 (Non atteint) |" in groups
    months = text.split("### Budget prévu par mois")[1].split("###")[0]
    assert len([line for line in months.splitlines() if line.startswith("| 2027-")]) == 12
    assert "| 2027-12 | T4 | 2\u00a0437,71\u00a0€ | 60\u00a0000,00\u00a0€ |" in months
    assert ("Au 30/09/2027, le calendrier prévoyait 49\u00a0465,12\u00a0€ de dépenses ; "
            "les actions ont dépensé 50\u00a0475\u00a0€.") in months
    assert "| T1 | 25\u00a0845,25\u00a0€ | 25\u00a0845,25\u00a0€ |" in text


def test_markdown_and_html_show_the_same_tables() -> None:
    import html

    from pacxl.report import views
    from pacxl.report.page import render_html

    a = samples.analysis("plezi_inbound")
    text, page = render_markdown(a), render_html(a)
    tables = [views.late(a), views.overspent(a), *views.kpis(a), views.months(a),
              views.quarters(a), *views.groups(a), views.lead_sources(a)]
    for t in tables:
        block = text.split(f"# {escape(t.title)}\n")[1].split("\n#")[0]
        rows = [line for line in block.splitlines() if line.startswith("| ")]
        assert rows[0] == "| " + " | ".join(escape(h) for h in t.head) + " |"
        title = re.escape(html.escape(t.title))
        found = re.search(f"(?:<h3>{title}</h3>\\n<div class=\"scroll\"><table[^>]*>|"
                          f"<caption>{title}</caption>)<thead>.*?<tbody>(.*?)</tbody>", page,
                          flags=re.S)
        assert found, t.title
        assert found.group(1).count("<tr>") == len(rows) - 1 == len(t.rows), t.title

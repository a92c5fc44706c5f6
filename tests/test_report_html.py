"""pacxl.report.page: the self-contained HTML page, its figures, and inert user text."""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import html
import re
from html.parser import HTMLParser
from pathlib import Path

import ecarts_samples as samples
import pandas as pd
import pytest
from report_books import PAYLOADS, write_hostile

import pacxl
from pacxl.ecarts import consolidate
from pacxl.report import write_report
from pacxl.report.markdown import render_markdown
from pacxl.report.markup import safe_href
from pacxl.report.page import render_html

SECTIONS = ("objectives", "actions", "suggestions", "budget", "kpis", "groups", "comments",
            "quality")
# every element the page may hold: anything else came from user text
TAGS = {"html", "head", "meta", "title", "style", "body", "main", "header", "nav", "ol", "ul",
        "li", "a", "h1", "h2", "h3", "p", "b", "small", "br", "div", "article", "section",
        "figure", "figcaption", "span", "table", "caption", "thead", "tbody", "tr", "th", "td",
        "footer", "svg", "rect", "text", "line", "polyline", "polygon"}
VOID = {"meta", "br"}


@dataclasses.dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    children: list[Node | str] = dataclasses.field(default_factory=list)

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def all(self, tag: str, **attrs: str) -> list[Node]:
        found = [self] if self.tag == tag and attrs.items() <= self.attrs.items() else []
        for child in self.children:
            if isinstance(child, Node):
                found += child.all(tag, **attrs)
        return found

    def one(self, tag: str, **attrs: str) -> Node:
        (found,) = self.all(tag, **attrs)
        return found


class _Tree(HTMLParser):
    # a small DOM: enough to find sections, tables and cells
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.stack = [self.root]
        self.tags: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs})
        self.tags.append((tag, node.attrs))
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack[-1].tag == tag, (self.stack[-1].tag, tag)
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse(page: str) -> _Tree:
    tree = _Tree()
    tree.feed(page)
    tree.close()
    assert [n.tag for n in tree.stack] == ["#document"]
    return tree


def rows(table: Node) -> list[list[str]]:
    body = table.one("tbody")
    return [[re.sub(r"[ \t\n]+", " ", td.text()).strip() for td in tr.all("td")]
            for tr in body.all("tr")]


def section(tree: _Tree, key: str) -> Node:
    return tree.root.one("section", id=key)


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    return {name: render_html(samples.analysis(name)) for name in samples.NAMES}


@pytest.mark.parametrize("name", samples.NAMES)
def test_every_sample_has_its_sections_tables_and_charts(pages, name: str) -> None:
    page = pages[name]
    tree = parse(page)
    assert page.startswith("<!DOCTYPE html>\n<html lang=\"fr\">")
    assert tree.root.one("meta", charset="utf-8")
    ids = [s.attrs["id"] for s in tree.root.all("section")]
    assert ids == list(SECTIONS)
    toc = [a.attrs["href"] for a in tree.root.one("nav").all("a")]
    assert toc == [f"#{key}" for key in SECTIONS]
    charts = tree.root.all("svg")
    assert len(charts) == 4
    for chart in charts:
        assert chart.attrs["role"] == "img" and chart.attrs["aria-label"]
        assert chart.one("title").text() == chart.attrs["aria-label"]
        assert chart.all("rect")
    assert len(tree.root.all("table")) >= 20
    assert {tag for tag, _ in tree.tags} <= TAGS
    ids = [attrs["id"] for _, attrs in tree.tags if "id" in attrs]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("name", samples.NAMES)
def test_figures_equal_the_analysis(pages, name: str) -> None:
    a = samples.analysis(name)
    tree = parse(pages[name])
    cards = tree.root.all("article")
    met = [c.one("p", **{"class": "big"}).text().split("/") for c in cards[:2]]
    for (count, total), key in zip(met, ("objectives", "objectives_to_date"), strict=True):
        assert (int(count), int(total)) == (a.summary[key]["met"], a.summary[key]["total"])
    assert int(cards[2].one("p", **{"class": "big"}).text().split()[0]) == a.summary["late"]
    objectives = rows(section(tree, "objectives").all("table")[1])
    assert [r[0] for r in objectives] == list(a.objectives["id"])
    assert [r[5] for r in objectives] == list(a.objectives["status"])
    actions = section(tree, "actions").all("table")
    late = a.actions[a.actions["late"].fillna(False)]
    assert [r[0] for r in rows(actions[0])] == list(late["id"])
    over = a.actions[a.actions["overspent"].fillna(False)]
    assert [r[0] for r in rows(actions[1])] == list(over["id"])
    counted = rows(section(tree, "objectives").all("table")[0])
    assert counted[0][-1] == str(a.summary["objectives"]["total"])
    suggestions = section(tree, "suggestions").all("li")
    assert len(suggestions) == len(a.suggestions)


def test_soxperts_page_in_detail(pages) -> None:
    tree = parse(pages["soxperts_b2b"])
    assert tree.root.one("h1").text() == ("Plan d’actions commerciales et marketing 2027 — "
                                          "Planipharm")
    objectives = rows(section(tree, "objectives").all("table")[1])
    assert objectives[3] == ["O4", "Augmenter de 30 % le taux de conversion des leads qualifiés "
                             "en opportunités", "23,4\u00a0%", "21,4\u00a0%", "-2,0\u00a0pt",
                             "Proche", "Proche"]
    badge = section(tree, "objectives").all("span", **{"class": "badge s-near"})
    assert badge and badge[0].text() == "Proche"
    budget = section(tree, "budget")
    blocks = rows(budget.all("table")[0])
    assert blocks[-1][:4] == ["Total", "712\u00a0000\u00a0€", "745\u00a0000\u00a0€",
                              "491\u00a0000\u00a0€"]
    assert len(rows(budget.all("table")[1])) == 12
    chart = budget.all("svg")[1]
    assert chart.attrs["aria-label"] == "Budget prévu par mois et cumul"
    assert "Revue du 30/06/2027" in chart.text()
    axis = [t.text() for t in chart.all("text")]
    assert axis.count("2027") == 1 and "2028" not in axis  # the year under January only
    groups = [h.text() for h in section(tree, "groups").all("h3")]
    assert groups == ["Par catégorie", "Par levier", "Par responsable", "Par canal",
                      "Par objectif lié", "Par trimestre de fin", "Par mois de fin",
                      "Sources de leads (réalisé / objectif)"]


def test_a_fiscal_year_across_two_years_names_them_under_the_months() -> None:
    analysis = samples.analysis("soxperts_b2b")
    shifted = dataclasses.replace(analysis, budget_months=analysis.budget_months.assign(
        period=analysis.budget_months["period"] + pd.DateOffset(months=6)))
    chart = section(parse(render_html(shifted)), "budget").all("svg")[1]
    axis = [t.text() for t in chart.all("text")]
    assert axis.index("juil.") < axis.index("2027") < axis.index("déc.")
    assert axis.index("janv.") < axis.index("2028") < axis.index("févr.")


def test_english_page() -> None:
    analysis = pacxl.analyse(samples.workbook("plezi_inbound"), as_of="2027-09-30", lang="en")
    tree = parse(render_html(analysis))
    assert tree.root.one("html").attrs["lang"] == "en"
    titles = [c.one("h3").text() for c in tree.root.all("article")]
    assert titles[:3] == ["Objectives met at year end", "Objectives met to date", "Late actions"]
    assert section(tree, "kpis").one("h2").text() == "KPIs: totals per tab"


def _csp(page: str) -> str:
    tree = parse(page)
    return tree.root.one("meta", **{"http-equiv": "Content-Security-Policy"}).attrs["content"]


@pytest.mark.parametrize("name", samples.NAMES)
def test_policy_allows_only_the_style_block(pages, name: str) -> None:
    page = pages[name]
    (style,) = re.findall(r"<style>(.*?)</style>", page, flags=re.S)
    digest = base64.b64encode(hashlib.sha256(style.encode("utf-8")).digest()).decode()
    assert _csp(page) == (f"default-src 'none'; style-src 'sha256-{digest}'; img-src data:; "
                          "base-uri 'none'; form-action 'none'")
    assert page.index("Content-Security-Policy") < page.index("<style>")
    assert not re.search(r"<script|\sstyle=|\son\w+=|https?:|//[a-z]|src=", page, flags=re.I)


@pytest.fixture(scope="module", params=["fr", "en"])
def hostile_page(request, tmp_path_factory) -> str:
    path = write_hostile(tmp_path_factory.mktemp("hostile") / "hostile.xlsx", request.param)
    analysis = pacxl.analyse(pacxl.read_workbook(path, isolate=False))
    assert analysis.messages_lang == request.param
    return render_html(analysis)


def test_hostile_text_is_inert(hostile_page: str) -> None:
    page = hostile_page
    tree = parse(page)
    assert {tag for tag, _ in tree.tags} <= TAGS
    assert not re.search(r"<script|<b>Evil", page, flags=re.I)
    for payload in PAYLOADS:
        assert html.escape(payload, quote=True) in page
    text = tree.root.one("main").text()
    for payload in PAYLOADS:  # as text, once parsed
        assert payload in text
    title = tree.root.one("h1")
    assert "— <b>Evil</b> | {{ 7*7 }}" in title.text() and title.children == [title.text()]
    assert "— <b>Evil</b> | {{ 7*7 }}" in tree.root.one("head").one("title").text()
    cells = [td.text().strip() for td in tree.root.all("td")]
    assert "49" not in cells and "49" not in text.replace("49,6", "").replace("49.6", "")
    late = rows(section(tree, "actions").all("table")[0])
    assert len(late) == len(PAYLOADS) and all(len(r) == 6 for r in late)
    assert sorted(r[1] for r in late) == sorted(PAYLOADS)


def test_links_are_escaped_and_only_relative_or_http() -> None:
    analysis = samples.analysis("bob_prospection_terrain")
    pairs = [("Excel", "/report/abc/rapport.xlsx"), ('Mark"down<', "rapport.md?a=1&b=2"),
             ("web", "https://example.org/x"), ("js", "javascript:alert(1)"),
             ("js2", " JaVa\tScRiPt:alert(1)"), ("data", "data:text/html,<script>x</script>"),
             ("vb", "vbscript:x"), ("empty", "")]
    tree = parse(render_html(analysis, links=pairs))
    found = [(a.text(), a.attrs["href"]) for a in tree.root.one("p", **{"class": "downloads"})
             .all("a")]
    assert found == [("Excel", "/report/abc/rapport.xlsx"), ('Mark"down<', "rapport.md?a=1&b=2"),
                     ("web", "https://example.org/x")]


@pytest.mark.parametrize(("href", "safe"), [
    ("a/b.xlsx", True), ("#x", True), ("HTTP://x", True), ("java\nscript:x", False),
    ("\x00javascript:x", False), ("file:///etc/passwd", False), ("mailto:x@y", False),
])
def test_safe_href(href: str, safe: bool) -> None:
    assert (safe_href(href) is not None) is safe


def test_write_report_writes_the_page_atomically(tmp_path: Path) -> None:
    path = tmp_path / "rapport.html"
    assert write_report(samples.analysis("plezi_inbound"), path) == path
    assert list(tmp_path.iterdir()) == [path]
    assert path.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_consolidation_compares_the_source_workbooks() -> None:
    analysis = consolidate([samples.analysis("bob_prospection_terrain"),
                            samples.analysis("soxperts_b2b")], ["Bob", "Planipharm"])
    tree = parse(render_html(analysis))
    assert [s.attrs["id"] for s in tree.root.all("section")] == ["compare", *SECTIONS]
    compare = section(tree, "compare")
    assert [th.text() for th in compare.all("th")] == ["Chiffre", "Bob", "Planipharm"]
    body = rows(compare.one("table"))
    assert body[0] == ["Objectifs atteints", "0 / 8", "0 / 7"]
    assert body[1] == ["Objectifs atteints à date", "3 / 8", "2 / 7"]
    assert body[3] == ["Actions en retard", "1", "1"]
    assert body[5] == ["Budget", "60\u00a0000\u00a0€", "745\u00a0000\u00a0€"]
    objectives = section(tree, "objectives").all("table")[1]
    assert objectives.all("th")[0].text() == "Classeur"
    assert [r[0] for r in rows(objectives)] == ["Bob"] * 8 + ["Planipharm"] * 7
    chart = section(tree, "budget").all("svg")[0]
    assert chart.attrs["aria-label"] == "Budget et dépensé par classeur"
    assert "Bob" in chart.text() and "Planipharm" in chart.text()
    assert "« Bob, Planipharm »" in tree.root.one("footer").text()
    markdown = render_markdown(analysis)
    assert "## Comparaison des classeurs" in markdown
    assert "| Objectifs atteints | 0 / 8 | 0 / 7 |" in markdown

"""The analysis as one self-contained HTML page: ``pacxl report plan.xlsx -o rapport.html``.

What a reader sees, in the language of the analysis's messages: the title and review date;
headline cards (objectives met at year end and to date, late actions, actions over budget,
budget consumed against the elapsed year, the keep / review / stop / start counts); then
one section each for the source workbooks compared (a consolidation), objectives, actions,
suggestions, budget, KPIs, the actions grouped, the gap analysis typed in the plan and data
quality. The rows and columns are those of :mod:`.views` (shared with Markdown), the charts
those of :mod:`.charts`, drawn as inline SVG with their numbers repeated in a table.

The page needs nothing from outside: no script at all, no font, image or stylesheet to
fetch, and a Content-Security-Policy that forbids every fetch and allows only the page's one
``<style>`` block, by its hash. Every piece of user text is escaped (:func:`.markup.esc`).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..atomic import write_atomically
from ..messages import message
from . import charts, markup, views
from . import figures as fig
from .markdown import counts
from .markup import badge, esc, table
from .style import CSS, csp_hash
from .text import kinds, plain, word_list

CARDS = ("objectives", "objectives_to_date", "late", "overspent", "budget", "suggestions")
MOST_IDS = 8  # action ids listed on a card, then «…»


def render_html(analysis: Any, *, links: Sequence[tuple[str, str]] = (),
                back: tuple[str, str] | None = None) -> str:
    """The whole page.

    Args:
        analysis: what :func:`pacxl.analyse` (or a consolidation) returns.
        links: (label, href) download links shown at the top, e.g. ("Excel",
            "/report/abc/rapport.xlsx"); an href that is neither relative nor http(s) is
            dropped.
        back: a (label, href) link shown above the title, back to the page the report
            came from (the web pages' upload form).

    Returns:
        The HTML text of the page.
    """
    a = analysis
    sections = [s for s in (_compare(a), _objectives(a), _actions(a), _suggestions(a),
                            _budget(a), _kpis(a), _groups(a), _comments(a), _quality(a)) if s]
    body = [_header(a, links, back, sections), _cards(a),
            *(_section(key, title, inner) for key, title, inner in sections), _footer(a)]
    return _document(a.messages_lang, _title(a), "\n".join(body))


def write_html(analysis: Any, path: str | Path) -> None:
    """Write the page to ``path`` atomically."""
    text = render_html(analysis)
    write_atomically(Path(path), lambda tmp: tmp.write_text(text, encoding="utf-8"))


def policy() -> str:
    """The Content-Security-Policy of the page: nothing to fetch, only its own style."""
    return (f"default-src 'none'; style-src {csp_hash(CSS)}; img-src data:; "
            "base-uri 'none'; form-action 'none'")


def _document(lang: str, title: str, body: str) -> str:
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{esc(lang)}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{policy()}">\n'
        '<meta name="referrer" content="no-referrer">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(title)}</title>\n<style>{CSS}</style>\n</head>\n"
        f"<body>\n<main>\n{body}\n</main>\n</body>\n</html>\n")


def _title(a: Any) -> str:
    return message("report_title", a.messages_lang, year=a.year or "",
                   company=plain(a.company) or fig.DASH)


def _header(a: Any, pairs: Sequence[tuple[str, str]], back: tuple[str, str] | None,
            sections: list[tuple[str, str, str]]) -> str:
    lang = a.messages_lang
    review = message("report_review", lang, date=fig.day(a.as_of, lang),
                     start=fig.day(a.fiscal_start, lang), end=fig.day(a.fiscal_end, lang),
                     elapsed=fig.percent(a.elapsed, lang))
    found = markup.links(pairs)
    downloads = (f'<p class="downloads">{esc(message("html_downloads", lang))} '
                 + " ".join(found) + "</p>") if found else ""
    toc = "".join(f'<li><a href="#{key}">{esc(title)}</a></li>' for key, title, _ in sections)
    home = "".join(f'<p class="back">{anchor}</p>\n'
                   for anchor in markup.links([back] if back else []))
    return (f'<header>\n{home}<h1>{esc(_title(a))}</h1>\n<p class="review">{esc(review)}</p>\n'
            f'{downloads}<nav class="toc" aria-label="{esc(message("html_contents", lang))}">'
            f"<ol>{toc}</ol></nav>\n</header>")


def _section(key: str, title: str, inner: str) -> str:
    return (f'<section id="{esc(key)}" aria-labelledby="h-{esc(key)}">\n'
            f'<h2 id="h-{esc(key)}">{esc(title)}</h2>\n{inner}\n</section>')


def _footer(a: Any) -> str:
    from .. import __version__

    name = ", ".join(views.sources(a)) or Path(str(a.path)).name
    text = message("html_footer", a.messages_lang, version=__version__, name=name)
    return f"<footer><p>{esc(text)}</p></footer>"


# -- the headline cards --

def _card(tone: str, title: str, big: str, small: str, text: str) -> str:
    small_html = f" <small>{esc(small)}</small>" if small else ""
    return (f'<article class="card {tone}"><h3>{esc(title)}</h3>'
            f'<p class="big">{esc(big)}{small_html}</p>{text}</article>')


def _cards(a: Any) -> str:
    lang, s = a.messages_lang, a.summary
    names = word_list("html_cards", lang, CARDS)
    found = [_objective_card(names[k], s[k], lang) for k in ("objectives", "objectives_to_date")]
    found += [_flag_card(a, names["late"], "late", "bad"),
              _flag_card(a, names["overspent"], "overspent", "warn"),
              _budget_card(a, names["budget"]), _suggestion_card(a, names["suggestions"])]
    return f'<div class="cards">{"".join(found)}</div>'


def _objective_card(title: str, c: dict[str, int], lang: str) -> str:
    tone = ("" if not c["total"] else "good" if c["met"] == c["total"]
            else "bad" if c["missed"] else "warn")
    return _card(tone, title, fig.number(c["met"], lang), f"/ {c['total']}",
                 f"<p>{esc(counts(c, lang))}</p>")


def _flag_card(a: Any, title: str, flag: str, tone: str) -> str:
    lang = a.messages_lang
    flagged = views.records(a.actions, flag)
    ids = [_action_name(r) for r in flagged]
    shown = ", ".join(ids[:MOST_IDS]) + (" …" if len(ids) > MOST_IDS else "")
    text = shown or message(f"html_none_{flag}", lang)
    return _card(tone if flagged else "good", title, fig.number(len(flagged), lang),
                 message("html_of_actions", lang, total=len(a.actions)),
                 f"<p>{esc(text)}</p>")


def _action_name(row: dict[str, Any]) -> str:
    # its id (its name without one), and its workbook in a consolidation
    name = plain(row["id"]) or plain(row["action"])
    return f"{name} ({plain(row['source'])})" if "source" in row else name


def _budget_card(a: Any, title: str) -> str:
    lang, budget = a.messages_lang, a.summary["budget"]
    spent = (f"{fig.money(budget['spent'], lang, a.currency)} / "
             f"{fig.money(budget['budget'], lang, a.currency)}")
    tone, text = _pace(a)
    return _card(tone, title, fig.percent(budget["consumed"], lang), spent,
                 f"<p>{esc(text)}</p>" if text else "")


def _pace(a: Any) -> tuple[str, str]:
    # the card's tone and sentence: spending ahead of the year, behind it, or with it
    pace = a.burn.get("pace")
    if fig.is_empty(pace):
        return "", ""
    if abs(float(pace) - 1) <= a.tolerance:
        key, tone = "even", "good"
    else:
        key, tone = ("ahead", "warn") if pace > 1 else ("behind", "good")
    lang = a.messages_lang
    return tone, message(f"html_pace_{key}", lang, pace=fig.percent(pace, lang, 0),
                         elapsed=fig.percent(a.elapsed, lang))


def _suggestion_card(a: Any, title: str) -> str:
    lang, s = a.messages_lang, a.summary
    names = kinds(lang)
    tally = "".join(f"<li><b>{s['suggestions'].get(k, 0)}</b> {esc(names[k])}</li>"
                    for k in names)
    quality = message("report_quality", lang) + (" : " if lang == "fr" else ": ")
    quality += message("report_quality_counts", lang, **s["quality"])
    return (f'<article class="card"><h3>{esc(title)}</h3><ul class="tally">{tally}</ul>'
            f"<p>{esc(quality)}</p></article>")


# -- the sections: (anchor, title, inner HTML) --

def _none(a: Any) -> str:
    return message("report_none", a.messages_lang)


def _figure(drawing: str, title: str, note: str = "") -> str:
    extra = f'<p class="note">{esc(note)}</p>' if note else ""
    return f"<figure><figcaption>{esc(title)}</figcaption>{drawing}{extra}</figure>"


def _pair(left: str, right: str) -> str:
    return f'<div class="pair"><div>{left}</div><div>{right}</div></div>'


def _sub(t: views.Table, a: Any, none: str | None = None) -> str:
    return f"<h3>{esc(t.title)}</h3>\n{table(t, none or _none(a))}"


def _compare(a: Any) -> tuple[str, str, str] | None:
    t = views.comparison(a)
    return None if t is None else ("compare", t.title, table(t, _none(a)))


def _objectives(a: Any) -> tuple[str, str, str]:
    drawing, numbers = charts.objectives(a)
    t = views.objectives(a)
    inner = _pair(_figure(drawing, numbers.title), table(numbers, _none(a)))
    return "objectives", t.title, inner + "\n" + table(t, _none(a))


def _actions(a: Any) -> tuple[str, str, str]:
    lang = a.messages_lang
    inner = (_sub(views.late(a), a, message("html_none_late", lang)) + "\n"
             + _sub(views.overspent(a), a, message("html_none_overspent", lang)))
    return "actions", message("report_actions", lang), inner


def _suggestions(a: Any) -> tuple[str, str, str]:
    blocks = []
    for group in views.suggestions(a):
        items = "".join(_suggestion(*item) for item in group.items)
        blocks.append(f'<div class="kind kind-{esc(group.kind)}"><h3>{esc(group.title)} '
                      f"({len(group.items)})</h3><ul>{items}</ul></div>")
    inner = f'<div class="suggest">{"".join(blocks)}</div>' if blocks else (
        f'<p class="none">{esc(_none(a))}</p>')
    return "suggestions", message("report_suggestions", a.messages_lang), inner


def _suggestion(label: str, reason: str, status: views.Cell) -> str:
    # the action or objective (and its status), then the reason
    mark = f" {badge(status.status, status.key)}" if status.status else ""
    return f"<li><b>{esc(label)}{mark}</b>{esc(reason)}</li>"


def _budget(a: Any) -> tuple[str, str, str]:
    titles = charts.titles(a.messages_lang)
    blocks = views.budget_blocks(a)
    first = _pair(_figure(*charts.blocks(a)),
                  table(blocks, _none(a)) + f'<p class="note">{esc(views.pace(a))}</p>')
    second = _pair(_figure(charts.months(a), titles["months"], views.planned_to_date(a)),
                   table(views.months(a), _none(a), caption=True)
                   + table(views.quarters(a), _none(a), caption=True))
    return "budget", blocks.title, first + "\n" + second


def _kpis(a: Any) -> tuple[str, str, str]:
    drawing, numbers = charts.kpis(a)
    tables = "\n".join(_sub(t, a) for t in views.kpis(a))
    inner = (_figure(drawing, numbers.title) + table(numbers, _none(a))
             + f'\n<p class="note">{esc(message("html_kpi_tables", a.messages_lang))}</p>\n'
             + tables)
    return "kpis", message("report_kpis", a.messages_lang), inner


def _groups(a: Any) -> tuple[str, str, str]:
    tables = [*views.groups(a), views.lead_sources(a)]
    return ("groups", message("report_groupings", a.messages_lang),
            "\n".join(_sub(t, a) for t in tables))


def _comments(a: Any) -> tuple[str, str, str]:
    t = views.comments(a)
    return "comments", t.title, table(t, _none(a))


def _quality(a: Any) -> tuple[str, str, str]:
    t = views.quality(a)
    return "quality", t.title, table(t, _none(a))

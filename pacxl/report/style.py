"""The stylesheet of the HTML page: the only ``<style>`` block, allowed by its hash.

System fonts only (nothing to download); a 1280-px column that a 1366-px laptop shows
whole; for print, A4 pages, one section per page, rows and charts never cut, table headers
repeated, colours kept.
"""

from __future__ import annotations

import base64
import hashlib

CSS = """\
:root{--ink:#1f2328;--muted:#57606a;--line:#d0d7de;--soft:#f6f8fa;--accent:#0b5cad}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;color:var(--ink);background:#fff;font:15px/1.45 system-ui,-apple-system,
"Segoe UI",Roboto,"Helvetica Neue",Arial,"Noto Sans","Liberation Sans","DejaVu Sans",
sans-serif}
main{max-width:1280px;margin:0 auto;padding:20px 32px 40px}
h1{font-size:25px;margin:0 0 4px;line-height:1.25}
h2{font-size:21px;margin:0 0 12px;padding-bottom:4px;border-bottom:2px solid var(--line)}
h3{font-size:16px;margin:18px 0 6px}
a{color:var(--accent)}
.review{margin:0 0 10px;color:var(--muted)}
.downloads{margin:0 0 10px}
.back{margin:0 0 6px;font-size:.95em}
.downloads a{display:inline-block;margin:0 6px 4px 4px;padding:3px 12px;border:1px solid
var(--accent);border-radius:6px;text-decoration:none;font-weight:600}
nav.toc ol{display:flex;flex-wrap:wrap;gap:2px 18px;margin:6px 0 0;padding:0;
list-style:none;font-size:14px}
.cards{display:grid;grid-template-columns:repeat(3,minmax(0,1fr));gap:12px;margin:14px 0 4px}
.card{border:1px solid var(--line);border-left:6px solid var(--muted);border-radius:8px;
padding:10px 14px}
.card.good{border-left-color:#2e7d32}
.card.warn{border-left-color:#e3a008}
.card.bad{border-left-color:#c62828}
.card h3{margin:0;font-size:14px;font-weight:600;color:var(--muted)}
.card .big{margin:2px 0;font-size:30px;font-weight:700;line-height:1.2}
.card .big small{font-size:15px;font-weight:400;color:var(--muted)}
.card p{margin:0;font-size:13.5px}
.tally{display:grid;grid-template-columns:1fr 1fr;gap:0 12px;margin:4px 0 6px;padding:0;
list-style:none;font-size:14px}
.tally b{display:inline-block;min-width:1.6em;font-size:18px}
section{margin-top:30px}
.pair{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:24px;
align-items:start}
figure{margin:0}
figcaption{font-weight:600;margin-bottom:6px}
svg.chart{display:block;width:100%;max-width:600px;height:auto}
.note{color:var(--muted);margin:6px 0}
.scroll{overflow-x:auto}
table{width:100%;border-collapse:collapse;font-size:13.5px;margin:2px 0 10px}
caption{text-align:left;font-weight:600;padding:0 0 4px}
th,td{padding:4px 8px;border-bottom:1px solid var(--line);text-align:left;
vertical-align:top;overflow-wrap:break-word}
thead th{background:var(--soft);border-bottom:2px solid var(--line);font-weight:600;
overflow-wrap:normal}
tbody tr:nth-child(even){background:#fafbfc}
.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums;
overflow-wrap:normal}
.badge{display:inline-block;padding:0 7px;border:1px solid;border-radius:10px;
font-size:12.5px;font-weight:600;white-space:nowrap}
table.wide{font-size:12.5px}
thead th.num{white-space:normal}
.s-met{background:#dcf5e3;color:#14532d;border-color:#8fd19e}
.s-near{background:#fff3cd;color:#6b4a00;border-color:#eec36a}
.s-missed{background:#fde2e1;color:#8b1a14;border-color:#f09c98}
.s-missing{background:#eef1f4;color:#3d4650;border-color:#c3ccd5}
.s-qualitative{background:#e8eaf6;color:#283593;border-color:#9fa8da}
.s-tracking{background:#e3edf3;color:#2f4858;border-color:#a7bfcf}
.s-none{background:#fff;color:var(--muted);border-color:var(--line)}
.suggest{display:grid;grid-template-columns:repeat(4,minmax(0,1fr));gap:12px}
.kind{border:1px solid var(--line);border-top:5px solid var(--muted);border-radius:8px;
padding:8px 12px}
.kind-keep{border-top-color:#2e7d32}
.kind-review{border-top-color:#e3a008}
.kind-stop{border-top-color:#c62828}
.kind-start{border-top-color:#0b5cad}
.kind h3{margin:0 0 4px}
.kind ul{margin:0;padding-left:18px}
.kind li{margin:0 0 8px;font-size:13.5px}
.kind li b{display:block}
.none{color:var(--muted);font-style:italic}
footer{margin-top:36px;color:var(--muted);font-size:12.5px}
@media (max-width:980px){.cards,.pair,.suggest{grid-template-columns:minmax(0,1fr)}
main{padding:14px}}
@page{size:A4;margin:12mm 10mm}
@media print{
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
body{font-size:10pt}
main{max-width:none;padding:0}
nav.toc,.downloads,.back{display:none}
section{break-before:page;margin-top:0}
section:first-of-type{break-before:auto;margin-top:24px}
h2,h3,figcaption{break-after:avoid}
table{font-size:8pt}
th,td{padding:2px 4px}
.badge{font-size:7.5pt;padding:0 4px}
tr,.card,figure,.kind li,svg.chart{break-inside:avoid}
thead{display:table-header-group}
.scroll{overflow:visible}
.cards{grid-template-columns:repeat(3,minmax(0,1fr))}
.pair{grid-template-columns:minmax(0,1fr);gap:6px}
.suggest{grid-template-columns:repeat(2,minmax(0,1fr))}
}
"""


def csp_hash(css: str = CSS) -> str:
    """The ``'sha256-…'`` source of the Content-Security-Policy that allows ``css``."""
    digest = hashlib.sha256(css.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"

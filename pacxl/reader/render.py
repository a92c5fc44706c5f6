"""Findings for people (a table in the terminal) and for machines (JSON)."""

from __future__ import annotations

import json
import shutil
import textwrap
from typing import Any

from ..messages import message
from .plan import Plan

SEVERITY_LABEL = {"fr": {"error": "ERREUR", "warning": "avert."},
                  "en": {"error": "ERROR", "warning": "warning"}}


def verdict(plan: Plan, lang: str, name: str) -> str:
    errors, warnings = len(plan.findings.errors), len(plan.findings.warnings)
    code = "check_errors" if errors else "check_clean"
    return message(code, lang, name=name, errors=errors, warnings=warnings)


def findings_table(plan: Plan, lang: str, width: int | None = None) -> str:
    """One line per finding: severity, cell, column, message (wrapped to the terminal)."""
    width = width or shutil.get_terminal_size((110, 20)).columns
    if not plan.findings:
        return ""
    rows = [(SEVERITY_LABEL[lang][f.severity], f.reference or f.sheet, f.header, f.message(lang))
            for f in plan.findings]
    widths = [max(len(r[i]) for r in rows) for i in range(2)]
    widths.append(min(28, max(len(r[2]) for r in rows)))
    indent = sum(widths) + 6
    lines = []
    for severity, ref, header, text in rows:
        head = f"{severity:<{widths[0]}}  {ref:<{widths[1]}}  {header[:28]:<{widths[2]}}  "
        wrapped = textwrap.wrap(text, max(30, width - indent)) or [""]
        lines.append(head + wrapped[0])
        lines += [" " * indent + more for more in wrapped[1:]]
    return "\n".join(lines)


def findings_json(plan: Plan, lang: str, name: str) -> str:
    payload: dict[str, Any] = {
        "file": name,
        "kind": plan.identity.kind, "version": plan.identity.version,
        "workbook_lang": plan.identity.lang,
        "errors": len(plan.findings.errors), "warnings": len(plan.findings.warnings),
        "ok": not plan.findings.errors,
        "findings": [f.as_dict(lang) for f in plan.findings],
        "rows": {key: len(rows) for key, rows in plan.tables.items()},
    }
    return json.dumps(payload, ensure_ascii=False, indent=2)

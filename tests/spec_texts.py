"""Every label of the workbook description, wherever it sits (spec and build tests)."""

from __future__ import annotations

import dataclasses

from pacxl.spec import Text


def all_texts(obj: object) -> list[Text]:
    """Labels of the description, including the [fr, en] pairs of prefilled rows."""
    if isinstance(obj, Text):
        return [obj]
    if dataclasses.is_dataclass(obj):
        return [t for f in dataclasses.fields(obj) for t in all_texts(getattr(obj, f.name))]
    if isinstance(obj, dict):
        return [t for v in obj.values() for t in all_texts(v)]
    if isinstance(obj, list | tuple):
        if len(obj) == 2 and all(isinstance(x, str) for x in obj):
            return [Text(*obj)]
        return [t for v in obj for t in all_texts(v)]
    return []

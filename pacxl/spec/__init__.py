"""The declarative description of the PAC workbook, loaded from ``workbook_templates/``.

This package imports neither xlsxwriter, openpyxl nor pandas: the writer, the reader and
the analysis all consume the same typed description.
"""

from .load import SpecError, load_spec, text
from .model import (
    LANGS,
    Attribute,
    Chart,
    Column,
    Field,
    Line,
    ListSpec,
    Metric,
    Section,
    SheetSpec,
    Spec,
    Text,
    TextItem,
)

__all__ = [
    "LANGS", "Attribute", "Chart", "Column", "Field", "Line", "ListSpec", "Metric", "Section",
    "SheetSpec", "Spec", "SpecError", "Text", "TextItem", "load_spec", "text",
]

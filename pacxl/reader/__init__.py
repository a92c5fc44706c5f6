"""The importer: a filled PAC workbook back as typed tables, cell-precise findings."""

from .findings import ERROR, WARNING, Finding, Findings
from .plan import Plan, read_raw

__all__ = ["ERROR", "WARNING", "Finding", "Findings", "Plan", "read_raw"]

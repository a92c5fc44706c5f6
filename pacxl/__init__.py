"""pacxl: a French Plan d'Actions Commerciales et Marketing (PAC) in a spreadsheet.

The public API, loaded on first use so that ``import pacxl`` stays light (pandas is only
imported by ``read_workbook``)::

    pacxl.new_workbook(path, options)   # write a blank PAC workbook
    pacxl.read_plan(path)               # a filled workbook as plain tables and findings
    pacxl.read_workbook(path)           # the same as typed pandas DataFrames
    pacxl.analyse(workbook, as_of=None) # the gap analysis of a read workbook
    pacxl.analyse_files(paths)          # many workbooks (or folders) on both cores
    pacxl.consolidate(analyses)         # several analyses as one, for one report
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"
__all__ = ["analyse", "analyse_files", "consolidate", "new_options", "new_workbook",
           "read_plan", "read_workbook"]

_API = {
    "new_workbook": "pacxl.generate", "new_options": "pacxl.options",
    "read_plan": "pacxl.importer", "read_workbook": "pacxl.importer",
    "analyse": "pacxl.ecarts", "consolidate": "pacxl.ecarts", "analyse_files": "pacxl.batch",
}


def __getattr__(name: str) -> Any:
    if name in _API:
        import importlib

        return getattr(importlib.import_module(_API[name]), name)
    raise AttributeError(f"module 'pacxl' has no attribute {name!r}")

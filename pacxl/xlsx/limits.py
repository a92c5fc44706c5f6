"""The bounds a workbook must stay within to be read; each one has its own message."""

from __future__ import annotations

from dataclasses import dataclass

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """Every bound of :func:`pacxl.xlsx.read_xlsx`.

    The defaults let a 20 000-action PAC workbook through (8 MB on disk, 84 MB of XML,
    about 0.9 million cells, at most 15x compression) with wide margins, and refuse every
    bomb of ``tests/hostile`` in well under a second.
    """

    max_file_bytes: int = 200 * MB  # size of the file on disk
    max_entries: int = 10_000  # members of the zip archive
    max_uncompressed: int = 500 * MB  # declared total, then actual total while inflating
    max_ratio: int = 200  # uncompressed / compressed, for members over ratio_floor
    ratio_floor: int = 1 * MB
    max_part_bytes: int = 300 * MB  # one member, counted while inflating (sizes can lie)
    max_meta_bytes: int = 64 * MB  # workbook, relationships, styles, properties
    max_rows: int = 200_000  # real used range, from the cells
    max_cols: int = 2_000
    max_cells: int = 2_000_000  # stored cells in the whole workbook
    max_strings: int = 2_000_000  # shared strings
    timeout_s: float = 30.0  # wall clock of the isolated parse
    memory_bytes: int = 1536 * MB  # address space the isolated parse may add

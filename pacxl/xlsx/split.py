"""Cut a streamed part into head, body pieces made of whole records, and tail.

The fast paths (worksheet rows, shared strings) lex the body with regular expressions
that accept only plain markup; the head and tail go through a real XML parser. A body
piece always ends at the end of a record (``</row>``, ``</si>``), so no token is cut.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .limits import MB

MAX_HEAD = 16 * MB  # a worksheet's head holds views, columns, properties: kilobytes
MAX_PIECE = 64 * MB  # a body piece without a record end is handed over as it is


class Unusual(Exception):
    """The part is not in the plain form the fast path reads: use the generic parser."""


def split_body(
    chunks: Iterator[bytes], start: re.Pattern[bytes], end: bytes, record_end: bytes
) -> Iterator[tuple[str, bytes]]:
    """Yield ("head", bytes), then ("body", piece) for each piece, then ("tail", bytes).

    ``start`` matches the body's start tag (its match ends the head), ``end`` is the
    body's end tag (the tail starts after it).

    Raises:
        Unusual: no start tag within :data:`MAX_HEAD`, or markup the fast path must not
            guess about in the head (comments, CDATA, processing instructions).
    """
    buffer = b""
    for chunk in chunks:
        buffer += chunk
        found = start.search(buffer)
        if found:
            break
        if len(buffer) > MAX_HEAD:
            raise Unusual("no body start")
    else:
        raise Unusual("no body start")
    head, buffer = buffer[: found.end()], buffer[found.end() :]
    if b"<!" in head or b"<?" in head[2:]:
        raise Unusual("comment or processing instruction in the head")
    yield "head", head
    yield from _body(buffer, chunks, end, record_end)


def _body(
    buffer: bytes, chunks: Iterator[bytes], end: bytes, record_end: bytes
) -> Iterator[tuple[str, bytes]]:
    while True:
        stop = buffer.find(end)
        if stop >= 0:
            yield "body", buffer[:stop]
            yield "tail", buffer[stop + len(end) :] + b"".join(chunks)
            return
        cut = buffer.rfind(record_end)
        if cut >= 0 or len(buffer) > MAX_PIECE:
            cut = cut + len(record_end) if cut >= 0 else len(buffer)
            yield "body", buffer[:cut]
            buffer = buffer[cut:]
        chunk = next(chunks, None)
        if chunk is None:
            raise Unusual("no body end")
        buffer += chunk

"""The shared strings table (``xl/sharedStrings.xml``): one text per ``<si>``, capped.

Rich text runs are concatenated; phonetic runs (``<rPh>``) are not part of the text.
The fast path takes a piece of a few megabytes at a time and checks the count after each
piece, so a table of millions of strings is refused early. A piece made only of
``<si><t>…</t></si>`` records (what most writers produce) is split in C; other pieces are
lexed with one regular expression. Anything unusual (namespace prefixes, comments, CDATA,
another encoding) goes through ``iterparse`` instead, under the same cap.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from contextlib import closing
from itertools import compress

from ..errors import ReadError
from .limits import Limits
from .parts import Parts, parse_xml
from .reasons import root_reason, xml_reason
from .split import Unusual, split_body
from .text import clean, clean_joined, xml_text

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_SST = "{%s}sst" % MAIN_NS  # noqa: UP031 - braces
_SI, _T, _RPH = (f"{{{MAIN_NS}}}{name}" for name in ("si", "t", "rPh"))
CONTROL_BYTES = bytes(set(range(32)) - {9, 10, 13})
_START = re.compile(rb"<sst\b[^>]*>")
_DECLARATION = re.compile(rb"""^<\?xml[^>]*encoding=["'](?!utf-8["'])""", re.IGNORECASE)
_TOKENS = re.compile(
    rb"""(<si>)(?:<t>([^<]*)</t>|<t\ xml:space="preserve">([^<]*)</t>|<t/>"""
    rb"""|((?:[^<]+|<(?!/si>|si\b))*))</si>"""
    rb"""|\s+|(<[^>]*>?|[^<\s][^<]*)""",
    re.VERBOSE,
)
_OPEN, _CLOSE = b"<si><t>", b"</t></si>"
_PHONETIC = re.compile(rb"<rPh\b.*?</rPh>|<rPh\b[^>]*/>", re.DOTALL)
_RUN_TEXT = re.compile(rb"<t(?:\s[^>]*)?>([^<]*)</t>")


def read_strings(parts: Parts, name: str | None, limits: Limits) -> list[str]:
    """The texts of the shared strings part ``name`` ([] when the book has none).

    Raises:
        ReadError: more than ``limits.max_strings`` strings, bad XML, over the budget.
    """
    if name is None or not parts.has(name):
        return []
    inflated = parts.inflated
    try:
        return _fast(parts, name, limits)
    except Unusual:
        parts.inflated = inflated  # the generic parse counts again
        return _generic(parts, name, limits)


def _fast(parts: Parts, name: str, limits: Limits) -> list[str]:
    strings: list[str] = []
    with closing(parts.stream(name)) as chunks:
        for kind, data in split_body(chunks, _START, b"</sst>", b"</si>"):
            if kind == "head":
                _check_head(data, name, parts.label, limits)
            elif kind == "body":
                _lex(data, strings)
                if len(strings) > limits.max_strings:
                    raise _too_many(parts.label, limits)
            elif data.strip():
                raise Unusual("content after the table")
    return strings


def _check_head(head: bytes, name: str, label: str, limits: Limits) -> None:
    # the root must be <sst> in the main namespace, UTF-8, and not announce too many
    if _DECLARATION.match(head):
        raise Unusual("not UTF-8")
    root = parse_xml(head + b"</sst>", name, label)
    if root.tag != _SST:
        raise Unusual(f"root {root.tag}")
    unique = root.get("uniqueCount", "0")
    if unique.isdigit() and int(unique) > limits.max_strings:
        raise _too_many(label, limits)


def _lex(body: bytes, strings: list[str]) -> None:
    if len(body.translate(None, CONTROL_BYTES)) != len(body):
        raise Unusual("control character: not well-formed XML")  # expat says where
    plain = _plain_records(body)
    if plain is not None:
        try:
            strings.extend(_decode_all(plain))
        except (ValueError, UnicodeDecodeError) as error:
            raise Unusual(str(error)) from error
        return
    tokens = _TOKENS.findall(body)
    if not tokens:
        return
    sis, plains, kepts, richs, others = zip(*tokens, strict=True)
    if any(others):
        raise Unusual("unexpected markup")
    try:
        if any(richs):
            raws = [p or k or (_runs(r) if r else b"") for s, p, k, r, _ in tokens if s]
        else:  # one of plain and kept is empty: their sum is the other
            raws = list(map(bytes.__add__, compress(plains, sis), compress(kepts, sis)))
        strings.extend(_decode_all(raws))
    except (ValueError, UnicodeDecodeError) as error:  # bad entity or UTF-8: let expat say
        raise Unusual(str(error)) from error


def _plain_records(body: bytes) -> list[bytes] | None:
    # the texts, if the piece is nothing but <si><t>…</t></si> records: split in C, and
    # four "<" per record prove that no text holds markup
    if not (body.startswith(_OPEN) and body.endswith(_CLOSE)):
        return None
    texts = body[len(_OPEN) : -len(_CLOSE)].split(_CLOSE + _OPEN)
    return texts if body.count(b"<") == 4 * len(texts) else None


def _decode_all(raws: list[bytes]) -> list[str]:
    # all the texts of a piece decoded and cleaned at once, split on NUL (never in XML text)
    joined = b"\0".join(raws)
    if b"&" in joined or b"_x" in joined:  # entities or OOXML escapes: one by one
        return [clean(xml_text(raw)) if raw else "" for raw in raws]
    text = joined.decode("utf-8")
    if not text.isascii() or "\x7f" in text:
        text = clean_joined(text)
    return text.split("\0")


def _runs(rich: bytes) -> bytes:
    # the text of a rich string: every <t> of its runs, phonetic runs left out
    if b"<!" in rich or b"<?" in rich:
        raise Unusual("comment in a string")
    return b"".join(_RUN_TEXT.findall(_PHONETIC.sub(b"", rich)))


def _generic(parts: Parts, name: str, limits: Limits) -> list[str]:
    strings: list[str] = []
    parser = ET.XMLPullParser(events=("start", "end"))
    roots: list[ET.Element] = []
    try:
        with closing(parts.stream(name)) as chunks:
            for chunk in chunks:
                parser.feed(chunk)
                _collect(parser.read_events(), strings, roots, name, parts.label)
                if len(strings) > limits.max_strings:
                    raise _too_many(parts.label, limits)
        parser.close()
        _collect(parser.read_events(), strings, roots, name, parts.label)
    except ET.ParseError as error:
        raise ReadError("file_bad_xml", path=parts.label, part=name,
                        reason=xml_reason(error)) from error
    return strings


def _collect(
    events: Iterator[tuple[str, ET.Element]],
    strings: list[str],
    roots: list[ET.Element],
    name: str,
    label: str,
) -> None:
    for event, element in events:
        if event == "start" and not roots:
            if element.tag != _SST:
                reason = root_reason(element.tag)
                raise ReadError("file_bad_xml", path=label, part=name, reason=reason)
            roots.append(element)
        elif event == "end" and element.tag == _SI:
            strings.append(clean(_element_text(element)))
            roots[0].clear()  # drop the strings already read


def _element_text(si: ET.Element) -> str:
    texts: list[str] = []
    for child in si:
        if child.tag == _T:
            texts.append(child.text or "")
        elif child.tag != _RPH:
            texts.extend(t.text or "" for t in child.iter(_T))
    return "".join(texts)


def _too_many(label: str, limits: Limits) -> ReadError:
    return ReadError("file_too_many_strings", path=label, max=limits.max_strings)

"""Why a damaged file cannot be read, said in the message's language (pacxl/xlsx/reasons.py)."""

from __future__ import annotations

import pickle
import xml.etree.ElementTree as ET
import zipfile
import zlib
from pathlib import Path

import pytest
from hostile.make_corpus import make_corpus

from pacxl.errors import ReadError
from pacxl.importer import read_plan
from pacxl.messages import Phrase, message
from pacxl.xlsx.reasons import xml_reason, zip_reason

ENGLISH = ("central directory", "Bad CRC", "magic number", "mismatched tag", "BadZipFile",
           "Error -3", "not well-formed")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("reasons")
    make_corpus(folder)
    return folder


@pytest.mark.parametrize(("name", "french", "english"), [
    ("truncated.xlsx", "la fin du fichier, qui contient sa table des matières, manque",
     "the end of the file, which holds its table of contents, is missing"),
    ("bad_central_directory.xlsx", "la table des matières est abîmée",
     "the table of contents is damaged"),
    ("lying_sizes.xlsx", "xl/worksheets/sheet1.xml : une partie ne correspond pas à sa somme "
     "de contrôle", "xl/worksheets/sheet1.xml: a part does not match its checksum"),
    ("bad_xml.xlsx", "XML mal formé à la ligne 2, colonne 140",
     "malformed XML at line 2, column 140"),
])
@pytest.mark.parametrize("isolate", [True, False])
def test_a_damaged_file_is_explained_in_the_readers_language(corpus: Path, name: str,
                                                              french: str, english: str,
                                                              isolate: bool) -> None:
    with pytest.raises(ReadError) as caught:
        read_plan(corpus / name, isolate=isolate)  # isolate: the reason crosses a pipe
    fr, en = caught.value.message("fr"), caught.value.message("en")
    assert french in fr and english in en
    assert not any(word in fr for word in ENGLISH), fr


def test_each_library_error_has_its_phrase() -> None:
    assert zip_reason(zlib.error("Error -3 while decompressing")) == Phrase("zip_reason_deflate")
    assert zip_reason(EOFError()) == Phrase("zip_reason_truncated")
    assert zip_reason(zipfile.BadZipFile("File is not a zip file")) == Phrase(
        "zip_reason_not_zip")
    assert zip_reason(zipfile.BadZipFile("Truncated file header"), "xl/a.xml") == Phrase(
        "zip_reason_in_member", {"part": "xl/a.xml", "reason": Phrase("zip_reason_truncated")})
    error = ET.ParseError("no element found: line 3, column 0")
    error.position = (3, 0)
    assert xml_reason(error) == Phrase("xml_reason_position", {"line": 3, "column": 0})
    assert xml_reason(UnicodeDecodeError("utf-16", b"\xff", 0, 1, "x")) == Phrase(
        "xml_reason_encoding")


def test_an_unknown_cause_keeps_the_librarys_words_as_a_technical_detail() -> None:
    reason = zip_reason(zipfile.BadZipFile("Overlapped entries: 'x'"))
    assert message("file_corrupt_zip", "fr", path="p.xlsx", reason=reason).startswith(
        "p.xlsx est tronqué ou endommagé (détail technique : Overlapped entries: 'x')")
    assert "(technical detail: Overlapped entries: 'x')" in message(
        "file_corrupt_zip", "en", path="p.xlsx", reason=reason)


def test_a_phrase_crosses_processes() -> None:
    error = ReadError("file_corrupt_zip", path="p.xlsx", reason=zip_reason(EOFError(), "x"))
    again = pickle.loads(pickle.dumps(error))
    assert again.message("fr") == error.message("fr")

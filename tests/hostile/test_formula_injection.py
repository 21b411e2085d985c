"""No workbook the app writes holds a formula made from user data: text starting like a
formula or a DDE payload (`=HYPERLINK(...)`, `+cmd|' /C calc'!A0`, `@SUM(1)`, `-1+1`, and
generated text after each start character) comes back from every writer as a text cell
(data_type 's', the same value), and no sheet of the file contains an <f> element.

Writers: the openpyxl single-sheet export (desktop `payung export`), the streaming writer and
the openpyxl multi-sheet writer (the server's consolidated roster and reconciliation report go
through save_verified_tables), and the import error report.
"""

from __future__ import annotations

import re
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.documents.importing import Problem, Severity, write_report
from app.documents.xlsx_export import DocumentInfo, save_verified
from app.documents.xlsx_workbook import PlainColumn, plain_table, save_verified_tables, write_tables
from tests.hostile.conftest import fuzz_examples

PAYLOADS = [
    '=HYPERLINK("http://x","y")',
    "+cmd|' /C calc'!A0",
    "@SUM(1)",
    "-1+1",
    "=1+1",
    "\t=1",
    "=cmd|'/c calc'!A1",
    "#REF!",
    '=IMPORTXML("http://x","//a")',
]
_XML_TEXT = st.characters(blacklist_categories=("Cs", "Cc"))
hostile = st.one_of(
    st.sampled_from(PAYLOADS),
    st.builds(
        lambda start, rest: start + rest,
        st.sampled_from(["=", "+", "-", "@", "\t", "\r", " =", "＝"]),
        st.text(_XML_TEXT, min_size=1, max_size=30),
    ),
)
_F = re.compile(rb"<(\w+:)?f[ >/]")


def _roster(path: Path, texts: list[str]) -> Path:
    table = plain_table(
        "Iuran", [PlainColumn("Nama"), PlainColumn("Alamat")], [[t, t] for t in texts]
    )
    save_verified(path, table, DocumentInfo())
    return path


def _fast(path: Path, texts: list[str]) -> Path:
    table = plain_table("Rekap", [PlainColumn("Nama")], [[t] for t in texts])
    return save_verified_tables(path, [table], DocumentInfo())


def _openpyxl_tables(path: Path, texts: list[str]) -> Path:
    table = plain_table("Rekap", [PlainColumn("Nama")], [[t] for t in texts])
    return save_verified_tables(path, [table], DocumentInfo(), write=write_tables)


def _import_report(path: Path, texts: list[str]) -> Path:
    problems = [Problem(i + 2, t, Severity.ERROR, "name_invalid", t) for i, t in enumerate(texts)]
    return write_report(problems, path, source=texts[0])


WRITERS: dict[str, Callable[[Path, list[str]], Path]] = {
    "export": _roster,
    "stream": _fast,
    "tables": _openpyxl_tables,
    "report": _import_report,
}


def assert_all_text(path: Path, texts: list[str]) -> None:
    from openpyxl import load_workbook

    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                assert not _F.search(archive.read(name)), f"a formula in {name}"
    book = load_workbook(path)
    wanted = {t.replace("\r", "\n") for t in texts} | set(texts)
    seen = 0
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value in wanted:
                    assert cell.data_type == "s", (cell.coordinate, cell.value, cell.data_type)
                    seen += 1
    assert seen >= len(texts), "every hostile text is found back as text"


@pytest.mark.parametrize("writer", sorted(WRITERS))
def test_known_payloads_stay_text(writer: str, tmp_path: Path) -> None:
    assert_all_text(WRITERS[writer](tmp_path / "out.xlsx", PAYLOADS), PAYLOADS)


@pytest.mark.parametrize("writer", sorted(WRITERS))
@settings(max_examples=fuzz_examples(25), deadline=None, database=None)
@given(texts=st.lists(hostile, min_size=1, max_size=6))
def test_generated_formula_text_stays_text(writer: str, texts: list[str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = WRITERS[writer](Path(folder) / "out.xlsx", texts)
        assert_all_text(path, texts)

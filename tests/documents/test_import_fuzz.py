"""Property-based fuzzing of the readers: whatever the cells or bytes, reading a file either
gives a preview or raises UnreadableFile (a DomainError on field `file`) - never a traceback.

Examples are bounded (each one writes a file); the service tests prove that an unreadable file
also writes nothing to the register.
"""

from __future__ import annotations

import tempfile
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from import_corpus import TODAY, perangkat_files, write_csv, write_xlsx

from app.documents.importing import ImportPreview, UnreadableFile, read_preview
from app.domain.errors import DomainError
from tests.factories_contrib import rates_on

__all__ = ["perangkat_files"]

HEADER_WORDS = ["NIK", "Nama", "Tgl Lahir", "L/P", "Jabatan", "TTL", "RT/RW", "Segmen",
                "Program", "Upah", "TMT", "JUMLAH", "No", "Alamat", "No. HP"]  # fmt: skip
_XML_SAFE = st.characters(blacklist_categories=("Cs", "Cc"))

cells = st.one_of(
    st.none(),
    st.sampled_from(HEADER_WORDS),
    st.text(_XML_SAFE, max_size=30),
    st.integers(min_value=-(10**17), max_value=10**17),
    st.floats(allow_nan=False, allow_infinity=False, width=64),
    st.dates(min_value=date(1900, 3, 1), max_value=date(2100, 1, 1)),
    st.datetimes(min_value=datetime(1900, 3, 1), max_value=datetime(2100, 1, 1)),
    st.booleans(),
    st.sampled_from(
        [
            "3.52101E+15",
            "3521010505800001",
            "L",
            "P",
            "12 Mei 1980",
            "31-02-1980",
            "Kaur Keuangan",
            "JKK,JKM",
            "PU",
            "BPU",
            "APBDes",
            "003/012",
        ]
    ),
)
grids = st.lists(st.lists(cells, max_size=10), max_size=25)


def outcome(path: Path) -> ImportPreview | UnreadableFile:
    """The preview, or the UnreadableFile raised; any other exception fails the test."""
    try:
        return read_preview(path, today=TODAY, rates_at=rates_on)
    except UnreadableFile as error:
        assert error.field == "file" and error.message
        return error
    except DomainError as error:  # pragma: no cover - shown with its type when it happens
        pytest.fail(f"{type(error).__name__}: {error}")


def _consistent(result: ImportPreview | UnreadableFile) -> None:
    if isinstance(result, ImportPreview):
        assert result.valid + result.invalid == result.rows_read
        for row in result.rows:
            assert row.row > result.mapping.header_row
            assert (row.worker is not None) == row.valid or result.blocked


@settings(max_examples=40)
@given(grid=grids)
def test_random_cells_in_xlsx(grid: list[list[Any]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = write_xlsx(Path(folder) / "acak.xlsx", grid)
        _consistent(outcome(path))


@settings(max_examples=60)
@given(grid=st.lists(st.lists(st.text(_XML_SAFE, max_size=20), max_size=8), max_size=25),
       delimiter=st.sampled_from([",", ";", "\t"]),
       encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]))  # fmt: skip
def test_random_csv(grid: list[list[str]], delimiter: str, encoding: str) -> None:
    lines = [delimiter.join(cell.replace("\n", " ") for cell in row) for row in grid]
    with tempfile.TemporaryDirectory() as folder:
        try:
            path = write_csv(Path(folder) / "acak.csv", lines, encoding=encoding)
        except UnicodeEncodeError:
            return  # cp1252 cannot hold every character: not a file anyone could have
        _consistent(outcome(path))


@settings(max_examples=60)
@given(data=st.binary(max_size=4096), suffix=st.sampled_from([".xlsx", ".xls", ".ods", ".csv"]))
def test_random_bytes(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"acak{suffix}"
        path.write_bytes(data)
        result = outcome(path)
        if suffix != ".csv":
            assert isinstance(result, UnreadableFile)


@settings(max_examples=40)
@given(data=st.data())
def test_truncated_and_corrupted_spreadsheets(
    perangkat_files: dict[str, Path], data: st.DataObject
) -> None:
    kind = data.draw(st.sampled_from(sorted(perangkat_files)))
    whole = perangkat_files[kind].read_bytes()
    damage = data.draw(st.sampled_from(["cut", "flip", "zero"]))
    if damage == "cut":
        broken = whole[: data.draw(st.integers(min_value=0, max_value=len(whole) - 1))]
    else:
        start = data.draw(st.integers(min_value=0, max_value=len(whole) - 1))
        length = data.draw(st.integers(min_value=1, max_value=256))
        fill = (
            data.draw(st.binary(min_size=length, max_size=length))
            if damage == "flip"
            else bytes(length)
        )
        broken = whole[:start] + fill + whole[start + length :]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"rusak.{kind}"
        path.write_bytes(broken)
        result = outcome(path)
        _consistent(result)
        if damage == "cut" and kind in ("xlsx", "ods"):
            assert isinstance(result, UnreadableFile)  # a zip's directory is at its end

"""The error report workbook: one row per problem, text that never becomes a formula."""

from __future__ import annotations

import zipfile
from pathlib import Path

from app.documents.importing import Problem, Severity, write_report
from app.documents.importing.report import REPORT_HEADERS, REPORT_SHEET

PROBLEMS = [
    Problem(3, "", Severity.WARNING, "column_missing", "kolom jenis kelamin tidak ada"),
    Problem(8, "NIK", Severity.ERROR, "nik_numeric", "NIK tersimpan sebagai angka; ketik ulang"),
    Problem(
        9,
        '=HYPERLINK("http://x")',
        Severity.ERROR,
        "name_invalid",
        "-nama wajib diisi",
        column_index=2,
    ),
    Problem(10, "@Nama", Severity.WARNING, "category_guessed", "+62 \x07 tidak dikenali"),
]


def read_back(path: Path) -> list[list[object]]:
    from openpyxl import load_workbook

    with zipfile.ZipFile(path) as archive:
        assert b"<f>" not in archive.read("xl/worksheets/sheet1.xml")  # no formula anywhere
    sheet = load_workbook(path)[REPORT_SHEET]
    for row in sheet.iter_rows(min_row=2):
        for cell in row[1:]:
            assert cell.data_type in ("s", "inlineStr"), cell.coordinate
    return [[c.value for c in row] for row in sheet.iter_rows()]


def test_report_lists_every_problem(tmp_path: Path) -> None:
    path = write_report(PROBLEMS, tmp_path / "laporan.xlsx", source="daftar.xlsx")
    rows = read_back(path)
    assert rows[0] == list(REPORT_HEADERS)
    assert rows[1:3] == [
        [3, None, "Peringatan", "column_missing", "kolom jenis kelamin tidak ada"],
        [8, "NIK", "Kesalahan", "nik_numeric", "NIK tersimpan sebagai angka; ketik ulang"],
    ]
    assert rows[3] == [9, '=HYPERLINK("http://x")', "Kesalahan", "name_invalid",
                       "-nama wajib diisi"]  # fmt: skip
    assert rows[4] == [10, "@Nama", "Peringatan", "category_guessed", "+62  tidak dikenali"]


def test_report_is_written_through_a_part_file(tmp_path: Path) -> None:
    path = tmp_path / "laporan.xlsx"
    path.write_bytes(b"laporan lama")
    write_report([], path)
    assert read_back(path) == [list(REPORT_HEADERS)]
    assert list(tmp_path.iterdir()) == [path]


def test_report_properties(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    path = write_report(PROBLEMS, tmp_path / "laporan.xlsx", source="daftar.xlsx")
    properties = load_workbook(path).properties
    assert (properties.title, properties.subject) == ("Laporan masalah impor", "daftar.xlsx")

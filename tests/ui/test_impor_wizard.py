"""The Impor wizard end to end on an ugly workbook made here: a title row, a NIK typed as a
number, an impossible date, a JUMLAH row; the mapping detected and changed, the problems beside
their rows, only the valid rows written, the error report saved and readable."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from ui_factories import nik_for

from app.services.context import AppContext
from app.services.imports import Field, Severity
from app.services.register import SearchQuery
from app.ui.documents import DocumentServices
from app.ui.i18n import install_language
from app.ui.import_table import FIELD_NAMES, Show
from app.ui.pages.impor import FILE, MAPPING, PREVIEW, RESULT, ImporPage
from app.ui.pages.impor_steps import column_letter

BUDI = nik_for(date(1980, 5, 12), female=False, serial=21)
SITI = nik_for(date(1985, 8, 17), female=True, serial=22)  # typed as a number
AGUS = nik_for(date(1970, 2, 2), female=False, serial=23)  # birth date 31-02-1970
DEWI = nik_for(date(1982, 4, 4), female=True, serial=24)
HEADER = ["No", "NIK", "Nama", "Tgl Lahir", "L/P", "Jabatan", "Keterangan"]


def ugly_workbook(path: Path) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Data"
    rows: list[list[Any]] = [
        ["DAFTAR PERANGKAT DESA SUKAMAJU TAHUN 2026"],
        [],
        HEADER,
        [1, BUDI, "Budi Santoso", date(1980, 5, 12), "L", "Kaur Umum", None],
        [2, int(SITI), "Siti Aminah", "17-08-1985", "P", "Kader Posyandu", None],
        [3, AGUS, "Agus Salim", "31-02-1970", "L", "Ketua RT 01", None],
        [4, DEWI, "Dewi Lestari", date(1982, 4, 4), "P", "Sekdes", "pindahan"],
        ["JUMLAH", None, None, None, None, None, None],
    ]
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def open_page(qtbot: QtBot, ctx: AppContext) -> ImporPage:
    page = ImporPage(DocumentServices.of(ctx).imports)
    qtbot.addWidget(page)
    return page


def choose(qtbot: QtBot, page: ImporPage, path: Path) -> None:
    with qtbot.waitSignal(page.previewed, timeout=10_000):
        page.choose_file(path)
        assert page.busy and not page.progress.isHidden()  # read off the GUI thread


def lines_of(page: ImporPage, row: int) -> list[tuple[str, str, str]]:
    """(column, severity text, message) of every table line about spreadsheet row `row`."""
    model = page.preview_step.model
    found = []
    for n in range(model.rowCount()):
        line = model.line_at(n)
        if line.row == row:
            texts = [str(model.index(n, c).data() or "") for c in range(3, 6)]
            found.append((texts[0], texts[1], texts[2]))
    return found


def test_the_wizard_imports_only_the_valid_rows(
    qtbot: QtBot, context: AppContext, tmp_path: Path
) -> None:
    page = open_page(qtbot, context)
    choose(qtbot, page, ugly_workbook(tmp_path / "perangkat.xlsx"))
    assert page.steps.currentIndex() == FILE and page.next_button.isEnabled()
    assert (
        "4 baris dibaca: 3 siap diimpor, 1 ditolak, 1 peringatan" in page.file_step.summary.text()
    )
    page.next_button.click()
    assert page.steps.currentIndex() == MAPPING
    mapping = page.mapping_step
    chosen = [box.currentData() for box in mapping.combos]
    assert chosen == ["", "nik", "name", "birth_date", "sex", "position", ""]
    assert "judul kolom di baris 3, data mulai baris 4" in mapping.where.text()
    page.next_button.click()
    assert page.steps.currentIndex() == PREVIEW

    assert lines_of(page, 4) == [("", "Siap", "")]
    [(column, severity, message)] = lines_of(page, 5)
    assert (column, severity) == ("NIK", "Peringatan") and "KTP" in message
    [(column, severity, message)] = lines_of(page, 6)
    assert (column, severity) == ("Tgl Lahir", "Kesalahan") and "31-02-1970" in message
    assert lines_of(page, 8) == []  # the JUMLAH row is not a person
    page.preview_step.show_box.setCurrentIndex(
        page.preview_step.show_box.findData(Show.ERRORS.value)
    )
    assert [page.preview_step.model.line_at(0).row] == [6]
    assert page.preview_step.model.rowCount() == 1

    assert page.import_button.text() == "&Impor 3 baris"
    with qtbot.waitSignal(page.imported, timeout=10_000):
        page.import_button.click()
    assert page.steps.currentIndex() == RESULT
    assert page.result_step.title.text() == "3 pekerja masuk register."
    assert "1 baris tidak diimpor" in page.result_step.detail.text()
    listed = {row.nik for row in context.register.search(SearchQuery()).rows}
    assert listed == {BUDI, SITI, DEWI}

    report = tmp_path / "laporan.xlsx"
    with qtbot.waitSignal(page.reportSaved, timeout=10_000):
        page.save_report(report)
    assert report_rows(report) >= {(5, "nik_numeric_suspect"), (6, "date_invalid")}


def report_rows(path: Path) -> set[tuple[int, str]]:
    """(row, code) of every problem in the report workbook, read back with openpyxl."""
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True)
    header, *rows = list(book.worksheets[0].iter_rows(values_only=True))
    book.close()
    assert header == ("Baris", "Kolom", "Tingkat", "Kode", "Pesan")
    return {(int(str(row[0])), str(row[3])) for row in rows}


def test_changing_the_mapping_previews_again(
    qtbot: QtBot, context: AppContext, tmp_path: Path
) -> None:
    page = open_page(qtbot, context)
    choose(qtbot, page, ugly_workbook(tmp_path / "perangkat.xlsx"))
    page.show_step(MAPPING)
    with qtbot.waitSignal(page.previewed, timeout=10_000):
        page.mapping_step.choose(3, None)  # Tgl Lahir not imported: dates come from the NIK
    preview = page.preview
    assert preview is not None and preview.mapping.column_of(Field.BIRTH_DATE) is None
    assert (preview.valid, preview.invalid) == (4, 0)
    assert page.mapping_step.combos[3].currentData() == ""
    assert "tanggal lahir" in page.mapping_step.problems.text()
    assert "4 siap diimpor, 0 ditolak" in page.mapping_step.counts.text()
    with qtbot.waitSignal(page.previewed, timeout=10_000):
        page.mapping_step.choose(6, Field.POSITION)  # the position moves to Keterangan
    chosen = [box.currentData() for box in page.mapping_step.combos]
    assert chosen[5] == "" and chosen[6] == "position"
    assert page.import_button.text() == "&Impor 4 baris"


def test_a_long_file_shows_how_far_the_checks_are(
    qtbot: QtBot, context: AppContext, tmp_path: Path
) -> None:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Data")
    sheet.append(HEADER[:5])
    for serial in range(1, 4001):
        born = date(1960 + serial % 40, 1 + serial % 12, 1 + serial % 28)
        nik = nik_for(born, female=False, serial=serial)
        sheet.append([serial, nik, "Budi Santoso", born, "L"])
    book.save(tmp_path / "panjang.xlsx")
    page = open_page(qtbot, context)
    seen: list[tuple[int, int]] = []
    page.progress.valueChanged.connect(lambda v: seen.append((v, page.progress.maximum())))
    choose(qtbot, page, tmp_path / "panjang.xlsx")
    assert (2000, 4000) in seen  # the bar followed the checks, 2,000 rows at a time
    assert page.preview is not None and page.preview.rows_read == 4000
    about_header = [p for p in page.preview.problems if p.row == 1]  # no Jabatan column
    assert page.preview_step.model.rowCount() == 4000 + len(about_header)


@pytest.mark.parametrize(
    ("name", "content"),
    [("rusak.xlsx", b"PK\x03\x04 this zip is cut off"), ("kosong.csv", b"")],
)
def test_an_unreadable_file_is_explained_on_the_first_step(
    qtbot: QtBot, context: AppContext, tmp_path: Path, name: str, content: bytes
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    page = open_page(qtbot, context)
    with qtbot.waitSignal(page.failed, timeout=10_000):
        page.choose_file(path)
    assert page.steps.currentIndex() == FILE
    assert page.file_step.error.text().startswith("Berkas: ")
    assert not page.next_button.isEnabled() and page.preview is None
    assert context.register.count(SearchQuery()) == 0


def test_severity_and_column_letters() -> None:
    assert [column_letter(i) for i in (0, 25, 26, 27, 701, 702)] == [
        "A", "Z", "AA", "AB", "ZZ", "AAA",
    ]  # fmt: skip
    assert Severity.ERROR.label == "Kesalahan"


def test_every_import_field_has_a_translatable_name() -> None:
    from app.services.imports import LABELS

    assert set(LABELS.values()) <= set(FIELD_NAMES)


def test_the_wizard_speaks_english(qtbot: QtBot, context: AppContext, tmp_path: Path) -> None:
    assert install_language("en")
    page = open_page(qtbot, context)
    assert "1 File" in page.trail.text() and "4 Done" in page.trail.text()
    assert page.next_button.text() == "&Next >"
    choose(qtbot, page, ugly_workbook(tmp_path / "perangkat.xlsx"))
    assert "4 rows read: 3 ready to import, 1 refused, 1 warnings" in page.file_step.summary.text()
    assert page.mapping_step.combos[1].currentText() == "NIK"
    assert page.mapping_step.combos[3].currentText() == "Date of birth"
    page.show_step(PREVIEW)
    headers = [page.preview_step.model.headerData(c, Qt.Orientation.Horizontal)
               for c in range(6)]  # fmt: skip
    assert headers == ["Row", "NIK", "Name", "Column", "Kind", "Problem"]
    assert lines_of(page, 6)[0][1] == "Error"

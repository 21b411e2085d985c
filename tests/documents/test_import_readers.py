"""Reading files: kinds by content, cell types kept, CSV delimiters and encodings, sheets, and
a clear Indonesian error for every file that cannot be read."""

from __future__ import annotations

import codecs
import subprocess
import sys
import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest
from factories import make_nik
from import_corpus import TODAY, cfb_claiming_terabytes, write_csv, write_xlsx
from wording import assert_indonesian_with_fix

from app.documents.importing import (
    Field,
    HeaderNotFound,
    UnknownSheet,
    UnreadableFile,
    Workbook,
    isolated,
    read_preview,
)
from app.documents.importing.readers import sniff_delimiter

NIK = make_nik(date(1980, 5, 5), "P", serial=401)
HEADER = ["NIK", "Nama", "Tgl Lahir", "L/P"]
ROW = [NIK, "Siti Aminah", "05-05-1980", "P"]
REPO = Path(__file__).resolve().parents[2]


def names(path: Path) -> list[str]:
    result = read_preview(path, today=TODAY)
    return [r.worker.name for r in result.rows if r.worker is not None]


def unreadable(path: Path) -> UnreadableFile:
    with pytest.raises(UnreadableFile) as caught:
        read_preview(path, today=TODAY)
    error = caught.value
    assert error.field == "file"
    assert_indonesian_with_fix(error.message)
    return error


# -- cell types ------------------------------------------------------------------------------
def test_numeric_and_text_cells_keep_their_type(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "a.xlsx", [HEADER, [int(NIK), "Siti", date(1980, 5, 5), "P"],
                                            [NIK, "Budi", "x", 3]])  # fmt: skip
    with Workbook(path) as book:
        rows = book.table("Data").rows
    assert isinstance(rows[1][0], int | float) and not isinstance(rows[1][0], bool)
    assert rows[2][0] == NIK
    assert isinstance(rows[1][2], date | datetime)
    assert isinstance(rows[2][3], int | float)


def test_csv_cells_are_text(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "a.csv", [",".join(HEADER), ",".join(ROW)])
    with Workbook(path) as book:
        assert book.table("a").rows[1] == ROW


# -- CSV --------------------------------------------------------------------------------------
def test_delimiter_is_the_one_that_splits_lines_evenly() -> None:
    lines = ["NIK;Nama;TTL", "1;Budi;Ngawi, 12 Mei 1980", "2;Siti;Madiun, 1 Juni 1981"]
    assert sniff_delimiter(lines) == ";"
    assert sniff_delimiter(["a,b,c", '1,"x; y",3']) == ","
    assert sniff_delimiter(["a\tb\tc", "1\t2\t3"]) == "\t"


@pytest.mark.parametrize(
    ("encoding", "prefix"),
    [("utf-8", b""), ("utf-8", codecs.BOM_UTF8), ("cp1252", b""), ("utf-16", b"")],
)
def test_csv_encodings(tmp_path: Path, encoding: str, prefix: bytes) -> None:
    text = "\r\n".join([";".join(HEADER), ";".join([NIK, "Siti ‘Aisyah’", "05-05-1980", "P"])])
    path = tmp_path / "a.csv"
    path.write_bytes(prefix + text.encode(encoding))
    assert names(path) == ["Siti ‘Aisyah’"]


def test_quoted_csv_cells_with_the_delimiter_inside(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "a.csv", ["NIK,Nama,TTL,L/P", f'{NIK},Siti,"Ngawi, 05-05-1980",P'])
    result = read_preview(path, today=TODAY)
    assert result.rows[0].worker is not None
    assert result.rows[0].worker.birth_place == "Ngawi"


# -- kinds by content --------------------------------------------------------------------------
def test_xlsx_saved_under_an_xls_name_is_read(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "a.xlsx", [HEADER, ROW])
    renamed = path.rename(tmp_path / "a.xls")
    assert names(renamed) == ["Siti Aminah"]


def test_web_page_saved_as_xls_is_named_as_such(tmp_path: Path) -> None:
    path = tmp_path / "export.xls"
    path.write_text("<html><body><table><tr><td>NIK</td></tr></table></body></html>")
    assert "HTML" in unreadable(path).message


@pytest.mark.parametrize("suffix", [".xlsx", ".xls", ".ods", ".csv"])
def test_empty_file(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"kosong{suffix}"
    path.write_bytes(b"")
    assert "kosong" in unreadable(path).message


def test_missing_file_and_folder(tmp_path: Path) -> None:
    assert "tidak ditemukan" in unreadable(tmp_path / "tidak-ada.xlsx").message
    assert "folder" in unreadable(tmp_path).message


def test_unsupported_kind(tmp_path: Path) -> None:
    path = tmp_path / "surat.pdf"
    path.write_bytes(b"%PDF-1.4 not a spreadsheet")
    assert "tidak didukung" in unreadable(path).message


@pytest.mark.parametrize("suffix", [".xlsx", ".xls", ".ods"])
def test_random_bytes_under_a_spreadsheet_name(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"rusak{suffix}"
    path.write_bytes(bytes(range(256)) * 8)
    assert "rusak" in unreadable(path).message


def test_cut_off_xlsx(tmp_path: Path) -> None:
    whole = write_xlsx(tmp_path / "a.xlsx", [HEADER, ROW] * 50).read_bytes()
    cut = tmp_path / "potong.xlsx"
    cut.write_bytes(whole[: len(whole) // 2])
    assert "terpotong" in unreadable(cut).message


def test_zip_that_is_no_spreadsheet(tmp_path: Path) -> None:
    path = tmp_path / "arsip.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("foto.txt", "bukan lembar kerja")
    unreadable(path)


def test_binary_under_a_csv_name(tmp_path: Path) -> None:
    path = tmp_path / "data.csv"
    path.write_bytes(b"\x00\x01\x02NIK\x00" * 100)
    assert "biner" in unreadable(path).message


# -- sheets ----------------------------------------------------------------------------------
def test_first_visible_sheet_with_a_header_is_chosen(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "a.xlsx", [["Daftar"], HEADER, ROW], sheet="Peserta",
        before={"Rahasia": [HEADER, ROW], "Petunjuk": [["Isi lembar Peserta"]]},
        hidden=["Rahasia"],
    )  # fmt: skip
    result = read_preview(path, today=TODAY)
    assert (result.sheet, result.sheets) == ("Peserta", ("Rahasia", "Petunjuk", "Peserta"))
    assert result.mapping.header_row == 2


def test_named_sheet_is_used(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "a.xlsx", [HEADER, ROW], sheet="Dua",
                      before={"Satu": [HEADER, ["", "Tanpa NIK", "", ""]]})  # fmt: skip
    result = read_preview(path, today=TODAY, sheet="Dua")
    assert result.sheet == "Dua" and result.rows[0].valid


def test_unknown_sheet_lists_the_sheets(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "a.xlsx", [HEADER, ROW], sheet="Peserta")
    with pytest.raises(UnknownSheet) as caught:
        read_preview(path, today=TODAY, sheet="Sheet9")
    assert caught.value.field == "sheet"
    assert "Peserta" in caught.value.message


def test_csv_has_one_sheet(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "a.csv", [",".join(HEADER), ",".join(ROW)])
    with pytest.raises(UnknownSheet):
        read_preview(path, today=TODAY, sheet="Lembar2")


def test_no_header_on_any_sheet(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "a.xlsx", [["Catatan"], ["x", 1]], sheet="B",
                      before={"A": []})  # fmt: skip
    with pytest.raises(HeaderNotFound) as caught:
        read_preview(path, today=TODAY)
    assert "A, B" in caught.value.message
    assert_indonesian_with_fix(caught.value.message)


def test_mapping_override_is_used_as_given(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "a.xlsx", [[*HEADER, "Keterangan"], [*ROW, "Kader Posyandu"]])
    detected = read_preview(path, today=TODAY)
    assert detected.mapping.fields[4] is None
    changed = detected.mapping.with_field(4, Field.POSITION)
    result = read_preview(path, today=TODAY, sheet=detected.sheet, mapping=changed)
    assert result.mapping is changed
    worker = result.rows[0].worker
    assert worker is not None and worker.category.value == "kader_posyandu"


@pytest.mark.skipif(sys.platform == "win32", reason="the worker's memory limit is POSIX-only")
def test_a_file_that_kills_the_reader_is_reported_and_the_next_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(isolated.MEMORY_ENV, "512")
    isolated.stop()  # the next worker starts under the small limit
    try:
        crafted = tmp_path / "lama.xls"
        crafted.write_bytes(cfb_claiming_terabytes())
        assert "rusak" in unreadable(crafted).message
        good = write_xlsx(tmp_path / "a.xlsx", [HEADER, ROW])
        assert names(good) == ["Siti Aminah"]  # a new worker, this process unharmed
    finally:
        isolated.stop()


def test_the_package_imports_no_file_library() -> None:
    """Start-up stays fast: calamine and openpyxl load only when a file is read or written."""
    code = (
        "import sys, app.documents.importing, app.services.imports, app.cli_import; "
        "print([m for m in sys.modules if m.startswith(('python_calamine', 'openpyxl'))])"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "[]"

"""The read-back comparison on its own: what counts as the same cell, and files that are not
what was meant (a formula, a number for a NIK, a truncated file, another sheet)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from app.documents.xlsx_check import Mismatch, check_file, compare_rows, same_cell

NIK = "3521014505800001"
HEADER = ["NIK", "Nama", "Upah"]
EXPECTED = [HEADER, [NIK, "Siti", 2_022_200]]


def test_identical_rows_have_no_mismatch() -> None:
    assert compare_rows(EXPECTED, [list(row) for row in EXPECTED]) == []


def test_a_reader_returning_floats_for_integers_is_the_same_number() -> None:
    assert compare_rows(EXPECTED, [HEADER, [NIK, "Siti", 2022200.0]]) == []


def test_a_nik_that_came_back_as_a_number_is_a_mismatch() -> None:
    found = compare_rows(EXPECTED, [HEADER, [3.521014505800001e15, "Siti", 2022200.0]])
    assert found == [Mismatch(2, 1, NIK, 3.521014505800001e15)]
    assert found[0].describe().startswith("sel A2: tertulis")


def test_text_digits_for_a_number_are_a_mismatch() -> None:
    assert compare_rows(EXPECTED, [HEADER, [NIK, "Siti", "2022200"]]) == [
        Mismatch(2, 3, 2_022_200, "2022200")
    ]


def test_empty_cells_a_reader_leaves_out_at_the_end_are_the_same() -> None:
    expected = [HEADER, [NIK, "", ""]]
    assert compare_rows(expected, [HEADER, [NIK]]) == []
    assert compare_rows([HEADER, [NIK]], expected) == []


def test_a_missing_or_extra_row_is_a_mismatch() -> None:
    assert compare_rows(EXPECTED, [HEADER])[0].row == 2
    extra = compare_rows(EXPECTED, [*EXPECTED, ["x", "", ""]])
    assert [(m.row, m.column) for m in extra] == [(3, 1)]


def test_a_date_must_come_back_as_that_date() -> None:
    assert same_cell(date(1980, 5, 5), date(1980, 5, 5))
    assert not same_cell(date(1980, 5, 5), datetime(1980, 5, 5))
    assert not same_cell(date(1980, 5, 5), "05-05-1980")
    assert not same_cell(date(1980, 5, 5), date(1980, 5, 6))


def test_a_boolean_is_not_a_number() -> None:
    assert not same_cell(1, True)


def written_with_openpyxl(path: Path, rows: list[list[object]], sheet: str = "Iuran") -> Path:
    """A workbook made the ordinary way (not through the export writer)."""
    from openpyxl import Workbook
    from openpyxl.packaging.custom import StringProperty

    workbook = Workbook()
    ws = workbook.active
    ws.title = sheet
    for row in rows:
        ws.append(row)
    workbook.custom_doc_props.append(StringProperty(name="payung_profile", value="uji"))
    workbook.save(path)
    return path


def test_a_real_formula_cell_in_the_file_is_a_mismatch(tmp_path: Path) -> None:
    path = written_with_openpyxl(tmp_path / "f.xlsx", [HEADER, [NIK, "=1+1", 2_022_200]])
    found = check_file(
        path, sheet="Iuran", expected=[HEADER, [NIK, "=1+1", 2_022_200]],
        properties={"payung_profile": "uji"},
    )  # fmt: skip
    assert [(m.row, m.column) for m in found] == [(2, 2)]


def test_a_file_matching_the_expectation_passes(tmp_path: Path) -> None:
    path = written_with_openpyxl(tmp_path / "ok.xlsx", EXPECTED)
    assert check_file(path, sheet="Iuran", expected=EXPECTED, properties={}) == []


def test_a_missing_profile_property_is_a_mismatch(tmp_path: Path) -> None:
    path = written_with_openpyxl(tmp_path / "p.xlsx", EXPECTED)
    found = check_file(path, sheet="Iuran", expected=EXPECTED, properties={"payung_profile": "x"})
    assert found == [Mismatch(0, 0, "payung_profile=x", "payung_profile=uji")]


def test_another_sheet_name_is_a_mismatch(tmp_path: Path) -> None:
    path = written_with_openpyxl(tmp_path / "s.xlsx", EXPECTED, sheet="Sheet")
    [found] = check_file(path, sheet="Iuran", expected=EXPECTED, properties={})
    assert found.expected == "lembar Iuran" and found.actual == "Sheet"


def test_a_truncated_file_is_one_mismatch_not_a_crash(tmp_path: Path) -> None:
    whole = written_with_openpyxl(tmp_path / "t.xlsx", EXPECTED).read_bytes()
    cut = tmp_path / "cut.xlsx"
    cut.write_bytes(whole[: len(whole) // 2])
    [found] = check_file(cut, sheet="Iuran", expected=EXPECTED, properties={})
    assert "tidak terbaca" in str(found.actual)

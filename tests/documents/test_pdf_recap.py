"""The monthly recap drawn by app.documents.pdf, read back with pdftotext and pypdf."""

from __future__ import annotations

import dataclasses
import io
import re
from pathlib import Path

import pytest
from pdf_docs import FONTS, make_letterhead, make_recap_doc, with_lines, write
from pdfprobe import A4, F4, fonts, needs_pdftotext, page_sizes, pdf_pages_text, pdf_text

from app.documents.pdf import Paper, RecapDoc, render_recap


def recap_pdf(tmp_path: Path, doc: RecapDoc | None = None, *, paper: Paper = Paper.A4) -> Path:
    recap = doc or make_recap_doc()
    return write(tmp_path / "rekap.pdf", render_recap, make_letterhead(), recap, paper=paper)


@needs_pdftotext
def test_the_recap_lists_every_line_with_name_and_full_nik(tmp_path: Path) -> None:
    text = pdf_text(recap_pdf(tmp_path))
    for expected in (
        "REKAP IURAN BPJS KETENAGAKERJAAN", "Bulan November 2026", "DESA SUKAMAJU",
        "Budi Santoso", "3521011708750002", "Agus Setiawan", "3521010101700003",
        "Siti Aminah", "3521014505800001", "Rp2.022.200", "Rp1.000.000", "Rp115.265",
    ):  # fmt: skip
        assert expected in text, expected


@needs_pdftotext
def test_the_recap_totals_each_payer_and_the_month(tmp_path: Path) -> None:
    text = pdf_text(recap_pdf(tmp_path))
    assert re.search(r"Jumlah APBDes .*Rp9\.706 +Rp12\.134 +Rp115\.265 +Rp137\.105", text)
    assert re.search(r"Jumlah DBHCHT .*Rp10\.000 +Rp6\.800 +Rp0 +Rp16\.800", text)
    assert re.search(r"APBDes +2 +Rp137\.105 +Rp0 +belum dibayar", text)
    assert re.search(r"DBHCHT +1 +Rp16\.800 +Rp16\.800 +lunas", text)
    assert re.search(r"Jumlah seluruhnya +3 +Rp153\.905 +Rp16\.800", text)


@needs_pdftotext
def test_an_unlocked_month_is_marked_draft_on_every_page(tmp_path: Path) -> None:
    pages = pdf_pages_text(recap_pdf(tmp_path, with_lines(make_recap_doc(), 120)))
    assert len(pages) > 1
    assert "DRAF: iuran bulan ini belum dikunci" in pages[0]
    assert all("DRAF" in page for page in pages)


@needs_pdftotext
def test_a_locked_month_carries_no_draft_mark(tmp_path: Path) -> None:
    text = pdf_text(recap_pdf(tmp_path, make_recap_doc(locked=True)))
    assert "DRAF" not in text
    assert "sudah dikunci" in text


@needs_pdftotext
def test_every_page_is_numbered_and_repeats_the_table_header(tmp_path: Path) -> None:
    pages = pdf_pages_text(recap_pdf(tmp_path, with_lines(make_recap_doc(), 150)))
    total = len(pages)
    assert total >= 3
    for number, page in enumerate(pages, 1):
        assert f"Halaman {number} dari {total}" in page
    with_table = [page for page in pages if "Peserta Nomor" in page]
    assert len(with_table) >= 3
    assert all(re.search(r"No +NIK +Nama +Seg\. +Dasar iuran +JKK +JKM +Jumlah", p)
               for p in with_table)  # fmt: skip


@needs_pdftotext
def test_signature_blocks_name_the_secretary_and_the_head(tmp_path: Path) -> None:
    text = pdf_text(recap_pdf(tmp_path))
    for expected in ("Dibuat oleh,", "Disetujui,", "Sekretaris Desa,", "Kepala Desa Sukamaju,",
                     "Sri Wahyuni", "Suparman", "Sukamaju, 21 November 2026"):  # fmt: skip
        assert expected in text, expected


@needs_pdftotext
def test_a_long_name_wraps_inside_its_cell(tmp_path: Path) -> None:
    doc = make_recap_doc()
    long_name = "Raden Mas Haryo Bagus Prasetyo Adiningrat Kusumo Wibowo Notonegoro"
    first = doc.groups[0]
    line = dataclasses.replace(first.lines[0], name=long_name)
    doc = dataclasses.replace(
        doc, groups=(dataclasses.replace(first, lines=(line, *first.lines[1:])), *doc.groups[1:])
    )
    words = " ".join(pdf_text(recap_pdf(tmp_path, doc)).split())
    assert "Raden Mas" in words
    assert "Notonegoro" in words


def test_a4_and_f4_pages_have_their_sizes(tmp_path: Path) -> None:
    doc = with_lines(make_recap_doc(), 90)
    sizes = page_sizes(recap_pdf(tmp_path, doc))
    assert len(sizes) > 1
    assert set(sizes) == {A4}
    assert set(page_sizes(recap_pdf(tmp_path, doc, paper=Paper.F4))) == {F4}


def test_every_font_is_embedded_dejavu(tmp_path: Path) -> None:
    used = fonts(recap_pdf(tmp_path))
    assert used
    assert all("DejaVuSans" in name for name in used), used
    assert all(used.values()), used


def test_a_recap_without_lines_is_refused() -> None:
    empty = dataclasses.replace(make_recap_doc(), groups=())
    with pytest.raises(ValueError, match="at least one line"):
        render_recap(make_letterhead(), empty, io.BytesIO(), fonts=FONTS)

"""Enrollment receipts drawn by app.documents.pdf, read back as a printer and a scanner would."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pdf_docs import FONTS, make_letterhead, make_receipt_doc, write
from pdfprobe import (
    A4,
    F4,
    fonts,
    needs_pdftotext,
    needs_zbar,
    page_count,
    page_sizes,
    pdf_pages_text,
    pdf_text,
    qr_codes,
)

from app.documents.pdf import Paper, render_receipts
from app.domain.rates import Payer, Programme, Segment


def receipts_pdf(tmp_path: Path, *docs: object, paper: Paper = Paper.A4, **head: object) -> Path:
    letterhead = make_letterhead(**head)
    batch = list(docs) or [make_receipt_doc()]
    return write(tmp_path / "tanda-terima.pdf", render_receipts, letterhead, batch, paper=paper)


@needs_pdftotext
def test_a_receipt_shows_village_number_date_and_identity(tmp_path: Path) -> None:
    doc = make_receipt_doc(7)
    text = pdf_text(receipts_pdf(tmp_path, doc))
    for expected in (
        "PEMERINTAH KABUPATEN NGAWI", "KECAMATAN PARON", "DESA SUKAMAJU",
        "TANDA TERIMA PENDAFTARAN", "3521012001-A7F3-000007", doc.verification_code,
        "21 November 2026", "Siti Aminah", "3521014505800001", "Ngawi, 5 Mei 1980",
        "Perempuan", "Kader Posyandu — Kader Posyandu Mawar",
    ):  # fmt: skip
        assert expected in text, expected


@needs_pdftotext
def test_a_receipt_shows_segment_programmes_contribution_and_payer(tmp_path: Path) -> None:
    text = pdf_text(receipts_pdf(tmp_path, make_receipt_doc()))
    # PU on Rp2.022.200, JKK class 1 + JKM + JHT: DOMAIN.md section 3, rounded per share.
    for expected in (
        "Penerima Upah (PU)", "JKK, JKM, JHT + JKP (tanpa iuran)", "Rp2.022.200",
        "1 November 2026", "APBDes", "Rp4.853", "Rp6.067", "Rp74.821", "Rp40.444",
        "Rp85.741", "Rp126.185",
    ):  # fmt: skip
        assert expected in text, expected


@needs_pdftotext
def test_a_bpu_receipt_shows_the_participants_own_amount(tmp_path: Path) -> None:
    doc = make_receipt_doc(
        segment=Segment.BPU, programmes=frozenset({Programme.JKK, Programme.JKM}),
        payer=Payer.DBHCHT,
    )  # fmt: skip
    text = pdf_text(receipts_pdf(tmp_path, doc))
    assert "Bukan Penerima Upah (BPU)" in text
    assert "Rp16.800" in text
    assert "Pemberi kerja" not in text
    assert "DBHCHT" in text


@needs_pdftotext
def test_a_receipt_carries_the_benefits_note_and_signature_blocks(tmp_path: Path) -> None:
    text = pdf_text(receipts_pdf(tmp_path, make_receipt_doc()))
    assert "Rp42.000.000" in text
    assert "Rp174.000.000" in text
    for expected in ("Peserta,", "Sekretaris Desa,", "Kepala Desa Sukamaju,", "Sri Wahyuni",
                     "Suparman", "Sukamaju, 21 November 2026"):  # fmt: skip
        assert expected in text, expected


@needs_pdftotext
def test_a_kelurahan_is_headed_and_signed_as_one(tmp_path: Path) -> None:
    text = pdf_text(receipts_pdf(tmp_path, code="35.21.01.1005", name="Margomulyo"))
    assert "KELURAHAN MARGOMULYO" in text
    assert "Lurah Margomulyo," in text
    assert "Sekretaris Kelurahan," in text


@needs_pdftotext
def test_a_very_long_name_is_shortened_not_spilled(tmp_path: Path) -> None:
    name = "Raden Mas " + "Adiningrat " * 12 + "Wibowo"
    text = pdf_text(receipts_pdf(tmp_path, make_receipt_doc(name=name)))
    assert "Raden Mas Adiningrat" in text
    assert "…" in text


@needs_zbar
@pytest.mark.parametrize("paper", [Paper.A4, Paper.F4])
def test_the_qr_code_holds_exactly_the_number_and_verification_code(
    tmp_path: Path, paper: Paper
) -> None:
    doc = make_receipt_doc(123)
    pdf = receipts_pdf(tmp_path, doc, paper=paper)
    assert qr_codes(pdf, 1) == [f"3521012001-A7F3-000123 {doc.verification_code}"]


@needs_zbar
def test_every_page_of_a_batch_has_its_own_qr_code(tmp_path: Path) -> None:
    docs = [make_receipt_doc(n) for n in (1, 2, 999_999, 1_000_000)]
    pdf = receipts_pdf(tmp_path, *docs)
    decoded = [qr_codes(pdf, page) for page in range(1, 5)]
    assert decoded == [[f"{d.number} {d.verification_code}"] for d in docs]


@needs_pdftotext
def test_a_batch_prints_one_receipt_per_page(tmp_path: Path) -> None:
    docs = [make_receipt_doc(n, name=f"Peserta {n}") for n in range(1, 6)]
    pdf = receipts_pdf(tmp_path, *docs)
    assert page_count(pdf) == 5
    pages = pdf_pages_text(pdf)
    assert [f"Peserta {n}" in page for n, page in enumerate(pages, 1)] == [True] * 5
    assert [f"3521012001-A7F3-{n:06d}" in page for n, page in enumerate(pages, 1)] == [True] * 5


def test_a4_and_f4_pages_have_their_sizes(tmp_path: Path) -> None:
    a4 = receipts_pdf(tmp_path, make_receipt_doc(), make_receipt_doc(2))
    assert page_sizes(a4) == [A4, A4]
    f4 = receipts_pdf(tmp_path, make_receipt_doc(), paper=Paper.F4)
    assert page_sizes(f4) == [F4]


def test_every_font_is_embedded_dejavu(tmp_path: Path) -> None:
    used = fonts(receipts_pdf(tmp_path, make_receipt_doc()))
    assert used, "no fonts found"
    assert all("DejaVuSans" in name for name in used), used
    assert all(used.values()), used


def test_an_empty_batch_is_refused() -> None:
    with pytest.raises(ValueError, match="no receipts"):
        render_receipts(make_letterhead(), [], io.BytesIO(), fonts=FONTS)

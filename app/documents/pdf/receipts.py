"""Enrollment receipts (tanda terima pendaftaran): one page each, any number in one PDF.

What is the same on every page of a batch (letterhead, labels, benefits, officials) is drawn
once into a PDF form and placed on each page; a page adds only its own values and QR code.
The person's full NIK is printed (the receipt is theirs); the QR code holds only the receipt
number and the verification code (DOMAIN.md section 8).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, BinaryIO

from app.documents.pdf.fonts import BOLD, REGULAR, prepare_reportlab, register_fonts, text_width
from app.documents.pdf.letterhead import Letterhead, draw_letterhead
from app.documents.pdf.paper import MM, Paper
from app.documents.pdf.qr import QUIET_ZONE, draw_qr
from app.documents.pdf.text import PageText
from app.domain.categories import Category, Sex
from app.domain.contribution import MonthAmount
from app.domain.formatting import format_date, format_period, format_rupiah
from app.domain.rates import Payer, Programme, Segment
from app.domain.receipt import qr_payload

# DOMAIN.md section 5, in the words a worker reads.
BENEFITS = (
    "Meninggal dunia bukan karena kecelakaan kerja (JKM): santunan "
    f"{format_rupiah(42_000_000)} bagi ahli waris ({format_rupiah(20_000_000)} sekaligus, "
    f"{format_rupiah(12_000_000)} berkala, {format_rupiah(10_000_000)} biaya pemakaman).",
    "Beasiswa pendidikan untuk paling banyak 2 anak, seluruhnya hingga "
    f"{format_rupiah(174_000_000)}, bila iuran sudah dibayar sekurang-kurangnya 3 tahun.",
    "Kecelakaan kerja (JKK): perawatan medis sesuai kebutuhan, penggantian upah selama tidak "
    "mampu bekerja, santunan cacat dan kematian.",
    "Manfaat hanya dibayar untuk kejadian selama kepesertaan aktif: iuran harus dibayar "
    "setiap bulan tanpa terputus.",
)
FOOTER = (
    "Tanda terima ini bukan kartu peserta BPJS Ketenagakerjaan. Keasliannya dapat diperiksa "
    "dengan memindai kode QR (nomor dan kode verifikasi) di dasbor DPMD."
)
FORM = "receipt-static"
AMOUNTS_HEADING = "C. Iuran per bulan"
QR_SIZE = 26 * MM
QR_MODULES = 25  # version 2: a payload of up to 38 upper-case letters, digits, "-" and " "


@dataclass(frozen=True, slots=True)
class ReceiptDoc:
    """Everything one receipt page shows; `month` is computed with the rates in force when
    the receipt is printed."""

    number: str
    verification_code: str
    issued_on: date
    name: str
    nik: str
    birth_place: str | None
    birth_date: date
    sex: Sex
    category: Category
    position: str | None
    kpj: str | None
    segment: Segment
    programmes: frozenset[Programme]
    wage: int
    start: date
    payer: Payer
    month: MonthAmount


@dataclass(frozen=True, slots=True)
class _Frame:
    """Where things go on the page (PDF points, origin bottom-left), from the paper size and
    the benefits note's height. Static and dynamic drawing read the same anchors; everything
    hangs from the top, so F4 only adds white space above the footer."""

    width: float
    height: float
    left: float
    right: float
    top: float
    label_x: float
    colon_x: float
    value_x: float
    title_y: float
    number_y: float
    identity_y: float
    membership_y: float
    table_y: float
    benefits_y: float
    signature_y: float
    benefit_lines: tuple[tuple[str, ...], ...]

    @classmethod
    def of(cls, paper: Paper) -> _Frame:
        width, height = paper.size
        left, right, top = 20 * MM, width - 20 * MM, height - 14 * MM
        title_y = top - 92
        number_y = title_y - 42
        identity_y = number_y - 2 * STEP - 24 - HEADING_GAP
        membership_y = identity_y - (len(IDENTITY_LABELS) - 1) * STEP - 24 - HEADING_GAP
        table_y = membership_y - (len(MEMBERSHIP_LABELS) - 1) * STEP - 30 - HEADING_GAP
        # header row, up to four programmes, the total row, the note below
        benefits_y = table_y - 5 * ROW - 13 - 16
        lines = tuple(
            tuple(_wrap(item, REGULAR, BENEFIT_SIZE, right - left - 30)) for item in BENEFITS
        )
        box = 24 + sum(len(item) for item in lines) * BENEFIT_LEADING
        return cls(
            width=width, height=height, left=left, right=right, top=top,
            label_x=left + 8, colon_x=left + 128, value_x=left + 136, title_y=title_y,
            number_y=number_y, identity_y=identity_y, membership_y=membership_y,
            table_y=table_y, benefits_y=benefits_y, signature_y=benefits_y - box - 36,
            benefit_lines=lines,
        )  # fmt: skip

    @property
    def qr_x(self) -> float:
        return self.right - QR_SIZE

    @property
    def qr_y(self) -> float:
        return self.number_y + 28 - QR_SIZE

    @property
    def name_width(self) -> float:
        """The name line runs under the QR code's quiet zone; it stops short of it."""
        return self.qr_x - QUIET_ZONE * QR_SIZE / QR_MODULES - 4 - self.value_x


STEP = 14.0  # between label lines
ROW = 14.0  # between table rows
HEADING_GAP = 15.0  # from a section heading down to its first line
BENEFIT_SIZE = 8.5
BENEFIT_LEADING = 10.5
SIGNING_SPACE = 62.0  # from the titles down to the name line

IDENTITY_LABELS = (
    "Nama lengkap", "NIK", "Tempat, tanggal lahir", "Jenis kelamin", "Kategori / jabatan",
    "No. KPJ",
)  # fmt: skip
MEMBERSHIP_LABELS = (
    "Segmen",
    "Program",
    "Upah / penghasilan",
    "Mulai berlaku (TMT)",
    "Sumber dana iuran",
)


def render_receipts(
    letterhead: Letterhead,
    receipts: Sequence[ReceiptDoc],
    out: BinaryIO,
    *,
    paper: Paper = Paper.A4,
    fonts: Path,
) -> int:
    """Write one page per receipt to `out`; returns the page count. `fonts` is the folder
    with the DejaVu files (resources/fonts). Raises ValueError for an empty batch."""
    if not receipts:
        raise ValueError("no receipts to render")
    from reportlab.pdfgen.canvas import Canvas

    register_fonts(fonts)
    prepare_reportlab()
    frame = _Frame.of(paper)
    # The initial font matters: every text object starts with it, and reportlab's default
    # (Helvetica) would be listed in the PDF without being embedded.
    canvas = Canvas(out, pagesize=paper.size, pageCompression=1, initialFontName=REGULAR)
    canvas.setTitle("Tanda terima pendaftaran BPJS Ketenagakerjaan")
    canvas.setAuthor(f"{letterhead.unit} {letterhead.name}")
    canvas.setCreator("Payung Desa")
    canvas.beginForm(FORM)
    _draw_static(canvas, frame, letterhead)
    canvas.endForm()
    for receipt in receipts:
        canvas.doForm(FORM)
        _draw_receipt(canvas, frame, letterhead, receipt)
        canvas.showPage()
    canvas.save()
    return len(receipts)


# -- the same on every page -----------------------------------------------------------------
def _draw_static(c: Any, f: _Frame, letterhead: Letterhead) -> None:
    text = PageText(c)
    draw_letterhead(c, text, letterhead, left=f.left, right=f.right, top=f.top)
    centre = f.width / 2
    text.font(BOLD, 14)
    text.centre(centre, f.title_y, "TANDA TERIMA PENDAFTARAN")
    text.font(BOLD, 11)
    text.centre(centre, f.title_y - 16, "PESERTA BPJS KETENAGAKERJAAN")
    _labels(text, f, f.number_y, ("Nomor", "Tanggal", "Kode verifikasi"))
    _heading(text, f, f.identity_y + HEADING_GAP, "A. Data peserta")
    _labels(text, f, f.identity_y, IDENTITY_LABELS)
    _heading(text, f, f.membership_y + HEADING_GAP, "B. Kepesertaan")
    _labels(text, f, f.membership_y, MEMBERSHIP_LABELS)
    _heading(text, f, f.table_y + HEADING_GAP + 6, AMOUNTS_HEADING)
    _draw_benefits(c, text, f)
    _draw_signature_titles(c, text, f, letterhead)
    text.font(REGULAR, 7.5)
    text.gray(0.35)
    y = 12 * MM
    for line in reversed(_wrap(FOOTER, REGULAR, 7.5, f.right - f.left)):
        text.centre(centre, y, line)
        y += 9.5
    text.gray(0)
    text.draw()


def _heading(text: PageText, f: _Frame, y: float, title: str) -> None:
    text.font(BOLD, 10.5)
    text.left(f.left, y, title)


def _labels(text: PageText, f: _Frame, y: float, labels: Sequence[str]) -> None:
    text.font(REGULAR, 10)
    for n, label in enumerate(labels):
        text.left(f.label_x, y - n * STEP, label)
        text.left(f.colon_x, y - n * STEP, ":")


def _draw_benefits(c: Any, text: PageText, f: _Frame) -> None:
    top = f.benefits_y
    width = f.right - f.left
    height = 24 + sum(len(item) for item in f.benefit_lines) * BENEFIT_LEADING
    c.setFillGray(0.95)
    c.setStrokeGray(0.6)
    c.setLineWidth(0.6)
    c.rect(f.left, top - height, width, height, stroke=1, fill=1)
    c.setFillGray(0)
    c.setStrokeGray(0)
    text.font(BOLD, 9.5)
    text.left(f.left + 10, top - 15, "Perlindungan yang didapat (ringkas)")
    y = top - 28
    text.font(REGULAR, BENEFIT_SIZE)
    for item in f.benefit_lines:
        text.left(f.left + 12, y, "•")
        for line in item:
            text.left(f.left + 22, y, line)
            y -= BENEFIT_LEADING


def _signature_columns(f: _Frame) -> tuple[float, float, float]:
    third = (f.right - f.left) / 3
    return f.left + third / 2, f.left + third * 1.5, f.left + third * 2.5


def _signature_width(f: _Frame) -> float:
    return (f.right - f.left) / 3 - 14


def _draw_signature_titles(c: Any, text: PageText, f: _Frame, letterhead: Letterhead) -> None:
    first, second, third = _signature_columns(f)
    y = f.signature_y
    width = _signature_width(f)
    text.font(REGULAR, 10)
    text.centre(first, y - 14, "Peserta,")
    text.centre(second, y - 14, f"{letterhead.secretary_title},")
    text.centre(third, y, "Mengetahui,")
    title = f"{letterhead.head_title} {letterhead.name},"
    text.fitted_centre(third, y - 14, title, font=REGULAR, size=10, width=width + 10)
    line_y = y - 14 - SIGNING_SPACE
    for x, name in (
        (first, ""),
        (second, letterhead.secretary_name),
        (third, letterhead.head_name),
    ):
        if name:
            text.fitted_centre(x, line_y + 3, name, font=BOLD, size=10, width=width)
        c.setLineWidth(0.6)
        c.line(x - width / 2, line_y, x + width / 2, line_y)


# -- one page's own values ------------------------------------------------------------------
def _draw_receipt(c: Any, f: _Frame, letterhead: Letterhead, r: ReceiptDoc) -> None:
    text = PageText(c)
    text.font(BOLD, 10)
    text.left(f.value_x, f.number_y, r.number)
    text.font(REGULAR, 10)
    text.left(f.value_x, f.number_y - STEP, format_date(r.issued_on))
    text.font(BOLD, 10)
    text.left(f.value_x, f.number_y - 2 * STEP, r.verification_code)
    draw_qr(c, qr_payload(r.number, r.verification_code), x=f.qr_x, y=f.qr_y, size=QR_SIZE)
    born = format_date(r.birth_date)
    birth = f"{r.birth_place}, {born}" if r.birth_place else born
    position = f"{r.category.label} — {r.position}" if r.position else r.category.label
    width = f.right - f.value_x
    programmes = ", ".join(p.value for p in Programme if p in r.programmes)
    if r.month.jkp_entitled:
        programmes += " + JKP (tanpa iuran)"
    lines = (
        (f.identity_y, r.name, BOLD, f.name_width),
        (f.identity_y - STEP, r.nik, BOLD, width),
        (f.identity_y - 2 * STEP, birth, REGULAR, width),
        (f.identity_y - 3 * STEP, r.sex.label, REGULAR, width),
        (f.identity_y - 4 * STEP, position, REGULAR, width),
        (f.identity_y - 5 * STEP, r.kpj or "belum ada", REGULAR, width),
        (f.membership_y, f"{r.segment.label} ({r.segment.value})", REGULAR, width),
        (f.membership_y - STEP, programmes, REGULAR, width),
        (f.membership_y - 2 * STEP, f"{format_rupiah(r.wage)} per bulan", REGULAR, width),
        (f.membership_y - 3 * STEP, format_date(r.start), REGULAR, width),
        (f.membership_y - 4 * STEP, r.payer.label, REGULAR, width),
    )  # fmt: skip
    for y, value, font, room in lines:
        text.fitted(f.value_x, y, value, font=font, size=10, width=room)
    _draw_amounts(c, text, f, r)
    first, _, third = _signature_columns(f)
    place = f"{letterhead.name}, {format_date(r.issued_on)}"
    room = _signature_width(f)
    text.fitted_centre(third, f.signature_y + 16, place, font=REGULAR, size=10, width=room + 10)
    line_y = f.signature_y - 14 - SIGNING_SPACE
    text.fitted_centre(first, line_y + 3, r.name, font=BOLD, size=10, width=room)
    text.draw()


def _draw_amounts(c: Any, text: PageText, f: _Frame, r: ReceiptDoc) -> None:
    """Monthly contribution per programme, with the employer and worker shares for PU."""
    pu = r.segment is Segment.PU
    headers = ("Program", "Pemberi kerja", "Pekerja", "Jumlah") if pu else ("Program", "Iuran")
    rights = (f.right - 190, f.right - 95, f.right - 8) if pu else (f.right - 8,)
    top = f.table_y
    text.font(BOLD, 10.5)
    after = f.left + text_width(AMOUNTS_HEADING + " ", BOLD, 10.5)
    text.left(after, top + HEADING_GAP + 6, f"({format_period(r.month.period)})")
    c.setFillGray(0.9)
    c.rect(f.left, top - 4, f.right - f.left, ROW, stroke=0, fill=1)
    c.setFillGray(0)
    text.font(BOLD, 9)
    text.left(f.left + 8, top, headers[0])
    for x, header in zip(rights, headers[1:], strict=True):
        text.right(x, top, header)
    text.font(REGULAR, 9)
    y = top
    for amount in r.month.amounts:
        y -= ROW
        text.left(f.left + 8, y, amount.programme.value)
        cells = (amount.employer, amount.worker, amount.total) if pu else (amount.total,)
        for x, value in zip(rights, cells, strict=True):
            text.right(x, y, format_rupiah(value))
    y -= ROW
    c.setLineWidth(0.6)
    c.line(f.left, y + ROW - 4, f.right, y + ROW - 4)
    text.font(BOLD, 9)
    text.left(f.left + 8, y, "Jumlah per bulan")
    employer = sum(a.employer for a in r.month.amounts)
    worker = sum(a.worker for a in r.month.amounts)
    totals = (employer, worker, r.month.total) if pu else (r.month.total,)
    for x, value in zip(rights, totals, strict=True):
        text.right(x, y, format_rupiah(value))
    note = f"Dihitung dengan tarif yang berlaku {format_period(r.month.period)}."
    if pu and worker:
        note += " Bagian pekerja dipotong dari upah."
    text.font(REGULAR, 7.5)
    text.left(f.left + 8, y - 13, note)


def _wrap(text: str, font: str, size: float, width: float) -> list[str]:
    from reportlab.lib.utils import simpleSplit

    lines: list[str] = simpleSplit(text, font, size, width)
    return lines

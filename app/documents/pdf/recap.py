"""The monthly recap (rekap iuran) the kepala desa signs: per payer, the month's lines and totals.

Full names and NIKs are printed: the recap is an internal document of the village office, for
the signature of its head and the payer's records. A month that is not locked yet is marked
DRAF on every page (heading and watermark): its figures may still change.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, BinaryIO

from app.documents.pdf.fonts import BOLD, REGULAR, prepare_reportlab, register_fonts
from app.documents.pdf.letterhead import Letterhead, draw_letterhead
from app.documents.pdf.paper import MM, Paper
from app.documents.pdf.text import PageText
from app.domain.contribution import CHARGED
from app.domain.formatting import format_date, format_period, format_rupiah
from app.domain.period import Period
from app.domain.rates import Payer, Segment

MARGIN = 15 * MM
LETTERHEAD_HEIGHT = 84.0
BODY = 7.5  # table font size


@dataclass(frozen=True, slots=True)
class RecapLine:
    nik: str
    name: str
    segment: Segment
    wage: int
    amounts: Mapping[str, int]  # programme code -> employer + worker share, rupiah
    total: int


@dataclass(frozen=True, slots=True)
class RecapGroup:
    """One payer's lines; `paid` is what payments recorded for the month add up to."""

    payer: Payer
    lines: tuple[RecapLine, ...]
    paid: int

    @property
    def total(self) -> int:
        return sum(line.total for line in self.lines)


@dataclass(frozen=True, slots=True)
class RecapDoc:
    period: Period
    locked: bool
    groups: tuple[RecapGroup, ...]
    printed_on: date

    @property
    def total(self) -> int:
        return sum(group.total for group in self.groups)

    @property
    def programmes(self) -> tuple[str, ...]:
        """The programme columns: those any line pays for, in the usual order."""
        used = {code for group in self.groups for line in group.lines for code in line.amounts}
        return tuple(p.value for p in CHARGED if p.value in used)


def render_recap(
    letterhead: Letterhead, recap: RecapDoc, out: BinaryIO, *, paper: Paper = Paper.A4, fonts: Path
) -> int:
    """Write the recap to `out`; returns the page count. Raises ValueError without lines."""
    if not any(group.lines for group in recap.groups):
        raise ValueError("a recap needs at least one line")
    from reportlab.platypus import SimpleDocTemplate

    register_fonts(fonts)
    prepare_reportlab()
    width, height = paper.size
    doc = SimpleDocTemplate(
        out, pagesize=paper.size, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
        bottomMargin=MARGIN + 10, title=f"Rekap iuran {format_period(recap.period)}",
        author=f"{letterhead.unit} {letterhead.name}", creator="Payung Desa",
    )  # fmt: skip
    story = _story(letterhead, recap, width - 2 * MARGIN - 12)  # the frame pads 6 pt a side
    pages: list[int] = []

    def first_page(canvas: Any, _doc: Any) -> None:
        text = PageText(canvas)
        draw_letterhead(canvas, text, letterhead, left=MARGIN, right=width - MARGIN,
                        top=height - MARGIN)  # fmt: skip
        text.draw()
        later_pages(canvas, _doc)

    def later_pages(canvas: Any, _doc: Any) -> None:
        if not recap.locked:
            _watermark(canvas, width, height)

    footer = _footer(letterhead, recap, width, pages)
    doc.build(
        story, onFirstPage=first_page, onLaterPages=later_pages,
        canvasmaker=_numbered_canvas(footer),
    )  # fmt: skip
    return pages[0]


def _story(letterhead: Letterhead, recap: RecapDoc, width: float) -> list[Any]:
    from reportlab.platypus import KeepTogether, Spacer

    styles = _styles()
    story: list[Any] = [Spacer(1, LETTERHEAD_HEIGHT)]
    story += _title(recap, styles)
    groups = [(g, _group_rows(g, recap.programmes)) for g in recap.groups if g.lines]
    # One set of column widths for every payer's table, so the columns line up down the pages.
    widths = _columns([row for _, rows in groups for row in rows], width)
    for group, rows in groups:
        heading = f"Sumber dana: {group.payer.label} ({len(group.lines)} peserta)"
        story.append(_paragraph(heading, styles["section"]))
        story.append(_group_table(rows, widths, styles))
        story.append(Spacer(1, 10))
    story.append(
        KeepTogether(
            [
                _paragraph("Ringkasan", styles["section"]),
                _summary_table(recap, width),
                Spacer(1, 14),
                _signatures(letterhead, recap, width, styles),
            ]
        )
    )
    return story


def _styles() -> dict[str, Any]:
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.styles import ParagraphStyle

    return {
        "title": ParagraphStyle("title", fontName=BOLD, fontSize=13, leading=17,
                                alignment=TA_CENTER),
        "subtitle": ParagraphStyle("subtitle", fontName=REGULAR, fontSize=10, leading=13,
                                   alignment=TA_CENTER),
        "draft": ParagraphStyle("draft", fontName=BOLD, fontSize=10, leading=13,
                                alignment=TA_CENTER, textColor="#b00000"),
        "section": ParagraphStyle("section", fontName=BOLD, fontSize=10, leading=13,
                                  spaceBefore=6, spaceAfter=4),
        "cell": ParagraphStyle("cell", fontName=REGULAR, fontSize=BODY, leading=BODY + 1.5),
        "sign": ParagraphStyle("sign", fontName=REGULAR, fontSize=10, leading=13,
                               alignment=TA_CENTER),
        "signer": ParagraphStyle("signer", fontName=BOLD, fontSize=10, leading=13,
                                 alignment=TA_CENTER),
    }  # fmt: skip


def _paragraph(text: str, style: Any) -> Any:
    from xml.sax.saxutils import escape

    from reportlab.platypus import Paragraph

    return Paragraph(escape(text), style)


def _title(recap: RecapDoc, styles: dict[str, Any]) -> list[Any]:
    from reportlab.platypus import Spacer

    month = format_period(recap.period)
    parts = [
        _paragraph("REKAP IURAN BPJS KETENAGAKERJAAN", styles["title"]),
        _paragraph(f"Bulan {month}", styles["subtitle"]),
    ]
    if recap.locked:
        parts.append(_paragraph("Iuran bulan ini sudah dikunci.", styles["subtitle"]))
    else:
        parts.append(
            _paragraph(
                "DRAF: iuran bulan ini belum dikunci; angka masih dapat berubah.",
                styles["draft"],
            )
        )
    return [*parts, Spacer(1, 8)]


def _columns(rows: list[list[Any]], width: float) -> list[float]:
    """No, NIK, Nama, Segmen, then the money columns as wide as their widest (bold) figure;
    the name takes what is left."""
    from app.documents.pdf.fonts import text_width

    money = [
        max(text_width(str(row[col]), BOLD, BODY) for row in rows) + 7
        for col in range(4, len(rows[0]))
    ]
    fixed = [20.0, 84.0, 0.0, 27.0, *money]
    fixed[2] = width - sum(fixed)
    return fixed


def _group_rows(group: RecapGroup, programmes: tuple[str, ...]) -> list[list[Any]]:
    """Header, one row per line, the payer's total row."""
    rows: list[list[Any]] = [["No", "NIK", "Nama", "Seg.", "Dasar iuran", *programmes, "Jumlah"]]
    for n, line in enumerate(group.lines, 1):
        rows.append([
            str(n), line.nik, line.name, line.segment.value, format_rupiah(line.wage),
            *[_money(line.amounts.get(code)) for code in programmes],
            format_rupiah(line.total),
        ])  # fmt: skip
    sums = [sum(line.amounts.get(code, 0) for line in group.lines) for code in programmes]
    rows.append(
        ["", f"Jumlah {group.payer.label}", "", "", "", *map(format_rupiah, sums),
         format_rupiah(group.total)]
    )  # fmt: skip
    return rows


def _group_table(rows: list[list[Any]], widths: list[float], styles: dict[str, Any]) -> Any:
    from reportlab.platypus import Table

    from app.documents.pdf.fonts import text_width

    for row in rows[1:-1]:
        # A Paragraph wraps a long name; plain text is ten times cheaper for the usual ones.
        if text_width(row[2], REGULAR, BODY) > widths[2] - 6:
            row[2] = _paragraph(row[2], styles["cell"])
    table = Table(rows, colWidths=widths, repeatRows=1)
    style = _table_style(len(rows), first_money=4)
    style.add("SPAN", (1, len(rows) - 1), (3, len(rows) - 1))
    table.setStyle(style)
    return table


def _money(amount: int | None) -> str:
    return "-" if amount is None else format_rupiah(amount)


def _table_style(rows: int, *, first_money: int, size: float = BODY) -> Any:
    from reportlab.platypus import TableStyle

    last = rows - 1
    return TableStyle([
        ("FONT", (0, 0), (-1, -1), REGULAR, size),
        ("FONT", (0, 0), (-1, 0), BOLD, size),
        ("FONT", (0, last), (-1, last), BOLD, size),
        ("BACKGROUND", (0, 0), (-1, 0), "#e6e6e6"),
        ("BACKGROUND", (0, last), (-1, last), "#f2f2f2"),
        ("GRID", (0, 0), (-1, -1), 0.4, "#8c8c8c"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (first_money, 0), (-1, -1), "RIGHT"),
        ("ALIGN", (0, 1), (0, -1), "RIGHT"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ])  # fmt: skip


def _summary_table(recap: RecapDoc, width: float) -> Any:
    from reportlab.platypus import Table

    rows: list[list[str]] = [["Sumber dana", "Peserta", "Tagihan", "Dibayar", "Keterangan"]]
    for group in recap.groups:
        rows.append([
            group.payer.label, str(len(group.lines)), format_rupiah(group.total),
            format_rupiah(group.paid), _balance(group.total, group.paid),
        ])  # fmt: skip
    people = sum(len(group.lines) for group in recap.groups)
    paid = sum(group.paid for group in recap.groups)
    rows.append(
        ["Jumlah seluruhnya", str(people), format_rupiah(recap.total), format_rupiah(paid), ""]
    )
    widths = [width * share for share in (0.26, 0.12, 0.2, 0.2, 0.22)]
    table = Table(rows, colWidths=widths)
    style = _table_style(len(rows), first_money=1, size=8.5)
    style.add("ALIGN", (0, 0), (0, -1), "LEFT")
    style.add("ALIGN", (-1, 0), (-1, -1), "LEFT")
    table.setStyle(style)
    return table


def _balance(billed: int, paid: int) -> str:
    if paid == 0:
        return "belum dibayar"
    if paid < billed:
        return f"kurang {format_rupiah(billed - paid)}"
    if paid > billed:
        return f"lebih {format_rupiah(paid - billed)}"
    return "lunas"


def _signatures(
    letterhead: Letterhead, recap: RecapDoc, width: float, styles: dict[str, Any]
) -> Any:
    """Prepared by the secretary (left), approved by the head (right), names on the rules."""
    from reportlab.platypus import Table

    sign, bold = styles["sign"], styles["signer"]
    place = f"{letterhead.name}, {format_date(recap.printed_on)}"
    blank = "(.................................)"
    rows = [
        ["", "", "", _paragraph(place, sign), ""],
        ["", _paragraph("Dibuat oleh,", sign), "", _paragraph("Disetujui,", sign), ""],
        ["", _paragraph(f"{letterhead.secretary_title},", sign), "",
         _paragraph(f"{letterhead.head_title} {letterhead.name},", sign), ""],
        ["", "", "", "", ""],
        ["", _paragraph(letterhead.secretary_name or blank, bold), "",
         _paragraph(letterhead.head_name or blank, bold), ""],
    ]  # fmt: skip
    shares = (0.06, 0.36, 0.16, 0.36, 0.06)
    table = Table(
        rows, colWidths=[width * s for s in shares], rowHeights=[None, None, None, 50, None]
    )
    table.setStyle([
        ("FONT", (0, 0), (-1, -1), REGULAR, 10),
        ("LINEBELOW", (1, 4), (1, 4), 0.6, "black"),
        ("LINEBELOW", (3, 4), (3, 4), 0.6, "black"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
    ])  # fmt: skip
    return table


def _watermark(canvas: Any, width: float, height: float) -> None:
    canvas.saveState()
    canvas.setFillGray(0.88)
    canvas.setFont(BOLD, 120)
    canvas.translate(width / 2, height / 2)
    canvas.rotate(40)
    canvas.drawCentredString(0, -40, "DRAF")
    canvas.restoreState()


def _footer(
    letterhead: Letterhead, recap: RecapDoc, width: float, pages: list[int]
) -> Callable[[Any, int, int], None]:
    what = (
        f"Rekap iuran {format_period(recap.period)} · {letterhead.unit} {letterhead.name} "
        f"({letterhead.code}) · dicetak {format_date(recap.printed_on)}"
    )
    if not recap.locked:
        what += " · DRAF"

    def footer(canvas: Any, page: int, total: int) -> None:
        pages[:] = [total]
        canvas.saveState()
        canvas.setFont(REGULAR, 7.5)
        canvas.setFillGray(0.3)
        canvas.drawString(MARGIN, MARGIN - 2, what)
        canvas.drawRightString(width - MARGIN, MARGIN - 2, f"Halaman {page} dari {total}")
        canvas.restoreState()

    return footer


def _numbered_canvas(footer: Callable[[Any, int, int], None]) -> Any:
    """A canvas that holds its pages back until the end, so each can say `dari N`."""
    from reportlab.pdfgen.canvas import Canvas

    class NumberedCanvas(Canvas):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            # Not reportlab's default Helvetica, which would be listed without being embedded.
            super().__init__(*args, **{**kwargs, "initialFontName": REGULAR})
            self._held: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._held.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._held)
            for state in self._held:
                self.__dict__.update(state)
                footer(self, self._pageNumber, total)
                super().showPage()
            super().save()

    return NumberedCanvas

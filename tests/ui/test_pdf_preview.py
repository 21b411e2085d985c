"""The PDF preview: pages painted on white, zoom, save and USB copy of the same bytes, printing
through QPrinter, and which volumes count as a USB stick."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QImage
from PySide6.QtPrintSupport import QPrinter
from pytestqt.qtbot import QtBot
from ui_factories import make_worker, pu_terms

from app.ui.dialogs.pdf_preview import PdfPreviewDialog
from app.ui.documents import DocumentServices, made_pdf
from app.ui.errors import PdfUnreadable
from app.ui.removable import Volume, is_removable_target


@pytest.fixture(scope="module")
def receipts_pdf(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """Two enrollment receipts (two pages) of a real village database."""
    from ui_factories import open_context, sukamaju

    ctx = open_context(tmp_path_factory.mktemp("receipts") / "data")
    try:
        ctx.village.set_up(sukamaju())
        ids = []
        for serial, name in ((31, "Budi Santoso"), (32, "Siti Aminah")):
            worker = ctx.register.add(make_worker(serial, name=name))
            ctx.enrollments.enroll(worker.id, pu_terms())
            ids.append(worker.id)
        receipts = DocumentServices.of(ctx).receipts
        return made_pdf(lambda out: receipts.write_pdf(receipts.for_workers(ids), out), "t.pdf")
    finally:
        ctx.close()


def open_preview(qtbot: QtBot, data: bytes) -> PdfPreviewDialog:
    dialog = PdfPreviewDialog(data, title="Tanda terima", file_name="tanda-terima.pdf")
    qtbot.addWidget(dialog)
    dialog.resize(800, 900)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: dialog.strip.rendered > 0)
    return dialog


def ink_and_paper(image: QImage, left: int, top: int, width: int, height: int) -> tuple[int, int]:
    """(dark pixels, white pixels) on a grid over the rectangle."""
    dark = white = 0
    for x in range(left, left + width, 3):
        for y in range(top, top + height, 3):
            lightness = image.pixelColor(x, y).lightness()
            dark += lightness < 100
            white += lightness > 250
    return dark, white


def test_pages_are_painted_on_white(qtbot: QtBot, receipts_pdf: bytes) -> None:
    dialog = open_preview(qtbot, receipts_pdf)
    assert dialog.pages.page_count == 2
    assert dialog.page_label.text() == "Halaman 1 dari 2"
    shot = dialog.strip.grab().toImage()
    page = dialog.strip.page_rect(0)
    ratio = shot.devicePixelRatio()
    visible = min(page.height(), dialog.scroll_area.viewport().height())
    dark, white = ink_and_paper(shot, int(page.left() * ratio), int(page.top() * ratio),
                                int(page.width() * ratio), int(visible * ratio))  # fmt: skip
    assert white > 10 * dark > 0  # text and the QR code on white paper
    backdrop = shot.pixelColor(2, 2)
    assert backdrop.lightness() < 200  # the paper stands out from the grey around it


def test_zoom_changes_the_page_size(qtbot: QtBot, receipts_pdf: bytes) -> None:
    dialog = open_preview(qtbot, receipts_pdf)
    dialog.zoom_box.setCurrentIndex(dialog.zoom_box.findData(1.0))
    at_100 = dialog.strip.page_rect(0).width()
    assert at_100 == round(595.28 * 96 / 72)  # A4 at 100 %: 794 pixels
    dialog.step_zoom(+1)
    assert dialog.strip.zoom == 1.25
    assert dialog.strip.page_rect(0).width() > at_100


def test_save_writes_the_same_bytes(qtbot: QtBot, receipts_pdf: bytes, tmp_path: Path) -> None:
    dialog = open_preview(qtbot, receipts_pdf)
    target = tmp_path / "disimpan" / "tanda-terima.pdf"
    with qtbot.waitSignal(dialog.saved) as saved:
        dialog.save_to(target)
    assert saved.args == [str(target)]
    assert target.read_bytes() == receipts_pdf
    assert not list(target.parent.glob(".*.part"))


def test_copy_to_a_drive_never_overwrites(
    qtbot: QtBot, receipts_pdf: bytes, tmp_path: Path
) -> None:
    stick = Volume(root=str(tmp_path), name="FLASHDISK", ready=True, read_only=False,
                   writable=True, is_root=False)  # fmt: skip
    dialog = open_preview(qtbot, receipts_pdf)
    for _ in range(2):
        with qtbot.waitSignal(dialog.saved):
            dialog.copy_to_drive(stick)
    copies = sorted(p.name for p in tmp_path.glob("*.pdf"))
    assert copies == ["tanda-terima (2).pdf", "tanda-terima.pdf"]
    assert (tmp_path / "tanda-terima (2).pdf").read_bytes() == receipts_pdf
    assert "FLASHDISK" in dialog.message.text()


def test_printing_draws_every_page(qtbot: QtBot, receipts_pdf: bytes, tmp_path: Path) -> None:
    from pypdf import PdfReader

    dialog = open_preview(qtbot, receipts_pdf)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)  # a "printer" the test can read
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    printer.setResolution(100)
    with qtbot.waitSignal(dialog.printed, timeout=20_000) as printed:
        dialog.print_with(printer)
    assert printed.args == [2]
    assert len(PdfReader(tmp_path / "printed.pdf").pages) == 2
    assert dialog.print_button.isEnabled() and dialog.progress.isHidden()


def test_a_damaged_pdf_is_refused(qtbot: QtBot) -> None:
    with pytest.raises(PdfUnreadable):
        PdfPreviewDialog(b"%PDF-1.4 cut off", title="x", file_name="x.pdf")


def volume(root: str, **changes: bool) -> Volume:
    flags = {"ready": True, "read_only": False, "writable": True, "is_root": False, **changes}
    return Volume(root=root, name="STICK", **flags)


@pytest.mark.parametrize(
    ("platform", "candidate", "removable"),
    [
        ("linux", volume("/media/sekdes/FLASHDISK"), True),
        ("linux", volume("/run/media/sekdes/STICK"), True),
        ("linux", volume("/media"), False),  # the folder sticks are mounted in
        ("linux", volume("/", is_root=True), False),
        ("linux", volume("/home"), False),
        ("linux", volume("/mnt/data"), False),
        ("linux", volume("/media/sekdes/CDROM", read_only=True), False),
        ("linux", volume("/media/sekdes/STICK", ready=False), False),
        ("linux", volume("/media/sekdes/STICK", writable=False), False),
        ("win32", volume("E:/"), True),
        ("win32", volume("C:/"), False),  # the system drive
        ("win32", volume("c:\\"), False),
        ("win32", volume("//server/share"), False),
        ("darwin", volume("/Volumes/STICK"), True),
        ("darwin", volume("/", is_root=True), False),
    ],
)
def test_which_volumes_are_offered(platform: str, candidate: Volume, removable: bool) -> None:
    assert is_removable_target(candidate, platform=platform, system_drive="C:") is removable


def test_the_system_drive_is_read_from_the_environment() -> None:
    assert not is_removable_target(volume("D:/"), platform="win32", system_drive="D:")
    assert is_removable_target(volume("C:/"), platform="win32", system_drive="D:")

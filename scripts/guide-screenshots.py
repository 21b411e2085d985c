#!/usr/bin/env python3
"""Screenshots of the desktop window for docs/panduan.md (docs/screenshots/panduan-*.png).

Builds a throw-away village with bench/synth.py (realistic names, valid NIKs, coverage periods,
the last 10 months generated, locked and paid through the app's own services), opens the real
window at 1366x768 and grabs each page the guide shows. Run it under Xvfb to see what a
secretary sees (fonts, hinting), or offscreen:

    xvfb-run -a -s "-screen 0 1366x768x24" env PYTHONPATH=. .venv/bin/python \
        scripts/guide-screenshots.py [--out docs/screenshots]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

SIZE = (1366, 768)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    parser.add_argument("--workers", type=int, default=160)
    args = parser.parse_args(argv)
    os.environ.setdefault("LANG", "C.UTF-8")
    os.environ.setdefault("QT_QPA_PLATFORM", "xcb" if os.environ.get("DISPLAY") else "offscreen")
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="payung-guide-") as folder:
        return _shoot(Path(folder), args.out, args.workers)


def _shoot(folder: Path, out: Path, workers: int) -> int:  # noqa: PLR0915 - one linear tour
    from PySide6.QtWidgets import QApplication, QWidget

    from app.config import resolve_paths
    from app.services.context import AppContext
    from app.ui.i18n import install_language
    from app.ui.tasks import wait_for_background_work
    from app.ui.window import MainWindow
    from bench.synth import AS_OF, populate

    app = QApplication.instance() or QApplication(["payung"])
    install_language("id")

    def settle(until: Callable[[], bool] = lambda: True, seconds: float = 30.0) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            app.processEvents()
            if until():
                break
            time.sleep(0.02)
        for _ in range(20):
            app.processEvents()
            time.sleep(0.01)

    def save(widget: QWidget, name: str) -> None:
        settle()
        target = out / f"panduan-{name}.png"
        widget.grab().save(str(target))
        print(f"wrote {target.relative_to(REPO) if target.is_relative_to(REPO) else target}")

    _first_run(folder / "fresh", save, settle)

    data_dir = folder / "desa"
    populate(data_dir, workers, enrollments=True, months=10)
    workbook = _messy_workbook(folder / "daftar-rt-rw.xlsx")
    context = AppContext.open(resolve_paths(data_dir), today=lambda: AS_OF)
    try:
        village = context.village.get()
        assert village is not None
        window = MainWindow(context, village)
        window.resize(*SIZE)
        window.show()
        settle(window.beranda_page.isVisible)
        settle(seconds=3)
        save(window, "beranda")

        window.show_page(window.register_page)
        settle(lambda: window.register_page.first_page_loaded)
        window.register_page.commands.select_row(3)
        save(window, "peserta")

        window.register_page.commands.edit_worker(coverage_tab=True)
        settle(lambda: getattr(window.register_page.commands, "dialog", None) is not None)
        dialog = window.register_page.commands.dialog
        settle(seconds=2)
        save(dialog, "kepesertaan")
        dialog.close()

        window.register_page.commands.print_receipts()
        pdf = window.register_page.commands.pdf
        settle(lambda: pdf.preview is not None and pdf.preview.isVisible(), 60)
        if pdf.preview is not None:
            pdf.preview.resize(1100, 720)
            settle(seconds=2)
            save(pdf.preview, "tanda-terima")
            pdf.preview.close()

        window.show_page(window.iuran_page)
        settle(seconds=2)
        window.iuran_page.generate()  # this month's draft, as the guide's step 6 shows
        settle(lambda: window.iuran_page.table.model().rowCount() > 0, 60)
        save(window, "iuran")

        window.show_page(window.impor_page)
        window.impor_page.choose_file(workbook)
        settle(lambda: window.impor_page.preview is not None, 60)
        window.impor_page.show_step(2)  # 3 Pratinjau: every row checked, the bad one marked
        settle(seconds=3)
        save(window, "impor")

        window.show_page(window.sinkronisasi_page)
        save(window, "sinkronisasi")

        window.show_page(window.pengaturan_page)
        window.pengaturan_page.tabs.setCurrentIndex(2)  # Cadangan
        settle(seconds=2)
        save(window, "pengaturan")
        window.close()
    finally:
        wait_for_background_work()
        context.close()
    return 0


def _first_run(data_dir: Path, save: Callable[..., None], settle: Callable[..., None]) -> None:
    """The first-run wizard on its profile page, half filled in."""
    try:
        from app.ui.first_run import FirstRunWizard
    except ImportError:
        print("no first-run wizard in this tree: panduan-penyiapan.png not taken")
        return
    from app.config import resolve_paths
    from app.services.context import AppContext
    from app.ui.tasks import wait_for_background_work

    context = AppContext.open(resolve_paths(data_dir))
    try:
        wizard = FirstRunWizard(context)
        wizard.show()
        wizard.next()
        for name, text in (("village_code", "35.21.01.2001"), ("village_name", "Sukamaju"),
                           ("kecamatan", "Kebonsari"), ("kabupaten", "Madiun")):  # fmt: skip
            field = wizard.findChild(object, f"field_{name}")
            if field is not None:
                field.setText(text)
        settle(seconds=1)
        save(wizard, "penyiapan")
        wizard.reject()
    finally:
        wait_for_background_work()
        context.close()


def _messy_workbook(path: Path) -> Path:
    """A list the way villages keep them: a title row, odd headers, one bad NIK."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["DAFTAR KETUA RT/RW DESA SUKAMAJU TAHUN 2026"])
    sheet.append([])
    sheet.append(["No", "Nama Lengkap", "N I K", "Tgl Lahir", "L/P", "Jabatan", "No HP"])
    rows = [
        ("Sutrisno", "3521011205800001", "12-05-1980", "L", "Ketua RT 01"),
        ("Sri Wahyuni", "3521015708850002", "17/08/1985", "P", "Ketua RT 02"),
        ("Bambang Sugeng", "35210102017000", "02-01-1970", "L", "Ketua RW 01"),
        ("Endang Lestari", "'3521016003900004", "1990-03-20", "P", "Kader Posyandu"),
        ("Joko Purnomo", "3521 0115 1175 0005", "15-11-1975", "L", "Ketua RT 03"),
    ]
    for number, (name, nik, born, sex, role) in enumerate(rows, start=1):
        sheet.append([number, name, nik, born, sex, role, "0812-3456-7890"])
    book.save(path)
    return path


if __name__ == "__main__":
    raise SystemExit(main())

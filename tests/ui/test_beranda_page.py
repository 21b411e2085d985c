"""Beranda in the window: coverage bars against the formasi set in Pengaturan, the arrears and
lapse figures and where clicking them leads, the next due dates and this month's roster."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from ui_factories import bpu_terms, make_worker, pu_terms

from app.domain.categories import Category
from app.domain.period import Period
from app.services.context import AppContext
from app.ui.arrears_table import ArrearsFilter
from app.ui.pages.beranda import BerandaPage
from app.ui.window import MainWindow

NOV = Period(2026, 11)


@pytest.fixture
def covered(context: AppContext) -> AppContext:
    """Two perangkat covered (PU) and one kader (BPU), all from 1 November 2026."""
    add, enroll = context.register.add, context.enrollments.enroll
    for serial, name in ((11, "Budi Santoso"), (13, "Agus Salim")):
        worker = add(make_worker(serial, name=name, female=False))
        enroll(worker.id, pu_terms(start="2026-11-01"))
    siti = add(make_worker(12, name="Siti Aminah", female=True, category="kader_posyandu"))
    enroll(siti.id, bpu_terms(start="2026-11-01", payer="self"))
    return context


@pytest.fixture
def behind(context: AppContext) -> AppContext:
    """Budi (PU, October billed, unpaid) is due; Siti (BPU since September) has three unpaid
    months; Dewi (BPU since July) has lapsed."""
    add, enroll = context.register.add, context.enrollments.enroll
    budi = add(make_worker(11, name="Budi Santoso", female=False))
    siti = add(make_worker(12, name="Siti Aminah", female=True, category="kader_posyandu"))
    dewi = add(make_worker(14, name="Dewi Lestari", female=True, category="petani"))
    enroll(budi.id, pu_terms(start="2026-10-01"))
    enroll(siti.id, bpu_terms(start="2026-09-01"))
    enroll(dewi.id, bpu_terms(start="2026-07-01", payer="dbhcht"))
    context.roster.generate(Period(2026, 10))
    context.roster.lock(Period(2026, 10))
    return context


def open_window(qtbot: QtBot, ctx: AppContext) -> MainWindow:
    village = ctx.village.get()
    assert village is not None
    window = MainWindow(ctx, village)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.beranda_page.loaded, timeout=10_000):
        window.show()  # the window opens on Beranda, which reads when shown
    return window


def open_page(qtbot: QtBot, ctx: AppContext) -> BerandaPage:
    page = BerandaPage(ctx.standing, ctx.roster, ctx.today)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.show()
    return page


def test_bars_follow_the_formasi_set_in_pengaturan(qtbot: QtBot, covered: AppContext) -> None:
    window = open_window(qtbot, covered)
    beranda = window.beranda_page
    assert beranda.bars.rows() == [
        ("Perangkat Desa", "2", "formasi belum diisi"),
        ("Kader Posyandu", "1", "formasi belum diisi"),
    ]
    settings = window.pengaturan_page
    with qtbot.waitSignal(settings.loaded):
        window.show_page(settings)
    settings.spins[Category.PERANGKAT_DESA].setValue(8)
    settings.spins[Category.LINMAS].setValue(5)
    with qtbot.waitSignal(settings.quotaChanged):
        settings.quota_button.click()
    with qtbot.waitSignal(beranda.loaded):
        window.show_page(beranda)
    assert beranda.bars.rows() == [
        ("Perangkat Desa", "2 / 8   25,0 %", ""),
        ("Kader Posyandu", "1", "formasi belum diisi"),
        ("Linmas", "0 / 5   0,0 %", ""),
    ]
    assert beranda.coverage_total.text() == (
        "Kategori yang formasinya diisi: 2 dari 13 posisi terlindungi (15,4 %)"
    )


def test_an_empty_village_says_where_to_start(qtbot: QtBot, context: AppContext) -> None:
    page = open_page(qtbot, context)
    assert page.bars.isHidden() and not page.coverage_empty.isHidden()
    assert page.month_card.number.text() == "belum dibuat"
    assert page.owing_card.number.text() == "0"
    assert page.next_due.text() == "Tidak ada tagihan yang menunggu."


def test_arrears_and_lapse_are_counted(qtbot: QtBot, behind: AppContext) -> None:
    page = open_page(qtbot, behind)
    assert page.owing_card.number.text() == "2"  # Budi (due) and Siti (warning)
    assert page.warning_card.number.text() == "1"
    assert page.lapsed_card.number.text() == "1"
    assert page.longest.text().splitlines() == [
        "Dewi Lestari: 5 bulan (DBHCHT, Terputus)",
        "Siti Aminah: 3 bulan (APBD, Peringatan)",
        "Budi Santoso: 1 bulan (APBDes, Jatuh tempo)",
    ]


@pytest.mark.parametrize(
    ("card", "chosen", "names"),
    [
        ("owing_card", ArrearsFilter.OWING, ["Siti Aminah", "Budi Santoso"]),
        ("lapsed_card", ArrearsFilter.LAPSED, ["Dewi Lestari"]),
    ],
)
def test_a_figure_opens_its_list(
    qtbot: QtBot, behind: AppContext, card: str, chosen: ArrearsFilter, names: list[str]
) -> None:
    window = open_window(qtbot, behind)
    iuran = window.iuran_page
    with qtbot.waitSignal(iuran.arrears.loaded, timeout=10_000):
        qtbot.mouseClick(getattr(window.beranda_page, card), Qt.MouseButton.LeftButton)
    assert window.pages.currentWidget() is iuran
    assert iuran.tabs.currentWidget() is iuran.arrears
    assert iuran.arrears.model.current_filter is chosen
    model = iuran.arrears.model
    assert [model.index(r, 1).data() for r in range(model.rowCount())] == names


def test_this_months_roster_and_next_due_dates(qtbot: QtBot, covered: AppContext) -> None:
    covered.roster.generate(NOV)
    page = open_page(qtbot, covered)
    assert page.month_card.caption.text() == "Iuran November 2026"
    assert page.month_card.number.text() == "Rp38.640"  # 2 x Rp10.920 + Rp16.800
    assert page.month_card.detail.text() == "3 peserta, draf belum dikunci"
    # BPU pays November by 15 November (passed: in arrears); PU by 15 December.
    assert page.next_due.text() == "15 Desember 2026: 2 peserta"


def test_the_month_figure_opens_the_roster(qtbot: QtBot, covered: AppContext) -> None:
    window = open_window(qtbot, covered)
    iuran = window.iuran_page
    with qtbot.waitSignal(iuran.loaded, timeout=10_000):
        window.beranda_page.month_card.setFocus()
        qtbot.keyClick(window.beranda_page.month_card, Qt.Key.Key_Return)
    assert window.pages.currentWidget() is iuran
    assert iuran.period == NOV


def test_beranda_reads_again_after_a_roster_change(qtbot: QtBot, covered: AppContext) -> None:
    window = open_window(qtbot, covered)
    assert window.beranda_page.month_card.number.text() == "belum dibuat"
    iuran = window.iuran_page
    with qtbot.waitSignal(iuran.loaded, timeout=10_000):
        window.show_page(iuran)
    with qtbot.waitSignal(iuran.rosterChanged, timeout=10_000):
        iuran.generate_button.click()
    with qtbot.waitSignal(window.beranda_page.loaded, timeout=10_000):
        window.show_page(window.beranda_page)
    assert window.beranda_page.month_card.number.text() == "Rp38.640"

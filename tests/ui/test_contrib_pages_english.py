"""The contribution pages speak English with PAYUNG_LANG=en: words, months, balances."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from ui_factories import bpu_terms, make_worker, pu_terms

from app.domain.categories import Category
from app.domain.period import Period
from app.domain.rates import Payer
from app.services.context import AppContext
from app.ui.dialogs.enrollment_form import EnrollmentFormDialog
from app.ui.dialogs.kepesertaan import CoverageServices, KepesertaanPanel
from app.ui.i18n import LANGUAGE_ENV, choose_language, install_language
from app.ui.pages.beranda import BerandaPage
from app.ui.pages.iuran import IuranPage
from app.ui.pages.pengaturan import PengaturanPage

NOV = Period(2026, 11)
BUDI = make_worker(11, name="Budi Santoso", female=False)


@pytest.fixture
def english(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv(LANGUAGE_ENV, "en")
    assert install_language(choose_language(None)), "payung_en.qm missing: run `make setup`"
    yield


@pytest.fixture
def billed(context: AppContext) -> AppContext:
    """Budi (PU with JHT since January, APBDes) and Siti (BPU since November, APBD); November
    locked, APBDes paid short, APBD not yet."""
    budi = context.register.add(BUDI)
    siti = context.register.add(make_worker(12, name="Siti Aminah", female=True,
                                            category="kader_posyandu"))  # fmt: skip
    context.enrollments.enroll(budi.id, pu_terms(programmes="JKK,JKM,JHT"))
    context.enrollments.enroll(siti.id, bpu_terms(start="2026-11-01"))
    context.standing.set_quota(Category.PERANGKAT_DESA, 4)
    context.roster.generate(NOV)
    context.roster.lock(NOV)
    context.roster.pay(NOV, Payer.APBDES, amount=100_000, paid_on=context.today(),
                       reference="SP2D/1")  # fmt: skip
    return context


def test_iuran_in_english(qtbot: QtBot, english: None, billed: AppContext) -> None:
    page = IuranPage(billed.roster, billed.standing, billed.today)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.loaded):
        page.show()
    assert page.picker.spin.text() == "November 2026"
    assert page.banner.text().startswith("Contributions for November 2026 are locked")
    assert page.pay_button.text() == "Record &payment"
    assert page.tabs.tabText(1) == "Arrears"
    assert page.model.headerData(4, Qt.Orientation.Horizontal) == "Wage"
    assert page.totals.cells["apbdes"][0] == "APBDes"
    assert page.totals.cells["apbdes"][4] == "short Rp26.185"  # Rp126.185 billed
    assert page.totals.cells["apbd"][4] == "short Rp16.800"
    assert page.totals.cells["total"][0] == "Total"


def test_beranda_in_english(qtbot: QtBot, english: None, billed: AppContext) -> None:
    page = BerandaPage(billed.standing, billed.roster, billed.today)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.loaded):
        page.show()
    assert page.as_of_label.text() == "as of 21 November 2026"
    assert page.bars.rows() == [
        ("Village Official", "1 / 4   25.0 %", ""),
        ("Posyandu Volunteer", "1", "posts not entered"),
    ]
    assert page.month_card.caption.text() == "Contributions November 2026"
    assert page.lapsed_card.caption.text() == "Lapsed"


def test_kepesertaan_in_english(qtbot: QtBot, english: None, billed: AppContext) -> None:
    worker_id = billed.register.get(BUDI.nik).id
    panel = KepesertaanPanel(
        services=CoverageServices(billed.enrollments, billed.rates, billed.register),
        worker_id=worker_id, worker_name="Budi Santoso", today=billed.today,
    )  # fmt: skip
    qtbot.addWidget(panel)
    qtbot.waitUntil(lambda: panel.table.rowCount() == 1)
    cells = [panel.table.item(0, c).text() for c in range(panel.table.columnCount())]
    assert cells == ["1 January 2026", "", "PU", "JKK, JKM, JHT + JKP (automatic)",
                     "Rp2.022.200", "APBDes", "", "Active"]  # fmt: skip
    panel.add_button.click()
    dialog = panel.dialog
    assert isinstance(dialog, EnrollmentFormDialog)
    assert dialog.windowTitle() == "Add a coverage period"
    assert dialog.segment_combo.itemText(1) == "BPU - informal worker"


def test_pengaturan_in_english(qtbot: QtBot, english: None, context: AppContext) -> None:
    page = PengaturanPage(context.village, context.standing)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.loaded):
        page.show()
    assert page.profile_button.text() == "Save &profile"
    assert page.spins[Category.PETANI].text() == "not entered"

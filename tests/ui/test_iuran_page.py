"""The Iuran page: generate a month's draft, lock it, record payments, list the arrears."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QMessageBox
from pytestqt.qtbot import QtBot
from ui_factories import bpu_terms, make_worker, pu_terms

from app.domain.period import Period
from app.domain.rates import Payer
from app.services.context import AppContext
from app.services.roster import PayerBalance, RosterNotLocked, describe_balance
from app.ui.arrears_table import ArrearsFilter
from app.ui.dialogs.payment import PaymentDialog
from app.ui.errors import describe
from app.ui.labels import balance_text
from app.ui.month_picker import read_month
from app.ui.pages.iuran import IuranPage

NOV = Period(2026, 11)
BUDI_LINE, SITI_LINE, AGUS_LINE = 10_920, 16_800, 36_800  # PU siltap; BPU; BPU with JHT


@pytest.fixture
def members(context: AppContext) -> AppContext:
    """Budi (PU, APBDes), Siti (BPU, APBD) and Agus (BPU with JHT, pays himself), all from
    1 January 2026."""
    add, enroll = context.register.add, context.enrollments.enroll
    budi = add(make_worker(11, name="Budi Santoso", female=False))
    siti = add(make_worker(12, name="Siti Aminah", female=True, category="kader_posyandu"))
    agus = add(make_worker(13, name="Agus Salim", female=False, category="ketua_rt"))
    enroll(budi.id, pu_terms())
    enroll(siti.id, bpu_terms())
    enroll(agus.id, bpu_terms(programmes="JKK,JKM,JHT", payer="self"))
    return context


@pytest.fixture
def locked_november(members: AppContext) -> AppContext:
    members.roster.generate(NOV)
    members.roster.lock(NOV)
    return members


def open_page(qtbot: QtBot, ctx: AppContext) -> IuranPage:
    page = IuranPage(ctx.roster, ctx.standing, ctx.today)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.loaded):
        page.show()  # the page reads its month when shown
    qtbot.waitUntil(lambda: not page.arrears.loading)
    return page


def column(page: IuranPage, number: int) -> list[str]:
    model = page.model
    return [str(model.index(row, number).data()) for row in range(model.rowCount())]


def test_the_page_opens_on_this_month(qtbot: QtBot, members: AppContext) -> None:
    page = open_page(qtbot, members)
    assert page.period == NOV
    assert page.picker.spin.text() == "November 2026"
    assert (
        page.banner.text() == "Belum ada iuran November 2026. Tekan Buat draf untuk menghitungnya."
    )
    assert page.generate_button.isEnabled()
    assert not page.lock_button.isEnabled() and not page.pay_button.isEnabled()


def test_generate_lists_the_lines_and_totals_per_payer(qtbot: QtBot, members: AppContext) -> None:
    page = open_page(qtbot, members)
    with qtbot.waitSignal(page.rosterChanged, timeout=10_000):
        page.generate_button.click()
    assert column(page, 1) == ["Siti Aminah", "Budi Santoso", "Agus Salim"]  # by payer code
    assert column(page, 3) == ["APBD", "APBDes", "Mandiri"]
    assert column(page, 9) == ["Rp16.800", "Rp10.920", "Rp36.800"]
    assert column(page, 7) == ["", "", "Rp20.000"]  # JHT for Agus only
    right = page.model.index(0, 9).data(Qt.ItemDataRole.TextAlignmentRole)
    assert right & Qt.AlignmentFlag.AlignRight
    assert page.totals.cells["apbdes"] == ["APBDes", "1", "Rp10.920", "-", "draf, belum dikunci"]
    assert page.totals.cells["self"][:3] == ["Mandiri", "1", "Rp36.800"]
    assert page.totals.cells["total"][:3] == ["Jumlah", "3", "Rp64.520"]
    assert page.generate_button.text() == "&Hitung ulang draf"
    assert page.lock_button.isEnabled()
    assert page.message.text() == "Draf dihitung: 3 peserta, Rp64.520"


def test_locking_shows_the_banner_and_stops_generating(qtbot: QtBot, members: AppContext) -> None:
    members.roster.generate(NOV)
    page = open_page(qtbot, members)
    page.lock_button.click()
    box = page.confirm_box
    assert isinstance(box, QMessageBox)
    assert "3 peserta, jumlah Rp64.520" in box.text()
    kunci = next(b for b in box.buttons() if b.text() == "Kunci")
    with qtbot.waitSignal(page.rosterChanged, timeout=10_000):
        kunci.click()
    assert page.banner.text().startswith("Iuran November 2026 sudah dikunci")
    assert not page.generate_button.isEnabled() and not page.lock_button.isEnabled()
    assert page.pay_button.isEnabled()
    assert members.roster.get(NOV).locked


def test_a_locked_month_cannot_be_generated_from_the_window(
    qtbot: QtBot, locked_november: AppContext
) -> None:
    page = open_page(qtbot, locked_november)
    before = locked_november.roster.get(NOV)
    assert not page.generate_button.isEnabled()
    page.generate()  # even called directly (a shortcut, a stale button)
    assert not page.busy
    qtbot.wait(50)
    assert locked_november.roster.get(NOV) == before
    with qtbot.waitSignal(page.loaded):
        page.picker.next_button.click()  # December: not locked, can be generated
    assert page.picker.spin.text() == "Desember 2026"
    assert page.generate_button.isEnabled()


def pay(qtbot: QtBot, page: IuranPage, payer: str, amount: str) -> PaymentDialog:
    page.pay_button.click()
    dialog = page.dialog
    assert isinstance(dialog, PaymentDialog)
    payers = dialog.form.rows["payer"].editor
    assert isinstance(payers, QComboBox)
    payers.setCurrentIndex(payers.findData(payer))
    for field, text in (("amount", amount), ("reference", "SP2D/0042/2026")):
        editor = dialog.form.rows[field].editor
        assert isinstance(editor, QLineEdit)
        qtbot.keyClicks(editor, text)
    return dialog


@pytest.mark.parametrize(
    "case",
    [
        ("apbdes", "10.000", "Rp10.000; sesudah ini: kurang Rp920", "kurang Rp920"),
        ("apbd", "20.000", "Rp20.000; sesudah ini: lebih Rp3.200", "lebih Rp3.200"),
        ("self", "36.800", "Rp36.800; sesudah ini: lunas", "lunas"),
    ],
    ids=["short", "excess", "exact"],
)
def test_a_payment_is_shown_short_excess_or_exact(
    qtbot: QtBot, locked_november: AppContext, case: tuple[str, str, str, str]
) -> None:
    payer, amount, under_amount, balance = case
    page = open_page(qtbot, locked_november)
    dialog = pay(qtbot, page, payer, amount)
    assert dialog.form.rows["amount"].error.text() == under_amount
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        dialog.save_button.click()
    assert page.message.text().endswith(f"dicatat: {balance}")
    assert page.totals.cells[payer][4] == balance


def test_payment_fields_are_checked_while_typing(qtbot: QtBot, locked_november: AppContext) -> None:
    page = open_page(qtbot, locked_november)
    dialog = pay(qtbot, page, "apbdes", "sepuluh ribu")
    assert dialog.form.rows["amount"].error.text().startswith("Jumlah uang harus angka rupiah")
    dialog.form.rows["reference"].editor.clear()
    dialog.form.rows["reference"].editor.textEdited.emit("")
    assert dialog.form.rows["reference"].error.text() == (
        "Isi nomor bukti atau referensi pembayaran"
    )
    assert dialog.form.rows["payer"].error.text() == "Ditagih Rp10.920, sudah dibayar Rp0"
    assert not dialog.save_button.isEnabled()


def test_paying_an_unlocked_month_is_worded_clearly(qtbot: QtBot, members: AppContext) -> None:
    roster = members.roster.generate(NOV)
    page = open_page(qtbot, members)
    assert not page.pay_button.isEnabled()  # the window asks for Kunci first
    dialog = PaymentDialog(roster=roster, pay=_pay_november(members), today=date(2026, 11, 21))
    qtbot.addWidget(dialog)
    dialog.form.rows["payer"].set_text("apbdes")
    dialog.form.rows["amount"].set_text("10.920")
    dialog.form.rows["reference"].set_text("SP2D/0042/2026")
    dialog.revalidate()
    dialog.save_button.click()
    expected = describe(RosterNotLocked("period", "kunci iuran 2026-11 dulu"))
    qtbot.waitUntil(lambda: dialog.footer.text() == expected)
    assert expected.startswith("Iuran bulan ini belum dikunci")
    assert "tekan Kunci" in expected


def _pay_november(ctx: AppContext) -> Callable[[Payer, int, date, str, str], object]:
    def pay_now(payer: Payer, amount: int, paid_on: date, reference: str, note: str) -> object:
        return ctx.roster.pay(NOV, payer, amount=amount, paid_on=paid_on, reference=reference)

    return pay_now


@pytest.fixture
def in_arrears(context: AppContext) -> AppContext:
    """As of 21 November 2026: Budi (PU from October, October billed and unpaid) is due;
    Siti (BPU from September) has three unpaid months; Dewi (BPU from July) has lapsed."""
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


def test_the_arrears_list_shows_who_is_behind(qtbot: QtBot, in_arrears: AppContext) -> None:
    page = open_page(qtbot, in_arrears)
    page.show_arrears(ArrearsFilter.ALL)
    assert page.tabs.currentWidget() is page.arrears
    model = page.arrears.model
    rows = [[str(model.index(r, c).data()) for c in range(1, model.columnCount())]
            for r in range(model.rowCount())]  # fmt: skip
    assert in_arrears.register.get(model.index(0, 0).data()).name == "Dewi Lestari"  # by NIK
    assert rows == [
        ["Dewi Lestari", "BPU", "DBHCHT", "belum pernah", "5 bulan",
         "15 Juli 2026", "Terputus", "-"],
        ["Siti Aminah", "BPU", "APBD", "belum pernah", "3 bulan",
         "15 September 2026", "Peringatan", "-"],
        ["Budi Santoso", "PU", "APBDes", "belum pernah", "1 bulan",
         "16 November 2026", "Jatuh tempo", "Rp218"],
    ]  # fmt: skip
    assert page.arrears.summary.text() == "3 peserta per 21 November 2026; perkiraan denda PU Rp218"


@pytest.mark.parametrize(
    ("chosen", "names"),
    [
        (ArrearsFilter.OWING, ["Siti Aminah", "Budi Santoso"]),
        (ArrearsFilter.WARNING, ["Siti Aminah"]),
        (ArrearsFilter.LAPSED, ["Dewi Lestari"]),
    ],
)
def test_the_arrears_list_filters(
    qtbot: QtBot, in_arrears: AppContext, chosen: ArrearsFilter, names: list[str]
) -> None:
    page = open_page(qtbot, in_arrears)
    page.show_arrears(chosen)
    model = page.arrears.model
    assert [model.index(r, 1).data() for r in range(model.rowCount())] == names


@pytest.mark.parametrize(
    ("typed", "month"),
    [("2026-11", NOV), ("Nov 2026", NOV), ("Desember 2026", Period(2026, 12)),
     ("03-2025", Period(2025, 3)), ("bulan depan", None)],
)  # fmt: skip
def test_the_month_picker_reads_what_is_typed(typed: str, month: Period | None) -> None:
    assert read_month(typed) == month


@pytest.mark.parametrize("paid", [50_000, 116_800, 100_000])
def test_balances_read_as_the_service_words_them(paid: int) -> None:
    balance = PayerBalance(Payer.APBD, 100_000, paid)
    assert balance_text(balance.shortfall, balance.excess) == describe_balance(balance)

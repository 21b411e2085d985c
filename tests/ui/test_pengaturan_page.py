"""Pengaturan: the village profile edited with the set-up form's rules, and the formasi."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from app.domain.categories import Category
from app.services.context import AppContext
from app.ui.pages.pengaturan import PengaturanPage
from app.ui.window import MainWindow


def open_page(qtbot: QtBot, ctx: AppContext) -> PengaturanPage:
    page = PengaturanPage(ctx.village, ctx.standing)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.loaded):
        page.show()
    return page


def retype(qtbot: QtBot, page: PengaturanPage, field: str, text: str) -> None:
    editor = page.form.rows[field].editor
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    if text:
        qtbot.keyClicks(editor, text)  # typing replaces the selection
    else:
        qtbot.keyClick(editor, Qt.Key.Key_Backspace)


def test_the_stored_profile_is_shown(qtbot: QtBot, context: AppContext) -> None:
    values = open_page(qtbot, context).form.values()
    assert values["village_code"] == "35.21.01.2001"
    assert values["village_name"] == "Sukamaju"
    assert values["secretary"] == "Siti Aminah"
    assert values["address"] == ""


def test_a_renamed_village_is_saved_and_titles_the_window(
    qtbot: QtBot, context: AppContext
) -> None:
    village = context.village.get()
    assert village is not None
    window = MainWindow(context, village)
    qtbot.addWidget(window)
    window.show()
    page = window.pengaturan_page
    with qtbot.waitSignal(page.loaded):
        window.show_page(page)
    retype(qtbot, page, "village_name", "Sukamakmur")
    retype(qtbot, page, "address", "Jl. Raya Paron 12")
    with qtbot.waitSignal(page.villageChanged):
        page.profile_button.click()
    assert window.windowTitle() == "Payung Desa - Sukamakmur"
    assert window.village_label.text() == "Desa Sukamakmur (35.21.01.2001)"
    stored = context.village.get()
    assert stored is not None
    assert (stored.name, stored.address) == ("Sukamakmur", "Jl. Raya Paron 12")
    assert page.profile_message.text() == "Profil desa disimpan."


def test_a_profile_error_shows_under_its_field(qtbot: QtBot, context: AppContext) -> None:
    page = open_page(qtbot, context)
    retype(qtbot, page, "kecamatan", "")
    assert page.form.rows["kecamatan"].error.text() == "Kecamatan wajib diisi"
    assert not page.profile_button.isEnabled()


def test_another_village_code_is_refused_by_the_service(qtbot: QtBot, context: AppContext) -> None:
    page = open_page(qtbot, context)
    retype(qtbot, page, "village_code", "35.21.01.2002")
    assert page.profile_button.isEnabled()  # a well-formed code: only the service knows
    page.profile_button.click()
    error = page.form.rows["village_code"].error
    qtbot.waitUntil(lambda: error.text() != "")
    assert error.text().startswith("Data ini milik desa 35.21.01.2001 (Sukamaju)")
    assert not page.profile_button.isEnabled()
    village = context.village.get()
    assert village is not None and village.code == "35.21.01.2001"


def test_the_formasi_is_saved(qtbot: QtBot, context: AppContext) -> None:
    context.standing.set_quota(Category.BPD, 9)
    page = open_page(qtbot, context)
    assert page.spins[Category.BPD].value() == 9
    assert page.spins[Category.PETANI].text() == "belum diisi"
    page.spins[Category.KEPALA_DESA].setValue(1)
    page.spins[Category.KETUA_RT].setValue(24)
    page.spins[Category.BPD].setValue(7)
    with qtbot.waitSignal(page.quotaChanged):
        page.quota_button.click()
    assert context.standing.quota() == {
        Category.KEPALA_DESA: 1,
        Category.BPD: 7,
        Category.KETUA_RT: 24,
    }
    assert page.quota_message.text() == "Formasi disimpan."

"""Keyboard-only use and a 1366x768 screen: every page and dialog reached with Tab, one
mnemonic letter per control, Ctrl+<n> into each page, sizes that fit, a worker added by keys."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from app.domain.categories import Category
from app.domain.rates import Payer
from app.services.context import AppContext
from app.services.register import SearchQuery
from app.ui.dialogs.document_options import DocumentOptionsDialog
from app.ui.dialogs.end_membership import EndMembershipDialog
from app.ui.dialogs.heir_form import HeirFormDialog
from app.ui.dialogs.heirs import HeirsDialog
from app.ui.dialogs.worker import WorkerDialog
from app.ui.keyboard import tab_stops
from app.ui.mnemonics import used_mnemonics
from app.ui.window import MainWindow

SCREEN_WIDTH, SCREEN_HEIGHT = 1366, 768 - 40  # the commonest office screen less a taskbar
PAGES = ["beranda_page", "register_page", "iuran_page", "impor_page", "sinkronisasi_page"]


def open_window(qtbot: QtBot, ctx: AppContext) -> MainWindow:
    village = ctx.village.get()
    assert village is not None
    window = MainWindow(ctx, village)
    qtbot.addWidget(window)
    window.resize(SCREEN_WIDTH, SCREEN_HEIGHT)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)  # shortcuts and focus need the active window
    qtbot.waitUntil(lambda: window.register_page.first_page_loaded)
    return window


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def tab_walk(qtbot: QtBot, limit: int = 200) -> list[QWidget]:
    """Press Tab from the focused widget until the focus comes back to it."""
    start = focused()
    seen = [start]
    for _ in range(limit):
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)
        if focused() is start:
            return seen
        seen.append(focused())
    pytest.fail(f"Tab never came back to {start!r}: a widget keeps the Tab key")


def describe(widgets: list[QWidget]) -> list[str]:
    return [f"{type(w).__name__}:{w.objectName()}" for w in widgets]


def unlettered(root: QWidget) -> list[str]:
    """Visible field labels whose field takes the focus but which have no Alt+letter."""
    return [
        caption.text() for caption in root.findChildren(QLabel)
        if caption.isVisible() and caption.buddy() is not None
        and caption.buddy().focusPolicy() != Qt.FocusPolicy.NoFocus and "&" not in caption.text()
    ]  # fmt: skip


def duplicates(root: QWidget) -> list[str]:
    counts = Counter(used_mnemonics(root, visible_only=True))
    return sorted(letter for letter, n in counts.items() if n > 1)


def jump(qtbot: QtBot, window: MainWindow, number: int) -> None:
    qtbot.keyClick(focused(), Qt.Key.Key_0 + number, Qt.KeyboardModifier.ControlModifier)  # type: ignore[operator]


@pytest.mark.parametrize("number", range(1, len(PAGES) + 1))
def test_ctrl_n_opens_the_page_with_the_focus_inside_and_tab_reaches_everything(
    qtbot: QtBot, three_workers: AppContext, number: int
) -> None:
    window = open_window(qtbot, three_workers)
    page = getattr(window, PAGES[number - 1])
    window.nav.setFocus()
    jump(qtbot, window, number)
    assert window.pages.currentWidget() is page
    assert page.isAncestorOf(focused()), describe([focused()])
    expected = tab_stops(page)
    assert expected, "a page with nothing to reach by keyboard"
    missing = set(expected) - set(tab_walk(qtbot))
    assert not missing, describe([w for w in expected if w in missing])


@pytest.mark.parametrize("name", PAGES)
def test_no_two_controls_on_a_page_share_a_mnemonic(
    qtbot: QtBot, three_workers: AppContext, name: str
) -> None:
    window = open_window(qtbot, three_workers)
    page = getattr(window, name)
    window.show_page(page)
    assert used_mnemonics(page, visible_only=True), "no Alt+letter at all on the page"
    assert duplicates(page) == []
    assert unlettered(page) == []


def test_the_navigation_tells_its_shortcuts(qtbot: QtBot, three_workers: AppContext) -> None:
    window = open_window(qtbot, three_workers)
    tips = [window.nav.item(i).toolTip() for i in range(window.nav.count())]
    assert tips[:2] == ["Ctrl+1", "Ctrl+2"]
    assert all(tip.startswith("Ctrl+") for tip in tips)


def test_field_labels_get_a_letter_that_focuses_their_field(
    qtbot: QtBot, three_workers: AppContext
) -> None:
    window = open_window(qtbot, three_workers)
    jump(qtbot, window, 5)
    url = window.sinkronisasi_page.url_edit
    caption = next(w for w in window.sinkronisasi_page.findChildren(QLabel) if w.buddy() is url)
    assert caption.text() == "&Alamat server"
    window.sinkronisasi_page.code_edit.setFocus()
    qtbot.keyClick(focused(), Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)
    assert focused() is url


@pytest.mark.parametrize("point_size", [9.0, 11.0])
def test_the_window_and_every_page_fit_1366x768(
    qtbot: QtBot, three_workers: AppContext, point_size: float
) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = app.font()
    font = QFont(before)
    font.setPointSizeF(point_size)  # a larger system font must still fit
    app.setFont(font)
    try:
        window = open_window(qtbot, three_workers)
        for name in [*PAGES, "pengaturan_page"]:
            window.show_page(getattr(window, name))
            hint = window.minimumSizeHint()
            assert hint.width() <= SCREEN_WIDTH and hint.height() <= SCREEN_HEIGHT, (name, hint)
    finally:
        app.setFont(before)


def test_page_titles_follow_the_application_font(qtbot: QtBot, three_workers: AppContext) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = app.font()
    font = QFont(before)
    font.setPointSizeF(14.0)
    app.setFont(font)
    try:
        window = open_window(qtbot, three_workers)
        titles = [window.nav, window.impor_page.result_step.title,
                  window.beranda_page.owing_card.number]  # fmt: skip
        sizes = [widget.font().pointSizeF() for widget in titles]
        assert all(size > 14.0 for size in sizes), sizes
    finally:
        app.setFont(before)


# -- dialogs --------------------------------------------------------------------------------
def check_dialog(qtbot: QtBot, dialog: QDialog, first: str) -> None:
    """Shown: focus on `first`, Tab reaches every control, one letter each, fits the screen,
    Escape closes it."""
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    assert focused().objectName() == first
    missing = set(tab_stops(dialog)) - set(tab_walk(qtbot))
    assert not missing, describe(list(missing))
    assert duplicates(dialog) == []
    assert unlettered(dialog) == []
    hint = dialog.minimumSizeHint()
    assert hint.width() <= SCREEN_WIDTH and hint.height() <= SCREEN_HEIGHT, hint
    with qtbot.waitSignal(dialog.rejected):
        qtbot.keyClick(focused(), Qt.Key.Key_Escape)


def has_default_button(dialog: QDialog) -> bool:
    return any(button.isDefault() for button in dialog.findChildren(QPushButton))


def test_the_worker_dialog_by_keyboard(qtbot: QtBot, context: AppContext) -> None:
    dialog = WorkerDialog(save=context.register.add, today=lambda: date(2026, 11, 21))
    assert has_default_button(dialog)
    check_dialog(qtbot, dialog, "field_nik")


def test_the_heir_dialogs_by_keyboard(qtbot: QtBot, three_workers: AppContext) -> None:
    budi = three_workers.register.search(SearchQuery(text="Budi")).rows[0]
    heirs = HeirsDialog(heirs=three_workers.heirs, worker_id=budi.id, worker_name=budi.name,
                        today=lambda: date(2026, 11, 21))  # fmt: skip
    check_dialog(qtbot, heirs, "heirTable")  # the list first; Enter there edits
    form = HeirFormDialog(save=lambda draft: three_workers.heirs.add(budi.id, draft),
                          today=lambda: date(2026, 11, 21))  # fmt: skip
    assert has_default_button(form)
    check_dialog(qtbot, form, "field_heir_name")


def test_the_end_membership_dialog_by_keyboard(qtbot: QtBot, context: AppContext) -> None:
    dialog = EndMembershipDialog(worker_name="Budi", end=lambda _day, _reason: None,
                                 today=date(2026, 11, 21))  # fmt: skip
    assert has_default_button(dialog)
    check_dialog(qtbot, dialog, "field_date")


def test_the_document_options_dialog_by_keyboard(qtbot: QtBot) -> None:
    dialog = DocumentOptionsDialog(title="Ekspor", intro="Ekspor daftar iuran.", action="&Ekspor",
                                   payers=[Payer.APBDES, Payer.APBD])  # fmt: skip
    assert has_default_button(dialog)
    check_dialog(qtbot, dialog, "payerBox")


def test_a_worker_is_added_with_keys_only(qtbot: QtBot, context: AppContext) -> None:
    window = open_window(qtbot, context)
    jump(qtbot, window, 2)
    page = window.register_page
    qtbot.keyClick(focused(), Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)  # &Tambah
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), WorkerDialog))
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, WorkerDialog)
    qtbot.waitUntil(dialog.isActiveWindow)
    typed = [("field_nik", "3521015708850042"), ("field_name", "Sri Wahyuni"),
             ("field_birth_place", "Ngawi"), ("field_birth_date", "17-08-1985"),
             ("field_sex", "P")]  # fmt: skip
    for index, (name, text) in enumerate(typed):
        if index:
            qtbot.keyClick(focused(), Qt.Key.Key_Tab)
        assert focused().objectName() == name
        qtbot.keyClicks(focused(), text)
    category = dialog.form.rows["category"].editor
    caption = next(w for w in dialog.findChildren(QLabel) if w.buddy() is category)
    letter = caption.text().split("&")[1][0]  # the right-hand column: Alt+its letter
    qtbot.keyClick(focused(), letter, Qt.KeyboardModifier.AltModifier)
    assert focused() is category
    qtbot.keyClicks(focused(), "Kader")
    assert dialog.form.values()["category"] == Category.KADER_POSYANDU.value
    with qtbot.waitSignal(dialog.saved, timeout=10_000):
        qtbot.keyClick(focused(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=10_000)
    found = context.register.search(SearchQuery(text="Sri Wahyuni")).rows
    assert [row.nik for row in found] == ["3521015708850042"]

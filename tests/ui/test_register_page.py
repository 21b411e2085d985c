"""The Peserta page: listing, search as you type, filters, stale results, keyboard."""

from __future__ import annotations

import time

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.domain.categories import Category, WorkerStatus
from app.services.context import AppContext
from app.services.dto import Page, WorkerRow
from app.services.register import Register, SearchQuery
from app.ui.pages.register import RegisterPage


def make_page(qtbot: QtBot, ctx: AppContext, register: Register | None = None) -> RegisterPage:
    page = RegisterPage(register or ctx.register, ctx.heirs, ctx.today)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: page.first_page_loaded)
    return page


def names(page: RegisterPage) -> list[str]:
    model = page.model
    return [model.index(row, 1).data() for row in range(model.rowCount())]


def search(qtbot: QtBot, page: RegisterPage, text: str) -> None:
    with qtbot.waitSignal(page.searchFinished, timeout=3000):
        page.search_box.clear()
        qtbot.keyClicks(page.search_box, text)


def test_page_lists_every_worker_sorted_by_name(qtbot: QtBot, three_workers: AppContext) -> None:
    page = make_page(qtbot, three_workers)
    assert names(page) == ["Agus Salim", "Budi Santoso", "Siti Aminah"]
    assert page.model.index(1, 0).data() == "3521011205800011"
    assert page.model.index(1, 2).data() == "12 Mei 1980"
    assert page.model.index(1, 4).data() == "Perangkat Desa"
    assert page.model.index(0, 7).data() == "Berhenti"
    assert page.result_label.text() == "3 pekerja"


def test_search_by_part_of_the_name_narrows_the_table(
    qtbot: QtBot, three_workers: AppContext
) -> None:
    page = make_page(qtbot, three_workers)
    search(qtbot, page, "aminah")
    assert names(page) == ["Siti Aminah"]
    assert page.result_label.text() == "1 pekerja cocok"


def test_search_by_nik_prefix(qtbot: QtBot, three_workers: AppContext) -> None:
    page = make_page(qtbot, three_workers)
    search(qtbot, page, "35210112")
    assert names(page) == ["Budi Santoso"]


def test_search_by_kpj(qtbot: QtBot, three_workers: AppContext) -> None:
    page = make_page(qtbot, three_workers)
    search(qtbot, page, "1234567")
    assert names(page) == ["Siti Aminah"]


def test_search_with_no_match_says_so(qtbot: QtBot, three_workers: AppContext) -> None:
    page = make_page(qtbot, three_workers)
    search(qtbot, page, "Zulkifli")
    assert page.model.rowCount() == 0
    assert page.result_label.text() == "Tidak ada yang cocok dengan pencarian"


def test_typing_fast_runs_one_search(qtbot: QtBot, three_workers: AppContext) -> None:
    page = make_page(qtbot, three_workers)
    finished: list[int] = []
    page.searchFinished.connect(finished.append)
    qtbot.keyClicks(page.search_box, "budi")  # four keystrokes inside the debounce window
    qtbot.waitUntil(lambda: bool(finished))
    qtbot.wait(300)
    assert finished == [1]


def test_category_filter(qtbot: QtBot, three_workers: AppContext) -> None:
    page = make_page(qtbot, three_workers)
    assert page.category_filter.itemText(0) == "Semua kategori"
    with qtbot.waitSignal(page.searchFinished):
        page.category_filter.setCurrentIndex(page.category_filter.findData(Category.KETUA_RT.value))
    assert names(page) == ["Agus Salim"]


def test_status_filter(qtbot: QtBot, three_workers: AppContext) -> None:
    page = make_page(qtbot, three_workers)
    with qtbot.waitSignal(page.searchFinished):
        page.status_filter.setCurrentIndex(page.status_filter.findData(WorkerStatus.ACTIVE.value))
    assert names(page) == ["Budi Santoso", "Siti Aminah"]


class SlowForSiti(Register):
    """The real register, slowed down for one query so an older search finishes last."""

    def search(self, query: SearchQuery, *, offset: int = 0, limit: int = 200) -> Page[WorkerRow]:
        if query.text == "Siti":
            time.sleep(0.5)
        return super().search(query, offset=offset, limit=limit)


def test_stale_search_results_are_discarded(qtbot: QtBot, three_workers: AppContext) -> None:
    slow = SlowForSiti(three_workers.database.sessions, three_workers.today)
    page = make_page(qtbot, three_workers, slow)
    page.search_box.setText("Siti")
    page.search_now()  # the slow, older search
    page.search_box.setText("Budi")
    with qtbot.waitSignal(page.searchFinished):
        page.search_now()  # the newer one finishes first
    assert names(page) == ["Budi Santoso"]
    qtbot.waitUntil(lambda: page.stale_discarded == 1, timeout=3000)
    assert names(page) == ["Budi Santoso"]
    assert not page.searching


def test_ctrl_f_focuses_the_search_box(qtbot: QtBot, three_workers: AppContext) -> None:
    page = make_page(qtbot, three_workers)
    page.show()
    page.activateWindow()
    qtbot.waitActive(page)
    page.table.setFocus()
    qtbot.waitUntil(page.table.hasFocus)
    qtbot.keyClick(page.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(page.search_box.hasFocus)


def test_buttons_follow_the_selection(qtbot: QtBot, three_workers: AppContext) -> None:
    page = make_page(qtbot, three_workers)
    assert not page.edit_button.isEnabled()
    page.commands.select_row(0)  # Agus, already ended
    assert page.edit_button.isEnabled()
    assert page.heirs_button.isEnabled()
    assert not page.end_button.isEnabled()
    page.commands.select_row(1)
    assert page.end_button.isEnabled()

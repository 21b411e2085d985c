"""The register's table model pages from SQL: total rows at once, 200-row blocks on demand."""

from __future__ import annotations

from pytestqt.qtbot import QtBot
from ui_factories import BIG_REGISTER_SIZE

from app.services.context import AppContext
from app.services.register import SearchQuery
from app.ui.worker_table import BLOCK_SIZE, MAX_BLOCKS, WorkerTableModel


def loaded_model(qtbot: QtBot, ctx: AppContext) -> WorkerTableModel:
    model = WorkerTableModel(ctx.register)
    query = SearchQuery()
    model.show_first_page(query, ctx.register.search(query, offset=0, limit=BLOCK_SIZE))
    return model


def wait_for_row(qtbot: QtBot, model: WorkerTableModel, row: int) -> str:
    index = model.index(row, 1)
    # Generous: this checks what arrives, not how fast (speed is the bench's job); a busy CI
    # machine once needed more than 3 s for a 200-row block.
    qtbot.waitUntil(lambda: model.row_at(row) is not None, timeout=20_000)
    return str(index.data())


def test_row_count_is_the_total_without_loading_every_row(
    qtbot: QtBot, big_register: AppContext
) -> None:
    model = loaded_model(qtbot, big_register)
    assert model.rowCount() == BIG_REGISTER_SIZE
    assert model.fetched_blocks == 1
    assert model.cached_blocks == 1


def test_a_far_row_loads_only_its_block(qtbot: QtBot, big_register: AppContext) -> None:
    model = loaded_model(qtbot, big_register)
    assert model.index(5000, 1).data() == ""  # not loaded yet: a placeholder, fetch started
    name = wait_for_row(qtbot, model, 5000)
    expected = big_register.register.search(SearchQuery(), offset=5000, limit=1).rows[0]
    assert name == expected.name
    assert model.fetched_blocks == 2  # the first page and the block holding row 5000
    assert model.cached_blocks == 2


def test_asking_twice_for_a_block_fetches_it_once(qtbot: QtBot, big_register: AppContext) -> None:
    model = loaded_model(qtbot, big_register)
    for row in range(1000, 1000 + BLOCK_SIZE):
        model.index(row, 0).data()
    wait_for_row(qtbot, model, 1000)
    qtbot.wait(50)
    assert model.fetched_blocks == 2


def test_cache_stays_bounded_when_scrolling_everything(
    qtbot: QtBot, big_register: AppContext
) -> None:
    model = loaded_model(qtbot, big_register)
    for block in range(BIG_REGISTER_SIZE // BLOCK_SIZE):
        wait_for_row(qtbot, model, block * BLOCK_SIZE)
    assert model.cached_blocks <= MAX_BLOCKS
    assert model.fetched_blocks == BIG_REGISTER_SIZE // BLOCK_SIZE


def test_blocks_of_an_older_query_are_dropped(qtbot: QtBot, big_register: AppContext) -> None:
    model = loaded_model(qtbot, big_register)
    model.index(3000, 0).data()  # starts fetching a block of the unfiltered query
    narrow = SearchQuery(text="Budi")
    model.show_first_page(narrow, big_register.register.search(narrow, limit=BLOCK_SIZE))
    qtbot.wait(200)
    assert model.fetched_blocks == 1
    assert all("Budi" in model.index(r, 1).data() for r in range(min(model.rowCount(), 50)))

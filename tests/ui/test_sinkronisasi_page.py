"""Sinkronisasi: connect, sync now, conflicts side by side, quarantine and USB bundles, against
the real SyncEngine and the real `payung-server` on 127.0.0.1."""

from __future__ import annotations

import re
import sys
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import insert
from ui_factories import make_worker

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "server"))
from servertools import ServerHandle, enroll_code, make_village, start_server

from app.models import utcnow
from app.server import tables
from app.server.changes import write_row
from app.server.db import ServerDatabase, open_server_database
from app.server.devices import revoke_device
from app.server.migrate import upgrade
from app.services.context import AppContext
from app.sync.engine import Progress, SyncEngine
from app.ui.i18n import install_language
from app.ui.pages.sinkronisasi import SinkronisasiPage
from app.ui.pages.sync_bundles import bundle_name
from app.ui.sync_scheduler import LazySyncEngine, SyncScheduler, Timing
from app.ui.window import MainWindow

SYNC_TIMEOUT = 30_000
NO_TIMED_SYNC = Timing(first=3600, period=3600)  # only the syncs the test asks for
MOMENT = re.compile(r"\d{1,2} November 2026 \d{2}\.\d{2}")


@dataclass
class Kabupaten:
    db: ServerDatabase
    server: ServerHandle
    village_id: uuid.UUID

    def write(self, entity: str, row_id: uuid.UUID, **values: object) -> None:
        with self.db.sessions.begin() as session:
            write_row(session, village_id=self.village_id, entity=entity, row_id=row_id,
                      values=values, actor="operator:tester")  # fmt: skip


@pytest.fixture
def kabupaten(tmp_path: Path) -> Iterator[Kabupaten]:
    """The real server on a loopback port, with the village Sukamaju (35.21.01.2001)."""
    folder = tmp_path / "server"
    folder.mkdir()
    db = open_server_database(f"sqlite:///{folder / 'server.sqlite3'}", folder)
    upgrade(db)
    village_id = make_village(db)
    server = start_server(db.url, folder)
    yield Kabupaten(db, server, village_id)
    server.stop()
    db.dispose()


def open_page(qtbot: QtBot, context: AppContext) -> SinkronisasiPage:
    engine = LazySyncEngine(lambda: SyncEngine(context.database.sessions, context.paths.data_dir))
    scheduler = SyncScheduler(engine, timing=NO_TIMED_SYNC)
    page = SinkronisasiPage(engine, scheduler, context.today)
    scheduler.setParent(page)
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    qtbot.waitUntil(lambda: page.status is not None)
    return page


def connect(qtbot: QtBot, page: SinkronisasiPage, kabupaten: Kabupaten) -> None:
    """Through the page: address, code, Sambungkan; the first sync follows by itself."""
    qtbot.keyClicks(page.url_edit, kabupaten.server.url)
    qtbot.keyClicks(page.code_edit, enroll_code(kabupaten.db))
    with qtbot.waitSignal(page.scheduler.succeeded, timeout=SYNC_TIMEOUT):
        qtbot.mouseClick(page.connect_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.status is not None and page.status.ops_waiting == 0)


def sync_now(qtbot: QtBot, page: SinkronisasiPage) -> None:
    """Sinkronkan sekarang, until the result and the review lists read after it are shown."""
    with qtbot.waitSignal(page.scheduler.succeeded, timeout=SYNC_TIMEOUT):
        qtbot.mouseClick(page.sync_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(page.reviewLoaded, timeout=SYNC_TIMEOUT):
        pass  # asked for on success; lands through the event loop, after this wait starts


def test_a_new_pc_is_not_connected(qtbot: QtBot, context: AppContext) -> None:
    page = open_page(qtbot, context)
    assert page.connection.currentIndex() == 0  # the address and code form
    assert page.state_texts()["next"] == "belum tersambung ke server"
    with qtbot.waitSignal(page.scheduler.failed, timeout=SYNC_TIMEOUT) as failed:
        qtbot.mouseClick(page.sync_button, Qt.MouseButton.LeftButton)
    assert failed.args[1] is False  # not retried: the person must connect first
    assert page.message.text().startswith("PC ini belum tersambung ke server")
    assert page.scheduler.stopped


def test_connect_then_sync_now_shows_progress_and_result(
    qtbot: QtBot, context: AppContext, kabupaten: Kabupaten
) -> None:
    page = open_page(qtbot, context)
    connect(qtbot, page, kabupaten)
    assert page.connection.currentIndex() == 1
    assert page.village_label.text() == "35.21.01.2001"
    assert page.device_label.text().startswith("dev-")
    assert MOMENT.fullmatch(page.state_texts()["last"])
    context.register.add(make_worker(11, name="Budi Santoso"))
    page.scheduler.refresh_status()
    qtbot.waitUntil(lambda: page.state_texts()["waiting"] == "1 perubahan")
    stages: list[str] = []
    shown: list[str] = []

    def seen(step: Progress) -> None:
        stages.append(step.stage)
        shown.append(page.stage_label.text())

    page.scheduler.progressed.connect(seen)
    sync_now(qtbot, page)
    assert stages[0] == "hello" and "push" in stages
    assert any(text.startswith("Mengirim perubahan") for text in shown)
    assert page.message.text().startswith("Sinkron selesai: 1 perubahan dikirim")
    assert page.state_texts()["waiting"] == "0 perubahan"
    assert page.sync_button.isEnabled() and not page.progress.isVisible()
    assert page.state_texts()["next"].startswith("pukul ")


def test_a_conflict_is_shown_side_by_side_and_the_choice_travels(
    qtbot: QtBot, context: AppContext, kabupaten: Kabupaten
) -> None:
    page = open_page(qtbot, context)
    worker = context.register.add(make_worker(11, name="Budi Santoso", phone="081234567890"))
    connect(qtbot, page, kabupaten)
    kabupaten.write("worker", uuid.UUID(worker.id), phone="081111111111")  # the DPMD's edit
    context.register.edit(worker.nik, {"phone": "082222222222"})  # and the village's
    sync_now(qtbot, page)
    panel = page.conflicts
    row = next(i for i, c in enumerate(panel.conflicts) if c.entity == "worker")
    panel.list.setCurrentRow(row)
    table = panel.table
    assert [table.item(0, c).text() for c in range(3)] == ["No. HP", "082222222222",
                                                           "081111111111"]  # fmt: skip
    assert panel.choices() == {"phone": "local"}  # starts at what the server kept
    assert page.tabs.tabText(0).startswith("Konflik (")
    panel.choose("phone", "server")
    with qtbot.waitSignal(page.scheduler.succeeded, timeout=SYNC_TIMEOUT):
        qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: all(c.entity != "worker" for c in panel.conflicts))
    assert context.register.get(worker.nik).phone == "081111111111"


def test_quarantined_changes_are_listed_with_the_reason(
    qtbot: QtBot, context: AppContext, kabupaten: Kabupaten
) -> None:
    page = open_page(qtbot, context)
    connect(qtbot, page, kabupaten)
    reason = "Kepesertaan merujuk pekerja yang tidak ada di desa ini"
    with kabupaten.db.sessions.begin() as session:
        session.execute(insert(tables.quarantine).values(
            id=uuid.uuid4(), village_id=kabupaten.village_id, device_id=page.device_label.text(),
            device_seq=7, entity="enrollment", row_id=None, op="{}", reason=reason,
            created_at=utcnow(), status="open",
        ))  # fmt: skip
    sync_now(qtbot, page)
    assert page.quarantine.reasons() == [reason]
    assert page.quarantine.item(0, 0).text() == "Kepesertaan"
    assert page.tabs.tabText(1) == "Karantina (1)"
    assert page.state_texts()["quarantined"] == "1"


def test_a_bundle_for_the_dpmd_is_written(
    qtbot: QtBot, context: AppContext, kabupaten: Kabupaten, tmp_path: Path
) -> None:
    page = open_page(qtbot, context)
    connect(qtbot, page, kabupaten)
    context.register.add(make_worker(11, name="Budi Santoso"))
    assert page.bundles.default_path().name == "payung-35.21.01.2001-2026-11-21.pbundle"
    out = tmp_path / bundle_name("35.21.01.2001", context.today())
    with qtbot.waitSignal(page.bundles.done, timeout=SYNC_TIMEOUT) as done:
        page.bundles.export_to(out)
    assert out.is_file() and out.read_bytes().startswith(b"PAYUNGB1")
    assert done.args[0].startswith("Bundel berisi 1 perubahan disimpan di ")


def test_the_page_speaks_english(qtbot: QtBot, context: AppContext) -> None:
    assert install_language("en"), "payung_en.qm missing: run `make setup`"
    page = open_page(qtbot, context)
    assert page.sync_button.text() == "&Sync now"
    assert page.state_texts()["next"] == "not connected to the server"
    assert page.tabs.tabText(0) == "Conflicts (0)"


def test_a_revoked_pc_stops_syncing_and_says_why(
    qtbot: QtBot, context: AppContext, kabupaten: Kabupaten
) -> None:
    page = open_page(qtbot, context)
    connect(qtbot, page, kabupaten)
    with kabupaten.db.sessions.begin() as session:
        revoke_device(session, page.device_label.text(), utcnow())
    with qtbot.waitSignal(page.scheduler.failed, timeout=SYNC_TIMEOUT) as failed:
        qtbot.mouseClick(page.sync_button, Qt.MouseButton.LeftButton)
    assert failed.args[1] is False
    assert "dicabut" in page.message.text()
    assert page.scheduler.stopped and page.scheduler.next_attempt is None
    assert page.state_texts()["next"] == "berhenti (lihat pesan di atas)"


def test_the_window_places_the_page_and_shows_sync_in_the_status_bar(
    qtbot: QtBot, context: AppContext
) -> None:
    village = context.village.get()
    assert village is not None
    window = MainWindow(context, village)
    qtbot.addWidget(window)
    titles = window.nav_titles()
    assert titles.index("Sinkronisasi") == titles.index("Impor") + 1
    assert titles[-1] == "Pengaturan"
    qtbot.waitUntil(lambda: window.sync_label.text() == "Belum tersambung ke server")

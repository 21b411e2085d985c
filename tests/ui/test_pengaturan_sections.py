"""Pengaturan's Umum, Tarif iuran and Server tabs in the real window over a real database."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot
from ui_factories import TODAY, make_worker, pu_terms

from app.domain.period import Period
from app.services.context import AppContext
from app.services.papers import PAPER_SETTING
from app.services.rates import shipped_rates
from app.services.settings import EXPORT_FOLDER_SETTING, EXPORT_PROFILE_SETTING
from app.services.writes import OPERATOR_KEY
from app.sync.engine import SyncStatus
from app.ui.dialogs.document_options import DocumentOptionsDialog
from app.ui.pages.pengaturan import PengaturanPage
from app.ui.pages.pengaturan_general import GeneralSection
from app.ui.window import MainWindow

REPO = Path(__file__).resolve().parents[2]


def make_window(qtbot: QtBot, ctx: AppContext) -> MainWindow:
    village = ctx.village.get()
    assert village is not None
    window = MainWindow(ctx, village)
    qtbot.addWidget(window)
    window.show()
    return window


def open_settings(qtbot: QtBot, window: MainWindow) -> PengaturanPage:
    page = window.pengaturan_page
    assert page.general and page.backups and page.rates
    signals = [page.loaded, page.general.loaded, page.backups.loaded, page.rates.loaded]
    with qtbot.waitSignals(signals, timeout=10_000):
        window.show_page(page)
    return page


def general_of(page: PengaturanPage) -> GeneralSection:
    assert page.general is not None
    return page.general


def retype(qtbot: QtBot, editor: QLineEdit, text: str) -> None:
    editor.selectAll()
    qtbot.keyClicks(editor, text)


def test_umum_is_saved_and_read_back(qtbot: QtBot, context: AppContext, tmp_path: Path) -> None:
    window = make_window(qtbot, context)
    general = general_of(open_settings(qtbot, window))
    assert general.operator_edit.text() == "Siti Aminah"  # the secretary at set-up
    assert general.paper_box.currentData() == "A4"
    retype(qtbot, general.operator_edit, "Rina Wati")
    general.paper_box.setCurrentIndex(general.paper_box.findData("F4"))
    retype(qtbot, general.folder_edit, str(tmp_path))
    with qtbot.waitSignal(general.saved, timeout=10_000):
        general.save_button.click()
    assert general.message.text() == "Pengaturan disimpan."
    setting = context.village.setting
    assert (setting(OPERATOR_KEY), setting(PAPER_SETTING)) == ("Rina Wati", "F4")
    assert (setting(EXPORT_FOLDER_SETTING), setting(EXPORT_PROFILE_SETTING)) == (
        str(tmp_path),
        "bpjs-iuran",
    )
    qtbot.waitUntil(lambda: window.operator_label.text() == "Operator: Rina Wati")
    window.rebuild()  # a fresh page reads what is stored
    again = general_of(open_settings(qtbot, window))
    assert again is not general
    assert (again.operator_edit.text(), again.paper_box.currentData()) == ("Rina Wati", "F4")
    assert again.folder_edit.text() == str(tmp_path)


def test_an_empty_operator_or_a_missing_folder_is_refused(
    qtbot: QtBot, context: AppContext, tmp_path: Path
) -> None:
    general = general_of(open_settings(qtbot, make_window(qtbot, context)))
    general.operator_edit.clear()
    general.save_button.click()
    qtbot.waitUntil(lambda: general.operator_error.text() != "")
    assert general.operator_error.text() == "Nama operator wajib diisi"
    assert not general.operator_error.isHidden()
    retype(qtbot, general.operator_edit, "Rina")
    retype(qtbot, general.folder_edit, str(tmp_path / "flashdisk"))
    general.save_button.click()
    qtbot.waitUntil(lambda: "tidak ditemukan" in general.message.text())
    assert general.operator_error.isHidden()
    assert context.village.setting(EXPORT_FOLDER_SETTING) is None
    assert context.village.operator() == "Siti Aminah"


def test_the_iuran_export_starts_with_the_chosen_profile_and_folder(
    qtbot: QtBot, context: AppContext, tmp_path: Path
) -> None:
    own = context.paths.data_dir / "profiles"  # a DPMD's own roster profile
    own.mkdir()
    text = (REPO / "resources" / "profiles" / "bpjs-iuran.toml").read_text(encoding="utf-8")
    (own / "dpmd-ngawi.toml").write_text(
        text.replace('name = "bpjs-iuran"', 'name = "dpmd-ngawi"'), encoding="utf-8"
    )
    budi = context.register.add(make_worker(11, name="Budi Santoso"))
    context.enrollments.enroll(budi.id, pu_terms())
    context.roster.generate(Period(TODAY.year, TODAY.month))
    window = make_window(qtbot, context)
    general = general_of(open_settings(qtbot, window))
    names = [general.profile_box.itemData(i) for i in range(general.profile_box.count())]
    assert names == ["bpjs-iuran", "dpmd-ngawi"]
    general.profile_box.setCurrentIndex(1)
    general.folder_edit.setText(str(tmp_path))
    with qtbot.waitSignal(general.saved, timeout=10_000):
        general.save_button.click()
    documents = window.iuran_page.documents
    assert documents is not None
    with qtbot.waitSignal(window.iuran_page.loaded, timeout=10_000):
        window.show_page(window.iuran_page)
    qtbot.waitUntil(documents.export_button.isEnabled)
    documents.export_button.click()
    qtbot.waitUntil(lambda: isinstance(documents.dialog, DocumentOptionsDialog))
    dialog = documents.dialog
    assert isinstance(dialog, DocumentOptionsDialog)
    assert dialog.profile() == "dpmd-ngawi"
    assert documents.export_folder == tmp_path
    dialog.reject()


def test_the_rates_in_force_are_those_of_the_csv_files(qtbot: QtBot, context: AppContext) -> None:
    rates = open_settings(qtbot, make_window(qtbot, context)).rates
    assert rates is not None
    table = rates.table
    shown = {
        (table.item(r, 0).text(), table.item(r, 3).text(), table.item(r, 5).text())  # type: ignore[union-attr]
        for r in range(table.rowCount())
    }
    in_force = [row for row in shipped_rates() if row.valid_on(TODAY)]
    assert len(shown) == table.rowCount() == len(in_force)
    assert {basis for _p, _t, basis in shown} == {row.legal_basis for row in in_force}
    assert ("JKM", "Rp6.800 per bulan", "PP 44/2015 pasal 19") in shown
    assert ("JKK risiko 1", "0,24% dari upah",
            "PP 44/2015 pasal 16 (tingkat risiko sangat rendah)") in shown  # fmt: skip
    assert ("JHT", "3,7% dari upah", "PP 46/2015 pasal 16") in shown
    assert any(text == "Rp10.547.400" for _p, text, _b in shown)  # the JP wage cap of 2025
    assert rates.on_label.text() == "Berlaku pada 21 November 2026:"
    assert rates.later.text().startswith("Tidak berlaku hari ini: PP 50/2025")


def test_server_shows_the_connection_and_opens_sinkronisasi(
    qtbot: QtBot, context: AppContext
) -> None:
    window = make_window(qtbot, context)
    page = open_settings(qtbot, window)
    server = page.server
    assert server is not None
    qtbot.waitUntil(lambda: server.labels["state"].text() != "…")
    assert server.labels["state"].text() == "Belum tersambung ke server kabupaten"
    moment = datetime(2026, 11, 21, 7, 5, tzinfo=UTC)
    url, code = "https://payung.ngawikab.go.id", "35.21.01.2001"
    status = SyncStatus(True, url, code, "dev-1", moment, 3, 0, 0, 0)
    window.sync_scheduler.statusChanged.emit(status)
    assert server.labels["state"].text() == "Tersambung"
    assert server.labels["server"].text() == "https://payung.ngawikab.go.id"
    assert server.labels["village"].text() == "35.21.01.2001"
    assert server.labels["last"].text().startswith("21 November 2026")
    assert server.labels["waiting"].text() == "3 perubahan"
    server.open_button.click()
    assert window.pages.currentWidget() is window.sinkronisasi_page
    assert window.nav.currentRow() == 4


def test_the_secretary_field_no_longer_claims_to_be_the_operator(
    qtbot: QtBot, context: AppContext
) -> None:
    page = open_settings(qtbot, make_window(qtbot, context))
    editor = page.form.rows["secretary"].editor
    assert isinstance(editor, QLineEdit)
    assert editor.placeholderText() == "dicetak pada kuitansi dan rekap"

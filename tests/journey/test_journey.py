"""A new village office's first month, end to end with the real parts.

The DPMD registers the village on the kabupaten server (the real CLI) and prints the office a
code; the office runs the first-run wizard on a fresh data folder and continues in Impor with
its messy workbook, fixes the row the import refused as the wizard advises, connects, enrolls
its workers, generates, locks and exports the month's contributions, prints a receipt, records
a payment and syncs; the DPMD then sees the village with the same coverage on the dashboard; a
backup made on Pengaturan is restored there.

Every assertion is on what a person sees (labels, tables, messages, the dashboard page) or on
the files the app wrote (the upload workbook read back with openpyxl, the receipt with pypdf).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from drivers import (
    add_worker,
    apply_import,
    connect,
    enroll,
    export_upload,
    generate_and_lock,
    import_again,
    names_listed,
    preview_lines,
    record_payment,
    roster_column,
    save_import_report,
    show,
    sync_now,
    walk_to_preview,
)
from first_run_driver import first_run, open_window
from kabupaten import (
    Kabupaten,
    VillageProfile,
    cells,
    check_receipt,
    dashboard,
    server_database,
)
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from safekeeping import back_up, restore
from workbook import AGUS, BAD_DATE, BUDI, DEWI, JOKO, RINA, SITI, corrected, messy_workbook

from app.config import resolve_paths
from app.domain.period import Period
from app.services.context import AppContext
from app.ui.i18n import install_language
from app.ui.labels import show_period
from app.ui.tasks import wait_for_background_work
from app.ui.window import MainWindow

VILLAGE = VillageProfile()
OPERATOR, PASSWORD = "dpmd.ngawi", "payung-desa-rahasia-2026"
FORMASI = {"sekretaris_desa": 1, "perangkat_desa": 4, "kader_posyandu": 5}
PU_APBDES = {"segment": "PU", "wage": "2.022.200", "payer": "apbdes"}  # Rp10.920 a month
BPU_APBD = {"segment": "BPU", "wage": "1.000.000", "payer": "apbd"}  # Rp16.800 a month
EVERYONE = (BUDI, SITI, AGUS, DEWI, JOKO)
ENROLLED = (BUDI, DEWI, AGUS, SITI)
# What Beranda and the dashboard must agree on: category -> (label, active, Beranda's share).
COVERAGE = {
    "sekretaris_desa": ("Sekretaris Desa", "1", "100,0 %"),
    "perangkat_desa": ("Perangkat Desa", "2", "50,0 %"),
    "kader_posyandu": ("Kader Posyandu", "1", "20,0 %"),
}
RECEIPT_NUMBER = re.compile(r"\b3521012001-[0-9A-F]{4}-000001\b")


@pytest.fixture
def kabupaten(tmp_path: Path) -> Iterator[Kabupaten]:
    folder = tmp_path / "kabupaten"
    with server_database(folder) as db_url:
        server = Kabupaten.set_up(folder, db_url, VILLAGE, operator=OPERATOR, password=PASSWORD)
        try:
            yield server
        finally:
            server.stop()


class Office:
    """The village office PC: its data folder and the context the app opened on it."""

    def __init__(self, data_dir: Path) -> None:
        self.paths = resolve_paths(data_dir)
        self.today: Callable[[], date] = date.today
        self.context = AppContext.open(self.paths, today=self.today, daily_backup=False)

    def close(self) -> None:
        """As quitting does: windows first (a page may still start a read), then the
        database once no pool thread uses it."""
        QApplication.closeAllWindows()
        wait_for_background_work()
        self.context.close()


@pytest.fixture
def office(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Office]:
    monkeypatch.setenv("PAYUNG_KEYRING", "off")  # the device token in the data folder
    install_language("id")
    pc = Office(tmp_path / "payung")
    yield pc
    pc.close()


def profile_form() -> dict[str, str]:
    return {
        "village_code": VILLAGE.code, "village_name": VILLAGE.name,
        "kecamatan": VILLAGE.kecamatan, "kabupaten": VILLAGE.kabupaten,
        "province": VILLAGE.province, "head": VILLAGE.head, "secretary": VILLAGE.secretary,
    }  # fmt: skip


@dataclass
class Journey:
    """What the steps share: the bot, both sides, the window open now, a folder for files."""

    qtbot: QtBot
    kabupaten: Kabupaten
    office: Office
    monkeypatch: pytest.MonkeyPatch
    files: Path
    window: MainWindow | None = None
    receipt: tuple[str, str] = ("", "")  # number and verification code, as printed

    @property
    def on_screen(self) -> MainWindow:
        assert self.window is not None
        return self.window


def test_a_new_village_office_s_first_month(
    qtbot: QtBot,
    kabupaten: Kabupaten,
    office: Office,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    journey = Journey(qtbot, kabupaten, office, monkeypatch, tmp_path)
    first_run_into_impor(journey)
    import_and_fix(journey)
    connect_to_the_kabupaten(journey)
    enroll_and_print_a_receipt(journey)
    run_the_month(journey)
    beranda = sync_and_compare_with_the_dashboard(journey)
    back_up_and_restore(journey, beranda)


def first_run_into_impor(journey: Journey) -> None:
    """1-2: the wizard on an empty data folder (profile, formasi, "Data awal" from the
    office's workbook); the window then opens on Impor with that workbook read."""
    qtbot, office = journey.qtbot, journey.office
    assert office.context.village.get() is None
    messy = messy_workbook(journey.files / "perangkat desa.xlsx")
    village, chosen = first_run(qtbot, office.context, profile_form(), formasi=FORMASI,
                                workbook=messy)  # fmt: skip
    assert chosen == messy
    window = journey.window = open_window(qtbot, office.context, village, chosen)
    assert window.windowTitle() == "Payung Desa - Sukamaju"
    assert window.village_label.text() == "Desa Sukamaju (35.21.01.2001)"
    qtbot.waitUntil(lambda: window.operator_label.text() == "Operator: Budi Santoso")


def import_and_fix(journey: Journey) -> None:
    """3: the messy workbook through the wizard; the refused row fixed as the wizard says:
    save the error report, correct the file, import that row again."""
    qtbot, window = journey.qtbot, journey.on_screen
    impor = window.impor_page
    assert impor.path is not None
    messy = impor.path
    walk_to_preview(window)
    assert "5 baris dibaca: 4 siap diimpor, 1 ditolak" in impor.preview_step.counts.text()
    lines = preview_lines(window)
    [bad] = [line for line in lines if line[3] == "Kesalahan"]
    assert bad[0] == 7 and bad[1] == AGUS.name and BAD_DATE in bad[4]
    assert {line[1] for line in lines if line[3] == "Siap"} == {BUDI.name, SITI.name,
                                                                DEWI.name, JOKO.name}  # fmt: skip
    assert impor.import_button.text() == "&Impor 4 baris"
    apply_import(qtbot, window)
    assert impor.result_step.title.text() == "4 pekerja masuk register."
    assert "1 baris tidak diimpor" in impor.result_step.detail.text()
    report = journey.files / "laporan-impor.xlsx"
    save_import_report(qtbot, window, journey.monkeypatch, report)
    assert (7, "date_invalid") in report_rows(report)

    import_again(qtbot, window, corrected(messy, journey.files / "perangkat desa (2).xlsx"))
    assert "5 baris dibaca: 1 siap diimpor, 4 ditolak" in impor.preview_step.counts.text()
    lines = preview_lines(window)
    assert [line[1] for line in lines if line[3] == "Siap"] == [AGUS.name]
    assert all("sudah" in line[4] for line in lines if line[3] == "Kesalahan"), lines
    apply_import(qtbot, window)
    assert impor.result_step.title.text() == "1 pekerja masuk register."
    register = window.register_page
    qtbot.waitUntil(lambda: register.result_label.text() == "5 pekerja", timeout=30_000)
    assert sorted(names_listed(window)) == sorted(p.name for p in EVERYONE)
    niks = {str(register.model.index(r, 0).data()) for r in range(register.model.rowCount())}
    assert niks == {p.nik for p in EVERYONE}  # the apostrophe and the spaces are gone
    born = {str(register.model.index(r, 1).data()): str(register.model.index(r, 2).data())
            for r in range(register.model.rowCount())}  # fmt: skip
    assert born[AGUS.name] == "2 Februari 1970" and born[JOKO.name] == "9 Maret 1975"
    qtbot.waitUntil(lambda: window.count_label.text() == "5 pekerja, 5 aktif", timeout=30_000)


def connect_to_the_kabupaten(journey: Journey) -> None:
    """4: Sinkronisasi, the address and the code the DPMD printed; the first sync follows."""
    qtbot, window, kabupaten = journey.qtbot, journey.on_screen, journey.kabupaten
    connect(qtbot, window, kabupaten.url, kabupaten.code(VILLAGE.code))
    sync = window.sinkronisasi_page
    assert sync.village_label.text() == VILLAGE.code
    assert sync.device_label.text().startswith("dev-")
    assert sync.message.text().startswith("Sinkron selesai: "), sync.message.text()


def enroll_and_print_a_receipt(journey: Journey) -> None:
    """5a: four workers enrolled from their Kepesertaan tab; Budi's receipt saved as PDF."""
    qtbot, window = journey.qtbot, journey.on_screen
    receipt = journey.files / "tanda-terima-budi.pdf"
    pages = enroll(qtbot, window, BUDI.name, PU_APBDES, receipt_to=(journey.monkeypatch, receipt))
    assert pages == 1
    for person in (DEWI, AGUS):
        enroll(qtbot, window, person.name, PU_APBDES)
    enroll(qtbot, window, SITI.name, BPU_APBD)
    text = pdf_text(receipt)
    number = RECEIPT_NUMBER.search(text)
    codes = re.findall(r"^[0-9A-Z]{8}$", text, flags=re.M)  # the verification code's line
    assert BUDI.name in text and BUDI.nik in text and number and len(codes) == 1, text
    journey.receipt = (number[0], codes[0])


def run_the_month(journey: Journey) -> None:
    """5b: this month generated and locked, the APBDes upload file exported, paid in full."""
    qtbot, window = journey.qtbot, journey.on_screen
    month = Period.of(journey.office.today())
    question = generate_and_lock(qtbot, window)
    assert "4 peserta, jumlah Rp49.560" in question  # 3 x Rp10.920 + Rp16.800
    iuran = window.iuran_page
    assert iuran.banner.text().startswith(f"Iuran {show_period(month)} sudah dikunci")
    assert sorted(roster_column(window, 1)) == sorted(p.name for p in ENROLLED)
    assert iuran.totals.cells["apbdes"][:3] == ["APBDes", "3", "Rp32.760"]
    assert iuran.totals.cells["apbd"][:3] == ["APBD", "1", "Rp16.800"]
    upload = journey.files / "usb" / f"iuran-{month}-apbdes.xlsx"
    upload.parent.mkdir()
    export_upload(qtbot, window, journey.monkeypatch, upload, payer="apbdes")
    assert iuran.message.text().startswith(f"Ekspor tersimpan: {upload} (3 baris")
    assert upload_niks(upload) == sorted([BUDI.nik, DEWI.nik, AGUS.nik])
    record_payment(qtbot, window, payer="apbdes", amount="32.760", reference="SP2D/0042/2026")
    assert iuran.message.text().endswith("dicatat: lunas")
    assert iuran.totals.cells["apbdes"][4] == "lunas"


def sync_and_compare_with_the_dashboard(journey: Journey) -> dict[str, str]:
    """6: Sinkronkan sekarang; the DPMD's pages show what Beranda shows. Returns Beranda's
    coverage rows."""
    qtbot, window = journey.qtbot, journey.on_screen
    sync_now(qtbot, window)
    sync = window.sinkronisasi_page
    assert sync.message.text().startswith("Sinkron selesai: "), sync.message.text()
    assert sync.state_texts()["waiting"] == "0 perubahan"
    assert sync.tabs.tabText(0) == "Konflik (0)" and sync.tabs.tabText(1) == "Karantina (0)"
    assert re.fullmatch(r"Sinkron: .+ · 0 menunggu", window.sync_label.text()), (
        window.sync_label.text()
    )
    beranda = beranda_rows(qtbot, window)
    month = window.beranda_page.month_card
    assert (month.number.text(), month.detail.text()) == (
        "Rp49.560", "4 peserta, dikunci; dibayar Rp32.760")  # fmt: skip
    assert beranda == {label: f"{active} / {FORMASI[code]}   {share}"
                       for code, (label, active, share) in COVERAGE.items()}  # fmt: skip
    with dashboard(journey.kabupaten.url, OPERATOR, PASSWORD) as client:
        overview = client.get("/ringkasan")
        assert overview.status_code == 200
        assert re.search(r'id="jumlah-aktif">4<', overview.text)
        assert cells(overview.text, "pembayar", "apbdes") == [
            "APBDes", "3", "Rp32.760", "Rp32.760", "Rp0"]  # fmt: skip
        villages = client.get("/desa").text
        assert cells(villages, "desa", VILLAGE.code)[:6] == [
            VILLAGE.code, "Sukamaju", "Ngawi", "4", "10", "40%"]  # fmt: skip
        page = client.get(f"/desa/{VILLAGE.code}").text
        for code, (label, active, _share) in COVERAGE.items():
            assert cells(page, "kategori", code)[:3] == [label, active, str(FORMASI[code])]
        # Who is behind depends on the day of the month (BPU pays by the 15th): the same
        # number on both sides, whatever the day.
        owing = window.beranda_page.owing_card.number.text()
        assert f"Menunggak: {owing} ·" in " ".join(re.sub(r"<[^>]+>", " ", page).split())
        checked = check_receipt(client, *journey.receipt)
        assert "Budi Santoso" in checked and journey.receipt[0] in checked
    return beranda


def back_up_and_restore(journey: Journey, beranda: dict[str, str]) -> None:
    """7: a backup; Rina added after it; the restore brings back the month without her."""
    qtbot, window = journey.qtbot, journey.on_screen
    copy = back_up(qtbot, window)
    add_worker(qtbot, window, {
        "nik": RINA.nik, "name": RINA.name, "birth_date": RINA.typed_birth_date, "sex": "P",
        "category": "kader_posyandu",
    })  # fmt: skip
    qtbot.waitUntil(lambda: window.count_label.text() == "6 pekerja, 6 aktif", timeout=30_000)
    restore(qtbot, window, copy)  # in the running window: its pages are made anew
    register = window.register_page
    qtbot.waitUntil(lambda: register.first_page_loaded, timeout=30_000)
    assert RINA.name not in names_listed(window)
    assert sorted(names_listed(window)) == sorted(p.name for p in EVERYONE)
    qtbot.waitUntil(lambda: window.count_label.text() == "5 pekerja, 5 aktif", timeout=30_000)
    assert beranda_rows(qtbot, window) == beranda
    show(qtbot, window, window.iuran_page, loaded=window.iuran_page.loaded)
    assert window.iuran_page.totals.cells["apbdes"][4] == "lunas"
    sync_now(qtbot, window)  # still the same enrolled PC; nothing of Rina ever left it
    sync = window.sinkronisasi_page
    assert sync.village_label.text() == VILLAGE.code
    assert sync.message.text().startswith("Sinkron selesai: "), sync.message.text()
    assert sync.tabs.tabText(0) == "Konflik (0)" and sync.tabs.tabText(1) == "Karantina (0)"
    with dashboard(journey.kabupaten.url, OPERATOR, PASSWORD) as client:
        villages = client.get("/desa").text
        assert cells(villages, "desa", VILLAGE.code)[3] == "4"


# -- reading what the app shows and wrote ------------------------------------------------------
def beranda_rows(qtbot: QtBot, window: MainWindow) -> dict[str, str]:
    """Beranda's coverage bars as shown: category -> "active / formasi   percent"."""
    page = window.beranda_page
    if window.pages.currentWidget() is page:
        with qtbot.waitSignal(page.loaded, timeout=60_000):
            page.refresh()
    else:
        show(qtbot, window, page, loaded=page.loaded)
    return {name: value for name, value, _note in page.bars.rows()}


def upload_niks(path: Path) -> list[str]:
    """The NIK column of the upload workbook, read back with openpyxl (text, all 16 digits)."""
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True)
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    book.close()
    header = list(rows[0])
    niks = [row[header.index("NIK")] for row in rows[1:] if any(row)]
    assert all(isinstance(nik, str) and len(nik) == 16 for nik in niks), niks
    return sorted(str(nik) for nik in niks)


def report_rows(path: Path) -> set[tuple[int, str]]:
    """(row, code) of every problem in the import's error report, read back with openpyxl."""
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True)
    header, *rows = list(book.worksheets[0].iter_rows(values_only=True))
    book.close()
    assert header[:4] == ("Baris", "Kolom", "Tingkat", "Kode"), header
    return {(int(str(row[0])), str(row[3])) for row in rows}


def pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    reader = PdfReader(path)
    return "\n".join(page.extract_text() or "" for page in reader.pages)

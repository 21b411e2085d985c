"""The DPMD dashboard in a real browser (headless Debian chromium through Playwright) against
the real `payung-server serve` on 127.0.0.1 over a seeded database (see conftest.py): what an
operator and an admin do with it, end to end, on SQLite and on PostgreSQL.

The lock-out test runs last in each backend's group: five failures from 127.0.0.1 lock the
address for 15 minutes (it cleans up after itself so a re-run starts clean)."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason=f"{CHROMIUM} is missing: `bash scripts/ensure-system.sh test` installs chromium",
)

CSRF_REFUSED = "Formulir kedaluwarsa atau tidak sah"
WRONG_LOGIN = "Nama pengguna atau kata sandi salah."
LOCKED = "Terlalu banyak percobaan masuk yang gagal"
NIK = re.compile(r"^\d{16}$")


def login(page: Any, site: Any, username: str, password: str | None = None) -> Any:
    password = site.password if password is None else password
    page.goto(f"{site.url}/login")
    page.fill("#username", username)
    page.fill("#password", password)
    with page.expect_navigation():
        page.click("form[action='/login'] button[type=submit]")
    return page


def _path(page: Any, site: Any) -> str:
    return str(page.url).removeprefix(site.url).split("?")[0]


def _text(page: Any) -> str:
    return str(page.inner_text("body"))


def _number(text: str) -> int:
    """'1.234' (Indonesian thousands) -> 1234."""
    return int(text.replace(".", "").replace(" ", ""))


# -- logging in, the overview, a village --------------------------------------------------------
def _expected_coverage(villages: list[Any]) -> dict[str, tuple[int, int]]:
    """category -> (active participants, formasi); a village without formasi for a category
    counts its active workers instead (reports.py). Every seeded month is paid, so every
    participant is active whatever the day."""
    totals: dict[str, tuple[int, int]] = {}
    for v in villages:
        for category in set(v.formasi) | set(v.workers) | set(v.enrolled) | set(v.submitted):
            active, formasi = totals.get(category, (0, 0))
            active += v.enrolled.get(category, 0) + v.submitted.get(category, 0)
            formasi += v.formasi.get(category, v.workers.get(category, 0))
            totals[category] = (active, formasi)
    return totals


def _check_category_rows(page: Any, expected: dict[str, tuple[int, int]], within: str) -> None:
    shown = page.locator(f"{within} tr[data-kategori]")
    assert shown.count() == len(expected), (shown.count(), sorted(expected))
    for category, (active, formasi) in expected.items():
        cells = page.locator(f"{within} tr[data-kategori='{category}'] td").all_inner_texts()
        assert (_number(cells[1]), _number(cells[2])) == (active, formasi), (category, cells)


def test_operator_logs_in_and_the_overview_shows_the_seeded_coverage(page: Any, site: Any) -> None:
    login(page, site, site.operator)
    assert _path(page, site) == "/ringkasan"
    expected = _expected_coverage(site.kab.villages)
    _check_category_rows(page, expected, "#cakupan-kabupaten")
    active = sum(a for a, _f in expected.values())
    formasi = sum(f for _a, f in expected.values())
    assert _number(page.inner_text("#jumlah-aktif")) == active
    assert _has_number(page.locator("#jumlah-aktif").locator("..").inner_text(), formasi)
    # all paid up to next month: nobody in arrears
    assert _number(page.inner_text("#jumlah-tunggakan")) == 0
    assert _number(page.inner_text("#jumlah-terputus")) == 0
    # villages silent for more than 7 days (or never enrolled) are listed, the others not
    silent = page.locator("#belum-sinkron tr[data-desa]").evaluate_all(
        "rows => rows.map(r => r.dataset.desa)"
    )
    expected_silent = {
        v.code for v in site.kab.villages if v.last_seen_days is None or v.last_seen_days > 7
    } | {site.bundle_village}
    assert set(silent) - {site.bundle_village} == expected_silent - {site.bundle_village}


def _has_number(text: str, value: int) -> bool:
    shown = f"{value:,}".replace(",", ".")
    return re.search(rf"(?<![\d.,]){re.escape(shown)}(?![\d]|[.,]\d)", text) is not None


def test_village_page_and_its_participants(page: Any, site: Any) -> None:
    village = site.kab.villages[1]
    login(page, site, site.operator)
    page.goto(f"{site.url}/desa")
    with page.expect_navigation():
        page.click(f"tr[data-desa='{village.code}'] a[href='/desa/{village.code}']")
    assert _path(page, site) == f"/desa/{village.code}"
    assert village.name in page.inner_text("h1")
    _check_category_rows(page, _expected_coverage([village]), "#cakupan")
    # its people, found by a whole NIK (never written back into the page)
    with page.expect_navigation():
        page.click(f"a[href='/desa/{village.code}/peserta']")
    nik, name = village.niks[3], village.names[3]
    page.fill("#cari", nik)
    with page.expect_navigation():
        page.click("form[action$='/peserta'] button[type=submit]")
    assert name in page.inner_text("#hasil")
    assert nik not in page.content()
    # a NIK of another village finds nobody here
    page.fill("#cari", site.kab.villages[0].niks[0])
    with page.expect_navigation():
        page.click("form[action$='/peserta'] button[type=submit]")
    assert "Tidak ada pekerja yang cocok" in page.inner_text("#hasil")


# -- admin: enrollment code; a village PC connects with it --------------------------------------
def test_admin_creates_an_enrollment_code_that_a_village_pc_can_use(
    page: Any, site: Any, tmp_path: Path
) -> None:
    from synctools import open_pc, set_up_village

    village = site.kab.villages[2]
    login(page, site, site.admin)
    page.goto(f"{site.url}/perangkat")
    page.select_option("#village", village.code)
    page.fill("#label", "PC uji peramban")
    with page.expect_navigation():
        page.click("form[action='/perangkat/kode'] button[type=submit]")
    code = page.inner_text("#kode").strip()
    assert re.fullmatch(r"[A-Z0-9-]{8,}", code), code
    svg = page.locator(".qr svg")
    assert svg.count() == 1 and svg.bounding_box()["width"] > 100
    assert village.name in _text(page)

    pc = open_pc(tmp_path / "pc")
    try:
        set_up_village(pc, village.code, name=village.name, kecamatan=village.kecamatan)
        pc.engine.connect(site.url, code, label="PC uji peramban")
        assert pc.engine.status().device_id
    finally:
        pc.close()
    page.goto(f"{site.url}/perangkat")
    assert "PC uji peramban" in _text(page)


def test_operator_is_refused_the_admin_pages(page: Any, site: Any) -> None:
    login(page, site, site.operator)
    answer = page.goto(f"{site.url}/perangkat")
    assert answer is not None and answer.status == 403
    assert "hanya untuk admin" in _text(page)


# -- USB bundle: upload a real village bundle, download the reply -------------------------------
def test_village_bundle_upload_and_reply_download(page: Any, site: Any, tmp_path: Path) -> None:
    from factories import make_worker_draft
    from servertools import enroll_code
    from synctools import open_pc, set_up_village

    from app.sync.bundle_client import export_bundle, import_bundle

    pc = open_pc(tmp_path / "pc")
    try:
        set_up_village(pc, site.bundle_village)
        pc.engine.connect(site.url, enroll_code(site.db, site.bundle_village), label="PC USB")
        worker = pc.ctx.register.add(make_worker_draft())
        waiting = pc.engine.status().ops_waiting
        bundle = tmp_path / "desa.payung"
        export_bundle(pc.engine, bundle)

        login(page, site, site.operator)
        page.goto(f"{site.url}/bundel")
        page.set_input_files("#berkas", str(bundle))
        with page.expect_navigation():
            page.click("form[action='/bundel'] button[type=submit]")
        body = _text(page)
        assert site.bundle_village in body and "sudah diimpor" in body
        with page.expect_download() as caught:
            page.click("a.download")
        reply = tmp_path / caught.value.suggested_filename
        caught.value.save_as(reply)
        assert reply.read_bytes().startswith(b"PAYUNGB1")
        assert reply.suffix == ".payung"

        result = import_bundle(pc.engine, reply)
        assert result.pushed == waiting
        assert pc.engine.status().ops_waiting == 0
        assert _server_has_worker(site, worker.id)
    finally:
        pc.close()


def _server_has_worker(site: Any, worker_id: str) -> bool:
    import uuid

    from sqlalchemy import func, select

    from app.server.tables import ENTITY_TABLES

    worker = ENTITY_TABLES["worker"]
    query = select(func.count()).where(worker.c.id == uuid.UUID(worker_id))
    with site.db.engine.connect() as conn:
        return conn.execute(query).scalar() == 1


# -- consolidated roster ------------------------------------------------------------------------
def test_consolidated_roster_downloads_as_a_workbook_with_every_line(
    page: Any, site: Any, tmp_path: Path
) -> None:
    import openpyxl

    month = site.kab.months[1]
    payer = "apbd"
    expected = site.kab.lines[(month, payer)]
    login(page, site, site.operator)
    page.goto(f"{site.url}/rekap")
    page.fill("#bulan", month)
    page.select_option("#pembayar", payer)
    with page.expect_navigation():
        page.click("form[action='/rekap'] button[type=submit]")
    assert f"bulan={month}" in page.url
    with page.expect_download() as caught:
        page.click("form[action='/rekap/unduh'] button[type=submit]")
    target = tmp_path / caught.value.suggested_filename
    caught.value.save_as(target)
    assert target.suffix == ".xlsx"
    workbook = openpyxl.load_workbook(io.BytesIO(target.read_bytes()), read_only=True)
    sheet = workbook.worksheets[0]
    niks = [
        cell
        for row in sheet.iter_rows(values_only=True)
        for cell in row
        if isinstance(cell, str) and NIK.match(cell)
    ]
    assert sorted(niks) == sorted(nik for _code, nik, _n, _t, _s in expected)
    summary = workbook.worksheets[-1]
    codes = {row[0] for row in summary.iter_rows(values_only=True)}
    assert {v.code for v in site.kab.villages} <= codes


# -- refusals -----------------------------------------------------------------------------------
def test_tampered_csrf_token_is_refused_and_nothing_is_created(page: Any, site: Any) -> None:
    login(page, site, site.admin)
    page.goto(f"{site.url}/perangkat")
    codes_before = site.scalar("SELECT count(*) FROM enrollment_code")
    page.evaluate(
        "document.querySelector(\"form[action='/perangkat/kode'] input[name=csrf_token]\")"
        ".value = 'dipalsukan-' + 'x'.repeat(30)"
    )
    with page.expect_navigation() as refused:
        page.click("form[action='/perangkat/kode'] button[type=submit]")
    assert refused.value.status == 403
    assert CSRF_REFUSED in _text(page)
    assert site.scalar("SELECT count(*) FROM enrollment_code") == codes_before
    # still logged in: the refusal is about the form, not the session
    page.goto(f"{site.url}/ringkasan")
    assert _path(page, site) == "/ringkasan"


def test_tampered_login_form_is_refused(page: Any, site: Any) -> None:
    page.goto(f"{site.url}/login")
    page.fill("#username", site.operator)
    page.fill("#password", site.password)
    page.evaluate("document.querySelector('input[name=csrf_token]').value = 'x'.repeat(43)")
    with page.expect_navigation() as refused:
        page.click("form[action='/login'] button[type=submit]")
    assert refused.value.status == 403
    assert CSRF_REFUSED in page.inner_text("[role=alert]")
    page.goto(f"{site.url}/ringkasan")
    assert _path(page, site) == "/login"  # not logged in


def test_logout_ends_the_session(page: Any, site: Any) -> None:
    login(page, site, site.operator)
    with page.expect_navigation():
        page.click("form[action='/logout'] button[type=submit]")
    assert _path(page, site) == "/login"
    page.goto(f"{site.url}/ringkasan")
    assert _path(page, site) == "/login"


def test_zz_wrong_passwords_get_one_message_then_a_lock_out(page: Any, site: Any) -> None:
    """Runs last (zz): five failures lock the username out for 15 minutes."""
    try:
        login(page, site, "tidak-ada", "salah-sekali-123")
        unknown = page.inner_text("[role=alert]")
        login(page, site, site.operator, "salah-sekali-123")
        wrong = page.inner_text("[role=alert]")
        assert unknown == wrong == WRONG_LOGIN  # no hint which half was wrong
        assert _path(page, site) == "/login"
        for _ in range(4):
            login(page, site, site.operator, "salah-lagi-12345")
            assert page.inner_text("[role=alert]") == WRONG_LOGIN
        login(page, site, site.operator)  # the right password, after five failures
        assert LOCKED in page.inner_text("[role=alert]")
        assert _path(page, site) == "/login"
        page.goto(f"{site.url}/ringkasan")
        assert _path(page, site) == "/login"
    finally:
        with site.db.engine.begin() as conn:
            from sqlalchemy import text

            conn.execute(text("DELETE FROM rate_limit WHERE key LIKE 'login-%'"))

"""`/desa`, `/desa/{code}` (with conflict resolution and quarantine dismissal) and the
read-only register search `/desa/{code}/peserta`."""

from __future__ import annotations

import re
import uuid
from datetime import datetime

import pytest
from fastapi.testclient import TestClient
from merge_tools import Ops, add_device, add_village, push, row_of, server_edit, worker_fields
from reporttools import Scale, bulk_seed, hand_made
from sqlalchemy import select
from webtools import Clock, csrf_of

from app.models import new_id
from app.server import tables as t
from app.server.db import ServerDatabase
from app.server.pull import read_pull

NOW = datetime(2026, 11, 21, 10, 0)
CODE = "35.21.01.2001"


@pytest.fixture
def clock() -> Clock:
    return Clock(NOW)


def _row(html: str, attribute: str, value: str) -> list[str]:
    start = html.index(f'data-{attribute}="{value}"')
    row = html[start : html.index("</tr>", start)]
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row, flags=re.S)
    return [" ".join(re.sub(r"<[^>]+>", " ", c).split()) for c in cells]


# ---------------------------------------------------------------- list and village page


def test_village_list_filters_by_kecamatan(
    operator_client: TestClient, server_db: ServerDatabase
) -> None:
    hand_made(server_db)
    html = operator_client.get("/desa").text
    assert _row(html, "desa", CODE)[:6] == [
        CODE, "Sukamaju", "Bringin", "4", "9", "44%",
    ]  # fmt: skip
    assert "20 November 2026 08.15" in _row(html, "desa", CODE)[6]
    assert _row(html, "desa", "35.21.02.2001")[6] == "belum pernah"
    paron = operator_client.get("/desa", params={"kecamatan": "Paron"}).text
    assert 'data-desa="35.21.02.2001"' in paron
    assert f'data-desa="{CODE}"' not in paron


def test_village_page_shows_coverage_rosters_and_devices(
    operator_client: TestClient, server_db: ServerDatabase
) -> None:
    hand_made(server_db)
    html = operator_client.get(f"/desa/{CODE}").text
    assert "Desa Sukamaju" in html
    assert _row(html, "kategori", "ketua_rt")[:4] == ["Ketua RT", "1", "3", "33%"]
    assert "Menunggak: 2 · hampir terputus: 1 · terputus: 1" in html
    # November: C's locked line and D's paid one (APBD); A's locked line (APBDes).
    november = html.index('data-bulan="2026-11" data-pembayar="apbd"')
    assert _row(html[november - 20 :], "bulan", "2026-11") == [
        "November 2026", "APBD", "2", "0", "1", "1", "0", "Rp33.600", "Rp16.800",
    ]  # fmt: skip
    assert "Oktober 2026" in html and "Desember 2025" in html and "November 2025" not in html
    assert "PC kantor desa" in html and "20 November 2026 08.15" in html


def test_unknown_village_is_a_404_page(operator_client: TestClient) -> None:
    answer = operator_client.get("/desa/35.21.09.2999")
    assert answer.status_code == 404
    assert "belum terdaftar" in answer.text


# ---------------------------------------------------------------- conflicts and quarantine


def _conflict(db: ServerDatabase) -> tuple[uuid.UUID, uuid.UUID, uuid.UUID]:
    """A worker whose phone was changed on the server (0813) and on the village PC (0812,
    kept: the later arrival)."""
    vid = add_village(db, CODE)
    device = add_device(db, vid)
    ops = Ops()
    wid = new_id()
    version = push(db, device, [ops.insert("worker", wid, worker_fields(vid, phone="0811"))])
    base = version.results[0].version
    server_edit(db, vid, "worker", wid, phone="0813")
    op = ops.update("worker", wid, {"phone": "0812"}, {"phone": "0811"}, base)
    conflict_id = push(db, device, [op]).results[0].conflict_id
    assert conflict_id is not None
    return vid, wid, conflict_id


def test_conflict_is_shown_side_by_side(
    operator_client: TestClient, server_db: ServerDatabase
) -> None:
    _conflict(server_db)
    html = operator_client.get(f"/desa/{CODE}").text
    assert "Pekerja: nomor telepon diubah di dua tempat" in html
    assert 'value="local" checked> 0812' in html  # a phone takes the later arrival
    assert 'value="server"> 0813' in html


def test_resolving_a_conflict_writes_through_the_change_log(
    operator_client: TestClient, server_db: ServerDatabase
) -> None:
    vid, wid, conflict_id = _conflict(server_db)
    with server_db.read_sessions() as session:
        cursor = read_pull(session, vid, 0, 10_000).server_seq
    page = operator_client.get(f"/desa/{CODE}").text
    answer = operator_client.post(
        f"/desa/{CODE}/konflik/{conflict_id}",
        data={"csrf_token": csrf_of(page), "pilih_phone": "server"},
    )
    assert (answer.status_code, answer.headers["location"]) == (303, f"/desa/{CODE}?pesan=konflik")
    assert row_of(server_db, "worker", wid).phone == "0813"
    with server_db.read_sessions() as session:
        pulled = read_pull(session, vid, cursor, 100)
        conflict = session.execute(
            select(t.sync_conflict).where(t.sync_conflict.c.id == conflict_id)
        ).one()
    assert [(r.entity, r.id) for r in pulled.rows] == [("worker", wid)]
    assert pulled.rows[0].values["phone"] == "0813"
    assert (conflict.status, conflict.resolved_by) == ("resolved", "operator:operator1")
    after = operator_client.get(f"/desa/{CODE}?pesan=konflik").text
    assert "Konflik diselesaikan" in after and "Tidak ada konflik terbuka" in after


def test_resolving_without_the_csrf_token_is_refused(
    operator_client: TestClient, server_db: ServerDatabase
) -> None:
    _vid, wid, conflict_id = _conflict(server_db)
    answer = operator_client.post(
        f"/desa/{CODE}/konflik/{conflict_id}", data={"pilih_phone": "local"}
    )
    assert answer.status_code == 403
    assert row_of(server_db, "worker", wid).phone == "0812"


def test_a_choice_for_a_field_that_did_not_conflict_is_refused(
    operator_client: TestClient, server_db: ServerDatabase
) -> None:
    _vid, wid, conflict_id = _conflict(server_db)
    page = operator_client.get(f"/desa/{CODE}").text
    answer = operator_client.post(
        f"/desa/{CODE}/konflik/{conflict_id}",
        data={"csrf_token": csrf_of(page), "pilih_full_name": "local"},
    )
    assert answer.status_code == 400
    assert "tidak sesuai dengan konflik ini" in answer.text
    assert row_of(server_db, "worker", wid).phone == "0812"


def test_dismissing_a_quarantined_op_is_audited(
    operator_client: TestClient, server_db: ServerDatabase
) -> None:
    vid = add_village(server_db, CODE)
    device = add_device(server_db, vid)
    bad = worker_fields(vid, birth_date="1990-02-30")
    push(server_db, device, [Ops().insert("worker", new_id(), bad)])
    page = operator_client.get(f"/desa/{CODE}").text
    assert "Tanggal lahir: nilai &#39;1990-02-30&#39; tidak sesuai jenis kolom" in page
    q = t.quarantine
    with server_db.read_sessions() as session:
        qid = session.scalar(select(q.c.id))
    answer = operator_client.post(
        f"/desa/{CODE}/karantina/{qid}/abaikan", data={"csrf_token": csrf_of(page)}
    )
    assert (answer.status_code, answer.headers["location"]) == (
        303, f"/desa/{CODE}?pesan=karantina",
    )  # fmt: skip
    with server_db.read_sessions() as session:
        assert session.scalar(select(q.c.status).where(q.c.id == qid)) == "dismissed"
        audit = session.execute(
            select(t.server_audit).where(t.server_audit.c.action == "dismiss")
        ).one()
    assert (audit.actor, audit.entity, audit.row_id) == (
        "operator:operator1",
        "quarantine",
        str(qid),
    )
    again = operator_client.post(
        f"/desa/{CODE}/karantina/{qid}/abaikan", data={"csrf_token": csrf_of(page)}
    )
    assert again.status_code == 400


# ---------------------------------------------------------------- register search


def _nik_of(db: ServerDatabase, name: str) -> str:
    w = t.ENTITY_TABLES["worker"]
    with db.read_sessions() as session:
        return str(session.scalar(select(w.c.nik).where(w.c.full_name == name)))


def test_search_form_posts_its_text(operator_client: TestClient, server_db: ServerDatabase) -> None:
    hand_made(server_db)
    html = operator_client.get(f"/desa/{CODE}/peserta").text
    assert f'<form method="post" action="/desa/{CODE}/peserta"' in html
    assert 'id="hasil"' not in html


def test_search_by_nik_shows_it_masked_and_never_in_full(
    operator_client: TestClient, server_db: ServerDatabase, caplog: pytest.LogCaptureFixture
) -> None:
    hand_made(server_db)
    nik = _nik_of(server_db, "Warga 3")
    page = operator_client.get(f"/desa/{CODE}/peserta").text
    answer = operator_client.post(
        f"/desa/{CODE}/peserta", data={"csrf_token": csrf_of(page), "cari": nik}
    )
    assert answer.status_code == 200
    assert nik not in answer.text
    assert f"{nik[:4]}********{nik[-4:]}" in answer.text
    assert "Warga 3" in answer.text and "Terputus" in answer.text and "Ketua RT" in answer.text
    assert nik not in str(answer.request.url)
    logged = " ".join(str(vars(record)) for record in caplog.records)
    assert "/peserta" in logged and nik not in logged and "Warga 3" not in logged


def test_search_by_name_pages_fifty_at_a_time(
    operator_client: TestClient, server_db: ServerDatabase
) -> None:
    bulk_seed(server_db, Scale(villages=1, workers=120, seed=2))
    page = operator_client.get(f"/desa/{CODE}/peserta").text
    first = operator_client.post(
        f"/desa/{CODE}/peserta", data={"csrf_token": csrf_of(page), "cari": "warga"}
    ).text
    assert "1-50 dari 120 pekerja" in first and "Halaman 1 dari 3" in first
    assert first.count("<tr>") == 51  # header + 50
    third = operator_client.post(
        f"/desa/{CODE}/peserta",
        data={"csrf_token": csrf_of(page), "cari": "warga", "halaman": "3"},
    ).text
    assert "101-120 dari 120 pekerja" in third


def test_search_without_the_csrf_token_is_refused(
    operator_client: TestClient, server_db: ServerDatabase
) -> None:
    hand_made(server_db)
    answer = operator_client.post(f"/desa/{CODE}/peserta", data={"cari": "warga"})
    assert answer.status_code == 403


def test_admin_may_use_the_village_pages(
    admin_client: TestClient, server_db: ServerDatabase
) -> None:
    hand_made(server_db)
    assert admin_client.get(f"/desa/{CODE}").status_code == 200
    assert admin_client.get("/desa").status_code == 200

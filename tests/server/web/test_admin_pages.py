"""Admin and operator pages of the foundation: devices and codes, operators, villages, USB
bundles and the receipt check."""

from __future__ import annotations

import re
import uuid
from datetime import UTC, date, datetime
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from servertools import API, VILLAGE_CODE, auth, enroll_code, make_village
from sqlalchemy import select
from webtools import ADMIN, OPERATOR, csrf_of, qr_text_of_svg

from app.domain.categories import Category, Sex
from app.domain.enrollment import EnrollmentStatus
from app.domain.rates import Payer, Segment
from app.domain.receipt import verification_code
from app.models import Enrollment, Receipt, Village, Worker, utcnow
from app.server.db import ServerDatabase
from app.server.devices import redeem_code
from app.server.tables import device, server_audit
from app.sync.bundle_format import ReplyBundle, VillageBundle, open_bundle, write_bundle
from app.sync.protocol import Hello, Op

NIK = "3521014505800001"
NUMBER = "3521012001-A7F3-000123"
ISSUED = date(2026, 11, 21)


def _post(client: TestClient, path: str, data: dict[str, str], page: str) -> httpx.Response:
    token = csrf_of(client.get(page).text)
    answer: httpx.Response = client.post(path, data=data | {"csrf_token": token})
    return answer


def _enroll(db: ServerDatabase, code: str = VILLAGE_CODE) -> tuple[str, str, str]:
    """(device id, token, bundle key) of a freshly connected device."""
    shown = enroll_code(db, code, "PC desa")
    with db.sessions.begin() as session:
        reply = redeem_code(session, shown, "PC desa", "1.0", "127.0.0.1", utcnow())
    return reply.device_id, reply.token, reply.bundle_key


def _audit(db: ServerDatabase, action: str) -> list[str]:
    with db.read_sessions() as session:
        return list(
            session.scalars(select(server_audit.c.actor).where(server_audit.c.action == action))
        )


# ---------------------------------------------------------------- devices and codes


def test_devices_page_lists_devices_of_every_village(
    admin_client: TestClient, server_db: ServerDatabase
) -> None:
    make_village(server_db)
    make_village(server_db, code="35.21.01.2002", name="Sukamulya")
    first, _, _ = _enroll(server_db)
    second, _, _ = _enroll(server_db, "35.21.01.2002")
    answer = admin_client.get("/perangkat")
    assert answer.status_code == 200
    assert first in answer.text and second in answer.text
    assert "Sukamulya" in answer.text and "aktif" in answer.text


def test_code_page_shows_the_code_as_text_and_as_a_qr_code(
    admin_client: TestClient, server_db: ServerDatabase, tmp_path: Path
) -> None:
    make_village(server_db)
    answer = _post(
        admin_client, "/perangkat/kode", {"village": VILLAGE_CODE, "label": "PC"}, "/perangkat"
    )
    assert answer.status_code == 200
    code = re.search(r'id="kode">([A-Z0-9-]+)<', answer.text)
    assert code is not None
    shown = code[1]
    assert re.fullmatch(r"[A-Z2-9]{5}-[A-Z2-9]{5}", shown)
    assert "Berlaku sekali pakai sampai" in answer.text
    svg = re.search(r"<svg.*?</svg>", answer.text, re.S)
    assert svg is not None and 'class="segno"' in svg[0]
    decoded = qr_text_of_svg(svg[0], tmp_path)
    if decoded is None:
        pytest.skip("zbarimg not installed")
    assert decoded == shown
    with server_db.sessions.begin() as session:  # the shown code really enrolls a PC
        redeem_code(session, shown, "PC", "1.0", "127.0.0.1", utcnow())
    assert _audit(server_db, "code_create") == [f"operator:{ADMIN}"]


def test_code_for_an_unknown_village_is_refused(admin_client: TestClient) -> None:
    answer = _post(admin_client, "/perangkat/kode", {"village": "99.99.99.9999"}, "/perangkat")
    assert answer.status_code == 400
    assert "Pilih desa yang sudah terdaftar" in answer.text


def test_revoked_device_is_refused_by_the_sync_api(
    admin_client: TestClient, server_db: ServerDatabase, web_app: FastAPI
) -> None:
    make_village(server_db)
    device_id, token, _ = _enroll(server_db)
    answer = _post(admin_client, "/perangkat/cabut", {"device_id": device_id}, "/perangkat")
    assert answer.status_code == 303
    listing = admin_client.get(answer.headers["location"])
    assert f"Perangkat {device_id} sudah dicabut" in listing.text
    with server_db.read_sessions() as session:
        assert session.scalar(select(device.c.revoked_at).where(device.c.id == device_id))
    with TestClient(web_app) as api:
        hello = api.post(f"{API}/sync/hello", headers=auth(token), json=_hello_body(device_id))
        push = api.post(f"{API}/sync/push", headers=auth(token), json={"ops": []})
    assert hello.status_code == 200 and hello.json()["action"] == "revoked"
    assert push.status_code == 401 and "dicabut" in push.json()["detail"]
    assert _audit(server_db, "device_revoke") == [f"operator:{ADMIN}"]


def _hello_body(device_id: str) -> dict[str, object]:
    hello = Hello(
        device_id=device_id,
        db_instance_id=uuid.uuid4(),
        protocol_version=2,
        schema_version="0004",
        app_version="1.0",
        max_device_seq=0,
        last_pulled_seq=0,
        client_time=datetime.now(UTC),
    )
    body: dict[str, object] = hello.model_dump(mode="json")
    return body


def test_revoking_an_unknown_device_says_so(admin_client: TestClient) -> None:
    answer = _post(
        admin_client, "/perangkat/cabut", {"device_id": "dev-ffffffffffff"}, "/perangkat"
    )
    assert answer.status_code == 404


# ---------------------------------------------------------------- operators and villages


def test_operators_page_lists_operators_without_hashes(
    admin_client: TestClient, operator_client: TestClient
) -> None:
    answer = admin_client.get("/operator")
    assert answer.status_code == 200
    assert ADMIN in answer.text and OPERATOR in answer.text
    assert "argon2" not in answer.text


def test_admin_adds_a_village(admin_client: TestClient, server_db: ServerDatabase) -> None:
    fields = {
        "code": "35.21.01.2003",
        "name": "Sidomulyo",
        "kecamatan": "Ngawi",
        "kabupaten": "Ngawi",
        "province": "Jawa Timur",
    }
    answer = _post(admin_client, "/desa-admin", fields, "/desa-admin")
    assert answer.status_code == 303
    listing = admin_client.get(answer.headers["location"])
    assert "Desa 35.21.01.2003 sudah terdaftar" in listing.text and "Sidomulyo" in listing.text
    again = _post(admin_client, "/desa-admin", fields, "/desa-admin")
    assert again.status_code == 400 and "sudah terdaftar" in again.text
    with server_db.read_sessions() as session:
        assert session.scalar(select(Village.name).where(Village.code == "35.21.01.2003"))


# ---------------------------------------------------------------- USB bundles


def _village_bundle(path: Path, db: ServerDatabase) -> tuple[str, str, uuid.UUID]:
    """A real village bundle (one new worker) of a connected device: (device id, key, row)."""
    vid = make_village(db)
    device_id, _token, key = _enroll(db)
    row = uuid.uuid4()
    op = Op(
        device_seq=1,
        op_id=uuid.uuid4(),
        entity="worker",
        row_id=row,
        op="insert",
        fields={
            "village_id": str(vid), "nik": NIK, "no_kk": None, "kpj": None,
            "full_name": "Siti Aminah", "search_name": "siti aminah", "birth_place": None,
            "birth_date": "1980-05-05", "sex": "P", "mother_name": None, "marital_status": None,
            "address": None, "dusun": None, "rt": None, "rw": None, "phone": None,
            "category": "kader_posyandu", "position": None, "status": "active",
            "end_date": None, "end_reason": None, "deleted": False,
        },
    )  # fmt: skip
    hello = Hello(
        device_id=device_id,
        db_instance_id=uuid.uuid4(),
        protocol_version=2,
        schema_version="0004",
        app_version="1.0",
        max_device_seq=1,
        last_pulled_seq=0,
        client_time=datetime.now(UTC),
    )
    write_bundle(
        path,
        kind="village",
        device_id=device_id,
        village_code=VILLAGE_CODE,
        key=key,
        payload=VillageBundle(hello=hello, ops=[op]),
    )
    return device_id, key, row


def test_bundle_upload_applies_and_the_reply_downloads(
    operator_client: TestClient, server_db: ServerDatabase, tmp_path: Path, server_data_dir: Path
) -> None:
    bundle = tmp_path / "desa.payung"
    device_id, key, row = _village_bundle(bundle, server_db)
    token = csrf_of(operator_client.get("/bundel").text)
    with bundle.open("rb") as fh:
        answer = operator_client.post(
            "/bundel",
            data={"csrf_token": token},
            files={"berkas": ("desa.payung", fh, "application/octet-stream")},
        )
    assert answer.status_code == 200, answer.text
    assert "sudah diimpor" in answer.text
    with server_db.read_sessions() as session:
        assert session.get(Worker, row) is not None
    link = re.search(r'href="(/bundel/balasan/[^"]+)"', answer.text)
    assert link is not None
    download = operator_client.get(link[1].replace("&amp;", "&"))
    assert download.status_code == 200
    assert "attachment" in download.headers["content-disposition"]
    reply_file = tmp_path / "balasan.payung"
    reply_file.write_bytes(download.content)
    _, reply = open_bundle(reply_file, key, expect_kind="reply")
    assert isinstance(reply, ReplyBundle)
    assert [r.result for r in reply.results] == ["applied"]
    assert list((server_data_dir / "bundles" / "incoming").iterdir()) == []
    assert _audit(server_db, "bundle_import")[-1] == f"operator:{OPERATOR}"
    assert device_id in answer.text


def test_reply_download_needs_a_login_and_an_existing_id(
    operator_client: TestClient, anon: TestClient
) -> None:
    assert anon.get("/bundel/balasan/" + "a" * 32).status_code == 303
    assert operator_client.get("/bundel/balasan/" + "a" * 32).status_code == 404
    assert operator_client.get("/bundel/balasan/..%2Fserver.sqlite3").status_code == 404


def test_a_file_that_is_no_bundle_is_refused_in_indonesian(operator_client: TestClient) -> None:
    token = csrf_of(operator_client.get("/bundel").text)
    answer = operator_client.post(
        "/bundel",
        data={"csrf_token": token},
        files={"berkas": ("foto.jpg", b"\xff\xd8\xff not a bundle", "image/jpeg")},
    )
    assert answer.status_code == 400
    assert "message error" in answer.text


# ---------------------------------------------------------------- receipt check


def _receipt(db: ServerDatabase) -> str:
    """A synced receipt of Siti Aminah; returns its verification code."""
    vid = make_village(db)
    code = verification_code(NUMBER, NIK, ISSUED)
    worker, enrollment = uuid.uuid4(), uuid.uuid4()
    with db.sessions.begin() as session:
        session.add(
            Worker(
                id=worker, village_id=vid, version=2, nik=NIK, full_name="Siti Aminah",
                search_name="siti aminah", birth_date=date(1980, 5, 5), sex=Sex.P,
                category=Category.KADER_POSYANDU,
            )
        )  # fmt: skip
        session.flush()
        session.add(
            Enrollment(
                id=enrollment, village_id=vid, version=3, worker_id=worker, segment=Segment.BPU,
                programmes="JKK,JKM", wage=1_000_000, payer=Payer.APBDES, start_date=ISSUED,
                status=EnrollmentStatus.SUBMITTED, receipt_no=NUMBER,
            )
        )  # fmt: skip
        session.flush()
        session.add(
            Receipt(
                village_id=vid, version=4, number=NUMBER, enrollment_id=enrollment,
                worker_id=worker, issued_on=ISSUED, verification_code=code,
            )
        )  # fmt: skip
    return code


def _check(client: TestClient, number: str, code: str) -> httpx.Response:
    return _post(client, "/cek-tanda-terima", {"nomor": number, "kode": code}, "/cek-tanda-terima")


def test_valid_receipt_shows_name_masked_nik_village_and_date(
    operator_client: TestClient, server_db: ServerDatabase
) -> None:
    code = _receipt(server_db)
    answer = _check(operator_client, NUMBER, code.lower())
    assert answer.status_code == 200
    assert "Tanda terima ini sah" in answer.text
    assert "Siti Aminah" in answer.text and "3521********0001" in answer.text
    assert NIK not in answer.text
    assert "Sukamaju" in answer.text and "21 November 2026" in answer.text
    assert answer.headers["cache-control"] == "no-store"


def test_scanned_qr_text_in_the_number_field_is_understood(
    operator_client: TestClient, server_db: ServerDatabase
) -> None:
    code = _receipt(server_db)
    answer = _check(operator_client, f"{NUMBER} {code}", "")
    assert "Tanda terima ini sah" in answer.text


def test_wrong_code_does_not_reveal_the_person(
    operator_client: TestClient, server_db: ServerDatabase
) -> None:
    _receipt(server_db)
    answer = _check(operator_client, NUMBER, "22222222")
    assert answer.status_code == 200
    assert "Kode verifikasi tidak cocok" in answer.text
    for secret in ("Siti", "3521********0001", NIK, "Sukamaju"):
        assert secret not in answer.text


def test_unknown_receipt_number_says_it_is_not_on_the_server(
    operator_client: TestClient, server_db: ServerDatabase
) -> None:
    _receipt(server_db)
    answer = _check(operator_client, "3521012001-A7F3-000999", "22222222")
    assert "tidak ada di server" in answer.text


def test_incomplete_receipt_form_explains_what_to_type(operator_client: TestClient) -> None:
    answer = _check(operator_client, "", "")
    assert answer.status_code == 400 and "kode verifikasi 8 karakter" in answer.text

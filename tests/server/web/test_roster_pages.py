"""Dashboard pages: /rekap (states and download) and /rekonsiliasi (upload, result, apply)."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
from fastapi.testclient import TestClient
from rostertools import add_village, birth_of, person
from sqlalchemy import func, select
from webtools import csrf_of

from app.models import Worker
from app.server import tables as t
from app.server.db import ServerDatabase

KPJ = "12345678901"


def _villages(db: ServerDatabase) -> list[str]:
    with db.sessions.begin() as s:
        a = add_village(s, "35.21.01.2001", "Sukamaju", "Ngawi")
        b = add_village(s, "35.21.01.2002", "Karanganyar", "Paron")
        one = person(s, a, 1, name="Budi Santoso")
        two = person(s, b, 2, name="Sri", contribution={"status": "draft"})
    return [one.nik, two.nik]


def test_roster_page_needs_a_login(anon: TestClient) -> None:
    assert anon.get("/rekap").headers["location"] == "/login"
    assert anon.get("/rekap/unduh?bulan=2026-11&pembayar=apbd").status_code == 303


def test_roster_page_lists_locked_and_missing_villages(
    operator_client: TestClient, server_db: ServerDatabase
) -> None:
    _villages(server_db)
    answer = operator_client.get("/rekap?bulan=2026-11&pembayar=apbd")
    assert answer.status_code == 200
    html = answer.text
    assert "1</strong> desa terkunci" in html and "1</strong> desa belum" in html
    assert "Sukamaju" in html and "terkunci" in html
    assert "Karanganyar" in html and "belum dikunci (masih draf)" in html
    assert 'action="/rekap/unduh"' in html
    bad = operator_client.get("/rekap?bulan=2026-13&pembayar=apbd")
    assert bad.status_code == 400 and "bulan 13 tidak ada" in bad.text


def test_roster_download_streams_the_workbook(
    operator_client: TestClient, server_db: ServerDatabase, server_data_dir: Path
) -> None:
    niks = _villages(server_db)
    answer = operator_client.get("/rekap/unduh?bulan=2026-11&pembayar=apbd")
    assert answer.status_code == 200
    assert "rekap-iuran-2026-11-apbd.xlsx" in answer.headers["content-disposition"]
    book = openpyxl.load_workbook(io.BytesIO(answer.content))
    assert book.sheetnames == ["Iuran", "Ringkasan Desa"]
    assert [r[1] for r in book["Iuran"].iter_rows(min_row=2, values_only=True)] == [niks[0]]
    assert list((server_data_dir / "tmp").iterdir()) == []  # the temporary file is gone
    none = operator_client.get("/rekap/unduh?bulan=2026-12&pembayar=apbd")
    assert none.status_code == 409 and "belum ada desa yang mengunci" in none.text


def _bpjs_file(niks: list[str]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["NIK", "Nama", "Tgl Lahir", "No KPJ", "Status"])
    sheet.append([niks[0], "Budi Santoso", birth_of(1), KPJ, "Aktif"])
    sheet.append(["3521014505900001", "Orang Luar", None, None, "Aktif"])
    data = io.BytesIO()
    book.save(data)
    return data.getvalue()


def _upload(client: TestClient, content: bytes, name: str = "bpjs.xlsx") -> object:
    form = client.get("/rekonsiliasi")
    assert form.status_code == 200
    return client.post(
        "/rekonsiliasi",
        data={"csrf_token": csrf_of(form.text)},
        files={"berkas": (name, content, "application/octet-stream")},
    )


def test_reconcile_upload_result_and_apply(
    operator_client: TestClient, server_db: ServerDatabase, server_data_dir: Path
) -> None:
    niks = _villages(server_db)
    answer = _upload(operator_client, _bpjs_file(niks))
    assert answer.status_code == 303  # type: ignore[attr-defined]
    location = answer.headers["location"]  # type: ignore[attr-defined]
    analysis_id = location.rsplit("/", 1)[1]
    assert len(analysis_id) == 32 and niks[0] not in location
    result = operator_client.get(location)
    assert result.status_code == 200
    assert "2 peserta, 1 cocok" in result.text
    assert "Terapkan pengisian KPJ (1)" in result.text
    report = operator_client.get(f"{location}/laporan")
    assert report.status_code == 200
    assert "Hanya di BPJS" in openpyxl.load_workbook(io.BytesIO(report.content)).sheetnames
    # No CSRF token: refused, nothing written.
    refused = operator_client.post(f"{location}/terapkan", data={})
    assert refused.status_code == 403
    with server_db.read_sessions() as s:
        assert s.scalar(select(func.count()).select_from(t.change_log)) == 0
    applied = operator_client.post(
        f"{location}/terapkan", data={"csrf_token": csrf_of(result.text)}
    )
    assert applied.status_code == 303
    with server_db.read_sessions() as s:
        assert s.scalar(select(Worker.kpj).where(Worker.nik == niks[0])) == KPJ
        assert s.scalar(select(func.count()).select_from(t.change_log)) == 2
        actions = s.scalars(select(t.server_audit.c.action)).all()
    assert "reconcile_apply" in actions
    after = operator_client.get(location)
    assert "KPJ sudah diisi: 1 pekerja dan 1 kepesertaan" in after.text
    assert "Terapkan pengisian KPJ" not in after.text
    stored = server_data_dir / "rekonsiliasi" / analysis_id
    assert sorted(p.name for p in stored.iterdir()) == ["analisis.json", "laporan.xlsx"]


def test_reconcile_refuses_bad_files_and_unknown_ids(
    operator_client: TestClient, server_db: ServerDatabase, server_data_dir: Path
) -> None:
    _villages(server_db)
    wrong = _upload(operator_client, b"hello", "daftar.pdf")
    assert wrong.status_code == 400  # type: ignore[attr-defined]
    assert ".xlsx, .xls, .ods atau .csv" in wrong.text  # type: ignore[attr-defined]
    bad = _upload(operator_client, b"NIK;Nama;KPJ\n3521;Budi;\n", "bpjs.csv")
    assert bad.status_code == 400  # type: ignore[attr-defined]
    assert "baris 2, kolom A (&#39;NIK&#39;)" in bad.text  # type: ignore[attr-defined]
    assert list((server_data_dir / "rekonsiliasi").iterdir()) == []
    assert operator_client.get("/rekonsiliasi/" + "0" * 32).status_code == 404
    assert operator_client.get("/rekonsiliasi/../etc").status_code == 404

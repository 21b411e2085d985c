"""`/ringkasan`: the kabupaten overview with the figures of reporttools.hand_made."""

from __future__ import annotations

import re
from datetime import datetime

import pytest
from fastapi.testclient import TestClient
from reporttools import hand_made
from webtools import Clock

from app.server.db import ServerDatabase

NOW = datetime(2026, 11, 21, 10, 0)


@pytest.fixture
def clock() -> Clock:
    return Clock(NOW)


def _section(html: str, section_id: str) -> str:
    start = html.index(f'id="{section_id}"')
    end = html.find("</section>", start)
    return html[start:end]


def _row(html: str, attribute: str, value: str) -> list[str]:
    """The cell texts of the table row carrying data-<attribute>="<value>"."""
    start = html.index(f'data-{attribute}="{value}"')
    row = html[start : html.index("</tr>", start)]
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row, flags=re.S)
    return [re.sub(r"<[^>]+>", " ", c).split("*")[0].strip() for c in cells]


def test_anonymous_visitor_is_sent_to_login(anon: TestClient) -> None:
    answer = anon.get("/ringkasan")
    assert (answer.status_code, answer.headers["location"]) == (303, "/login")


def test_overview_shows_kabupaten_coverage_per_category_with_bars(
    operator_client: TestClient, server_db: ServerDatabase
) -> None:
    hand_made(server_db)
    html = operator_client.get("/ringkasan").text
    assert 'id="jumlah-aktif">5<' in html  # A, B, D, E and the BPD member
    assert "dari 18 formasi (28%)" in html
    table = _section(html, "cakupan-kabupaten")
    assert _row(table, "kategori", "perangkat_desa")[:4] == ["Perangkat Desa", "2", "4", "50%"]
    assert _row(table, "kategori", "bpd")[:4] == ["Anggota BPD", "1", "9", "11%"]
    assert _row(table, "kategori", "ketua_rt")[:4] == ["Ketua RT", "1", "3", "33%"]
    assert _row(table, "kategori", "petani")[:4] == ["Petani", "1", "2", "50%"]
    assert '<span style="width: 50%"></span>' in table
    assert "Formasi belum diisi di sebagian desa" in table


def test_overview_lists_kecamatan_with_links_to_their_villages(
    operator_client: TestClient, server_db: ServerDatabase
) -> None:
    hand_made(server_db)
    html = _section(operator_client.get("/ringkasan").text, "cakupan-kecamatan")
    assert "<td>Bringin</td>" in html and "<td>Paron</td>" in html
    assert 'href="/desa?kecamatan=Paron"' in html


def test_overview_counts_arrears_per_village_sortable(
    operator_client: TestClient, server_db: ServerDatabase
) -> None:
    hand_made(server_db)
    html = operator_client.get("/ringkasan").text
    assert 'id="jumlah-tunggakan">2<' in html
    assert 'id="jumlah-peringatan">1<' in html
    assert 'id="jumlah-terputus">1<' in html
    table = _section(html, "tunggakan")
    assert _row(table, "desa", "35.21.01.2001")[2:] == ["6", "2", "1", "1"]
    assert 'href="/desa/35.21.01.2001"' in table
    by_code = operator_client.get("/ringkasan", params={"urut": "desa"})
    assert by_code.status_code == 200
    assert operator_client.get("/ringkasan", params={"urut": "acak"}).status_code == 400


def test_villages_not_synced_for_more_than_n_days(
    operator_client: TestClient, server_db: ServerDatabase
) -> None:
    hand_made(server_db)
    week = _section(operator_client.get("/ringkasan").text, "belum-sinkron")
    assert "lebih dari 7 hari" in week
    assert 'data-desa="35.21.02.2001"' in week and "belum pernah" in week
    assert 'data-desa="35.21.01.2002"' in week and "1 November 2026 09.00" in week
    assert 'data-desa="35.21.01.2001"' not in week
    month = _section(operator_client.get("/ringkasan?hari=30").text, "belum-sinkron")
    assert 'data-desa="35.21.01.2002"' not in month
    assert 'data-desa="35.21.02.2001"' in month
    assert operator_client.get("/ringkasan?hari=0").status_code == 400


def test_this_months_totals_per_payer_in_rupiah(
    operator_client: TestClient, server_db: ServerDatabase
) -> None:
    hand_made(server_db)
    html = _section(operator_client.get("/ringkasan").text, "iuran-bulan-ini")
    assert "Iuran November 2026 per pembayar" in html
    assert _row(html, "pembayar", "apbd") == ["APBD", "3", "Rp50.400", "Rp33.600", "Rp16.800"]
    assert _row(html, "pembayar", "apbdes") == ["APBDes", "1", "Rp10.920", "Rp0", "Rp10.920"]


def test_admin_sees_the_overview_too(admin_client: TestClient, server_db: ServerDatabase) -> None:
    hand_made(server_db)
    answer = admin_client.get("/ringkasan")
    assert answer.status_code == 200
    assert 'id="jumlah-aktif">5<' in answer.text


def test_empty_kabupaten_says_what_to_do(operator_client: TestClient) -> None:
    html = operator_client.get("/ringkasan").text
    assert "Belum ada data kepesertaan" in html
    assert "Belum ada desa terdaftar" in html

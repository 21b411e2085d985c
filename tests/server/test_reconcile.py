"""Reconciling the BPJS participant list: every finding, --apply as DPMD edits, bad files."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from rostertools import add_village, birth_of, nik_for, person, run_cli
from sqlalchemy import func, select

from app.documents.importing import UnreadableFile
from app.models import Enrollment, Worker
from app.server import reconcile, reconcile_report
from app.server import tables as t
from app.server.db import ServerDatabase
from app.server.pull import read_pull
from app.server.reconcile_file import BadBpjsFile, read_bpjs_list

K1, K2_OLD, K2, K6, K9 = "12345678901", "11111111111", "22222222222", "66666666666", "99999999999"
HEADER = ["No", "NIK", "Nama", "Tgl Lahir", "No KPJ", "Status Kepesertaan"]


@dataclass
class World:
    ids: dict[str, reconcile.uuid.UUID]
    rows: list[list[object]]  # the BPJS list, without the header


def _world(db: ServerDatabase) -> World:
    """Villages A and B; see the comments for what each person is meant to show."""
    with db.sessions.begin() as s:
        a = add_village(s, "35.21.01.2001", "Sukamaju", "Ngawi")
        b = add_village(s, "35.21.01.2002", "Karanganyar", "Paron")
        p = {
            "fill": person(s, a, 1, name="Budi Santoso"),  # no KPJ: BPJS has K1 -> isi
            "change": person(
                s, a, 2, name="Sri Wahyuni", kpj=K2_OLD, enrollment={"kpj": K2_OLD}
            ),  # BPJS has K2 -> ganti
            "stopped": person(s, a, 3, name="Joko"),  # BPJS: non aktif, we: active
            "ended": person(s, b, 4, name="Ani", enrollment={"status": "ended"}),  # BPJS: aktif
            "ours": person(s, b, 5, name="Rina"),  # active, not in the BPJS list
            "who": person(s, b, 6, name="Dewi"),  # BPJS: other name and birth date, K6
            "gone": person(s, b, 8, name="Lama", enrollment={"status": "ended"}),  # not listed
            "taken": person(s, a, 9, name="Eko"),  # BPJS says K9, which "holder" has
            "holder": person(s, a, 10, name="Wati", kpj=K9),  # active, not listed
        }
    rows: list[list[object]] = [
        [1, p["fill"].nik, "BUDI  SANTOSO", birth_of(1), K1, "Aktif"],
        [2, p["change"].nik, "Sri Wahyuni", birth_of(2), K2, "AKTIF"],
        [3, p["stopped"].nik, "Joko", birth_of(3), None, "Non Aktif"],
        [4, p["ended"].nik, "ani", birth_of(4), None, "Aktif"],
        [5, p["who"].nik, "Dewi Sartika", date(1991, 2, 3), K6, "Aktif"],
        [6, nik_for(7), "=Orang Luar", date(1985, 5, 5), "77777777777", "Aktif"],
        [7, p["taken"].nik, "Eko", birth_of(9), K9, "Aktif"],
    ]
    return World({k: v.worker_id for k, v in p.items()}, rows)


def _xlsx(path: Path, rows: list[list[object]], header: list[str] = HEADER) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["DAFTAR PESERTA BPJS KETENAGAKERJAAN - KANTOR CABANG NGAWI"])
    sheet.append([])
    sheet.append(header)
    for row in rows:
        sheet.append(row)
        sheet.cell(sheet.max_row, 2).number_format = "@"
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"  # literal text, as BPJS would send it
    book.save(path)
    return path


def _csv(path: Path, rows: list[list[object]]) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh, delimiter=";")
        writer.writerow(["NIK", "Nama Peserta", "Tanggal Lahir", "KPJ", "Status"])
        for _, nik, name, born, kpj, status in rows:
            day = born.strftime("%d-%m-%Y") if isinstance(born, date) else born
            writer.writerow([nik, name, day, kpj or "", status])
    return path


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_every_finding_is_reported(server_db: ServerDatabase, tmp_path: Path, kind: str) -> None:
    world = _world(server_db)
    path = tmp_path / f"bpjs.{kind}"
    people = read_bpjs_list(_xlsx(path, world.rows) if kind == "xlsx" else _csv(path, world.rows))
    with server_db.read_sessions() as session:
        result = reconcile.reconcile(session, people, apply=False)
    ids = world.ids
    assert (result.people, result.matched) == (7, 6)
    assert result.counts() == {
        "kpj": 4,
        "status": 2,
        "only_bpjs": 1,
        "only_villages": 2,
        "identity": 1,
    }
    fills = {f.worker.worker_id: f for f in result.kpj}
    assert fills[ids["fill"]].action == "isi" and fills[ids["fill"]].blocked is None
    assert fills[ids["change"]].action == "ganti" and fills[ids["change"]].blocked is None
    assert "nama atau tanggal lahir berbeda" in str(fills[ids["who"]].blocked)
    assert "NIK lain" in str(fills[ids["taken"]].blocked)
    assert {d.worker.worker_id for d in result.status} == {ids["stopped"], ids["ended"]}
    assert [p.name for p in result.only_bpjs] == ["=Orang Luar"]
    assert {w.worker_id for w in result.only_villages} == {ids["ours"], ids["holder"]}
    (who,) = result.identity
    assert (who.worker.worker_id, who.what) == (ids["who"], "nama, tanggal lahir")


def test_report_sheets(server_db: ServerDatabase, tmp_path: Path) -> None:
    world = _world(server_db)
    people = read_bpjs_list(_xlsx(tmp_path / "bpjs.xlsx", world.rows))
    with server_db.read_sessions() as session:
        result = reconcile.reconcile(session, people, apply=False)
    out = reconcile_report.write_report(
        tmp_path / "laporan.xlsx", result, source="bpjs.xlsx", applied=False
    )
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == list(reconcile_report.SHEETS)
    summary = [list(r) for r in book["Ringkasan"].iter_rows(values_only=True)]
    assert summary[:3] == [
        ["Keterangan", "Jumlah"],
        ["Berkas BPJS", "bpjs.xlsx"],
        ["Peserta di berkas", 7],
    ]
    assert summary[4:9] == [
        [label, n]
        for label, n in zip(reconcile_report.LABELS.values(), [4, 2, 1, 2, 1], strict=True)
    ]
    kpj = list(book["KPJ Perlu Diisi"].iter_rows(values_only=True))
    assert kpj[0] == (
        "Kode Desa",
        "Nama Desa",
        "NIK",
        "Nama",
        "KPJ BPJS",
        "KPJ Pekerja",
        "KPJ Kepesertaan",
        "Tindakan",
        "Keterangan",
    )
    assert (
        "35.21.01.2001",
        "Sukamaju",
        world.rows[0][1],
        "Budi Santoso",
        K1,
        None,
        None,
        "isi",
        "akan diisi",
    ) in kpj
    only = book["Hanya di BPJS"]
    assert only.cell(2, 3).value == "=Orang Luar" and only.cell(2, 3).data_type == "s"
    assert only.cell(2, 2).data_type == "s" and only.cell(2, 4).value == "05-05-1985"
    differ = list(book["Nama-Tgl Lahir Berbeda"].iter_rows(values_only=True))
    assert differ[1][3:] == (
        "Dewi Sartika",
        "Dewi",
        "03-02-1991",
        birth_of(6).strftime("%d-%m-%Y"),
        "nama, tanggal lahir",
    )


def _kpjs(db: ServerDatabase, worker_id: reconcile.uuid.UUID) -> tuple[str | None, str | None]:
    with db.read_sessions() as s:
        worker = s.scalar(select(Worker.kpj).where(Worker.id == worker_id))
        period = s.scalar(select(Enrollment.kpj).where(Enrollment.worker_id == worker_id))
    return worker, period


def test_apply_writes_kpj_as_dpmd_edits_that_villages_pull(
    server_db: ServerDatabase, tmp_path: Path
) -> None:
    world = _world(server_db)
    people = read_bpjs_list(_xlsx(tmp_path / "bpjs.xlsx", world.rows))
    with server_db.sessions.begin() as session:
        result = reconcile.reconcile(session, people, apply=True)
    assert (result.applied_workers, result.applied_enrollments) == (2, 2)
    ids = world.ids
    assert _kpjs(server_db, ids["fill"]) == (K1, K1)
    assert _kpjs(server_db, ids["change"]) == (K2, K2)
    assert _kpjs(server_db, ids["who"]) == (None, None)  # blocked: identity doubt
    assert _kpjs(server_db, ids["taken"]) == (None, None)  # blocked: KPJ of another NIK
    with server_db.read_sessions() as s:
        village = s.scalar(select(Worker.village_id).where(Worker.id == ids["fill"]))
        assert village is not None
        pulled = read_pull(s, village, since=0, limit=100)
        actors = s.execute(select(t.server_audit.c.actor, t.server_audit.c.detail)).all()
        logged = s.scalar(select(func.count()).select_from(t.change_log))
    changed = {(r.entity, r.id): r.values.get("kpj") for r in pulled.rows}
    assert changed[("worker", ids["fill"])] == K1
    assert changed[("worker", ids["change"])] == K2
    assert sum(1 for e, _ in changed if e == "enrollment") == 2
    assert actors.count(("operator:rekonsiliasi", "kpj")) == 4
    assert logged == 4
    # A second apply finds nothing left to fill and writes nothing.
    with server_db.sessions.begin() as session:
        again = reconcile.reconcile(session, people, apply=True)
    assert (again.applied_workers, again.applied_enrollments, len(again.to_apply)) == (0, 0, 0)
    with server_db.read_sessions() as s:
        assert s.scalar(select(func.count()).select_from(t.change_log)) == 4


def test_cli_reconcile_and_apply_twice(server_db: ServerDatabase, tmp_path: Path) -> None:
    world = _world(server_db)
    source = _xlsx(tmp_path / "bpjs.xlsx", world.rows)
    report = tmp_path / "laporan.xlsx"
    data = tmp_path / "data"
    dry = run_cli(server_db, "reconcile", str(source), "--report", str(report), data_dir=data)
    assert dry.returncode == 0, dry.stderr
    assert dry.stdout.splitlines() == [
        "Rekonsiliasi daftar BPJS: 7 peserta di berkas, 6 cocok dengan pekerja desa (menurut NIK).",
        "  KPJ perlu diisi atau diganti: 4",
        "  Status kepesertaan berbeda: 2",
        "  Ada di BPJS, tidak ada di desa mana pun: 1",
        "  Ada di desa (kepesertaan aktif), tidak ada di daftar BPJS: 2",
        "  Nama atau tanggal lahir berbeda: 1",
        "Belum ada yang diubah: 2 pengisian KPJ siap diterapkan (--apply atau tombol Terapkan "
        "pengisian KPJ).",
        "2 KPJ tidak diisi otomatis (lihat kolom Keterangan di laporan).",
        f"Laporan: {report}",
    ]
    assert _kpjs(server_db, world.ids["fill"]) == (None, None)
    applied = run_cli(
        server_db, "reconcile", str(source), "--report", str(report), "--apply", data_dir=data
    )
    assert applied.returncode == 0, applied.stderr
    assert (
        "KPJ diisi: 2 pekerja, 2 kepesertaan (perubahan DPMD, sampai ke desa saat sinkronisasi)."
    ) in applied.stdout.splitlines()
    assert _kpjs(server_db, world.ids["fill"]) == (K1, K1)
    again = run_cli(
        server_db, "reconcile", str(source), "--report", str(report), "--apply", data_dir=data
    )
    assert "  KPJ perlu diisi atau diganti: 2" in again.stdout.splitlines()
    assert "KPJ diisi: 0 pekerja, 0 kepesertaan" in again.stdout


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda rows: rows[2].__setitem__(1, "3521"),
            "baris 6, kolom B ('NIK'): NIK '3521' tidak sah",
        ),
        (
            lambda rows: rows[1].__setitem__(4, "12345"),
            "baris 5, kolom E ('No KPJ'): KPJ harus 11 angka",
        ),
        (
            lambda rows: rows[0].__setitem__(3, "31-02-1980"),
            "baris 4, kolom D ('Tgl Lahir'): tanggal '31-02-1980' tidak ada",
        ),
        (lambda rows: rows[3].__setitem__(1, rows[0][1]), "baris 7, kolom B ('NIK'): NIK"),
        (
            lambda rows: rows[0].__setitem__(1, 3521011201800010),
            "baris 4, kolom B ('NIK'): NIK tersimpan sebagai angka",
        ),
    ],
)
def test_bad_files_are_refused_with_row_and_column(
    server_db: ServerDatabase, tmp_path: Path, change: object, message: str
) -> None:
    world = _world(server_db)
    change(world.rows)  # type: ignore[operator]
    source = _xlsx(tmp_path / "bpjs.xlsx", world.rows)
    with pytest.raises(BadBpjsFile) as raised:
        read_bpjs_list(source)
    assert raised.value.message.startswith(message), raised.value.message


def test_cli_refuses_a_bad_file_and_writes_nothing(
    server_db: ServerDatabase, tmp_path: Path
) -> None:
    world = _world(server_db)
    world.rows[4][4] = "KPJ-123"
    source = _xlsx(tmp_path / "bpjs.xlsx", world.rows)
    report = tmp_path / "laporan.xlsx"
    with server_db.read_sessions() as s:
        before = s.scalar(select(func.count()).select_from(t.change_log))
    result = run_cli(
        server_db,
        "reconcile",
        str(source),
        "--report",
        str(report),
        "--apply",
        data_dir=tmp_path / "data",
    )
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.splitlines() == [
        "payung-server: file: baris 8, kolom E ('No KPJ'): KPJ harus 11 angka; periksa kartu "
        "BPJS Ketenagakerjaan; perbaiki berkasnya, tidak ada yang diubah"
    ]
    assert not report.exists()
    with server_db.read_sessions() as s:
        assert s.scalar(select(func.count()).select_from(t.change_log)) == before


def test_files_without_a_list_are_refused(tmp_path: Path) -> None:
    no_nik = _xlsx(
        tmp_path / "a.xlsx",
        [[1, "x", "Budi", None, None, None]],
        header=["No", "Nama", "Alamat", "Tgl Lahir", "Keterangan", "Status"],
    )
    with pytest.raises(BadBpjsFile, match="tidak punya kolom NIK"):
        read_bpjs_list(no_nik)
    garbage = tmp_path / "b.xlsx"
    garbage.write_bytes(b"PK\x03\x04 not really a workbook")
    with pytest.raises(UnreadableFile, match="rusak"):
        read_bpjs_list(garbage)
    empty = _xlsx(tmp_path / "c.xlsx", [])
    with pytest.raises(BadBpjsFile, match="tidak berisi peserta"):
        read_bpjs_list(empty)

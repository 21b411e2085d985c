"""The import service on a real village database: preview writes nothing, apply writes every
row without an error - workers, coverage periods, outbox and audit exactly as the register
and enrollment services do - in one transaction after a backup, or nothing at all."""

from __future__ import annotations

import json
import sqlite3
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from dbprobe import audit, count, outbox, query, snapshot, uuid_hex
from factories import SECRETARY, make_nik
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.domain.enrollment import EnrollmentDraft
from app.domain.worker import WorkerDraft
from app.services.context import AppContext
from app.services.imports import (
    Field,
    ImportFailed,
    ImportOutdated,
    Imports,
    UnreadableFile,
)
from app.services.register import SearchQuery
from tests.documents.import_corpus import write_csv, write_xlsx

HEADER = ["No", "NIK", "Nama", "Tgl Lahir", "L/P", "Jabatan", "No. HP", "Segmen", "Program",
          "Upah", "Sumber Dana", "TMT", "KPJ"]  # fmt: skip
PU = ["PU", "JKK,JKM,JHT", 2_022_200, "APBDes", date(2026, 1, 1)]
BPU = ["BPU", "JKK,JKM", 1_000_000, "APBD", date(2026, 2, 1)]
NO_PERIOD = [None] * 5


def person(serial: int, *, born: date = date(1980, 5, 5), sex: str = "L",
           name: str = "Budi Santoso", title: str = "Kaur Umum", period: list[Any] = PU,
           kpj: str | None = None, phone: str | None = "081234567890") -> list[Any]:  # fmt: skip
    nik = make_nik(born, sex, serial=serial)
    return [serial, nik, name, born, sex, title, phone, *period, kpj]


def nik_of(row: list[Any]) -> str:
    return str(row[1])


def workbook(folder: Path, *rows: list[Any], name: str = "impor.xlsx") -> Path:
    return write_xlsx(folder / name, [["DAFTAR PESERTA DESA SUKAMAJU"], [], HEADER, *rows])


def db(ctx: AppContext) -> Path:
    return ctx.paths.database


def pre_import(ctx: AppContext) -> list[Path]:
    return sorted((ctx.paths.backups / "pre-import").glob("*.sqlite3"))


@pytest.fixture
def imports(ctx: AppContext) -> Imports:
    return Imports.of(ctx)


GOOD = [
    person(501),
    person(502, sex="P", name="Siti Aminah", title="Kader Posyandu", period=BPU),
    person(503, title="Ketua RT 01", period=NO_PERIOD),
]
BAD = person(504, title="Linmas")
BAD[4] = "X"  # sex unknown


# -- preview ----------------------------------------------------------------------------------
def test_preview_writes_nothing(ctx: AppContext, imports: Imports, tmp_path: Path) -> None:
    before = snapshot(db(ctx))
    result = imports.preview(workbook(tmp_path, *GOOD, BAD))
    assert (result.rows_read, result.valid, result.invalid) == (4, 3, 1)
    assert snapshot(db(ctx)) == before
    assert pre_import(ctx) == []


def test_sheets_and_mapping_at(imports: Imports, tmp_path: Path) -> None:
    path = workbook(tmp_path, *GOOD)
    assert imports.sheets(path) == ("Data",)
    mapping = imports.mapping_at(path, 3)
    assert (mapping.header_row, mapping.column_of(Field.NIK)) == (3, 1)


def test_mapping_override(ctx: AppContext, imports: Imports, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "a.xlsx", [["NIK", "Nama", "Tgl Lahir", "L/P", "Ket."],
                                            [*person(505)[1:5], "Marbot Masjid"]])  # fmt: skip
    first = imports.preview(path)
    changed = first.mapping.with_field(4, Field.POSITION)
    result = imports.apply(imports.preview(path, first.sheet, changed))
    assert result.imported == 1
    row = ctx.register.search(SearchQuery()).rows[0]
    assert (row.category.value, row.position) == ("marbot", "Marbot Masjid")


# -- apply ------------------------------------------------------------------------------------
def test_apply_writes_rows_without_errors(
    ctx: AppContext, imports: Imports, tmp_path: Path
) -> None:
    result = imports.apply(imports.preview(workbook(tmp_path, *GOOD, BAD)))
    assert (result.rows_read, result.valid, result.invalid) == (4, 3, 1)
    assert (result.imported, result.enrolled) == (3, 2)
    assert [(p.row, p.code) for p in result.problems] == [(7, "sex_unknown")]
    listed = {r.nik: r for r in ctx.register.search(SearchQuery()).rows}
    assert set(listed) == {nik_of(r) for r in GOOD}
    siti = ctx.register.get(nik_of(GOOD[1]))
    assert (siti.name, siti.category.value, siti.phone) == (
        "Siti Aminah", "kader_posyandu", "081234567890",
    )  # fmt: skip
    periods = ctx.enrollments.list(nik_of(GOOD[1]))
    assert [(p.segment.value, p.programmes, p.wage, p.payer.value, p.start, p.status.value)
            for p in periods] == [("BPU", "JKK,JKM", 1_000_000, "apbd", date(2026, 2, 1),
                                   "active")]  # fmt: skip
    assert ctx.enrollments.list(nik_of(GOOD[2])) == []


def test_apply_a_path_previews_it_first(ctx: AppContext, imports: Imports, tmp_path: Path) -> None:
    result = imports.apply(workbook(tmp_path, *GOOD))
    assert result.imported == 3
    assert ctx.register.count(SearchQuery()) == 3


def _fields(rows: list[dict[str, Any]], entity: str, row_id: str) -> dict[str, Any]:
    (found,) = [r for r in rows if r["entity"] == entity and r["row_id"] == uuid_hex(row_id)]
    assert found["op"] == "insert" and found["base"] == {} and found["base_version"] is None
    fields: dict[str, Any] = found["fields"]
    return fields


def test_outbox_and_audit_are_those_of_register_add_and_enroll(
    ctx: AppContext, imports: Imports, tmp_path: Path
) -> None:
    """The same person typed in through the services and imported from a file: the outbox
    entries carry the same fields with the same values (but the NIK and the row ids)."""
    born = date(1979, 3, 4)
    imported = person(506, born=born, kpj="12345678901")
    imports.apply(workbook(tmp_path, imported))
    typed = make_nik(born, "L", serial=507)
    ctx.register.add(WorkerDraft(
        nik=typed, name="Budi Santoso", birth_date=born.isoformat(), sex="L",
        category="perangkat_desa", position="Kaur Umum", phone="081234567890", kpj="12345678901",
    ))  # fmt: skip
    ctx.enrollments.enroll(typed, EnrollmentDraft(
        segment="PU", programmes="JKK,JKM,JHT", wage="2022200", payer="apbdes",
        start="2026-01-01", kpj="12345678901",
    ))  # fmt: skip
    rows = outbox(db(ctx))
    mine, theirs = ctx.register.get(nik_of(imported)), ctx.register.get(typed)
    mine_fields = _fields(rows, "worker", mine.id)
    theirs_fields = _fields(rows, "worker", theirs.id)
    assert mine_fields.keys() == theirs_fields.keys()
    assert {k: v for k, v in mine_fields.items() if k != "nik"} == {
        k: v for k, v in theirs_fields.items() if k != "nik"
    }
    (mine_period,) = ctx.enrollments.list(mine.id)
    (theirs_period,) = ctx.enrollments.list(theirs.id)
    mine_period_fields = _fields(rows, "enrollment", mine_period.id)
    theirs_period_fields = _fields(rows, "enrollment", theirs_period.id)
    assert mine_period_fields.keys() == theirs_period_fields.keys()
    assert mine_period_fields.pop("worker_id") == mine.id
    theirs_period_fields.pop("worker_id")
    assert mine_period_fields == theirs_period_fields
    entries = [(a["operator"], a["action"], a["entity"], a["changed"]) for a in audit(db(ctx))]
    assert entries[-4:-2] == [(SECRETARY, "create", "worker", "*"),
                              (SECRETARY, "create", "enrollment", "*")]  # fmt: skip
    assert entries[-4:-2] == entries[-2:]
    ops = [{k: v for k, v in op.items() if k not in ("seq", "op_id", "row_id", "created_at",
                                                     "fields")} for op in rows[-4:]]  # fmt: skip
    assert ops[:2] == ops[2:]


def _stored_row(ctx: AppContext, table: str, row_id: str) -> dict[str, Any]:
    (row,) = query(db(ctx), f"SELECT * FROM {table} WHERE id = ?", (uuid_hex(row_id),))
    return row


def test_stored_rows_are_those_the_services_store(
    ctx: AppContext, imports: Imports, tmp_path: Path
) -> None:
    """Column by column, as SQLite holds them: the bulk insert stores what the ORM would."""
    born = date(1984, 10, 11)
    imports.apply(workbook(tmp_path, person(509, born=born, sex="P", name="Sri Rahayu",
                                            period=BPU, kpj="12345678901")))  # fmt: skip
    typed = make_nik(born, "P", serial=510)
    ctx.register.add(WorkerDraft(
        nik=typed, name="Sri Rahayu", birth_date=born.isoformat(), sex="P",
        category="perangkat_desa", position="Kaur Umum", phone="081234567890",
        kpj="12345678901",
    ))  # fmt: skip
    ctx.enrollments.enroll(typed, EnrollmentDraft(
        segment="BPU", programmes="JKK,JKM", wage="1000000", payer="apbd", start="2026-02-01",
        kpj="12345678901",
    ))  # fmt: skip
    mine = ctx.register.get(make_nik(born, "P", serial=509))
    theirs = ctx.register.get(typed)
    ignore = {"id", "nik", "updated_at_client", "worker_id"}
    stored = [
        {k: v for k, v in _stored_row(ctx, "worker", w.id).items() if k not in ignore}
        for w in (mine, theirs)
    ]
    assert stored[0] == stored[1]
    periods = [
        {k: v for k, v in _stored_row(ctx, "enrollment", ctx.enrollments.list(w.id)[0].id).items()
         if k not in ignore}
        for w in (mine, theirs)
    ]  # fmt: skip
    assert periods[0] == periods[1]
    moments = query(db(ctx), "SELECT updated_at_client AS at FROM worker WHERE id IN (?, ?)",
                    (uuid_hex(mine.id), uuid_hex(theirs.id)))  # fmt: skip
    assert all(len(m["at"]) == len("2026-11-21 09:11:48.201176") for m in moments)


def test_each_worker_goes_out_before_its_period(
    ctx: AppContext, imports: Imports, tmp_path: Path
) -> None:
    rows = [person(600 + i, period=PU if i % 3 else NO_PERIOD) for i in range(300)]
    result = imports.apply(workbook(tmp_path, *rows))
    assert (result.imported, result.enrolled) == (300, 200)
    ops = outbox(db(ctx))[1:]  # after the village set-up
    assert len(ops) == 500 == count(db(ctx), "audit") - 1
    seen: set[str] = set()
    for op in ops:
        if op["entity"] == "worker":
            seen.add(op["row_id"])
        else:
            assert uuid_hex(op["fields"]["worker_id"]) in seen
    assert json.loads(json.dumps(ops[0]["fields"]))["status"] == "active"


# -- backup and all-or-nothing -----------------------------------------------------------------
def test_backup_is_taken_before_writing(ctx: AppContext, imports: Imports, tmp_path: Path) -> None:
    result = imports.apply(workbook(tmp_path, *GOOD))
    assert result.backup is not None and pre_import(ctx) == [result.backup]
    assert count(result.backup, "worker") == 0
    assert count(db(ctx), "worker") == 3


def test_nothing_to_write_takes_no_backup(
    ctx: AppContext, imports: Imports, tmp_path: Path
) -> None:
    result = imports.apply(workbook(tmp_path, BAD))
    assert (result.imported, result.backup) == (0, None)
    assert pre_import(ctx) == []


def _refuse(ctx: AppContext, table: str, when: str) -> None:
    """A trigger that makes the database refuse one row half-way through the batch."""
    conn = sqlite3.connect(db(ctx))
    try:
        conn.execute(
            f"CREATE TRIGGER refuse BEFORE INSERT ON {table} WHEN {when} "
            "BEGIN SELECT RAISE(ABORT, 'ditolak oleh uji'); END"
        )
        conn.commit()
    finally:
        conn.close()


@pytest.mark.parametrize(
    ("table", "when"),
    [
        ("worker", f"NEW.nik = '{nik_of(GOOD[2])}'"),  # the third worker
        ("enrollment", "NEW.segment = 'BPU'"),  # after every worker is in
        ("audit", "NEW.entity = 'enrollment'"),  # the very last statement
    ],
)
def test_a_refused_row_leaves_no_row_of_the_batch(
    ctx: AppContext, imports: Imports, tmp_path: Path, table: str, when: str
) -> None:
    _refuse(ctx, table, when)
    before = snapshot(db(ctx))
    with pytest.raises(ImportFailed) as caught:
        imports.apply(workbook(tmp_path, *GOOD))
    assert caught.value.field == "database"
    assert "tidak ada baris yang disimpan" in caught.value.message
    assert snapshot(db(ctx)) == before
    assert len(pre_import(ctx)) == 1  # the backup was taken before


def test_register_changed_since_the_preview(
    ctx: AppContext, imports: Imports, tmp_path: Path
) -> None:
    preview = imports.preview(workbook(tmp_path, *GOOD))
    ctx.register.add(WorkerDraft(nik=nik_of(GOOD[1]), name="Siti Aminah", birth_date="1980-05-05",
                                 sex="P", category="kader_posyandu"))  # fmt: skip
    before = snapshot(db(ctx))
    with pytest.raises(ImportOutdated) as caught:
        imports.apply(preview)
    assert "baris 5" in caught.value.message
    assert snapshot(db(ctx)) == before


# -- duplicates --------------------------------------------------------------------------------
def test_duplicates_against_the_register_are_reported_and_skipped(
    ctx: AppContext, imports: Imports, tmp_path: Path
) -> None:
    ctx.register.add(WorkerDraft(nik=nik_of(GOOD[0]), name="Slamet Riyadi",
                                 birth_date="1980-05-05", sex="L", category="linmas"))  # fmt: skip
    result = imports.apply(workbook(tmp_path, *GOOD))
    assert [(p.row, p.column, p.code, p.severity.value) for p in result.problems] == [
        (4, "NIK", "duplicate_in_register", "error")
    ]
    assert "Slamet Riyadi" in result.problems[0].message
    assert result.imported == 2
    assert ctx.register.get(nik_of(GOOD[0])).name == "Slamet Riyadi"


def test_duplicates_inside_the_file_import_neither(
    ctx: AppContext, imports: Imports, tmp_path: Path
) -> None:
    twin = list(GOOD[0])
    result = imports.apply(workbook(tmp_path, GOOD[0], GOOD[1], twin))
    assert {(p.row, p.code) for p in result.problems} == {
        (4, "duplicate_in_file"), (6, "duplicate_in_file"),
    }  # fmt: skip
    assert "sama dengan baris 6" in result.problems[0].message
    assert result.imported == 1


def test_ended_worker_still_blocks_the_nik(
    ctx: AppContext, imports: Imports, tmp_path: Path
) -> None:
    from app.domain.categories import EndReason

    slamet = WorkerDraft(nik=nik_of(GOOD[0]), name="Slamet Riyadi", birth_date="1980-05-05",
                         sex="L", category="linmas")  # fmt: skip
    added = ctx.register.add(slamet)
    ctx.register.end(added.id, on=date(2026, 1, 31), reason=EndReason.TERM_ENDED)
    result = imports.preview(workbook(tmp_path, GOOD[0]))
    assert [p.code for p in result.problems] == ["duplicate_in_register"]


# -- unreadable files --------------------------------------------------------------------------
@settings(max_examples=15, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=2048), suffix=st.sampled_from([".xlsx", ".xls", ".ods", ".csv"]))
def test_an_unreadable_file_writes_nothing(ctx: AppContext, data: bytes, suffix: str) -> None:
    imports = Imports.of(ctx)
    before = snapshot(db(ctx))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"rusak{suffix}"
        path.write_bytes(data)
        with pytest.raises(UnreadableFile):
            imports.apply(path)
    assert snapshot(db(ctx)) == before
    assert pre_import(ctx) == []


def test_a_cut_off_workbook_writes_nothing(
    ctx: AppContext, imports: Imports, tmp_path: Path
) -> None:
    whole = workbook(tmp_path, *GOOD).read_bytes()
    cut = tmp_path / "potong.xlsx"
    cut.write_bytes(whole[: len(whole) * 2 // 3])
    before = snapshot(db(ctx))
    with pytest.raises(UnreadableFile):
        imports.apply(cut)
    assert snapshot(db(ctx)) == before


def test_csv_import(ctx: AppContext, imports: Imports, tmp_path: Path) -> None:
    nik = make_nik(date(1975, 8, 17), "L", serial=508)
    path = write_csv(tmp_path / "a.csv", ["NIK;Nama;TTL;JK;Pekerjaan",
                                          f"{nik};Ahmad Syafi’i;Ngawi, 17-08-1975;L;Petani"],
                     encoding="cp1252")  # fmt: skip
    assert imports.apply(path).imported == 1
    detail = ctx.register.get(nik)
    assert (detail.name, detail.birth_place, detail.category.value) == (
        "Ahmad Syafi’i", "Ngawi", "petani",
    )  # fmt: skip


def test_preview_reports_progress(imports: Imports, tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    rows = [person(700 + i, period=NO_PERIOD) for i in range(2_500)]
    imports.warm_up()
    imports.preview(
        workbook(tmp_path, *rows), progress=lambda done, total: seen.append((done, total))
    )
    assert seen == [(2_000, 2_500), (2_500, 2_500)]


def test_pre_import_backups_are_pruned(ctx: AppContext) -> None:
    from app.models.backup import PRE_IMPORT_KEEP, backup_before_import

    made = [backup_before_import(db(ctx), ctx.paths.backups) for _ in range(PRE_IMPORT_KEEP + 2)]
    assert pre_import(ctx) == made[2:]  # the oldest go, even when taken within one second

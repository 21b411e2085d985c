"""Exports on a real village database: the month's roster and the new registrations."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import update

from app.documents.export_table import ExportRefused
from app.documents.profiles import ProfileKind
from app.domain.categories import EndReason
from app.domain.enrollment import EnrollmentStatus
from app.domain.errors import InvalidField
from app.domain.period import Period
from app.domain.rates import Payer
from app.models import Worker
from app.services.context import AppContext
from app.services.exports import Exports, full_address
from tests.factories_contrib import (
    add_worker,
    edit_enrollment,
    enroll_draft,
    enroll_new_bpu,
    enroll_new_worker,
    village_context,
)

NOV = Period(2026, 11)
# What the generic registration profile requires beyond the register's own required fields.
COMPLETE = {"birth_place": "Ngawi", "mother_name": "Suminah", "address": "Jl. Raya No. 5"}


@pytest.fixture
def ctx(tmp_path: Path) -> Iterator[AppContext]:
    context = village_context(tmp_path / "data")
    yield context
    context.close()


def exports_of(ctx: AppContext) -> Exports:
    return Exports(ctx.database.sessions, user_profiles=ctx.paths.data_dir / "profiles")


def sheet(path: Path) -> list[dict[str, Any]]:
    """The data rows as {header: (data_type, value)}, read with openpyxl."""
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=True)
    rows = list(workbook.worksheets[0].iter_rows())
    header = [c.value for c in rows[0]]
    found = [
        {h: (c.data_type, c.value) for h, c in zip(header, row, strict=False)} for row in rows[1:]
    ]
    workbook.close()
    return found


# -- roster -----------------------------------------------------------------------------------
def test_the_roster_export_has_one_row_per_line_with_amounts_and_total(
    ctx: AppContext, tmp_path: Path
) -> None:
    worker, _ = enroll_new_worker(ctx, programmes="JKK,JKM,JHT")
    enroll_new_bpu(ctx)
    roster = ctx.roster.generate(NOV)
    result = exports_of(ctx).export_roster(NOV, tmp_path / "iuran.xlsx")
    assert (result.rows, result.profile, result.version) == (2, "bpjs-iuran", "1")
    assert (result.period, result.payer, result.locked) == (NOV, None, False)
    rows = {row["NIK"][1]: row for row in sheet(result.path)}
    line = next(x for x in roster.lines if x.nik == worker.nik)
    row = rows[worker.nik]
    assert row["NIK"] == ("s", worker.nik)
    assert row["Nama"] == ("s", worker.name)
    assert (row["Segmen"], row["Sumber Dana"]) == (("s", "PU"), ("s", "APBDes"))
    assert row["Upah/Penghasilan"] == ("n", 2_022_200)
    assert row["Iuran JKK"] == ("n", line.amounts["JKK"])
    assert row["Iuran JHT"] == ("n", line.amounts["JHT"])
    assert row["Iuran JP"] == ("n", 0)
    assert row["Jumlah Iuran"] == ("n", line.total)


def test_a_locked_month_says_so(ctx: AppContext, tmp_path: Path) -> None:
    enroll_new_worker(ctx)
    ctx.roster.generate(NOV)
    ctx.roster.lock(NOV)
    assert exports_of(ctx).export_roster(NOV, tmp_path / "iuran.xlsx").locked


def test_a_locked_month_is_exported_as_billed(ctx: AppContext, tmp_path: Path) -> None:
    _, enrollment = enroll_new_worker(ctx)
    ctx.roster.generate(NOV)
    ctx.roster.lock(NOV)
    edit_enrollment(ctx, enrollment.id, wage=3_000_000)
    [row] = sheet(exports_of(ctx).export_roster(NOV, tmp_path / "iuran.xlsx").path)
    assert row["Upah/Penghasilan"] == ("n", 2_022_200)


def test_one_payer_only(ctx: AppContext, tmp_path: Path) -> None:
    enroll_new_worker(ctx)
    enroll_new_worker(ctx, payer="apbd")
    ctx.roster.generate(NOV)
    result = exports_of(ctx).export_roster(NOV, tmp_path / "apbd.xlsx", payer=Payer.APBD)
    assert result.rows == 1 and result.payer is Payer.APBD
    assert [row["Sumber Dana"] for row in sheet(result.path)] == [("s", "APBD")]


def test_a_month_without_lines_is_refused(ctx: AppContext, tmp_path: Path) -> None:
    with pytest.raises(InvalidField) as caught:
        exports_of(ctx).export_roster(NOV, tmp_path / "iuran.xlsx")
    assert caught.value.field == "period" and "payung roster 2026-11" in caught.value.message
    assert not (tmp_path / "iuran.xlsx").exists()


def test_a_payer_without_lines_is_refused(ctx: AppContext, tmp_path: Path) -> None:
    enroll_new_worker(ctx)
    ctx.roster.generate(NOV)
    with pytest.raises(InvalidField) as caught:
        exports_of(ctx).export_roster(NOV, tmp_path / "iuran.xlsx", payer=Payer.DBHCHT)
    assert caught.value.field == "payer"


def test_text_from_the_register_that_looks_like_a_formula_stays_text(
    ctx: AppContext, tmp_path: Path
) -> None:
    hostile = '=HYPERLINK("http://contoh.invalid","klik")'
    enroll_new_worker(ctx, worker={**COMPLETE, "address": hostile, "birth_place": "-Ngawi"})
    ctx.roster.generate(NOV)
    profile = """
        name = "uji-alamat"
        version = "1"
        kind = "roster"
        title = "Uji"
        sheet = "Iuran"
        columns = [ { header = "NIK", source = "nik" }, { header = "Alamat", source = "address" },
                    { header = "Lahir", source = "birth_place" } ]
    """
    folder = ctx.paths.data_dir / "profiles"
    folder.mkdir()
    (folder / "uji.toml").write_text(profile, encoding="utf-8")
    result = exports_of(ctx).export_roster(NOV, tmp_path / "x.xlsx", profile="uji-alamat")
    [row] = sheet(result.path)
    assert row["Alamat"] == ("s", hostile)
    assert row["Lahir"] == ("s", "-Ngawi")


def test_a_worker_nik_that_arrived_broken_refuses_the_export(
    ctx: AppContext, tmp_path: Path
) -> None:
    worker, _ = enroll_new_worker(ctx)
    enroll_new_worker(ctx)
    ctx.roster.generate(NOV)
    with ctx.database.sessions.begin() as session:  # as a bad sync or an old import left it
        session.execute(update(Worker).where(Worker.nik == worker.nik).values(nik="35210112"))
    with pytest.raises(ExportRefused) as caught:
        exports_of(ctx).export_roster(NOV, tmp_path / "iuran.xlsx")
    [problem] = caught.value.problems
    assert problem.nik == "35210112" and problem.name == worker.name
    assert not (tmp_path / "iuran.xlsx").exists()


def test_the_file_name_must_end_in_xlsx(ctx: AppContext, tmp_path: Path) -> None:
    enroll_new_worker(ctx)
    ctx.roster.generate(NOV)
    with pytest.raises(InvalidField) as caught:
        exports_of(ctx).export_roster(NOV, tmp_path / "iuran.csv")
    assert caught.value.field == "out"


def test_a_folder_is_not_a_file_name(ctx: AppContext, tmp_path: Path) -> None:
    enroll_new_worker(ctx)
    ctx.roster.generate(NOV)
    folder = tmp_path / "ekspor.xlsx"
    folder.mkdir()
    with pytest.raises(InvalidField, match="adalah folder"):
        exports_of(ctx).export_roster(NOV, folder)


def test_an_unknown_profile_is_refused(ctx: AppContext, tmp_path: Path) -> None:
    enroll_new_worker(ctx)
    ctx.roster.generate(NOV)
    with pytest.raises(InvalidField) as caught:
        exports_of(ctx).export_roster(NOV, tmp_path / "x.xlsx", profile="tidak-ada")
    assert caught.value.field == "profile"


def test_prepare_checks_without_writing(ctx: AppContext) -> None:
    enroll_new_worker(ctx)
    ctx.roster.generate(NOV)
    prepared = exports_of(ctx).prepare_roster(NOV)
    assert prepared.rows == 1 and not prepared.locked
    assert prepared.info.custom["payung_period"] == "2026-11"


# -- new registrations ------------------------------------------------------------------------
def test_new_registrations_are_periods_starting_on_or_after_since(
    ctx: AppContext, tmp_path: Path
) -> None:
    enroll_new_worker(ctx, worker=COMPLETE, start="2026-02-28")
    on_the_day, _ = enroll_new_worker(ctx, worker=COMPLETE, start="2026-03-01")
    later, _ = enroll_new_worker(ctx, worker=COMPLETE, start="2026-04-15")
    result = exports_of(ctx).export_new(date(2026, 3, 1), tmp_path / "baru.xlsx")
    assert (result.rows, result.profile, result.since) == (2, "bpjs-pendaftaran", date(2026, 3, 1))
    rows = sheet(result.path)
    assert [row["NIK"][1] for row in rows] == [on_the_day.nik, later.nik]  # oldest TMT first
    assert [row["TMT"] for row in rows] == [("s", "01-03-2026"), ("s", "15-04-2026")]


def test_new_registrations_include_drafts_and_leave_out_ended_periods(
    ctx: AppContext, tmp_path: Path
) -> None:
    drafted = add_worker(ctx, **COMPLETE)
    ctx.enrollments.enroll(drafted.nik, enroll_draft(), status=EnrollmentStatus.DRAFT)
    ended, _ = enroll_new_worker(ctx, worker=COMPLETE)
    ctx.enrollments.end(ended.nik, on=date(2026, 6, 30), reason=EndReason.RESIGNED)
    result = exports_of(ctx).export_new(date(2026, 1, 1), tmp_path / "baru.xlsx")
    assert [row["NIK"][1] for row in sheet(result.path)] == [drafted.nik]


def test_a_registration_row_carries_identity_programmes_and_wage(
    ctx: AppContext, tmp_path: Path
) -> None:
    worker, _ = enroll_new_worker(
        ctx,
        worker={**COMPLETE, "phone": "0812-3456-7890", "marital_status": "kawin", "rt": "3",
                "dusun": "Krajan", "no_kk": "3521011234560001", "kpj": "12345678901"},
        programmes="JKK,JKM,JHT",
    )  # fmt: skip
    [row] = sheet(exports_of(ctx).export_new(date(2026, 1, 1), tmp_path / "baru.xlsx").path)
    assert row["NIK"] == ("s", worker.nik)
    assert row["Tanggal Lahir"] == ("s", worker.birth_date.strftime("%d-%m-%Y"))
    assert row["Jenis Kelamin"] == ("s", worker.sex.value)
    assert row["Status Kawin"] == ("s", "KAWIN")
    assert row["Alamat"] == ("s", "Jl. Raya No. 5, Dusun Krajan, RT 003")
    assert row["No HP"] == ("s", "081234567890")
    assert row["No KK"] == ("s", "3521011234560001")
    assert row["KPJ"] == ("s", "12345678901")
    assert row["Upah/Penghasilan"] == ("n", 2_022_200)
    flags = [row[p][1] for p in ("JKK", "JKM", "JHT", "JP")]
    assert flags == ["Y", "Y", "Y", "T"]
    assert row["Email"][1] is None


def test_missing_required_fields_refuse_the_registration_export(
    ctx: AppContext, tmp_path: Path
) -> None:
    enroll_new_worker(ctx, worker=COMPLETE)
    bare, _ = enroll_new_worker(ctx)
    with pytest.raises(ExportRefused) as caught:
        exports_of(ctx).export_new(date(2026, 1, 1), tmp_path / "baru.xlsx")
    columns = {p.column for p in caught.value.problems}
    assert columns == {"Tempat Lahir", "Alamat", "Nama Ibu Kandung"}
    assert {p.nik for p in caught.value.problems} == {bare.nik}
    assert not (tmp_path / "baru.xlsx").exists()


def test_no_new_registration_since_is_refused(ctx: AppContext, tmp_path: Path) -> None:
    enroll_new_worker(ctx, worker=COMPLETE, start="2026-01-01")
    with pytest.raises(InvalidField) as caught:
        exports_of(ctx).export_new(date(2026, 2, 1), tmp_path / "baru.xlsx")
    assert caught.value.field == "since"


def test_a_roster_profile_cannot_export_registrations(ctx: AppContext, tmp_path: Path) -> None:
    enroll_new_worker(ctx, worker=COMPLETE)
    with pytest.raises(InvalidField, match="bukan pendaftaran baru"):
        exports_of(ctx).export_new(date(2026, 1, 1), tmp_path / "x.xlsx", profile="bpjs-iuran")


# -- profiles ---------------------------------------------------------------------------------
def test_profiles_lists_shipped_user_and_invalid_files(ctx: AppContext) -> None:
    folder = ctx.paths.data_dir / "profiles"
    folder.mkdir()
    (folder / "rusak.toml").write_text("name = ", encoding="utf-8")
    catalog = exports_of(ctx).profiles()
    assert set(catalog.profiles) == {"bpjs-iuran", "bpjs-pendaftaran"}
    assert [Path(p.file).name for p in catalog.invalid] == ["rusak.toml"]
    assert catalog.get("bpjs-iuran", ProfileKind.ROSTER).origin == "shipped"


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        (("Jl. Raya 5", "Krajan", "003", "012"), "Jl. Raya 5, Dusun Krajan, RT 003/RW 012"),
        ((None, None, "003", None), "RT 003"),
        ((None, None, None, None), None),
        (("Jl. Raya 5", None, None, "002"), "Jl. Raya 5, RW 002"),
    ],
)
def test_full_address_joins_the_known_parts(
    parts: tuple[str | None, ...], expected: str | None
) -> None:
    assert full_address(*parts) == expected

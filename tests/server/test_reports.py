"""Coverage reports on real data (SQLite, and PostgreSQL when PAYUNG_TEST_PG_URL is set):
hand-computed figures, agreement with app.domain.standing, and `payung-server coverage`."""

from __future__ import annotations

import json
import uuid
from collections import defaultdict
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from reporttools import HandVillage, Scale, bulk_seed, hand_made, seed_rows
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.categories import Category
from app.domain.enrollment import EnrollmentStatus
from app.domain.period import Period
from app.domain.rates import Payer, Segment
from app.domain.standing import MonthBill, State, standing
from app.models import new_id
from app.server import tables as t
from app.server.changes import write_row
from app.server.cli import main
from app.server.cli_reports import report_json
from app.server.db import ServerDatabase, open_server_database
from app.server.migrate import upgrade
from app.server.pull import read_pull
from app.server.reports import coverage, not_synced, overview, payer_totals
from app.server.reports_standing import enrollment_standings

TODAY = date(2026, 11, 21)
NOW = datetime(2026, 11, 21, 10, 0)


# ---------------------------------------------------------------- hand-made villages


def _lines(lines: list[Any]) -> dict[Category, tuple[int, int, Decimal | None, bool]]:
    return {x.category: (x.active, x.formasi, x.percent, x.formasi_set) for x in lines}


def test_village_coverage_against_formasi_with_worker_count_fallback(
    server_db: ServerDatabase,
) -> None:
    ids = hand_made(server_db)
    with server_db.read_sessions() as session:
        report = coverage(session, TODAY)
    a = next(v for v in report.villages if v.id == ids["a"])
    assert _lines(a.lines) == {
        Category.PERANGKAT_DESA: (2, 4, Decimal("50.0"), True),  # A, B of 4
        Category.KETUA_RT: (1, 3, Decimal("33.3"), True),  # D of 3 (C lapsed)
        Category.PETANI: (1, 2, Decimal("50.0"), False),  # E of 2 petani workers
    }
    assert (a.participants, a.arrears, a.warning, a.lapsed) == (6, 2, 1, 1)
    assert (a.totals.active, a.totals.formasi) == (4, 9)


def test_kabupaten_and_kecamatan_roll_up_the_villages(server_db: ServerDatabase) -> None:
    hand_made(server_db)
    with server_db.read_sessions() as session:
        report = coverage(session, TODAY)
    assert _lines(report.kabupaten) == {
        Category.PERANGKAT_DESA: (2, 4, Decimal("50.0"), True),
        Category.BPD: (1, 9, Decimal("11.1"), True),  # 1 of 5 + 0 of 4
        Category.KETUA_RT: (1, 3, Decimal("33.3"), True),
        Category.PETANI: (1, 2, Decimal("50.0"), False),
    }
    by_name = {k.name: k for k in report.kecamatan}
    assert list(by_name) == ["Bringin", "Paron"]
    assert by_name["Bringin"].villages == 2
    assert _lines(by_name["Paron"].lines) == {Category.BPD: (0, 4, Decimal("0.0"), True)}
    assert [v.code for v in report.villages] == ["35.21.01.2001", "35.21.01.2002", "35.21.02.2001"]


def test_villages_not_synced_for_more_than_n_days(server_db: ServerDatabase) -> None:
    hand_made(server_db)
    with server_db.read_sessions() as session:
        report = coverage(session, TODAY)
    assert [v.code for v in not_synced(report, NOW, 7)] == ["35.21.02.2001", "35.21.01.2002"]
    assert [v.code for v in not_synced(report, NOW, 30)] == ["35.21.02.2001"]  # never synced
    assert report.villages[0].last_sync == datetime(2026, 11, 20, 8, 15)


def test_this_months_totals_per_payer(server_db: ServerDatabase) -> None:
    hand_made(server_db)
    with server_db.read_sessions() as session:
        totals = payer_totals(session, Period(2026, 11))
    assert [(p.payer, p.lines, p.total, p.paid) for p in totals] == [
        (Payer.APBDES, 1, 10_920, 0),  # A's locked November
        (Payer.APBD, 3, 50_400, 33_600),  # C locked; D and the BPD member paid
        (Payer.DBHCHT, 1, 16_800, 16_800),  # E
    ]


def test_overview_bundles_the_figures(server_db: ServerDatabase) -> None:
    hand_made(server_db)
    with server_db.read_sessions() as session:
        view = overview(session, TODAY, NOW, stale_days=7)
    assert (view.arrears, view.warning, view.lapsed) == (2, 1, 1)
    assert len(view.not_synced) == 2
    assert view.period == Period(2026, 11)


def test_a_write_to_a_village_is_seen_by_the_next_report(server_db: ServerDatabase) -> None:
    ids = hand_made(server_db)
    with server_db.read_sessions() as session:
        before = coverage(session, TODAY)  # fills the process's cache
    assert before.villages[2].totals.formasi == 4
    with server_db.sessions.begin() as session:
        HandVillage(session, "35.21.02.2002", "Paron", "Sidomulyo").formasi(Category.BPD, 6)
        write_row(
            session, village_id=ids["c"], entity="position_quota", row_id=new_id(),
            values={"category": "ketua_rw", "count": 2}, actor="operator:tester",
        )  # fmt: skip
    with server_db.read_sessions() as session:
        after = coverage(session, TODAY)
    paron = {k.name: k for k in after.kecamatan}["Paron"]
    assert (paron.villages, paron.totals.formasi) == (2, 12)  # 4 + 2 RW + 6 in the new one


# ---------------------------------------------------------------- agreement with the domain


def _domain_standings(session: Session, day: date) -> dict[uuid.UUID, Any]:
    """app.domain.standing for each worker's latest billed enrollment, rows read plainly."""
    e, w, c = (t.ENTITY_TABLES[n] for n in ("enrollment", "worker", "contribution"))
    rows = session.execute(
        select(e.c.id, e.c.worker_id, e.c.segment, e.c.start_date, e.c.end_date, e.c.status)
        .join(w, w.c.id == e.c.worker_id)
        .where(e.c.deleted.is_(False), w.c.deleted.is_(False), e.c.start_date <= day)
    ).all()
    latest: dict[uuid.UUID, Any] = {}
    for row in sorted(rows, key=lambda r: (r.start_date, r.id)):
        if row.status != EnrollmentStatus.DRAFT:
            latest[row.worker_id] = row
    bills: dict[uuid.UUID, dict[Period, MonthBill]] = defaultdict(dict)
    for line in session.execute(
        select(c.c.enrollment_id, c.c.period, c.c.total, c.c.status).where(
            c.c.deleted.is_(False), c.c.status != "void"
        )
    ):
        bills[line.enrollment_id][Period.parse(line.period)] = MonthBill(
            line.total, line.status == "paid"
        )
    return {
        r.id: standing(Segment(r.segment), r.start_date, r.end_date, bills[r.id], as_of=day)
        for r in latest.values()
    }


@pytest.mark.parametrize("day", [TODAY, date(2026, 11, 10), date(2026, 12, 16), date(2026, 8, 1)])
def test_sql_standing_agrees_with_the_domain_for_every_participant(
    server_db: ServerDatabase, day: date
) -> None:
    bulk_seed(server_db, Scale(villages=3, workers=120, seed=11))
    with server_db.read_sessions() as session:
        expected = _domain_standings(session, day)
        found = {s.enrollment_id: s for s in enrollment_standings(session, day)}
    assert set(found) == set(expected)
    for eid, domain in expected.items():
        mine = found[eid]
        assert (mine.paid_through, mine.months_in_arrears, mine.next_due, mine.state) == (
            domain.paid_through, domain.months_in_arrears, domain.next_due, domain.state,
        ), eid  # fmt: skip
    states = {s.state for s in found.values()}
    assert len(states) >= 3  # the data exercises several states on every day


@pytest.mark.sqlite_only  # the desktop's standing service reads with SQLite's group_concat
def test_coverage_matches_the_desktop_overview_on_one_village(server_db: ServerDatabase) -> None:
    from app.models.engine import Sessions
    from app.services.standing import StandingService

    bulk_seed(server_db, Scale(villages=1, workers=150, seed=3))
    desktop = StandingService(Sessions(server_db.engine), lambda: TODAY).overview()
    with server_db.read_sessions() as session:
        (village,) = coverage(session, TODAY).villages
    formasi_lines = {x.category: x for x in village.lines if x.formasi_set}
    assert {x.category: x.active for x in desktop.coverage if x.active} == {
        x.category: x.active for x in village.lines if x.active
    }
    for line in desktop.coverage:
        if line.positions:
            assert formasi_lines[line.category].percent == line.percent
    assert village.lapsed == desktop.count(State.LAPSED)
    assert village.warning == desktop.count(State.WARNING)


def test_bulk_seed_matches_seeding_through_write_row(
    server_db: ServerDatabase, tmp_path: Path
) -> None:
    scale = Scale(villages=2, workers=12, seed=5)
    bulk_seed(server_db, scale)
    other = open_server_database(None, tmp_path / "by-write-row")
    upgrade(other)
    try:
        seed_rows(other, scale)
        with other.read_sessions() as session:
            expected = report_json(coverage(session, TODAY))
            expected_seq = {vid: seq for vid, seq in session.execute(select(t.village_counter))}
    finally:
        other.dispose()
    with server_db.read_sessions() as session:
        assert report_json(coverage(session, TODAY)) == expected
        assert {vid: seq for vid, seq in session.execute(select(t.village_counter))} == expected_seq
        vid = next(iter(expected_seq))
        pulled = read_pull(session, vid, 0, 100_000)
    assert len(pulled.rows) == expected_seq[vid]  # every row reaches the village's PCs


# ---------------------------------------------------------------- the command line


def test_coverage_json_keys(server_db: ServerDatabase, capsys: pytest.CaptureFixture[str]) -> None:
    hand_made(server_db)
    assert (
        main(["--database-url", server_db.url, "coverage", "--json", "--tanggal", "2026-11-21"])
        == 0
    )
    document = json.loads(capsys.readouterr().out)
    assert list(document) == ["date", "kabupaten", "kecamatan", "villages"]
    assert document["date"] == "2026-11-21"
    line = document["kabupaten"][0]
    assert line == {
        "category": "perangkat_desa", "label": "Perangkat Desa", "active": 2, "formasi": 4,
        "percent": 50.0,
    }  # fmt: skip
    assert list(document["kecamatan"][0]) == ["name", "categories"]
    village = document["villages"][0]
    assert list(village) == [
        "code", "name", "kecamatan", "active", "formasi", "percent", "last_sync",
    ]  # fmt: skip
    assert (village["code"], village["active"], village["formasi"], village["percent"]) == (
        "35.21.01.2001", 4, 9, 44.4,
    )  # fmt: skip
    assert village["last_sync"] == "2026-11-20T08:15:00+00:00"
    assert document["villages"][2]["last_sync"] is None


def test_coverage_text_is_indonesian(
    server_db: ServerDatabase, capsys: pytest.CaptureFixture[str]
) -> None:
    hand_made(server_db)
    assert main(["--database-url", server_db.url, "coverage", "--tanggal", "2026-11-21"]) == 0
    out = capsys.readouterr().out
    assert "Cakupan kepesertaan BPJS Ketenagakerjaan per 21 November 2026" in out
    assert "Kecamatan Paron (1 desa)" in out
    assert "belum pernah" in out
    assert "Warga" not in out  # no names, no NIK


def test_coverage_rejects_a_bad_date(
    server_db: ServerDatabase, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--database-url", server_db.url, "coverage", "--tanggal", "21-11-2026"]) == 1
    assert "tanggal harus berbentuk YYYY-MM-DD" in capsys.readouterr().err

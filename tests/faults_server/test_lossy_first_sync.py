"""Issue 8: a FIRST sync of a 2,000-worker village (with its contribution history) over a
slow, lossy link.

tests/sync/test_scenarios_a.py test_09* already prove single, scripted faults (one 503, one
lost answer, one cut, a server restart) on a few dozen rows. Here the whole first pull of
some 30,000 rows (2,058 workers, 1,944 coverage periods, 25,552 contributions and payments,
bench's synthetic village) goes through tests/faults_server/lossyproxy.py: every request
delayed, about one in eight cut or its answer lost at random, and one outage longer than the
client's retries in the middle of the pull. Proven: progress is reported as pages arrive; a
lost page is asked for again; the run that meets the outage fails with a retry-later error
and keeps what it applied; every later run starts pulling at the saved cursor (never from 0);
in the end the PC holds exactly the server's rows and the verify repairs nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from lossyproxy import PULL, LossyProxy
from scenario_tools import backend_server, client_rows, differences, server_rows
from servertools import ServerHandle, enroll_code
from synctools import PC, open_pc

from app.server.db import ServerDatabase
from app.sync.engine import Progress
from app.sync.errors import Offline, ServerUnavailable, SyncError
from bench.cache import DB_FILENAME, cached_history_database
from bench.sync_server import seed_village

ENROLLMENTS = 2000  # bench's history village: 2,058 workers, 1,944 coverage periods
VILLAGE = {"code": "35.21.05.2001", "name": "Lambat", "kecamatan": "Paron",
           "kabupaten": "Ngawi", "province": "Jawa Timur"}  # fmt: skip


@pytest.fixture(scope="module")
def seeded(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[ServerDatabase, ServerHandle, dict[str, int]]]:
    """The server (SQLite: this is about the link, not the database) holding the village as
    its pushes would have left it. The source village is bench's cached synthetic database
    (generated once per machine under bench/out/)."""
    source, _built = cached_history_database(ENROLLMENTS, 7)
    with backend_server("sqlite", tmp_path_factory.mktemp("server")) as (db, handle):
        copied = seed_village(db, source / DB_FILENAME, VILLAGE)
        yield db, handle, copied


def cursor(pc: PC) -> int:
    return int(pc.scalar("SELECT last_pulled_seq FROM sync_state WHERE id = 1"))


def since_of(path: str) -> int:
    return int(parse_qs(urlsplit(path).query)["since"][0])


def test_first_sync_of_2000_workers_over_a_lossy_link_resumes_and_converges(
    seeded: tuple[ServerDatabase, ServerHandle, dict[str, int]], tmp_path: Path
) -> None:
    db, handle, copied = seeded
    assert copied["worker"] > ENROLLMENTS and copied["contribution"] > 20_000
    village_id = db_village_id(db)
    with LossyProxy(handle.port, seed=20261121, cut=0.0, drop=0.0) as proxy:
        pc = open_pc(tmp_path / "fresh")
        try:
            pc.engine.connect(proxy.url, enroll_code(db, VILLAGE["code"]), label="PC lambat")
            proxy.cut_share = proxy.drop_share = 0.08  # the link turns bad from here on
            proxy.drop("GET", PULL, nth=3)  # besides the random faults, surely one of each
            proxy.cut("GET", PULL, nth=5)
            proxy.outage(after=8, count=6)  # the 8th page in: 6 requests cut, > 5 tries
            runs = run_until_done(pc, proxy)
            proxy.cut_share = proxy.drop_share = 0.0  # the link is good again: check it all
            final = pc.engine.sync(verify=True)
            rows = client_rows(pc)
        finally:
            pc.close()
    outcomes = [r["outcome"] for r in runs]
    print(f"runs {outcomes}; cursors {[r['after'] for r in runs]}; random {dict(proxy.faults)}")
    assert outcomes[-1] == "ok"
    assert len(outcomes) >= 2
    lost = [e for e in proxy.exchanges() if e.status is None]  # the link really was bad
    assert len([e for e in lost if not e.forwarded]) >= 7  # cut before the server saw them
    assert [e for e in lost if e.forwarded]  # the server answered, the answer was lost
    top = runs[-1]["after"]
    # the run that met the outage failed midway, with a retry-later error, keeping its pages
    midway = [r for r in runs if r["outcome"] != "ok" and 0 < r["after"] < top]
    assert midway, runs
    assert {r["outcome"] for r in runs[:-1]} <= {"Offline", "ServerUnavailable"}
    for run in runs:
        assert run["after"] >= run["before"]  # the cursor never goes back
        dones = run["pull_progress"]
        assert dones == sorted(dones)  # progress only moves forward
        if run["first_since"] is not None:
            assert run["first_since"] == run["before"]  # resumes where it stopped, never 0
        if run["pull_progress"]:
            assert dones[-1] == run["after"]
    assert sum(len(r["pull_progress"]) for r in runs) >= 25  # ~30 pages, reported one by one
    # a page whose request was lost was asked for again with the same cursor
    pulls = [since_of(e.path) for e in proxy.exchanges("GET", PULL)]
    assert len(pulls) > len(set(pulls))
    assert final.repaired == () and final.pulled == 0
    assert differences(server_rows(db, village_id), rows) == []
    assert len(rows["worker"]) == copied["worker"]
    assert len(rows["contribution"]) == copied["contribution"]


def run_until_done(pc: PC, proxy: LossyProxy, most: int = 15) -> list[dict[str, object]]:
    """Sync until one run succeeds (each failure is a retry-later error the scheduler would
    answer with another run); what each run started from, reached and reported."""
    runs: list[dict[str, object]] = []
    for _ in range(most):
        before = cursor(pc)
        seen = len(proxy.exchanges("GET", PULL))
        reports: list[Progress] = []
        try:
            pc.engine.sync(progress=reports.append)
            outcome = "ok"
        except (Offline, ServerUnavailable) as exc:
            outcome = type(exc).__name__
        except SyncError as exc:  # anything else is a failure of the test
            raise AssertionError(f"unexpected {type(exc).__name__}: {exc.message}") from exc
        pulls = proxy.exchanges("GET", PULL)[seen:]
        runs.append({
            "outcome": outcome,
            "before": before,
            "after": cursor(pc),
            "first_since": since_of(pulls[0].path) if pulls else None,
            "pull_progress": [r.done for r in reports if r.stage == "pull"],
        })  # fmt: skip
        if outcome == "ok":
            return runs
    raise AssertionError(f"no successful run in {most}: {runs}")


def db_village_id(db: ServerDatabase) -> object:
    from sqlalchemy import select

    from app.server import tables as t

    with db.read_sessions() as session:
        table = t.ENTITY_TABLES["village"]
        return session.scalar(select(table.c.id).where(table.c.code == VILLAGE["code"]))

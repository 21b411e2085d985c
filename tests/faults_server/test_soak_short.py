"""The server soak's short version (issue 8): bench/soak_server.py's own code path, 30 real
village PCs for 45 s against a PostgreSQL cluster of its own and 2 server workers, so CI
exercises what `python -m bench.soak_server --villages 450 --minutes 10 --workers 4` runs.
Zero errors (no failed request, not even one the client retried; no failed sync; no table the
verify had to repair) and nothing lost: every PC compared with the server at the end."""

from __future__ import annotations

from pathlib import Path

from bench import soak_server

VILLAGES = 30


def test_thirty_villages_for_45_seconds_have_no_error_and_lose_nothing(tmp_path: Path) -> None:
    outcome = soak_server.soak(
        tmp_path, villages=VILLAGES, seconds=45, server_workers=2, backend="postgresql",
        shards=2, interval=10.0, threads=3,
    )  # fmt: skip
    tally = outcome["tally"]
    assert outcome["problems"] == []
    assert dict(tally.errors) == {} and dict(tally.failed_syncs) == {}
    assert outcome["repaired"] == []
    assert dict(outcome["setup"].errors) == {}
    assert len(outcome["pcs"]) == VILLAGES
    assert tally.syncs >= 2 * VILLAGES  # the storm, then more rounds, then the drain
    assert sum(pc["issued"] for pc in outcome["pcs"]) > VILLAGES
    assert {"hello", "push", "pull", "review", "verify"} <= set(tally.latencies)
    figures = soak_server.figures(outcome)
    assert [f.failed for f in figures] == [False] * len(figures)
    assert figures[0].value == 0
    assert max(outcome["rss_mb"]) > 0

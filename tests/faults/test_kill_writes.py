"""Power loss during everyday writes: adding and editing workers, recording payments.

One village folder lives through every trial of the test, as an office PC lives through power
cuts: each forked child opens it the way the app does (after the previous kill), makes a few
writes and acknowledges each after its commit returned; the parent kills it at a random moment
and checks the folder before the next trial (see forkserver.py for the seed).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from factories import TODAY, make_nik, make_worker_draft
from faultsites import (
    PERIOD,
    assert_sound_and_reopens,
    open_ctx,
    rows,
    trials,
    unsynced_rows,
    village_with_roster,
)
from forkserver import ForkServer, Report, Trial

from app.config import Paths
from app.domain.rates import Payer

WRITES_PER_TRIAL = 6  # two adds, two edits, two payments
BASE_WORKERS = 3


@dataclass
class Ledger:
    """Everything acknowledged so far, over all trials."""

    added: set[str] = field(default_factory=set)
    edited: dict[str, int] = field(default_factory=dict)  # NIK -> highest acknowledged edit
    paid: set[str] = field(default_factory=set)

    def take(self, trial: Trial) -> None:
        for ack in trial.acks:
            kind, value, *rest = ack.split()
            if kind == "add":
                self.added.add(value)
            elif kind == "edit":
                self.edited[value] = max(self.edited.get(value, 0), int(rest[0]))
            else:
                self.paid.add(value)


def writes(paths: Paths, number: int, base_niks: list[str]) -> object:
    """The child's work in trial `number`: NIKs and references of its own (never reused)."""
    born = date(1960, 1, 1) + timedelta(days=number)

    def run(report: Report) -> None:
        ctx = open_ctx(paths)
        for step in range(WRITES_PER_TRIAL):
            if step % 3 == 0:
                nik = make_nik(born, "L", serial=step + 1)
                ctx.register.add(make_worker_draft(nik=nik, category="perangkat_desa"))
                report.ack(f"add {nik}")
            elif step % 3 == 1:
                nik = base_niks[(number + step) % len(base_niks)]
                mark = number * WRITES_PER_TRIAL + step
                ctx.register.edit(nik, {"address": f"Jl. Uji {mark}"})
                report.ack(f"edit {nik} {mark}")
            else:
                reference = f"BKT-{number}-{step}"
                ctx.roster.pay(
                    PERIOD, Payer.APBDES, amount=1000, paid_on=TODAY, reference=reference
                )
                report.ack(f"pay {reference}")
        ctx.close()

    return run


def check(paths: Paths, ledger: Ledger, where: str) -> None:
    assert_sound_and_reopens(paths, where)
    db = paths.database
    niks = {str(r[0]) for r in rows(db, "SELECT nik FROM worker")}
    assert ledger.added <= niks, f"{where}: acknowledged workers lost"
    addresses = {str(r[0]): str(r[1]) for r in rows(db, "SELECT nik, address FROM worker")}
    for nik, mark in ledger.edited.items():
        stored = int(addresses[nik].rsplit(" ", 1)[-1])
        assert stored >= mark, f"{where}: edit {mark} of a worker lost (stored {stored})"
    references = {str(r[0]) for r in rows(db, "SELECT reference FROM payment")}
    assert ledger.paid <= references, f"{where}: acknowledged payments lost"
    for table in ("worker", "payment"):
        assert unsynced_rows(db, table) == 0, f"{where}: a {table} without its outbox insert"


def test_acknowledged_writes_survive_random_kills(tmp_path: Path, forks: ForkServer) -> None:
    paths = village_with_roster(tmp_path / "data", workers=BASE_WORKERS)
    base = [str(r[0]) for r in rows(paths.database, "SELECT nik FROM worker")]
    timing = forks.measure(*(writes(paths, 5000 + n, base) for n in range(2)))
    ledger = Ledger()
    count = trials(130)
    killed = 0
    for number in range(1, count + 1):
        trial = forks.kill_randomly(writes(paths, number, base), timing, f"writes {number}")
        trial.raise_if_failed()
        ledger.take(trial)
        killed += trial.killed
        check(paths, ledger, trial.where())
    print(f"writes: {killed} kills in {count} trials over {timing} each")
    assert killed >= count // 2, "the kills must land while the child is still writing"
    assert len(ledger.added) > 0 and ledger.paid, "some writes were acknowledged before kills"

"""One client process of the server soak (bench/soak_server.py): a share of the villages, each a
real village PC (AppContext + SyncEngine on its own migrated SQLite file), driven by a few
threads.

Real clients, not protocol-level ones: what is soaked is what the villages run (the outbox,
push batches, pull pages applied with their cursor, review, the daily verify). 450 of them fit
on 2 CPUs because a village syncs about once a minute, not continuously: one sync costs the
PC some 20-60 ms of CPU. The villages are split over several processes (`shards`) so the
client side is not one GIL; the server has its own processes.

Phases, each reported on the queue: `ready` (PCs opened, enrolled, first sync done), then, once
`go` is set, the soak until `deadline` (wall clock): every village is due at once first (a
storm), then again every `interval` s (+-20 %), making one or two small changes (a new worker
or a phone edit) before each sync; then the drain (sync until nothing waits, and once more to
pull the last versions) and the PCs' end state for the comparison with the server.
"""

from __future__ import annotations

import heapq
import random
import threading
import time
from pathlib import Path
from typing import Any

from bench import synth
from bench.soak_parts import Tally, VillagePC

ADD_SHARE = 0.6  # of the changes: a new worker; the rest edit a phone number


def run_shard(job: dict[str, Any], queue: Any, go: Any) -> None:
    """Entry point of a shard process (multiprocessing, spawn): puts ("ready", n) once set up,
    then ("done", result) or ("error", text)."""
    try:
        result = _run(job, queue, go)
    except BaseException as exc:  # the parent must hear about it, not wait forever
        queue.put(("error", f"{type(exc).__name__}: {exc}"))
        raise
    queue.put(("done", result))


def _run(job: dict[str, Any], queue: Any, go: Any) -> dict[str, Any]:
    tally = Tally()
    work = Path(job["work"])
    drafts = synth.make_drafts(job["draft_pool"], job["seed"])
    pcs: list[VillagePC] = []
    for index, enrollment in job["villages"]:
        pc = VillagePC.open(index, work / f"village-{index:04d}", tally)
        pc.connect(job["url"], enrollment)
        pcs.append(pc)
    for pc in pcs:  # the village row comes down; verify becomes due for the first soak sync
        pc.sync(tally)
    setup = tally.reset()  # the soak's figures start clean; set-up failures still count
    queue.put(("ready", len(pcs)))
    go.wait()
    started = time.time()
    deadline = float(Path(job["deadline_file"]).read_text())  # written before `go`
    stats = _soak(pcs, job, tally, drafts, started=started, deadline=deadline)
    state, repaired = _drain(pcs, tally, int(job["threads"]))
    stats["repaired"] += repaired
    for pc in pcs:
        pc.close()
    return {"tally": tally.as_dict(), "setup": setup, "pcs": state, **stats}


def _soak(
    pcs: list[VillagePC],
    job: dict[str, Any],
    tally: Tally,
    drafts: list[Any],
    *,
    started: float,
    deadline: float,
) -> dict[str, Any]:
    rng = random.Random(job["seed"])
    interval = float(job["interval"])
    due = [(started, pc.index) for pc in pcs]  # everyone at once first
    heapq.heapify(due)
    by_index = {pc.index: pc for pc in pcs}
    guard = threading.Lock()
    draft_iter = iter(drafts)
    lags: list[float] = []
    repaired: list[str] = []

    def take() -> tuple[float, VillagePC] | None:
        with guard:
            if not due or due[0][0] >= deadline:
                return None
            when, index = heapq.heappop(due)
            return when, by_index[index]

    def worker(seed: int) -> None:
        local = random.Random(seed)
        while (item := take()) is not None:
            when, pc = item
            wait = when - time.time()
            if wait > 0:
                time.sleep(wait)
            with guard:
                lags.append(max(0.0, time.time() - when))
                batch = [
                    next(draft_iter, None) if local.random() < ADD_SHARE else None
                    for _ in range(1 + (local.random() < 0.3))
                ]
            for draft in batch:
                pc.change(local, draft)
            result = pc.sync(tally)
            nxt = when + interval * local.uniform(0.8, 1.2)
            with guard:
                if result is not None and result.repaired:
                    repaired.extend(result.repaired)
                heapq.heappush(due, (max(nxt, time.time()), pc.index))

    threads = [
        threading.Thread(target=worker, args=(rng.randrange(2**31),), name=f"soak-{n}")
        for n in range(int(job["threads"]))
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return {"lag_s": lags, "repaired": repaired, "soak_seconds": time.time() - started}


def _drain(
    pcs: list[VillagePC], tally: Tally, threads: int
) -> tuple[list[dict[str, Any]], list[str]]:
    """Sync every PC until nothing waits (a few tries), then once more with the verify (the
    server's digests against the PC's: a table it has to repair counts as an error); their end
    state. Failures here still count as errors in the tally. `threads` PCs at a time."""
    from concurrent.futures import ThreadPoolExecutor

    def one(pc: VillagePC) -> tuple[str, ...]:
        for _ in range(5):
            pc.sync(tally)
            if pc.pending() == 0:
                break
        result = pc.sync(tally, verify=True)
        return () if result is None else result.repaired

    with ThreadPoolExecutor(max_workers=threads, thread_name_prefix="drain") as pool:
        repaired = [table for tables in pool.map(one, pcs) for table in tables]
    return [pc.state() for pc in pcs], repaired

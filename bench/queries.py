"""What a village secretary types into the Peserta search box, as a reproducible query set.

Drawn from the register itself so that most queries hit: the start of a name word (as people
type names), a fragment from inside a name, 2-letter stubs while typing, a few strings that match
nobody, NIK prefixes of 4-12 digits (typing a NIK from a KTP) and KPJ prefixes of 4-11 digits;
about a third with the category filter set to the person's category.
"""

from __future__ import annotations

import random
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from app.config import DB_FILENAME
from app.domain.categories import Category
from app.services.register import SearchQuery

NO_MATCH = ("xq", "zz", "qwe", "vy", "jx", "wahyx", "srx", "fq")


@dataclass(frozen=True, slots=True)
class Probe:
    kind: str  # name | name-inner | name-none | nik | kpj
    query: SearchQuery

    @property
    def label(self) -> str:
        category = f" [{self.query.category.value}]" if self.query.category else ""
        return f"{self.kind}:{self.query.text!r}{category}"


def _sample(db: Path, n: int, rng: random.Random) -> list[tuple[str, str, str | None, str]]:
    # immutable: no -shm/-wal files appear beside the cached database, no locks taken.
    conn = sqlite3.connect(f"{(db / DB_FILENAME).resolve().as_uri()}?immutable=1", uri=True)
    try:
        top = conn.execute("SELECT max(rowid) FROM worker").fetchone()[0]
        ids = sorted(rng.sample(range(1, top + 1), min(n, top)))
        marks = ",".join("?" * len(ids))
        rows = conn.execute(
            f"SELECT full_name, nik, kpj, category FROM worker WHERE rowid IN ({marks})", ids
        ).fetchall()
    finally:
        conn.close()
    return [(str(a), str(b), c, str(d)) for a, b, c, d in rows]


def probes(db: Path, *, count: int = 200, seed: int = 7) -> list[Probe]:
    rng = random.Random(seed)
    people = _sample(db, count, rng)
    result: list[Probe] = []
    for i in range(count):
        name, nik, kpj, category = people[i % len(people)]
        kind, text = _text(rng, name, nik, kpj)
        chosen = Category(category) if rng.random() < 0.33 and kind != "name-none" else None
        result.append(Probe(kind, SearchQuery(text=text, category=chosen)))
    return result


def _text(rng: random.Random, name: str, nik: str, kpj: str | None) -> tuple[str, str]:
    roll = rng.random()
    if roll < 0.30:
        word = rng.choice(name.split()).lower()
        return "name", word[: rng.randint(2, 6)]
    if roll < 0.45:
        word = rng.choice(name.split()).lower()
        size = min(len(word), rng.randint(2, 5))
        start = rng.randint(0, len(word) - size)
        return "name-inner", word[start : start + size]
    if roll < 0.55:
        return "name", rng.choice(("sri", "siti", "nur", "muh", "wahy", "ko", "an", "agus"))
    if roll < 0.60:
        return "name-none", rng.choice(NO_MATCH)
    if roll < 0.85 or kpj is None:
        return "nik", nik[: rng.randint(4, 12)]
    return "kpj", kpj[: rng.randint(4, 11)]

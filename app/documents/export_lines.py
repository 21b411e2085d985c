"""From fetched rows to the columns of an export (`Lines`), shared by the desktop's exports and
the kabupaten server's consolidated roster: one place decides what a source column holds.

The rows are labelled with the source names of app.documents.profile_sources (a query selects
`Worker.full_name.label("name")`, ...), so the rows become columns with one C-level
transposition; only what a profile uses is derived (`address_full`, programme flags, amounts).

Pure: app.domain and the profiles only (rows are any sequences, e.g. SQLAlchemy Rows).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from app.documents.export_table import Lines
from app.documents.profile_sources import CHARGED

FLAGS = frozenset(f"programme.{p}" for p in CHARGED)
FROM_AMOUNTS = FLAGS | {f"amount.{p}" for p in CHARGED} | {"programmes"}


def lines_of(
    rows: Sequence[Sequence[Any]],
    keys: Sequence[str],
    needed: set[str],
    constants: Mapping[str, object],
    *,
    roster: bool,
) -> Lines:
    """The fetched rows as columns keyed by source name, plus the constants and derived
    columns the profile uses (`needed`: its columns' sources). A roster row carries `amounts`
    (the contribution's JSON); a registration row carries `programmes` ("JKK,JKM")."""
    count = len(rows)
    columns: dict[str, Sequence[Any]] = (
        dict(zip(keys, zip(*rows, strict=True), strict=True)) if rows else {k: [] for k in keys}
    )
    columns.update({k: [v] * count for k, v in constants.items() if k in needed})
    if "address_full" in needed:
        parts = (columns["address"], columns["dusun"], columns["rt"], columns["rw"])
        columns["address_full"] = list(map(full_address, *parts))
    if roster and needed & FROM_AMOUNTS:
        columns.update(from_amounts(columns["amounts"], needed))
    elif not roster and needed & FLAGS:
        chosen = [set(text.split(",")) for text in columns["programmes"]]
        columns.update({f"programme.{p}": [p in c for c in chosen] for p in CHARGED})
    return Lines(count, columns)


def from_amounts(texts: Sequence[str], needed: set[str]) -> dict[str, list[Any]]:
    """A roster line as billed: its programmes are those of its amounts (a locked month keeps
    what was billed even when the enrollment changed since). Only the columns in `needed`."""
    # One parse of one JSON array: a C-level pass instead of a json.loads call per line.
    amounts: list[dict[str, list[int]]] = json.loads("[" + ",".join(texts) + "]")
    columns: dict[str, list[Any]] = {}
    for p in CHARGED:
        if f"programme.{p}" in needed:
            columns[f"programme.{p}"] = [p in a for a in amounts]
        if f"amount.{p}" in needed:
            columns[f"amount.{p}"] = [sum(a[p]) if p in a else 0 for a in amounts]
    if "programmes" in needed:
        columns["programmes"] = [",".join(p for p in CHARGED if p in a) for a in amounts]
    return columns


def full_address(
    address: str | None, dusun: str | None, rt: str | None, rw: str | None
) -> str | None:
    """`Jl. Raya No. 5, Dusun Krajan, RT 003/RW 012`: the parts that are known."""
    parts = [address] if address else []
    if dusun:
        parts.append(f"Dusun {dusun}")
    neighbourhood = "/".join(x for x in (f"RT {rt}" if rt else "", f"RW {rw}" if rw else "") if x)
    if neighbourhood:
        parts.append(neighbourhood)
    return ", ".join(parts) or None

"""USB bundles on the server, mutated: random bytes flipped anywhere (magic, length, header,
nonce, ciphertext, tag), cut at any length, garbage appended, the length field rewritten, the
header edited to name village B's device or code. Every variant is refused with a
BundleError in Indonesian, writes nothing to the database (every table compared) and leaves
no reply file; the untouched bundle still imports (so the comparison can fail).

A bundle of village A imported under B's device (the header edited, or A's file signed with
B's key) and A's reply opened with B's key are refused too.
"""

from __future__ import annotations

import json
import struct
import tempfile
import uuid
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.models import new_id
from app.server.bundles import import_bundle_file
from app.sync.bundle_format import MAGIC, VillageBundle, open_bundle, write_bundle
from app.sync.errors import BundleError
from app.sync.protocol import Hello
from tests.hostile.conftest import Villages, fuzz_examples
from tests.hostile.dbsnapshot import changed_tables, snapshot
from tests.hostile.test_cross_village import village_id
from tests.server.merge_tools import Ops, worker_fields
from tests.wording import words

_INDONESIAN = {"bundel", "tidak", "bukan", "rusak", "minta", "berkas", "perangkat"}


def village_bundle(villages: Villages, path: Path, *, key: str | None = None) -> Path:
    hello = Hello(
        device_id=villages.a.device_id,
        db_instance_id=uuid.uuid4(),
        protocol_version=2,
        schema_version="0004",
        app_version="1.0",
        max_device_seq=1,
        last_pulled_seq=0,
        client_time=datetime.now(UTC),
    )
    op = Ops().insert("worker", new_id(), worker_fields(village_id(villages, villages.a.code)))
    write_bundle(
        path,
        kind="village",
        device_id=villages.a.device_id,
        village_code=villages.a.code,
        key=key or villages.a.bundle_key,
        payload=VillageBundle(hello=hello, ops=[op]),
    )
    return path


def assert_refused_cleanly(villages: Villages, path: Path, before: dict[str, object]) -> None:
    reply = path.with_name("balasan.payung")
    with pytest.raises(BundleError) as caught:
        import_bundle_file(villages.db, path, reply)
    found = words(caught.value.message)
    assert found & _INDONESIAN, caught.value.message
    assert changed_tables(before, snapshot(villages.db)) == []
    assert not reply.exists()


def _mutations() -> st.SearchStrategy[tuple[str, int, bytes]]:
    return st.tuples(
        st.sampled_from(["flip", "cut", "append", "length"]),
        st.integers(min_value=0, max_value=10**6),
        st.binary(min_size=1, max_size=64),
    )


def mutate(whole: bytes, kind: str, at: int, data: bytes) -> bytes:
    at %= len(whole)
    if kind == "cut":
        return whole[:at]
    if kind == "append":
        return whole + data
    if kind == "length":
        return whole[: len(MAGIC)] + struct.pack(">I", at) + whole[len(MAGIC) + 4 :]
    changed = bytes(b ^ (d or 1) for b, d in zip(whole[at : at + len(data)], data, strict=False))
    return whole[:at] + changed + whole[at + len(changed) :]


@settings(
    max_examples=fuzz_examples(60),
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(mutation=_mutations())
def test_mutated_bundles_are_refused_and_write_nothing(
    two_villages: Villages, mutation: tuple[str, int, bytes]
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = village_bundle(two_villages, Path(folder) / "desa.payung")
        broken = mutate(path.read_bytes(), *mutation)
        if broken == path.read_bytes():
            return
        path.write_bytes(broken)
        assert_refused_cleanly(two_villages, path, snapshot(two_villages.db))


def _edit_header(path: Path, **changes: str) -> None:
    whole = path.read_bytes()
    start = len(MAGIC) + 4
    (length,) = struct.unpack(">I", whole[len(MAGIC) : start])
    header = json.loads(whole[start : start + length])
    header.update(changes)
    raw = json.dumps(header).encode()
    path.write_bytes(MAGIC + struct.pack(">I", len(raw)) + raw + whole[start + length :])


@pytest.mark.parametrize("claim", ["device", "code", "both"])
def test_a_bundle_of_a_under_bs_device_is_refused(
    two_villages: Villages, tmp_path: Path, claim: str
) -> None:
    path = village_bundle(two_villages, tmp_path / "desa.payung")
    changes = {
        "device": {"device_id": two_villages.b.device_id},
        "code": {"village_code": two_villages.b.code},
        "both": {"device_id": two_villages.b.device_id, "village_code": two_villages.b.code},
    }[claim]
    _edit_header(path, **changes)
    assert_refused_cleanly(two_villages, path, snapshot(two_villages.db))


def test_a_bundle_naming_a_but_sealed_with_bs_key_is_refused(
    two_villages: Villages, tmp_path: Path
) -> None:
    path = village_bundle(two_villages, tmp_path / "desa.payung", key=two_villages.b.bundle_key)
    assert_refused_cleanly(two_villages, path, snapshot(two_villages.db))


def test_the_untouched_bundle_imports_and_its_reply_is_only_as_readable(
    two_villages: Villages, tmp_path: Path
) -> None:
    path = village_bundle(two_villages, tmp_path / "desa.payung")
    before = snapshot(two_villages.db)
    summary = import_bundle_file(two_villages.db, path, tmp_path / "balasan.payung")
    assert summary.applied == 1
    assert "worker" in changed_tables(before, snapshot(two_villages.db))
    open_bundle(tmp_path / "balasan.payung", two_villages.a.bundle_key, expect_kind="reply")
    with pytest.raises(BundleError):  # A's reply on B's PC: B's key cannot open it
        open_bundle(tmp_path / "balasan.payung", two_villages.b.bundle_key, expect_kind="reply")

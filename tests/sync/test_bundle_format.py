"""USB bundle files: round trip, and every way a file can be wrong is refused in Indonesian."""

from __future__ import annotations

import base64
import os
import uuid
import zlib
from datetime import UTC, datetime
from pathlib import Path

import pytest

from app.sync.bundle_format import (
    MAGIC,
    NOT_A_BUNDLE,
    TAMPERED,
    UNKNOWN_CONTENT,
    BundleHeader,
    ReplyBundle,
    VillageBundle,
    decode_key,
    new_key,
    open_bundle,
    read_header,
    write_bundle,
    write_raw_bundle,
)
from app.sync.errors import BundleError
from app.sync.protocol import (
    Hello,
    HelloReply,
    Op,
    OpResult,
    PullPage,
    ReviewReply,
    RowChange,
)

DEVICE = "dev-3f9a2c7d1e0b"
CODE = "35.21.01.2001"
NOW = datetime(2026, 11, 21, 8, 30, tzinfo=UTC)


def _hello() -> Hello:
    return Hello(
        device_id=DEVICE,
        db_instance_id=uuid.uuid4(),
        protocol_version=2,
        schema_version="0004",
        app_version="1.0",
        max_device_seq=2,
        last_pulled_seq=0,
        client_time=NOW,
    )


def _ops() -> list[Op]:
    row = uuid.uuid4()
    return [
        Op(
            device_seq=1,
            op_id=uuid.uuid4(),
            entity="worker",
            row_id=row,
            op="insert",
            fields={"full_name": "Siti Aminah", "nik": "3521014508900001"},
        ),
        Op(
            device_seq=2,
            op_id=uuid.uuid4(),
            entity="worker",
            row_id=row,
            op="update",
            fields={"full_name": "Siti Aminah Rahayu"},
            base={"full_name": "Siti Aminah"},
        ),
    ]


def _village(key: str, path: Path) -> tuple[BundleHeader, VillageBundle]:
    payload = VillageBundle(hello=_hello(), ops=_ops())
    header = write_bundle(
        path, kind="village", device_id=DEVICE, village_code=CODE, key=key, payload=payload
    )
    return header, payload


def _reply() -> ReplyBundle:
    row = uuid.uuid4()
    return ReplyBundle(
        hello=HelloReply(server_time=NOW, action="ok", expected_device_seq=3, server_seq=7),
        results=[OpResult(device_seq=1, op_id=uuid.uuid4(), result="applied", version=5)],
        pages=[
            PullPage(
                rows=[
                    RowChange(
                        entity="worker", id=row, version=5, deleted=False, values={"nik": "1"}
                    )
                ],
                next_since=7,
                has_more=False,
                server_seq=7,
            )
        ],
        review=ReviewReply(conflicts=[], quarantined=[]),
    )


def _refused(path: Path, key: str, message: str, kind: str = "village") -> None:
    with pytest.raises(BundleError) as caught:
        open_bundle(path, key, expect_kind=kind)  # type: ignore[call-overload]
    assert caught.value.message == message


def test_village_bundle_round_trip(tmp_path: Path) -> None:
    key = new_key()
    path = tmp_path / "desa.payung"
    header, payload = _village(key, path)
    assert path.read_bytes().startswith(MAGIC)
    assert read_header(path) == header
    assert header.kind == "village" and header.device_id == DEVICE
    assert header.village_code == CODE
    opened_header, opened = open_bundle(path, key, expect_kind="village")
    assert opened_header == header
    assert opened == payload
    # personal data never shows in the file: the payload is encrypted
    assert b"Siti" not in path.read_bytes()
    assert not list(tmp_path.glob(".*.part"))


def test_reply_bundle_round_trip_from_a_dict(tmp_path: Path) -> None:
    key = new_key()
    path = tmp_path / "balasan.payung"
    reply = _reply()
    write_bundle(
        path,
        kind="reply",
        device_id=DEVICE,
        village_code=CODE,
        key=key,
        payload=reply.model_dump(mode="json"),
    )
    _, opened = open_bundle(path, key, expect_kind="reply")
    assert opened == reply


def test_each_bundle_has_its_own_id_and_nonce(tmp_path: Path) -> None:
    key = new_key()
    first, _ = _village(key, tmp_path / "a.payung")
    second, _ = _village(key, tmp_path / "b.payung")
    assert first.bundle_id != second.bundle_id
    assert first.nonce != second.nonce


def test_rewriting_replaces_the_file_whole(tmp_path: Path) -> None:
    key = new_key()
    path = tmp_path / "desa.payung"
    _village(key, path)
    header, _ = _village(key, path)
    assert read_header(path).bundle_id == header.bundle_id
    assert sorted(p.name for p in tmp_path.iterdir()) == ["desa.payung"]


def test_a_failed_write_leaves_no_part_file_and_the_old_bundle(tmp_path: Path) -> None:
    key = new_key()
    path = tmp_path / "desa.payung"
    header, _ = _village(key, path)
    payload = VillageBundle(hello=_hello(), ops=[])
    with pytest.raises(BundleError):
        write_bundle(
            path, kind="village", device_id=DEVICE, village_code=CODE, key="short", payload=payload
        )
    with pytest.raises(Exception):  # noqa: B017 - pydantic refuses the payload before writing
        write_bundle(
            path, kind="village", device_id=DEVICE, village_code=CODE, key=key, payload={"x": 1}
        )
    assert read_header(path).bundle_id == header.bundle_id
    assert sorted(p.name for p in tmp_path.iterdir()) == ["desa.payung"]


def test_a_rename_that_fails_removes_the_part_file(tmp_path: Path) -> None:
    target = tmp_path / "folder.payung"
    (target / "isi").mkdir(parents=True)  # a non-empty folder cannot be replaced by a file
    with pytest.raises(BundleError) as caught:
        _village(new_key(), target)
    assert "tidak dapat ditulis" in caught.value.message
    assert isinstance(caught.value.__cause__, OSError)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["folder.payung"]


def test_every_changed_byte_is_refused(tmp_path: Path) -> None:
    key = new_key()
    path = tmp_path / "desa.payung"
    _village(key, path)
    original = path.read_bytes()
    bad = tmp_path / "bad.payung"
    for index in range(len(original)):
        changed = bytearray(original)
        changed[index] ^= 0x01
        bad.write_bytes(bytes(changed))
        with pytest.raises(BundleError) as caught:
            open_bundle(bad, key, expect_kind="village")
        assert caught.value.message in {NOT_A_BUNDLE, TAMPERED}, index


def test_header_edited_to_claim_another_device_is_refused(tmp_path: Path) -> None:
    key = new_key()
    path = tmp_path / "desa.payung"
    _village(key, path)
    data = path.read_bytes()
    forged = data.replace(DEVICE.encode(), b"dev-000000000000")
    assert forged != data and len(forged) == len(data)
    path.write_bytes(forged)
    assert read_header(path).device_id == "dev-000000000000"  # readable, not trusted
    _refused(path, key, TAMPERED)


def test_truncated_at_any_length_is_refused(tmp_path: Path) -> None:
    key = new_key()
    path = tmp_path / "desa.payung"
    _village(key, path)
    original = path.read_bytes()
    cut = tmp_path / "cut.payung"
    for length in [0, 3, 8, 11, 12, 40, len(original) // 2, len(original) - 17, len(original) - 1]:
        cut.write_bytes(original[:length])
        with pytest.raises(BundleError) as caught:
            open_bundle(cut, key, expect_kind="village")
        assert caught.value.message in {NOT_A_BUNDLE, TAMPERED}, length


def test_short_file_is_not_a_bundle(tmp_path: Path) -> None:
    path = tmp_path / "foto.jpg"
    path.write_bytes(b"\xff\xd8\xff\xe0" + os.urandom(200))
    with pytest.raises(BundleError) as caught:
        read_header(path)
    assert "bukan bundel Payung Desa" in caught.value.message
    assert "flashdisk" in caught.value.message
    _refused(path, new_key(), NOT_A_BUNDLE)


def test_unwritable_folder_is_refused_in_indonesian(tmp_path: Path) -> None:
    blocker = tmp_path / "bukan-folder"
    blocker.write_text("x")
    with pytest.raises(BundleError) as caught:
        _village(new_key(), blocker / "desa.payung")
    assert "flashdisk" in caught.value.message


def test_folder_given_as_bundle_is_named(tmp_path: Path) -> None:
    with pytest.raises(BundleError) as caught:
        read_header(tmp_path)
    assert "folder" in caught.value.message


def test_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(BundleError) as caught:
        open_bundle(tmp_path / "tidak-ada.payung", new_key(), expect_kind="reply")
    assert "tidak-ada.payung" in caught.value.message
    assert "tidak ditemukan" in caught.value.message


def test_wrong_key_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "desa.payung"
    _village(new_key(), path)
    _refused(path, new_key(), TAMPERED)
    assert "minta bundel baru" in TAMPERED


def test_invalid_key_is_refused(tmp_path: Path) -> None:
    with pytest.raises(BundleError) as caught:
        decode_key("bukan-kunci")
    assert "sambungkan ulang" in caught.value.message


def test_wrong_kind_is_refused_both_ways(tmp_path: Path) -> None:
    key = new_key()
    village = tmp_path / "desa.payung"
    _village(key, village)
    with pytest.raises(BundleError) as caught:
        open_bundle(village, key, expect_kind="reply")
    assert "bundel kiriman desa" in caught.value.message
    assert "payung-server bundle import" in caught.value.message
    reply = tmp_path / "balasan.payung"
    write_bundle(
        reply, kind="reply", device_id=DEVICE, village_code=CODE, key=key, payload=_reply()
    )
    with pytest.raises(BundleError) as caught:
        open_bundle(reply, key, expect_kind="village")
    assert "bundel balasan" in caught.value.message


def _hostile(path: Path, key: str, compressed: bytes, kind: str = "village") -> None:
    header = BundleHeader(
        kind=kind,  # type: ignore[arg-type]
        device_id=DEVICE,
        village_code=CODE,
        bundle_id=uuid.uuid4(),
        created_at=NOW,
        nonce=base64.urlsafe_b64encode(os.urandom(12)).decode(),
    )
    write_raw_bundle(path, header, decode_key(key), compressed)


def test_zip_bomb_is_capped(tmp_path: Path) -> None:
    key = new_key()
    path = tmp_path / "bom.payung"
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)
    zeros = bytes(1024 * 1024)
    bomb = b"".join(compressor.compress(zeros) for _ in range(64)) + compressor.flush()
    assert len(bomb) < 200_000  # 64 MB of zeros in a small file
    _hostile(path, key, bomb)
    with pytest.raises(BundleError) as caught:
        open_bundle(path, key, expect_kind="village", max_payload=8 * 1024 * 1024)
    assert "terlalu besar" in caught.value.message
    assert "8 MB" in caught.value.message


def test_authentic_but_unreadable_content_is_refused(tmp_path: Path) -> None:
    key = new_key()
    path = tmp_path / "aneh.payung"
    _hostile(path, key, b"not gzip at all")
    _refused(path, key, UNKNOWN_CONTENT)
    gz = zlib.compressobj(6, zlib.DEFLATED, 31)
    _hostile(path, key, gz.compress(b'{"hello": 1, "ops": []}') + gz.flush())
    _refused(path, key, UNKNOWN_CONTENT)
    gz = zlib.compressobj(6, zlib.DEFLATED, 31)
    body = VillageBundle(hello=_hello(), ops=[]).model_dump_json().encode()
    _hostile(path, key, gz.compress(body) + gz.flush() + b"trailing")
    _refused(path, key, UNKNOWN_CONTENT)
    gz = zlib.compressobj(6, zlib.DEFLATED, 31)
    whole = gz.compress(body) + gz.flush()
    _hostile(path, key, whole[:-6])  # an unfinished gzip stream
    _refused(path, key, UNKNOWN_CONTENT)
    gz = zlib.compressobj(6, zlib.DEFLATED, 31)
    _hostile(path, key, whole)
    assert open_bundle(path, key, expect_kind="village")[1].ops == []


def test_extra_payload_keys_are_refused(tmp_path: Path) -> None:
    key = new_key()
    path = tmp_path / "lebih.payung"
    body = VillageBundle(hello=_hello(), ops=[]).model_dump(mode="json")
    body["village_id"] = str(uuid.uuid4())
    import json

    gz = zlib.compressobj(6, zlib.DEFLATED, 31)
    _hostile(path, key, gz.compress(json.dumps(body).encode()) + gz.flush())
    _refused(path, key, UNKNOWN_CONTENT)

"""USB bundle files: the sync ops and pages of one village on a flash disk (DESIGN.md 6.9).

A village without a connection exports a *village* bundle (its hello and every pending op); the
DPMD imports it on the server and hands back a *reply* bundle (op results, pull pages, review
lists) built by the same push and pull code as the online sync. Both sides read this module:
the desktop client (`app.sync.bundle_client`) and the server (`app.server.bundles`), so it
imports only the wire models, the error class and the atomic file writer of app.documents.

File layout::

    b"PAYUNGB1"                          magic and format version
    uint32 big-endian                    length of the header
    header JSON                          BundleHeader (readable without the key)
    AES-GCM(key, nonce, gzip(payload JSON), associated data = everything above)

The key is the device's bundle key (URL-safe base64 of 32 bytes, given at `payung connect`).
The header travels in clear so the server can pick the device's key, but it is authenticated:
changing one byte of it (say, to claim another device) makes the tag fail. The payload is
decompressed in bounded steps, so a hostile file cannot inflate into gigabytes of memory.

Files are written to `.<name>.part` in the same folder, fsynced, renamed and the folder fsynced,
so a stick pulled out mid-write leaves either no bundle or the previous complete one.
"""

from __future__ import annotations

import base64
import binascii
import os
import struct
import uuid
import zlib
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any, BinaryIO, Literal, overload

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from app.documents import fileio
from app.domain.disk import write_problem
from app.sync.errors import BundleError
from app.sync.protocol import Hello, HelloReply, Op, OpResult, PullPage, ReviewReply

MAGIC = b"PAYUNGB1"
_LENGTH = struct.Struct(">I")
PREFIX_BYTES = len(MAGIC) + _LENGTH.size
MAX_HEADER_BYTES = 16 * 1024
MAX_PAYLOAD_BYTES = 512 * 1024 * 1024
"""The most a payload may decompress to; larger bundles are refused (zip-bomb safe)."""
MAX_FILE_BYTES = 512 * 1024 * 1024
"""The most a bundle file may weigh on disk (its payload is gzip-compressed)."""
NONCE_BYTES = 12
KEY_BYTES = 32
_TAG_BYTES = 16
_CHUNK = 1024 * 1024

BundleKind = Literal["village", "reply"]

NOT_A_BUNDLE = (
    "Berkas ini bukan bundel Payung Desa atau terpotong (mungkin flashdisk dicabut terlalu "
    "cepat); salin ulang bundelnya dari komputer asalnya."
)
TAMPERED = "Berkas bundel rusak atau telah diubah; minta bundel baru dari komputer yang membuatnya."
UNKNOWN_CONTENT = (
    "Isi bundel tidak sesuai format yang dikenal aplikasi ini (mungkin dibuat versi Payung Desa "
    "yang lain); perbarui aplikasi atau minta bundel baru."
)
BAD_KEY = (
    "Kunci bundel perangkat ini tidak valid; sambungkan ulang perangkat ini dengan kode baru "
    "dari DPMD."
)
_WRONG_KIND = {
    "reply": (
        "Berkas ini bundel kiriman desa, bukan bundel balasan dari kabupaten; impor berkas ini "
        "di server kabupaten (payung-server bundle import), lalu impor berkas balasannya di sini."
    ),
    "village": (
        "Berkas ini bundel balasan dari server, bukan bundel kiriman desa; bawa berkas ini ke "
        "komputer desa dan impor di sana (payung bundle import)."
    ),
}


def _too_large(limit: int) -> str:
    return (
        f"Bundel ini terlalu besar (lebih dari {limit // (1024 * 1024)} MB); buat bundel baru "
        "lebih sering agar isinya lebih kecil, atau hubungi DPMD."
    )


class BundleHeader(BaseModel):
    """The clear-text (but authenticated) header: who made the bundle, for which device."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: BundleKind
    device_id: Annotated[str, Field(min_length=1, max_length=64)]
    village_code: Annotated[str, Field(max_length=40)]
    bundle_id: uuid.UUID
    created_at: datetime
    nonce: Annotated[str, Field(min_length=16, max_length=16)]  # base64url of 12 bytes


class VillageBundle(BaseModel):
    """Payload of a village bundle: the same hello and ops an online sync would send."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    hello: Hello
    ops: list[Op]


class ReplyBundle(BaseModel):
    """Payload of a reply bundle: what the server answered to the village bundle."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    hello: HelloReply
    results: list[OpResult]
    pages: list[PullPage]
    review: ReviewReply


def decode_key(key: str) -> bytes:
    """The 32 raw bytes of a bundle key (URL-safe base64, padding optional)."""
    try:
        raw = base64.urlsafe_b64decode(key + "=" * (-len(key) % 4))
    except (binascii.Error, ValueError):
        raise BundleError(BAD_KEY) from None
    if len(raw) != KEY_BYTES:
        raise BundleError(BAD_KEY)
    return raw


def new_key() -> str:
    """A fresh bundle key (the server makes one per device; tests use it too)."""
    return base64.urlsafe_b64encode(os.urandom(KEY_BYTES)).decode("ascii")


# -- writing ---------------------------------------------------------------------------------


def write_bundle(
    path: Path,
    *,
    kind: BundleKind,
    device_id: str,
    village_code: str,
    key: str,
    payload: VillageBundle | ReplyBundle | dict[str, Any],
) -> BundleHeader:
    """Encrypt `payload` (validated against the model of `kind`) into `path`, atomically.

    Raises BundleError when the file cannot be written (`path` is then untouched)."""
    model: type[VillageBundle] | type[ReplyBundle] = (
        VillageBundle if kind == "village" else ReplyBundle
    )
    if isinstance(payload, dict):
        payload = model.model_validate(payload)
    elif not isinstance(payload, model):
        raise TypeError(f"a {kind} bundle needs a {model.__name__} payload")
    raw_key = decode_key(key)
    nonce = os.urandom(NONCE_BYTES)
    header = BundleHeader(
        kind=kind,
        device_id=device_id,
        village_code=village_code,
        bundle_id=uuid.uuid4(),
        created_at=datetime.now(UTC),
        nonce=base64.urlsafe_b64encode(nonce).decode("ascii"),
    )
    body = payload.model_dump_json().encode("utf-8")
    try:
        write_raw_bundle(path, header, raw_key, _gzip(body))
    except OSError as exc:
        raise unwritable(path, exc) from exc
    return header


def write_raw_bundle(path: Path, header: BundleHeader, raw_key: bytes, compressed: bytes) -> None:
    """Seal already-compressed payload bytes under `header` (the nonce comes from the header).

    `write_bundle` is the normal way in; this one exists so tests can build hostile files."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    header_bytes = header.model_dump_json().encode("utf-8")
    if len(header_bytes) > MAX_HEADER_BYTES:
        raise ValueError("bundle header too long")
    prefix = MAGIC + _LENGTH.pack(len(header_bytes)) + header_bytes
    nonce = base64.urlsafe_b64decode(header.nonce)
    sealed = AESGCM(raw_key).encrypt(nonce, compressed, prefix)
    write_atomically(path, prefix + sealed)


def _gzip(data: bytes) -> bytes:
    compressor = zlib.compressobj(6, zlib.DEFLATED, 31)  # 31: gzip container
    return compressor.compress(data) + compressor.flush()


def write_atomically(path: Path, data: bytes) -> Path:
    """`data` through a `.part` file, fsynced and renamed (app.documents.fileio): `path` is
    then either absent or still the previous complete file, never half a bundle."""

    def write(fh: BinaryIO) -> None:
        fh.write(data)

    return fileio.write_atomically(path, write)


# -- reading ---------------------------------------------------------------------------------


def _read_prefix(fh: Any) -> tuple[bytes, BundleHeader]:
    """The magic+length+header bytes (the associated data) and the parsed header."""
    start = fh.read(PREFIX_BYTES)
    if len(start) < PREFIX_BYTES or not start.startswith(MAGIC):
        raise BundleError(NOT_A_BUNDLE)
    (length,) = _LENGTH.unpack(start[len(MAGIC) :])
    if length == 0 or length > MAX_HEADER_BYTES:
        raise BundleError(NOT_A_BUNDLE)
    header_bytes = fh.read(length)
    if len(header_bytes) < length:
        raise BundleError(NOT_A_BUNDLE)
    try:
        header = BundleHeader.model_validate_json(header_bytes)
    except ValidationError:
        raise BundleError(TAMPERED) from None
    return start + header_bytes, header


def _unreadable(path: Path, exc: OSError) -> BundleError:
    if isinstance(exc, IsADirectoryError):
        return BundleError(f"'{path.name}' adalah folder, bukan berkas bundel; pilih berkasnya.")
    if isinstance(exc, FileNotFoundError | NotADirectoryError):
        return BundleError(f"Berkas bundel '{path.name}' tidak ditemukan; periksa lokasinya.")
    return BundleError(
        f"Berkas bundel '{path.name}' tidak dapat dibaca; periksa flashdisk dan hak aksesnya, "
        "atau salin berkasnya ke komputer ini dulu."
    )


def unwritable(path: Path, exc: OSError | None = None) -> BundleError:
    """The Indonesian refusal for a bundle that could not be written (full, read-only, gone):
    the cause when the OS error says it, else what to check on the flash disk."""
    if exc is not None:
        return BundleError(f"Bundel tidak dapat ditulis ke '{path}': {write_problem(exc)}.")
    return BundleError(
        f"Bundel tidak dapat ditulis ke '{path}'; periksa flashdisk masih terpasang, tidak "
        "penuh dan tidak dikunci tulis, lalu coba lagi."
    )


def read_header(path: Path) -> BundleHeader:
    """The header of a bundle, without the key (NOT yet authenticated: only pick the key with
    it; `open_bundle` checks that nothing was changed)."""
    try:
        with path.open("rb") as fh:
            return _read_prefix(fh)[1]
    except OSError as exc:
        raise _unreadable(path, exc) from None


@overload
def open_bundle(
    path: Path, key: str, *, expect_kind: Literal["village"], max_payload: int = ...
) -> tuple[BundleHeader, VillageBundle]: ...
@overload
def open_bundle(
    path: Path, key: str, *, expect_kind: Literal["reply"], max_payload: int = ...
) -> tuple[BundleHeader, ReplyBundle]: ...
def open_bundle(
    path: Path, key: str, *, expect_kind: BundleKind, max_payload: int = MAX_PAYLOAD_BYTES
) -> tuple[BundleHeader, VillageBundle | ReplyBundle]:
    """Authenticate, decrypt, decompress (at most `max_payload` bytes) and validate a bundle.

    Raises BundleError: not a bundle or truncated, tampered or another key, wrong kind, too
    large, or content this version does not understand."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    raw_key = decode_key(key)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise BundleError(_too_large(MAX_FILE_BYTES))
        with path.open("rb") as fh:
            prefix, header = _read_prefix(fh)
            sealed = fh.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise _unreadable(path, exc) from None
    if len(sealed) < _TAG_BYTES:
        raise BundleError(NOT_A_BUNDLE)
    try:
        nonce = base64.urlsafe_b64decode(header.nonce)
    except (binascii.Error, ValueError):
        raise BundleError(TAMPERED) from None
    if len(nonce) != NONCE_BYTES:
        raise BundleError(TAMPERED)
    try:
        compressed = AESGCM(raw_key).decrypt(nonce, sealed, prefix)
    except InvalidTag:
        raise BundleError(TAMPERED) from None
    del sealed
    if header.kind != expect_kind:
        raise BundleError(_WRONG_KIND[expect_kind])
    body = _gunzip_capped(compressed, max_payload)
    del compressed
    model: type[VillageBundle] | type[ReplyBundle] = (
        VillageBundle if expect_kind == "village" else ReplyBundle
    )
    try:
        return header, model.model_validate_json(body)
    except ValidationError:
        raise BundleError(UNKNOWN_CONTENT) from None


def _gunzip_capped(compressed: bytes, limit: int) -> bytes:
    """Decompress one gzip member in bounded steps; more than `limit` bytes -> BundleError."""
    inflater = zlib.decompressobj(31)
    out = bytearray()
    data = compressed
    try:
        while True:
            chunk = inflater.decompress(data, _CHUNK)
            out += chunk
            if len(out) > limit:
                raise BundleError(_too_large(limit))
            data = inflater.unconsumed_tail
            if inflater.eof or (not data and not chunk):
                break
    except zlib.error:
        raise BundleError(UNKNOWN_CONTENT) from None
    if not inflater.eof or inflater.unused_data:
        raise BundleError(UNKNOWN_CONTENT)
    return bytes(out)

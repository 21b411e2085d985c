"""The sync wire format, shared by the desktop client and the server (DESIGN.md section 6).

Every request and answer body is one of the pydantic models below; unknown keys and wrong types
are refused (`extra="forbid"`), so a malformed payload gets a clear 4xx instead of being half
understood. Bodies may travel gzip-compressed (`Content-Encoding: gzip`).

Protocol versions (the server accepts `MIN_PROTOCOL` .. `PROTOCOL_VERSION`):
- 1 (2026-10-01): hello, pull and verify; push sent whole rows without base values.
- 2 (2026-11-21): push sends the changed fields with their base values (three-way merge),
  ops carry `op_id`, review lists (conflicts, quarantine) and conflict resolution by op.
A version-1 client may still hello, pull and verify; its push is answered 426 with an
Indonesian upgrade message.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

PROTOCOL_VERSION = 2
MIN_PROTOCOL = 1
MIN_PUSH_PROTOCOL = 2
PROTOCOL_NOTES: dict[int, str] = {
    1: "2026-10-01: hello, pull, verify; push sent whole rows without base values",
    2: "2026-11-21: push with changed fields and base values, op_id, review and resolution",
}

BATCH_SIZE = 200
"""Ops per push (about 200, DESIGN.md section 6); pull pages are PULL_PAGE."""
MAX_BATCH = 500
"""The most ops one push may carry; larger bodies are refused with 413."""
PAGE_LIMIT_MAX = 1000
PULL_PAGE = 1000
"""Change-log entries per pull page the client asks for (at most PAGE_LIMIT_MAX). A page's
fixed costs (a round trip, two fsynced commits: the PC's page + cursor and the server's device
stamp) are paid once per 1,000 rows; a first sync of 76,500 rows is 77 pages, not 383."""
MAX_BODY_BYTES = 8 * 1024 * 1024
SEQ_MAX = 2**63 - 1  # the largest BIGINT: a bigger sequence number would overflow the column


def _utc(value: datetime) -> datetime:
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


# Every counter the database stores: bounded, so a hostile number is a 422, not an overflow.
Seq = Annotated[int, Field(ge=0, le=SEQ_MAX)]
# A time the server stored as naive UTC, sent with its offset (RFC 3339 date-time).
ServerTime = Annotated[datetime, AfterValidator(_utc)]
"""Largest request body the server reads (after gunzip)."""

# Entity tables that travel, in dependency order (a row's parents come before it). `rate` is
# kabupaten-wide reference data seeded from resources/rates on every PC and never synced.
SYNC_ENTITIES: tuple[str, ...] = (
    "village",
    "position_quota",
    "worker",
    "heir",
    "enrollment",
    "contribution",
    "payment",
    "receipt",
)
CONFLICT_ENTITY = "sync_conflict"
"""Pseudo-entity of a conflict resolution op (`fields = {"choices": {field: local|server}}`)."""

# On a field both sides changed differently, these keep the server's value (DESIGN.md 6.4);
# every other field takes the later arrival. Both values are recorded for review either way.
IDENTITY_FIELDS: dict[str, frozenset[str]] = {
    "village": frozenset({"code", "name"}),
    "worker": frozenset({"nik", "full_name", "birth_date", "status"}),
    "heir": frozenset({"nik", "name", "birth_date"}),
    "enrollment": frozenset({"status"}),
    "contribution": frozenset({"status"}),
}

JsonValue = Any  # str | int | bool | None (dates ISO text, enums their code, UUIDs text)
EntityName = Literal[
    "village",
    "position_quota",
    "worker",
    "heir",
    "enrollment",
    "contribution",
    "payment",
    "receipt",
    "sync_conflict",
]
OpKind = Literal["insert", "update", "delete"]
OpOutcome = Literal["applied", "duplicate", "conflict", "rejected"]
HelloAction = Literal["ok", "upgrade_required", "reinit_required", "revoked"]
ConflictKind = Literal["field", "update_deleted", "delete_updated", "duplicate_nik"]
Choice = Literal["local", "server"]


class Wire(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# -- enrollment ------------------------------------------------------------------------------


class ConnectRequest(Wire):
    code: Annotated[str, Field(min_length=4, max_length=32)]
    label: Annotated[str, Field(max_length=120)] = ""
    app_version: Annotated[str, Field(max_length=40)] = ""
    # The village this PC already holds, if any: a code for another village is refused before
    # it is used up (the PC keeps its data; the code stays valid for the right PC).
    village_code: Annotated[str, Field(max_length=13)] | None = None


class VillageInfo(Wire):
    id: uuid.UUID
    code: str
    name: str


class ConnectReply(Wire):
    device_id: str
    token: str  # 256-bit random, URL-safe base64; the server keeps only its hash
    bundle_key: str  # 32 bytes, URL-safe base64: AES-GCM key of this device's USB bundles
    village: VillageInfo
    server_time: datetime


# -- hello -----------------------------------------------------------------------------------


class Hello(Wire):
    device_id: Annotated[str, Field(max_length=64)]
    db_instance_id: uuid.UUID
    protocol_version: Annotated[int, Field(ge=0, le=SEQ_MAX)]
    schema_version: Annotated[str, Field(max_length=40)]
    app_version: Annotated[str, Field(max_length=40)]
    max_device_seq: Seq
    last_pulled_seq: Seq
    client_time: datetime


class HelloReply(Wire):
    server_time: datetime
    action: HelloAction
    message: str | None = None  # Indonesian, for the user, when action is not "ok"
    protocol_min: int = MIN_PROTOCOL
    protocol_max: int = PROTOCOL_VERSION
    village: VillageInfo | None = None
    expected_device_seq: int = 1  # the next device_seq the server will accept
    server_seq: int = 0  # the village's latest sequence number
    clock_skew_seconds: float = 0.0  # client_time - server_time


# -- push ------------------------------------------------------------------------------------


class Op(Wire):
    device_seq: Annotated[int, Field(ge=1, le=SEQ_MAX)]
    op_id: uuid.UUID
    entity: EntityName
    row_id: uuid.UUID
    op: OpKind
    fields: dict[str, JsonValue]  # new values of the changed fields (all fields on insert)
    base: dict[str, JsonValue] = Field(default_factory=dict)  # their values before the change
    base_version: Seq | None = None  # the row's server version when edited (None: never synced)


class PushRequest(Wire):
    ops: Annotated[list[Op], Field(max_length=MAX_BATCH)]


class OpResult(Wire):
    device_seq: int
    op_id: uuid.UUID
    result: OpOutcome
    version: int | None = None  # the row's version after the op (applied/conflict)
    reason: str | None = None  # Indonesian, why rejected (quarantined) or what conflicted
    conflict_id: uuid.UUID | None = None


class PushReply(Wire):
    results: list[OpResult]
    server_seq: int


class SeqGap(Wire):
    """Body of a 409 answer: the push did not start at the next expected device_seq."""

    detail: str
    expected_device_seq: int


# -- pull ------------------------------------------------------------------------------------


class RowChange(Wire):
    entity: EntityName
    id: uuid.UUID
    version: int
    deleted: bool
    values: dict[str, JsonValue]  # every synced column but id, version, deleted, updated_at


class PullPage(Wire):
    rows: list[RowChange]
    next_since: int  # the cursor after this page (store it with the applied rows)
    has_more: bool
    server_seq: int


# -- verify and repair ---------------------------------------------------------------------


class TableDigest(Wire):
    count: int  # rows of the village, tombstones included, that the server has versioned
    digest: str  # hex sha256, see app.sync.digest


class VerifyReply(Wire):
    tables: dict[str, TableDigest]
    server_seq: int


class TablePage(Wire):
    """GET /sync/table/{entity}?after=<id>: every row of one table for a targeted re-pull."""

    rows: list[RowChange]
    next_after: uuid.UUID | None  # None: this was the last page


# -- review ----------------------------------------------------------------------------------


class FieldConflict(Wire):
    local: JsonValue  # the value the device sent
    server: JsonValue  # the value the server held
    kept: Choice  # which one the row holds now


class ConflictItem(Wire):
    id: uuid.UUID
    entity: str
    row_id: uuid.UUID
    kind: ConflictKind
    fields: dict[str, FieldConflict]
    device_id: str | None
    created_at: ServerTime
    summary: str  # Indonesian, no personal data: "Pekerja: nama lengkap diubah di dua tempat"


class QuarantineItem(Wire):
    id: uuid.UUID
    device_id: str | None
    device_seq: int | None
    entity: str
    row_id: uuid.UUID | None
    reason: str  # Indonesian
    created_at: ServerTime


class ReviewReply(Wire):
    conflicts: list[ConflictItem]  # open ones
    quarantined: list[QuarantineItem]


class ErrorBody(Wire):
    detail: str  # Indonesian, one sentence saying what is wrong and what to do

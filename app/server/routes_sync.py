"""The sync API under /api/v1/sync: hello, reinit, push, pull, verify, table, review.

Thin routes: the village is always the token's (`CurrentDevice`), never one from a request;
the work is done by merge, pull and review (also called directly by USB bundle import).
`hello_reply` and `reinit_device` are plain functions for the same reason.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from app.models import Village
from app.server import tables as t
from app.server.auth import REVOKED, CurrentDevice, CurrentDeviceAllowRevoked, DeviceContext
from app.server.changes import current_seq
from app.server.deps import SessionDep
from app.server.merge import PushTooOld, SeqGapError, apply_push
from app.server.pull import UnknownEntity, read_pull, table_page, verify_tables
from app.server.review import open_review
from app.sync.protocol import (
    BATCH_SIZE,
    MIN_PROTOCOL,
    MIN_PUSH_PROTOCOL,
    PAGE_LIMIT_MAX,
    PROTOCOL_VERSION,
    SEQ_MAX,
    ErrorBody,
    Hello,
    HelloReply,
    PullPage,
    PushReply,
    PushRequest,
    ReviewReply,
    SeqGap,
    TablePage,
    VerifyReply,
    VillageInfo,
    Wire,
)

router = APIRouter(prefix="/sync")
"""Included by app.server.app.create_app under API_PREFIX (/api/v1)."""

TOO_OLD = (
    "Versi Payung Desa di PC ini terlalu lama untuk server kabupaten; "
    "perbarui aplikasinya lalu sinkronkan lagi."
)
TOO_NEW = (
    "Server kabupaten belum mendukung versi Payung Desa di PC ini; "
    "hubungi DPMD agar servernya diperbarui."
)
RESTORED = (
    "Database di PC ini tampaknya dipulihkan dari cadangan atau disalin: server sudah menerima "
    "perubahan sampai nomor {acknowledged}, database ini baru sampai nomor {issued}. "
    "Sinkronisasi akan disiapkan ulang; perubahan yang belum terkirim tetap disimpan dan "
    "dikirim ulang."
)
# Every answer a route can give besides 200, so the OpenAPI schema is a true contract: 400 (the
# protocol header or a body that is not JSON), 401 (token), 422 (validation), 503 (busy), and
# 413 for a body over the cap (middleware, POST only).
ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorBody} for code in (400, 401, 422, 503)
}
POST_ERRORS: dict[int | str, dict[str, Any]] = {**ERRORS, 413: {"model": ErrorBody}}


class ReinitRequest(Wire):
    db_instance_id: uuid.UUID


def _server_time() -> datetime:
    return datetime.now(UTC)


def _village_info(session: Session, village_id: uuid.UUID) -> VillageInfo:
    village = session.get(Village, village_id)
    assert village is not None  # device.village_id is a foreign key
    return VillageInfo(id=village.id, code=village.code, name=village.name)


def _device_row(session: Session, device_id: str) -> Any:
    return session.execute(select(t.device).where(t.device.c.id == device_id)).one()


def _ok_reply(
    session: Session, device: DeviceContext, last_device_seq: int, skew: float
) -> HelloReply:
    return HelloReply(
        server_time=_server_time(),
        action="ok",
        village=_village_info(session, device.village_id),
        expected_device_seq=last_device_seq + 1,
        server_seq=current_seq(session, device.village_id),
        clock_skew_seconds=skew,
    )


def hello_reply(session: Session, device: DeviceContext, hello: Hello) -> HelloReply:
    """Answer a hello: revoked, upgrade_required, reinit_required (restored or copied database)
    or ok. Never refuses for clock skew. The first hello binds the database instance."""
    now = _server_time()
    if device.revoked:
        return HelloReply(server_time=now, action="revoked", message=REVOKED)
    if hello.protocol_version < MIN_PROTOCOL:
        return HelloReply(server_time=now, action="upgrade_required", message=TOO_OLD)
    if hello.protocol_version > PROTOCOL_VERSION:
        return HelloReply(server_time=now, action="upgrade_required", message=TOO_NEW)
    row = _device_row(session, device.device_id)
    values: dict[str, Any] = {}
    if row.app_version != (hello.app_version or None):
        values["app_version"] = hello.app_version or None
    if row.db_instance_id is None:
        values["db_instance_id"] = hello.db_instance_id
    if values:  # unchanged (every hello but the first of a version): no write, no row lock
        session.execute(update(t.device).where(t.device.c.id == device.device_id).values(**values))
    if hello.max_device_seq < row.last_device_seq:
        message = RESTORED.format(acknowledged=row.last_device_seq, issued=hello.max_device_seq)
        return HelloReply(
            server_time=now,
            action="reinit_required",
            message=message,
            expected_device_seq=row.last_device_seq + 1,
            server_seq=current_seq(session, device.village_id),
        )
    client = hello.client_time
    if client.tzinfo is None:
        client = client.replace(tzinfo=UTC)
    return _ok_reply(session, device, row.last_device_seq, (client - now).total_seconds())


def reinit_device(session: Session, device: DeviceContext, db_instance_id: uuid.UUID) -> HelloReply:
    """Bind the device to a new database instance (after a restore or copy); answer ok with
    the next device_seq the server expects (last applied + 1)."""
    row = _device_row(session, device.device_id)
    session.execute(
        update(t.device)
        .where(t.device.c.id == device.device_id)
        .values(db_instance_id=db_instance_id)
    )
    return _ok_reply(session, device, row.last_device_seq, 0.0)


def push_protocol(request: Request) -> int:
    """The request's protocol; 426 before the body is read when it is too old to push."""
    protocol = int(getattr(request.state, "protocol", 1))
    if protocol < MIN_PUSH_PROTOCOL:
        raise HTTPException(426, PushTooOld.detail)
    return protocol


@router.post("/hello", responses=POST_ERRORS)
def hello(body: Hello, session: SessionDep, device: CurrentDeviceAllowRevoked) -> HelloReply:
    return hello_reply(session, device, body)


@router.post("/reinit", responses=POST_ERRORS)
def reinit(body: ReinitRequest, session: SessionDep, device: CurrentDevice) -> HelloReply:
    return reinit_device(session, device, body.db_instance_id)


@router.post("/push", responses={**POST_ERRORS, 409: {"model": SeqGap}, 426: {"model": ErrorBody}})
def push(
    device: CurrentDevice,
    protocol: Annotated[int, Depends(push_protocol)],
    body: PushRequest,
    session: SessionDep,
) -> PushReply:
    try:
        return apply_push(session, device, list(body.ops), protocol=protocol)
    except PushTooOld:
        raise HTTPException(426, PushTooOld.detail) from None
    except SeqGapError as exc:
        gap = SeqGap(detail=exc.detail, expected_device_seq=exc.expected)
        raise HTTPException(409, gap.model_dump()) from None


@router.get("/pull", responses=ERRORS)
def pull(
    session: SessionDep,
    device: CurrentDevice,
    since: Annotated[int, Query(ge=0, le=SEQ_MAX)] = 0,
    limit: Annotated[int, Query(ge=1, le=PAGE_LIMIT_MAX)] = BATCH_SIZE,
) -> PullPage:
    session.execute(
        update(t.device).where(t.device.c.id == device.device_id).values(last_pulled_seq=since)
    )
    return read_pull(session, device.village_id, since, limit)


@router.get("/verify", responses=ERRORS)
def verify(session: SessionDep, device: CurrentDevice) -> VerifyReply:
    return verify_tables(session, device.village_id)


@router.get("/table/{entity}", responses={**ERRORS, 404: {"model": ErrorBody}})
def table(
    entity: str,
    session: SessionDep,
    device: CurrentDevice,
    after: uuid.UUID | None = None,
    limit: Annotated[int, Query(ge=1, le=PAGE_LIMIT_MAX)] = 500,
) -> TablePage:
    try:
        return table_page(session, device.village_id, entity, after, limit)
    except UnknownEntity as exc:
        raise HTTPException(404, exc.message) from None


@router.get("/review", responses=ERRORS)
def review(session: SessionDep, device: CurrentDevice) -> ReviewReply:
    return open_review(session, device.village_id)

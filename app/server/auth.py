"""Device authentication: `Authorization: Bearer <token>` -> DeviceContext.

The server keeps only sha256(token); the lookup is by that hash (unique index) and the stored
hash is compared again with hmac.compare_digest. The village always comes from the token, never
from a payload (DESIGN.md 6.1).
"""

from __future__ import annotations

import hmac
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Annotated

from fastapi import Depends, HTTPException, Request
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from app.models import Village, utcnow
from app.server.deps import SessionDep
from app.server.devices import hash_secret
from app.server.tables import device

MAX_TOKEN_CHARS = 200
UNKNOWN_TOKEN = "Perangkat ini tidak dikenal server; sambungkan ulang dengan kode baru dari DPMD."
MISSING_TOKEN = (
    "Permintaan ini perlu token perangkat; sambungkan komputer ini dulu dengan kode dari DPMD."
)
REVOKED = "Perangkat ini sudah dicabut oleh DPMD; sambungkan ulang dengan kode baru."
# last_seen_at is written at most this often per device: stamping every request would make
# every GET a write that locks the device row (and waits behind that device's push).
SEEN_EVERY = timedelta(minutes=1)


@dataclass(frozen=True, slots=True)
class DeviceContext:
    device_id: str
    village_id: uuid.UUID
    village_code: str
    revoked: bool
    last_seen_at: datetime | None = None


class Unauthorized(Exception):
    """An unknown or missing token. `message` is Indonesian."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def authenticate(session: Session, bearer_token: str) -> DeviceContext:
    """The device holding this token (revoked ones too: check `revoked`). Raises Unauthorized."""
    token = bearer_token.strip()
    if not token or len(token) > MAX_TOKEN_CHARS:
        raise Unauthorized(UNKNOWN_TOKEN)
    digest = hash_secret(token)
    row = session.execute(
        select(
            device.c.id,
            device.c.token_hash,
            device.c.revoked_at,
            device.c.village_id,
            device.c.last_seen_at,
            Village.code,
        )
        .join(Village, Village.id == device.c.village_id)
        .where(device.c.token_hash == digest)
    ).first()
    if row is None or not hmac.compare_digest(row.token_hash, digest):
        raise Unauthorized(UNKNOWN_TOKEN)
    return DeviceContext(
        device_id=row.id,
        village_id=row.village_id,
        village_code=row.code,
        revoked=row.revoked_at is not None,
        last_seen_at=row.last_seen_at,
    )


def bearer_token(request: Request) -> str:
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() != "bearer" or not value.strip():
        raise HTTPException(401, MISSING_TOKEN, headers={"WWW-Authenticate": "Bearer"})
    return value.strip()


def current_device_allow_revoked(request: Request, session: SessionDep) -> DeviceContext:
    """The calling device, revoked or not (hello answers a revoked device with 200). Stamps
    device.last_seen_at (at most once a minute) and names the device for the request log."""
    try:
        context = authenticate(session, bearer_token(request))
    except Unauthorized as exc:
        raise HTTPException(401, exc.message, headers={"WWW-Authenticate": "Bearer"}) from None
    request.state.device_id = context.device_id
    now = utcnow()
    seen = context.last_seen_at
    if not context.revoked and (seen is None or not now - SEEN_EVERY < seen <= now):
        session.execute(
            update(device).where(device.c.id == context.device_id).values(last_seen_at=now)
        )
    return context


CurrentDeviceAllowRevoked = Annotated[DeviceContext, Depends(current_device_allow_revoked)]


def current_device(context: CurrentDeviceAllowRevoked) -> DeviceContext:
    """The calling device; 401 with the revocation message when DPMD revoked it."""
    if context.revoked:
        raise HTTPException(401, REVOKED, headers={"WWW-Authenticate": "Bearer"})
    return context


CurrentDevice = Annotated[DeviceContext, Depends(current_device)]

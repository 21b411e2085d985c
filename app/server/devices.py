"""Enrollment codes and devices: create a code, redeem it for a token, list and revoke devices.

Codes and tokens are secrets: only their sha256 is stored, and neither ever reaches a log.
Failed redemptions are counted per client IP in `rate_limit` (in the database, so several
workers share the count): 10 failures within 15 minutes lock that address out until the window
ends. See docs/sync-internals.md ("Server tables", POST /connect).
"""

from __future__ import annotations

import base64
import hashlib
import secrets
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Row, insert, select, update
from sqlalchemy.orm import Session

from app.domain.errors import InvalidField
from app.models import Village
from app.server.tables import audit_entry, device, enrollment_code, rate_limit
from app.server.villages import village_by_code
from app.sync.protocol import ConnectReply, VillageInfo

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 10
CODE_VALID = timedelta(hours=24)
MAX_FAILURES = 10
FAILURE_WINDOW = timedelta(minutes=15)


class EnrollmentRefused(Exception):
    """A code that cannot be redeemed. `status` is the HTTP status (400, 429), `message` is
    Indonesian. The failure has been counted in the session: commit it before answering."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass(frozen=True, slots=True)
class DeviceRow:
    id: str
    village: str  # village code
    label: str
    created_at: datetime
    last_seen_at: datetime | None
    revoked_at: datetime | None


def hash_secret(text: str) -> str:
    """sha256 hex: what the database keeps of a code or a token."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def normalise_code(raw: str) -> str:
    """Upper case, without dashes and spaces: `abcde-fghjk` -> `ABCDEFGHJK`."""
    return "".join(ch for ch in raw.upper() if ch not in "- \t")


def show_code(code: str) -> str:
    return f"{code[:5]}-{code[5:]}"


def create_code(
    session: Session, village_code: str, label: str, now: datetime, *, actor: str = "cli"
) -> tuple[str, datetime]:
    """A new single-use code for a village, valid 24 hours: (shown code `ABCDE-FGHJK`, expiry).
    `now` is naive UTC. Raises InvalidField when the village is unknown."""
    village = village_by_code(session, village_code)
    if village is None:
        raise InvalidField(
            "village",
            f"desa dengan kode '{village_code}' belum terdaftar di server; "
            "tambahkan dulu dengan `payung-server village add`",
        )
    code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    expires_at = now + CODE_VALID
    session.execute(
        insert(enrollment_code).values(
            code_hash=hash_secret(code),
            village_id=village.id,
            label=label[:120],
            created_at=now,
            expires_at=expires_at,
        )
    )
    session.execute(
        audit_entry(actor=actor, action="code_create", entity="village", row_id=village.id, at=now)
    )
    return show_code(code), expires_at


def redeem_code(  # noqa: PLR0917 (the agreed interface)
    session: Session,
    code: str,
    label: str,
    app_version: str,
    client_ip: str,
    now: datetime,
    village_code: str | None = None,
) -> ConnectReply:
    """Exchange a code for a new device (token and bundle key returned once, only hashed in
    the database). Raises EnrollmentRefused: 429 while the address is locked out, 400 for an
    unknown, expired or used code (the failure counted in the session)."""
    key = f"connect:{client_ip}"[:120]
    _refuse_when_locked(session, key, now)
    normal = normalise_code(code)
    row = session.execute(
        select(enrollment_code)
        .where(enrollment_code.c.code_hash == hash_secret(normal))
        # One redemption wins when two arrive at once (PostgreSQL row lock; SQLite's
        # BEGIN IMMEDIATE already serialises writers).
        .with_for_update()
    ).first()
    problem = _code_problem(row, now)
    if problem is not None:
        _count_failure(session, key, now)
        raise EnrollmentRefused(400, problem)
    assert row is not None
    village = session.get(Village, row.village_id)
    if village is None or village.deleted:
        raise EnrollmentRefused(
            400, "Desa kode ini sudah tidak ada di server; minta kode baru ke DPMD."
        )
    if village_code is not None and village_code != village.code:
        # Not counted as a failure and not used up: the code is right, only the PC is wrong.
        raise EnrollmentRefused(
            409,
            f"Kode sambungan ini untuk desa {village.code}, sedangkan PC ini berisi data desa "
            f"{village_code}; pakai kode untuk desa {village_code} atau PC yang benar.",
        )
    device_id = f"dev-{secrets.token_hex(6)}"
    token = secrets.token_urlsafe(32)
    bundle_key = base64.urlsafe_b64encode(secrets.token_bytes(32)).decode("ascii")
    session.execute(
        insert(device).values(
            id=device_id,
            village_id=village.id,
            label=(label or row.label)[:120],
            token_hash=hash_secret(token),
            bundle_key=bundle_key,
            app_version=app_version[:40] or None,
            created_at=now,
            last_seen_at=now,
        )
    )
    session.execute(
        update(enrollment_code)
        .where(enrollment_code.c.code_hash == row.code_hash)
        .values(used_at=now, device_id=device_id)
    )
    session.execute(
        audit_entry(
            actor=f"device:{device_id}",
            action="device_enroll",
            entity="device",
            row_id=device_id,
            at=now,
        )
    )
    return ConnectReply(
        device_id=device_id,
        token=token,
        bundle_key=bundle_key,
        village=VillageInfo(id=village.id, code=village.code, name=village.name),
        server_time=now.replace(tzinfo=UTC),
    )


def _code_problem(row: Row[Any] | None, now: datetime) -> str | None:
    if row is None:
        return "Kode sambung tidak dikenal; periksa ketikan kode atau minta kode baru ke DPMD."
    if row.used_at is not None:
        return (
            "Kode sambung ini sudah dipakai; satu kode hanya untuk satu komputer, "
            "minta kode baru ke DPMD."
        )
    if row.expires_at <= now:
        return "Kode sambung ini sudah kedaluwarsa (berlaku 24 jam); minta kode baru ke DPMD."
    return None


def _refuse_when_locked(session: Session, key: str, now: datetime) -> None:
    row = session.execute(
        select(rate_limit.c.window_start, rate_limit.c.count.label("failures")).where(
            rate_limit.c.key == key
        )
    ).first()
    if row is None or row.failures < MAX_FAILURES:
        return
    until: datetime = row.window_start + FAILURE_WINDOW
    if until <= now:
        return
    minutes = max(1, int((until - now).total_seconds() + 59) // 60)
    raise EnrollmentRefused(
        429,
        f"Terlalu banyak percobaan kode yang salah dari alamat ini; coba lagi setelah pukul "
        f"{until:%H:%M} UTC (sekitar {minutes} menit lagi).",
    )


def _count_failure(session: Session, key: str, now: datetime) -> None:
    row = session.execute(
        select(rate_limit).where(rate_limit.c.key == key).with_for_update()
    ).first()
    if row is None:
        session.execute(insert(rate_limit).values(key=key, window_start=now, count=1))
    elif row.window_start + FAILURE_WINDOW <= now:
        session.execute(
            update(rate_limit).where(rate_limit.c.key == key).values(window_start=now, count=1)
        )
    else:
        session.execute(
            update(rate_limit).where(rate_limit.c.key == key).values(count=rate_limit.c.count + 1)
        )


def list_devices(session: Session) -> list[DeviceRow]:
    rows = session.execute(
        select(device, Village.code.label("village_code"))
        .join(Village, Village.id == device.c.village_id)
        .order_by(device.c.created_at, device.c.id)
    )
    return [
        DeviceRow(
            id=r.id,
            village=r.village_code,
            label=r.label,
            created_at=r.created_at,
            last_seen_at=r.last_seen_at,
            revoked_at=r.revoked_at,
        )
        for r in rows
    ]


def revoke_device(
    session: Session, device_id: str, now: datetime, *, actor: str = "cli"
) -> datetime:
    """Revoke a device's token; returns when it was revoked (the earlier moment when it was
    revoked already). Raises InvalidField when there is no such device."""
    row = session.execute(select(device).where(device.c.id == device_id.strip())).first()
    if row is None:
        raise InvalidField(
            "device",
            f"perangkat '{device_id}' tidak ada; "
            "lihat daftarnya dengan `payung-server device list`",
        )
    if row.revoked_at is not None:
        revoked: datetime = row.revoked_at
        return revoked
    session.execute(update(device).where(device.c.id == row.id).values(revoked_at=now))
    session.execute(
        audit_entry(actor=actor, action="device_revoke", entity="device", row_id=row.id, at=now)
    )
    return now


def village_of_device(session: Session, device_id: str) -> uuid.UUID | None:
    return session.scalar(select(device.c.village_id).where(device.c.id == device_id))

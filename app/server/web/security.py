"""Dashboard security: operators' passwords, sessions, CSRF and the login lock-out.

- Passwords: argon2id (argon2-cffi's PasswordHasher defaults). An unknown username still costs
  one verification (against a dummy hash), so timing does not tell which usernames exist.
- Sessions: the cookie `payung_sesi` holds 256 random bits; the database keeps only their
  sha256 (`web_session.id`), so a copy of the database opens no session. Idle end 30 minutes,
  absolute end 12 hours; logout deletes the row.
- CSRF: a random token per session, sent back in every POST form (`csrf_token`) or the
  `X-CSRF-Token` header and compared in constant time. The login form, before any session
  exists, uses a double-submit token in the short-lived cookie `payung_pra`.
- Lock-out: failed logins counted per username and per client address in `rate_limit`;
  5 failures lock that key for 15 minutes.

The clock is `request.app.state.web_clock` when set (tests), else utcnow (naive UTC).
Never log a password, a cookie value or a CSRF token.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import os
import re
import secrets
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Annotated, Literal

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from fastapi import Depends, Request
from fastapi.responses import Response
from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from app.models import utcnow
from app.server.deps import SessionDep
from app.server.tables import audit_entry, operator, rate_limit, web_session

Role = Literal["admin", "operator"]
ROLES: tuple[Role, ...] = ("admin", "operator")
SESSION_COOKIE = "payung_sesi"
LOGIN_CSRF_COOKIE = "payung_pra"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "X-CSRF-Token"
SECURE_ENV = "PAYUNG_SECURE_COOKIES"
IDLE_TIMEOUT = timedelta(minutes=30)
ABSOLUTE_TIMEOUT = timedelta(hours=12)
LOGIN_CSRF_MAX_AGE = 3600  # seconds: the login form stays usable for an hour
MAX_LOGIN_FAILURES = 5
# Per address the limit is much higher: behind the reverse proxy, or in one office behind one
# NAT, every operator shares an address, and one person mistyping must not lock out the rest.
MAX_ADDRESS_FAILURES = 50
LOCKOUT = timedelta(minutes=15)
MIN_PASSWORD_CHARS = 10
MAX_PASSWORD_CHARS = 1024  # argon2 hashes anything, but a megabyte "password" is an attack
USERNAME_RE = re.compile(r"[a-z0-9][a-z0-9._-]{2,63}")

WRONG_LOGIN = "Nama pengguna atau kata sandi salah."
LOCKED = (
    "Terlalu banyak percobaan masuk yang gagal; coba lagi setelah pukul {until} UTC "
    "(sekitar {minutes} menit lagi)."
)
CSRF_REFUSED = "Formulir kedaluwarsa atau tidak sah; muat ulang halaman lalu coba lagi."
ADMIN_ONLY = "Halaman ini hanya untuk admin."
SHORT_PASSWORD = f"kata sandi terlalu pendek; pakai paling sedikit {MIN_PASSWORD_CHARS} karakter"


@dataclass(frozen=True, slots=True)
class OperatorContext:
    """The logged-in DPMD operator of a request (no password hash, no session id)."""

    id: uuid.UUID
    username: str
    role: Role
    csrf_token: str

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    @property
    def actor(self) -> str:
        """The audit actor: `operator:<username>`."""
        return f"operator:{self.username}"


class LoginRequired(Exception):
    """No valid session: answered with 303 to /login (see mount_dashboard)."""


class AdminRequired(Exception):
    """A logged-in operator without the admin role: answered with a 403 page."""


class CsrfRejected(Exception):
    """A POST without the right CSRF token: answered with a 403 page."""


class PasswordRefused(ValueError):
    """A password or username that cannot be used. `message` is Indonesian."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


# ---------------------------------------------------------------- passwords and operators


@functools.cache
def _hasher() -> PasswordHasher:
    return PasswordHasher()


@functools.cache
def _dummy_hash() -> str:
    return _hasher().hash(secrets.token_urlsafe(16))


def hash_password(password: str) -> str:
    return _hasher().hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """True when `password` matches; an unknown user (None) costs the same time and is False."""
    try:
        _hasher().verify(password_hash or _dummy_hash(), password)
    except (VerificationError, InvalidHashError):
        return False
    return password_hash is not None


def normalise_username(raw: str) -> str:
    return raw.strip().lower()


def check_new_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_CHARS:
        raise PasswordRefused("password", SHORT_PASSWORD)
    if len(password) > MAX_PASSWORD_CHARS:
        raise PasswordRefused("password", "kata sandi terlalu panjang (paling banyak 1024)")


def add_operator(
    session: Session, *, username: str, password: str, role: str, now: datetime
) -> uuid.UUID:
    """A new operator. Raises PasswordRefused for a bad or taken username, a short password or
    an unknown role."""
    name = normalise_username(username)
    if not USERNAME_RE.fullmatch(name):
        raise PasswordRefused(
            "username",
            "nama pengguna harus 3-64 huruf kecil, angka, titik, garis bawah atau tanda minus",
        )
    if role not in ROLES:
        raise PasswordRefused("role", "peran harus admin atau operator")
    check_new_password(password)
    if session.scalar(select(operator.c.id).where(operator.c.username == name)) is not None:
        raise PasswordRefused("username", f"nama pengguna '{name}' sudah dipakai; pilih nama lain")
    oid = uuid.uuid4()
    session.execute(
        insert(operator).values(
            id=oid, username=name, password_hash=hash_password(password), role=role, created_at=now
        )
    )
    session.execute(
        audit_entry(actor="cli", action="operator_add", entity="operator", row_id=oid, at=now)
    )
    return oid


# ---------------------------------------------------------------- lock-out


def _lock_keys(username: str, client_ip: str) -> list[str]:
    return [f"login-user:{normalise_username(username)}"[:120], f"login-ip:{client_ip}"[:120]]


def locked_until(session: Session, username: str, client_ip: str, now: datetime) -> datetime | None:
    """When the lock on this username or address ends, None when neither is locked."""
    rows = session.execute(
        select(
            rate_limit.c.key, rate_limit.c.window_start, rate_limit.c.count.label("failures")
        ).where(rate_limit.c.key.in_(_lock_keys(username, client_ip)))
    ).all()
    ends = [
        r.window_start + LOCKOUT
        for r in rows
        if r.failures >= _limit_of(r.key) and r.window_start + LOCKOUT > now
    ]
    return max(ends) if ends else None


def _limit_of(key: str) -> int:
    return MAX_ADDRESS_FAILURES if key.startswith("login-ip:") else MAX_LOGIN_FAILURES


def locked_message(until: datetime, now: datetime) -> str:
    minutes = max(1, int((until - now).total_seconds() + 59) // 60)
    return LOCKED.format(until=f"{until:%H.%M}", minutes=minutes)


def count_login_failure(session: Session, username: str, client_ip: str, now: datetime) -> None:
    for key in _lock_keys(username, client_ip):
        row = session.execute(
            select(rate_limit).where(rate_limit.c.key == key).with_for_update()
        ).first()
        if row is None:
            session.execute(insert(rate_limit).values(key=key, window_start=now, count=1))
        elif row.window_start + LOCKOUT <= now:
            session.execute(
                update(rate_limit).where(rate_limit.c.key == key).values(window_start=now, count=1)
            )
        else:
            session.execute(
                update(rate_limit)
                .where(rate_limit.c.key == key)
                .values(count=rate_limit.c.count + 1)
            )


# ---------------------------------------------------------------- sessions


def clock_of(request: Request) -> datetime:
    clock: Callable[[], datetime] | None = getattr(request.app.state, "web_clock", None)
    return clock() if clock is not None else utcnow()


def client_ip(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def _digest(cookie_value: str) -> str:
    return hashlib.sha256(cookie_value.encode("utf-8")).hexdigest()


def authenticate_password(
    session: Session, username: str, password: str
) -> tuple[uuid.UUID, str] | None:
    """(operator id, username) when the password matches an enabled operator, else None.
    Always verifies one hash, so unknown users take as long as wrong passwords."""
    name = normalise_username(username)[:64]
    row = session.execute(
        select(operator.c.id, operator.c.username, operator.c.password_hash).where(
            operator.c.username == name, operator.c.disabled_at.is_(None)
        )
    ).first()
    if not verify_password(row.password_hash if row else None, password[:MAX_PASSWORD_CHARS]):
        return None
    assert row is not None
    return row.id, row.username


def clear_login_failures(session: Session, username: str) -> None:
    session.execute(delete(rate_limit).where(rate_limit.c.key == _lock_keys(username, "")[0]))


def open_session(session: Session, operator_id: uuid.UUID, now: datetime) -> str:
    """A new session row; returns the cookie value (only its hash is stored)."""
    value = secrets.token_urlsafe(32)
    session.execute(
        insert(web_session).values(
            id=_digest(value),
            operator_id=operator_id,
            csrf_token=secrets.token_urlsafe(32),
            created_at=now,
            last_seen_at=now,
            expires_at=now + ABSOLUTE_TIMEOUT,
        )
    )
    return value


def close_session(session: Session, cookie_value: str) -> None:
    session.execute(delete(web_session).where(web_session.c.id == _digest(cookie_value)))


def load_session(session: Session, cookie_value: str, now: datetime) -> OperatorContext | None:
    """The operator of a live session (and its idle clock moved on), None for an unknown,
    expired or disabled one (an expired row is deleted)."""
    if not cookie_value or len(cookie_value) > 100:
        return None
    digest = _digest(cookie_value)
    row = session.execute(
        select(
            web_session.c.id,
            web_session.c.csrf_token,
            web_session.c.last_seen_at,
            web_session.c.expires_at,
            operator.c.id.label("operator_id"),
            operator.c.username,
            operator.c.role,
            operator.c.disabled_at,
        )
        .join(operator, operator.c.id == web_session.c.operator_id)
        .where(web_session.c.id == digest)
    ).first()
    if row is None or not hmac.compare_digest(row.id, digest):
        return None
    if row.expires_at <= now or row.last_seen_at + IDLE_TIMEOUT <= now or row.disabled_at:
        session.execute(delete(web_session).where(web_session.c.id == digest))
        return None
    session.execute(update(web_session).where(web_session.c.id == digest).values(last_seen_at=now))
    role: Role = "admin" if row.role == "admin" else "operator"
    return OperatorContext(
        id=row.operator_id, username=row.username, role=role, csrf_token=row.csrf_token
    )


def is_https(request: Request) -> bool:
    """https directly, or forwarded by the reverse proxy on this host, or forced by env."""
    if os.environ.get(SECURE_ENV) == "1" or request.url.scheme == "https":
        return True
    forwarded = request.headers.get("x-forwarded-proto", "").strip().lower()
    return forwarded == "https" and client_ip(request) == "127.0.0.1"


def set_session_cookie(response: Response, request: Request, value: str) -> None:
    response.set_cookie(
        SESSION_COOKIE,
        value,
        max_age=int(ABSOLUTE_TIMEOUT.total_seconds()),
        path="/",
        httponly=True,
        samesite="strict",
        secure=is_https(request),
    )


def clear_session_cookie(response: Response, request: Request) -> None:
    response.delete_cookie(
        SESSION_COOKIE, path="/", httponly=True, samesite="strict", secure=is_https(request)
    )


def login_csrf_token(request: Request) -> str:
    """The pre-session token of the login form: the cookie's when present, else a new one
    (set by `set_login_csrf_cookie`)."""
    current = request.cookies.get(LOGIN_CSRF_COOKIE, "")
    return current if 20 <= len(current) <= 100 else secrets.token_urlsafe(32)


def set_login_csrf_cookie(response: Response, request: Request, token: str) -> None:
    response.set_cookie(
        LOGIN_CSRF_COOKIE,
        token,
        max_age=LOGIN_CSRF_MAX_AGE,
        path="/login",
        httponly=True,
        samesite="strict",
        secure=is_https(request),
    )


def tokens_match(expected: str, given: str) -> bool:
    if not expected or not given:
        return False
    return hmac.compare_digest(expected.encode("utf-8"), given.encode("utf-8"))


# ---------------------------------------------------------------- dependencies


def optional_operator(request: Request, session: SessionDep) -> OperatorContext | None:
    """The logged-in operator or None; remembered in request.state.operator for page()."""
    if hasattr(request.state, "operator"):
        known: OperatorContext | None = request.state.operator
        return known
    context = load_session(session, request.cookies.get(SESSION_COOKIE, ""), clock_of(request))
    request.state.operator = context
    return context


MaybeOperator = Annotated[OperatorContext | None, Depends(optional_operator)]


def current_operator(context: MaybeOperator) -> OperatorContext:
    if context is None:
        raise LoginRequired
    return context


CurrentOperator = Annotated[OperatorContext, Depends(current_operator)]


def admin_operator(context: CurrentOperator) -> OperatorContext:
    if not context.is_admin:
        raise AdminRequired
    return context


AdminOperator = Annotated[OperatorContext, Depends(admin_operator)]


async def csrf_checked(request: Request, context: CurrentOperator) -> OperatorContext:
    """The operator of a POST whose CSRF token matches the session's (CsrfRejected else)."""
    given = request.headers.get(CSRF_HEADER, "")
    if not given:
        form = await request.form()
        field = form.get(CSRF_FIELD)
        given = field if isinstance(field, str) else ""
    if not tokens_match(context.csrf_token, given):
        raise CsrfRejected
    return context


CsrfChecked = Annotated[OperatorContext, Depends(csrf_checked)]

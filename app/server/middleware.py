"""ASGI middleware of the server (pure ASGI: no body is ever read twice or logged).

- RequestLog (outermost of ours): one JSON log line per request; an unhandled exception becomes
  a 500 ErrorBody here, logged by class name only, so no traceback (which could quote row
  values) reaches the log.
- RequestBody: the protocol header into `scope["state"]["protocol"]`; request bodies capped at
  MAX_BODY_BYTES (Content-Length checked first, then counted while reading) and gzip bodies
  decompressed with the same hard cap (a zip bomb stops at the cap) -> 413.
"""

from __future__ import annotations

import html
import json
import logging
import time
import zlib
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from app.server.http_errors import RETRY_AFTER_S, unavailable_reason
from app.server.logs import log_event, log_request
from app.sync.protocol import MAX_BODY_BYTES

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

PROTOCOL_HEADER = b"x-payung-protocol"
SERVER_ERROR = "Terjadi kesalahan di server; coba lagi nanti."
TOO_LARGE = (
    "Isi permintaan terlalu besar (paling banyak {mb} MB setelah dibuka); "
    "kirim perubahan dalam kelompok yang lebih kecil."
)
BAD_GZIP = "Isi permintaan gzip rusak; kirim ulang permintaan ini."
BAD_ENCODING = (
    "Pengodean isi permintaan '{name}' tidak didukung; gunakan gzip atau tanpa pengodean."
)
BAD_PROTOCOL = "Header X-Payung-Protocol harus berupa angka versi protokol; perbarui aplikasi."
BODY_METHODS = frozenset({"POST", "PUT", "PATCH"})


class BodyTooLarge(Exception):
    pass


UPLOAD_MAX_BYTES = 64 * 1024 * 1024
"""Dashboard uploads (a whole village's USB bundle, the BPJS branch's list for the kabupaten)
may be larger than one sync request."""


def _is_api(path: str) -> bool:
    return path.startswith("/api/")


async def send_error(
    send: Send,
    status: int,
    detail: str,
    headers: list[tuple[bytes, bytes]] | None = None,
    *,
    path: str = "/api/",
) -> None:
    """The error as the JSON ErrorBody for the API, as a small Indonesian page elsewhere."""
    if _is_api(path):
        body = json.dumps({"detail": detail}, ensure_ascii=False).encode("utf-8")
        kind = b"application/json"
    else:
        body = (
            '<!doctype html><html lang="id"><meta charset="utf-8"><title>Payung Desa</title>'
            f"<main><h1>Permintaan tidak dapat dilayani</h1><p>{html.escape(detail)}</p>"
            '<p><a href="/ringkasan">Kembali ke ringkasan</a></p></main></html>'
        ).encode()
        kind = b"text/html; charset=utf-8"
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", kind),
                (b"content-length", str(len(body)).encode("ascii")),
                *(headers or []),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


class RequestLog:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500
        response_started = False

        async def send_wrapper(message: Message) -> None:
            nonlocal status, response_started
            if message["type"] == "http.response.start":
                status = int(message["status"])
                response_started = True
            await send(message)

        try:
            await self.app(scope, receive, send_wrapper)
        except Exception as exc:  # every unhandled error ends here, worded for the client
            log_event("error", level=logging.ERROR, path=scope["path"], error=type(exc).__name__)
            if response_started:
                raise
            reason = unavailable_reason(exc)
            if reason is not None:  # no database (connection) just now: the client retries a 503
                status = 503
                retry = [(b"retry-after", str(RETRY_AFTER_S).encode("ascii"))]
                await send_error(send, 503, reason, retry, path=scope["path"])
            else:
                status = 500
                await send_error(send, 500, SERVER_ERROR, path=scope["path"])
        finally:
            state = scope.get("state") or {}
            log_request(
                method=scope["method"],
                path=scope["path"],
                status=status,
                ms=(time.perf_counter() - started) * 1000,
                device=state.get("device_id"),
            )


class RequestBody:
    def __init__(self, app: ASGIApp, *, max_bytes: int = MAX_BODY_BYTES) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        state = scope.setdefault("state", {})
        protocol = _protocol(headers.get(PROTOCOL_HEADER))
        if protocol is None:
            await send_error(send, 400, BAD_PROTOCOL, path=scope["path"])
            return
        state["protocol"] = protocol
        if scope["method"] not in BODY_METHODS:
            await self.app(scope, receive, send)
            return
        path = scope["path"]
        encoding = headers.get(b"content-encoding", b"identity").decode("latin-1").strip().lower()
        if encoding not in ("identity", "gzip"):
            await send_error(send, 415, BAD_ENCODING.format(name=encoding[:20]), path=path)
            return
        limit = self.max_bytes if _is_api(path) else max(self.max_bytes, UPLOAD_MAX_BYTES)
        try:
            body = await self._read(headers, receive, limit)
            if encoding == "gzip":
                body = gunzip_capped(body, limit)
        except BodyTooLarge:
            mb = limit // (1024 * 1024)
            await send_error(send, 413, TOO_LARGE.format(mb=mb), path=path)
            return
        except zlib.error:
            await send_error(send, 400, BAD_GZIP, path=path)
            return
        scope["headers"] = [
            (k, v) for k, v in scope["headers"] if k not in (b"content-length", b"content-encoding")
        ] + [(b"content-length", str(len(body)).encode("ascii"))]
        await self.app(scope, _replay(body, receive), send)

    async def _read(self, headers: dict[bytes, bytes], receive: Receive, limit: int) -> bytes:
        declared = headers.get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            raise BodyTooLarge
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                break
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > limit:
                raise BodyTooLarge
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        return b"".join(chunks)


def gunzip_capped(data: bytes, cap: int) -> bytes:
    """Decompress a gzip body, never producing more than `cap` bytes (BodyTooLarge beyond)."""
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    out = bytearray()
    pending = data
    while pending:
        out += inflater.decompress(pending, cap + 1 - len(out))
        if len(out) > cap:
            raise BodyTooLarge
        pending = inflater.unconsumed_tail
        if inflater.eof:
            break
    if not inflater.eof:
        raise zlib.error("truncated gzip stream")
    return bytes(out)


def _protocol(raw: bytes | None) -> int | None:
    if raw is None:
        return 1  # clients before the header existed spoke version 1
    text = raw.decode("latin-1").strip()
    return int(text) if text.isdigit() and len(text) < 6 else None


def _replay(body: bytes, receive: Receive) -> Receive:
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay

"""HTTP to the kabupaten server: one method per route of docs/sync-internals.md.

Every failure leaves as an `app.sync.errors` class with an Indonesian message: the caller never
sees httpx. httpx is imported when a Transport is made (never at window start-up). Tokens and
request bodies are never logged.
"""

from __future__ import annotations

import gzip
import ipaddress
import json
import uuid
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import urlsplit

from pydantic import BaseModel, ValidationError

from app.sync import errors
from app.sync.protocol import (
    PROTOCOL_VERSION,
    ConnectReply,
    ConnectRequest,
    Hello,
    HelloReply,
    PullPage,
    PushReply,
    PushRequest,
    ReviewReply,
    TablePage,
    VerifyReply,
)

if TYPE_CHECKING:
    import httpx

API_PREFIX = "/api/v1"
GZIP_OVER_BYTES = 1024
CONNECT_TIMEOUT_S = 10.0
READ_TIMEOUT_S = 60.0
PROTOCOL_HEADER = "X-Payung-Protocol"
LOOPBACK_NAMES = frozenset({"localhost"})

M = TypeVar("M", bound=BaseModel)


def check_url(base_url: str) -> str:
    """The server address without a trailing slash. Raises InsecureUrl for plain http:// to
    another computer (the token would travel readable) and for anything not http(s)."""
    text = base_url.strip()
    parts = urlsplit(text)
    host = (parts.hostname or "").lower()
    if parts.scheme not in {"http", "https"} or not host:
        raise errors.InsecureUrl(
            f"Alamat server '{text}' tidak sah; tulis lengkap, misalnya https://payung.example.go.id"
        )
    if parts.scheme == "http" and not _is_loopback(host):
        raise errors.InsecureUrl(
            f"Alamat server '{text}' memakai http:// tanpa enkripsi; gunakan alamat https://"
        )
    return text.rstrip("/")


def _is_loopback(host: str) -> bool:
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class Transport:
    """A client of one server. Not thread-safe: one sync uses one Transport. Close it (or use
    it as a context manager) to free the connection pool."""

    def __init__(
        self, base_url: str, token: str | None = None, protocol: int = PROTOCOL_VERSION
    ) -> None:
        import httpx

        self.base_url = check_url(base_url)
        self.protocol = protocol
        headers = {PROTOCOL_HEADER: str(protocol), "Accept-Encoding": "gzip"}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        self._client = httpx.Client(
            base_url=self.base_url + API_PREFIX,
            headers=headers,
            timeout=httpx.Timeout(READ_TIMEOUT_S, connect=CONNECT_TIMEOUT_S),
            follow_redirects=False,
        )

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Transport:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    # -- routes ---------------------------------------------------------------------------
    def connect(self, request: ConnectRequest) -> ConnectReply:
        return self._call("POST", "/connect", ConnectReply, body=request)

    def hello(self, hello: Hello) -> HelloReply:
        return self._call("POST", "/sync/hello", HelloReply, body=hello)

    def reinit(self, db_instance_id: uuid.UUID) -> HelloReply:
        return self._call(
            "POST", "/sync/reinit", HelloReply, raw={"db_instance_id": str(db_instance_id)}
        )

    def push(self, request: PushRequest) -> PushReply:
        return self._call("POST", "/sync/push", PushReply, body=request)

    def pull(self, since: int, limit: int) -> PullPage:
        return self._call("GET", "/sync/pull", PullPage, params={"since": since, "limit": limit})

    def verify(self) -> VerifyReply:
        return self._call("GET", "/sync/verify", VerifyReply)

    def table(self, entity: str, after: uuid.UUID | None, limit: int) -> TablePage:
        params: dict[str, Any] = {"limit": limit}
        if after is not None:
            params["after"] = str(after)
        return self._call("GET", f"/sync/table/{entity}", TablePage, params=params)

    def review(self) -> ReviewReply:
        return self._call("GET", "/sync/review", ReviewReply)

    # -- plumbing -------------------------------------------------------------------------
    def _call(
        self,
        method: str,
        path: str,
        model: type[M],
        *,
        body: BaseModel | None = None,
        raw: dict[str, Any] | None = None,
        params: dict[str, Any] | None = None,
    ) -> M:
        import httpx

        content: bytes | None = None
        headers: dict[str, str] = {}
        if body is not None or raw is not None:
            text = body.model_dump_json() if body is not None else json.dumps(raw)
            content = text.encode("utf-8")
            headers["Content-Type"] = "application/json"
            if len(content) > GZIP_OVER_BYTES:
                content = gzip.compress(content, compresslevel=6)
                headers["Content-Encoding"] = "gzip"
        try:
            response = self._client.request(
                method, path, content=content, headers=headers, params=params
            )
        except httpx.TimeoutException as exc:
            raise errors.Offline(
                "Server tidak menjawab tepat waktu; periksa sambungan internet lalu coba lagi"
            ) from exc
        except (httpx.RemoteProtocolError, httpx.ReadError) as exc:
            raise errors.ServerUnavailable(
                "Sambungan ke server terputus di tengah jawaban; coba lagi nanti"
            ) from exc
        except httpx.TransportError as exc:
            raise errors.Offline(
                f"Server {self.base_url} tidak dapat dihubungi; periksa sambungan internet "
                "dan alamat server"
            ) from exc
        _raise_for_status(response)
        try:
            return model.model_validate_json(response.content)
        except ValidationError as exc:
            raise errors.ServerUnavailable(
                "Jawaban server tidak dapat dibaca (mungkin halaman login hotspot atau server "
                "sedang bermasalah); coba lagi nanti"
            ) from exc


def _detail(response: httpx.Response) -> tuple[str, dict[str, Any]]:
    try:
        data = response.json()
    except ValueError:
        return "", {}
    if not isinstance(data, dict):
        return "", {}
    detail = data.get("detail")
    return (detail if isinstance(detail, str) else ""), data


def _raise_for_status(response: httpx.Response) -> None:
    status = response.status_code
    if status < 300:
        return
    detail, data = _detail(response)
    if status >= 500:
        raise errors.ServerUnavailable(f"Server sedang bermasalah (kode {status}); coba lagi nanti")
    if status == 401:
        if "dicabut" in detail.lower():
            raise errors.Revoked(detail)
        raise errors.Unauthorized(
            detail or "Server tidak mengenal PC ini; sambungkan lagi dengan kode baru dari DPMD"
        )
    if status == 426:
        raise errors.UpgradeRequired(
            detail or "Server memerlukan Payung Desa versi lebih baru; perbarui aplikasi ini"
        )
    if status == 409:
        expected = data.get("expected_device_seq")
        if isinstance(expected, int) and not isinstance(expected, bool):
            raise errors.SeqGap(detail or "Urutan perubahan tidak sesuai", expected)
    if status == 429:
        raise errors.TooManyAttempts(
            detail or "Terlalu banyak percobaan; tunggu 15 menit lalu coba lagi"
        )
    if 300 <= status < 400:
        raise errors.BadAnswer(
            f"Server mengalihkan ke alamat lain (kode {status}); periksa alamat server"
        )
    raise errors.BadAnswer(detail or f"Server menolak permintaan (kode {status})")

"""Every error answer is JSON `{"detail": "<Indonesian sentence>"}` (ErrorBody).

pydantic's 422 is re-worded to name the field ("Isian 'ops.0.device_seq' tidak valid: ...");
never echoes the input value (it could be a NIK). Starlette's English 404/405/... texts are
replaced; an HTTPException whose detail is already Indonesian passes through unchanged, and a
dict detail (e.g. a SeqGap body) is answered as that JSON object.

A server too busy to give a request a database connection in time (ServerBusy, or the pool's
own TimeoutError) answers 503 with Retry-After, never 500: the desktop client retries a 503.
So does a database that cannot be reached or dropped the connection (PostgreSQL restarting,
SQLite locked past its timeout): OperationalError, or a connection found invalidated.
"""

from __future__ import annotations

from collections.abc import Sequence
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from starlette.exceptions import HTTPException as StarletteHTTPException

GENERIC = {
    400: "Permintaan tidak dapat dipahami server; perbarui aplikasi lalu coba lagi.",
    401: "Perangkat ini belum tersambung; sambungkan dengan kode dari DPMD.",
    403: "Perangkat ini tidak berhak melakukan hal ini; hubungi DPMD.",
    404: "Alamat ini tidak ada di server; periksa alamat server dan perbarui aplikasi.",
    405: "Cara permintaan ini tidak didukung di alamat ini; perbarui aplikasi.",
    413: "Isi permintaan terlalu besar; kirim dalam kelompok yang lebih kecil.",
    415: "Jenis isi permintaan tidak didukung; kirim JSON.",
    429: "Terlalu banyak permintaan; tunggu sebentar lalu coba lagi.",
}
# FastAPI's own English details, raised as HTTPException before our code runs.
_FASTAPI_DETAILS = {
    "There was an error parsing the body": (
        "Isi permintaan bukan JSON yang sah (rusak atau bukan UTF-8); perbarui aplikasi lalu "
        "coba lagi."
    ),
}
FALLBACK_4XX = "Permintaan ditolak server; perbarui aplikasi lalu coba lagi."
FALLBACK_5XX = "Terjadi kesalahan di server; coba lagi nanti."
BUSY = "Server sedang sibuk melayani banyak desa; coba lagi sebentar lagi."
UNAVAILABLE = "Basis data server sedang tidak tersedia; coba lagi sebentar lagi."
RETRY_AFTER_S = 2


class ServerBusy(Exception):
    """No database connection for this request in time (answered 503 + Retry-After)."""


def busy_response(detail: str = BUSY) -> JSONResponse:
    return JSONResponse(
        {"detail": detail}, status_code=503, headers={"Retry-After": str(RETRY_AFTER_S)}
    )


def unavailable_reason(exc: BaseException) -> str | None:
    """The 503 sentence when `exc` means "try again shortly" (no connection in time, the
    database unreachable or restarting); None for any other error."""
    if isinstance(exc, ServerBusy | PoolTimeout):
        return BUSY
    if isinstance(exc, OperationalError) or (
        isinstance(exc, DBAPIError) and exc.connection_invalidated
    ):
        return UNAVAILABLE
    return None


_REASONS: dict[str, str] = {
    "missing": "wajib diisi",
    "extra_forbidden": "tidak dikenal; hapus isian ini",
    "int_parsing": "harus bilangan bulat",
    "int_type": "harus bilangan bulat",
    "int_from_float": "harus bilangan bulat",
    "float_parsing": "harus angka",
    "bool_parsing": "harus true atau false",
    "bool_type": "harus true atau false",
    "string_type": "harus teks",
    "uuid_parsing": "harus UUID",
    "uuid_type": "harus UUID",
    "datetime_parsing": "harus tanggal-waktu ISO 8601",
    "datetime_from_date_parsing": "harus tanggal-waktu ISO 8601",
    "datetime_type": "harus tanggal-waktu ISO 8601",
    "dict_type": "harus objek JSON",
    "model_type": "harus objek JSON",
    "model_attributes_type": "harus objek JSON",
    "list_type": "harus daftar JSON",
    "json_invalid": "bukan JSON yang sah",
    "json_type": "bukan JSON yang sah",
}


_WITH_LIMIT: dict[str, tuple[str, str]] = {
    "greater_than_equal": ("ge", "harus paling sedikit {}"),
    "greater_than": ("gt", "harus lebih dari {}"),
    "less_than_equal": ("le", "harus paling banyak {}"),
    "less_than": ("lt", "harus kurang dari {}"),
    "string_too_short": ("min_length", "terlalu pendek (paling sedikit {} karakter)"),
    "string_too_long": ("max_length", "terlalu panjang (paling banyak {} karakter)"),
    "too_long": ("max_length", "terlalu banyak (paling banyak {})"),
    "too_short": ("min_length", "terlalu sedikit (paling sedikit {})"),
    "literal_error": ("expected", "harus salah satu dari: {}"),
}


def reason_of(error: dict[str, Any]) -> str:
    """pydantic's error type in Indonesian; the input value is never quoted."""
    kind = str(error.get("type", ""))
    if kind in _REASONS:
        return _REASONS[kind]
    if kind in _WITH_LIMIT:
        key, template = _WITH_LIMIT[kind]
        return template.format((error.get("ctx") or {}).get(key))
    return "nilainya tidak sesuai"


def field_of(loc: Sequence[Any]) -> str:
    parts = list(loc)
    if parts and parts[0] in ("body", "query", "path", "header", "cookie"):
        parts = parts[1:]
    return ".".join(str(part) for part in parts)


def validation_message(errors: Sequence[Any]) -> str:
    if not errors:
        return "Isi permintaan tidak valid; perbarui aplikasi lalu coba lagi."
    first = dict(errors[0])
    field = field_of(first.get("loc", ()))
    reason = reason_of(first)
    more = f" (dan {len(errors) - 1} kesalahan lain)" if len(errors) > 1 else ""
    if not field:
        return f"Isi permintaan tidak valid: {reason}{more}; perbarui aplikasi lalu coba lagi."
    return f"Isian '{field}' tidak valid: {reason}{more}; perbarui aplikasi lalu coba lagi."


async def _on_validation(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    return JSONResponse({"detail": validation_message(exc.errors())}, status_code=422)


async def _on_http(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    status = exc.status_code
    headers = dict(exc.headers) if exc.headers else None
    detail: Any = exc.detail
    if isinstance(detail, dict):
        return JSONResponse(detail, status_code=status, headers=headers)
    if isinstance(detail, str) and detail in _FASTAPI_DETAILS:
        detail = _FASTAPI_DETAILS[detail]
    elif not isinstance(detail, str) or not detail or _is_stock_phrase(status, detail):
        detail = GENERIC.get(status, FALLBACK_5XX if status >= 500 else FALLBACK_4XX)
    return JSONResponse({"detail": detail}, status_code=status, headers=headers)


def _is_stock_phrase(status: int, detail: str) -> bool:
    try:
        return detail == HTTPStatus(status).phrase
    except ValueError:
        return False


async def _on_busy(_request: Request, exc: Exception) -> JSONResponse:
    return busy_response(unavailable_reason(exc) or BUSY)


def install(app: FastAPI) -> None:
    app.add_exception_handler(ServerBusy, _on_busy)
    app.add_exception_handler(PoolTimeout, _on_busy)
    app.add_exception_handler(RequestValidationError, _on_validation)
    app.add_exception_handler(StarletteHTTPException, _on_http)

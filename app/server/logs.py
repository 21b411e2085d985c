"""Structured logging: one JSON object per line on stderr.

A request line is `{"at", "level", "event": "request", "method", "path", "status", "ms",
"device"}` with the path without its query string. Nothing else about a request is logged:
never bodies, NIK, names, tokens or enrollment codes. Errors log the exception class only (a
database error's message could carry row values; the engine also hides statement parameters).
"""

from __future__ import annotations

import json
import logging
import sys
from datetime import UTC, datetime
from typing import Any

LOGGER_NAME = "payung.server"
logger = logging.getLogger(LOGGER_NAME)


class JsonLineFormatter(logging.Formatter):
    """Formats a record as one JSON line. Records from `log_event` carry `event` and `fields`;
    any other record (uvicorn's start-up lines) becomes event "log" with its message."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "at": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "event": getattr(record, "event", "log"),
        }
        fields = getattr(record, "fields", None)
        if isinstance(fields, dict):
            line.update(fields)
        else:
            line["logger"] = record.name
            line["message"] = record.getMessage()
        return json.dumps(line, ensure_ascii=False, default=str)


def configure_logging(level: int = logging.INFO) -> None:
    """Send the server's log lines to stderr as JSON (idempotent)."""
    if any(getattr(h, "payung_json", False) for h in logger.handlers):
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonLineFormatter())
    handler.payung_json = True  # type: ignore[attr-defined]
    logger.addHandler(handler)
    logger.setLevel(level)
    logger.propagate = False


def log_event(event: str, *, level: int = logging.INFO, **fields: Any) -> None:
    logger.log(level, event, extra={"event": event, "fields": fields})


def log_request(*, method: str, path: str, status: int, ms: float, device: str | None) -> None:
    log_event(
        "request",
        level=logging.ERROR if status >= 500 else logging.INFO,
        method=method,
        path=path,
        status=status,
        ms=round(ms, 1),
        device=device,
    )


def uvicorn_log_config() -> dict[str, Any]:
    """uvicorn's own lines in the same JSON form; its access log is off (we log requests)."""
    handler = {
        "class": "logging.StreamHandler",
        "formatter": "json",
        "stream": "ext://sys.stderr",
    }
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": "app.server.logs.JsonLineFormatter"}},
        "handlers": {"stderr": handler},
        "loggers": {
            "uvicorn": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
            "uvicorn.error": {"level": "INFO"},
            "uvicorn.access": {"handlers": [], "level": "WARNING", "propagate": False},
        },
    }

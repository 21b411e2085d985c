"""`payung-server`: the central server's command line.

Exit codes: 0 success; 1 bad input or an unusable database (one Indonesian line on stderr
naming what and how to fix); 2 usage errors (argparse).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, NoReturn

from app import __version__
from app.server.db import (
    DATA_DIR_ENV,
    URL_ENV,
    DatabaseUrlError,
    ServerDatabase,
    open_server_database,
    resolve_data_dir,
)

PROG = "payung-server"
# Command groups in their own modules: each has COMMANDS, add_parsers(sub, parser_class) and
# dispatch(args, db) -> int (CliError for bad input). Imported when the parser is built.
COMMAND_MODULES = (
    "app.server.cli_operators",
    "app.server.cli_reports",
    "app.server.cli_roster",
)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{PROG}: perintah salah: {message}\n")


class CliError(Exception):
    """Bad input: `field` names the option, `message` says what to fix (Indonesian)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog=PROG, description="Payung Desa: server kabupaten (DPMD)")
    parser.add_argument("--database-url", help=f"alamat database (bawaan: {URL_ENV} atau SQLite)")
    parser.add_argument("--data-dir", help=f"folder data (bawaan: {DATA_DIR_ENV} atau folder user)")
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    serve = sub.add_parser("serve", help="jalankan server (migrasi dulu)")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--workers", type=int, default=1)
    sub.add_parser("migrate", help="perbarui skema database")

    village = sub.add_parser("village", help="desa").add_subparsers(
        dest="village_command", required=True, parser_class=_Parser
    )
    add = village.add_parser("add", help="daftarkan desa")
    for option in ("code", "name", "kecamatan", "kabupaten", "province"):
        add.add_argument(f"--{option}", required=True)

    device = sub.add_parser("device", help="perangkat desa").add_subparsers(
        dest="device_command", required=True, parser_class=_Parser
    )
    code = device.add_parser("code", help="buat kode sambung sekali pakai (24 jam)")
    code.add_argument("--village", required=True, metavar="KODE_DESA")
    code.add_argument("--label", default="")
    code.add_argument("--json", action="store_true")
    lst = device.add_parser("list", help="daftar perangkat")
    lst.add_argument("--json", action="store_true")
    revoke = device.add_parser("revoke", help="cabut perangkat")
    revoke.add_argument("device_id", metavar="DEVICE_ID")

    bundle = sub.add_parser("bundle", help="bundel USB").add_subparsers(
        dest="bundle_command", required=True, parser_class=_Parser
    )
    imp = bundle.add_parser("import", help="impor bundel desa dan tulis bundel balasan")
    imp.add_argument("file", metavar="FILE")
    imp.add_argument("--reply", required=True, metavar="OUT")
    for module in _command_modules():
        module.add_parsers(sub, _Parser)
    return parser


def _command_modules() -> list[Any]:
    import importlib

    return [importlib.import_module(name) for name in COMMAND_MODULES]


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        db = open_server_database(args.database_url, resolve_data_dir(args.data_dir))
    except DatabaseUrlError as exc:
        return _fail(f"database-url: {exc.message}")
    try:
        return _dispatch(args, db)
    except CliError as exc:
        return _fail(f"{exc.field}: {exc.message}")
    except Exception as exc:
        message = _known_error(exc)
        if message is None:
            raise
        return _fail(message)
    finally:
        db.dispose()


def _known_error(exc: Exception) -> str | None:
    from sqlalchemy.exc import OperationalError

    from app.domain.errors import DomainError

    if isinstance(exc, DomainError):
        return f"{exc.field}: {exc.message}"
    if isinstance(exc, OperationalError):
        return (
            "database: database tidak dapat dibuka atau dihubungi; periksa --database-url, "
            "server PostgreSQL dan hak akses folder data"
        )
    from app.sync.errors import SyncError

    if isinstance(exc, SyncError):  # BundleError of `bundle import`
        return f"file: {exc.message}"
    return None


def _fail(message: str) -> int:
    print(f"{PROG}: {' '.join(message.split())}", file=sys.stderr)
    return 1


def _print_json(document: object) -> None:
    json.dump(document, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def _dispatch(args: argparse.Namespace, db: ServerDatabase) -> int:
    from app.server import migrate

    if args.command == "migrate":
        migrate.upgrade(db)
        print(f"Database server siap (revisi {migrate.head_revision()}).")
        return 0
    if args.command == "serve":
        return _serve(args, db)
    if not migrate.is_current(db):
        raise CliError(
            "database",
            "skema database server belum disiapkan atau belum diperbarui; "
            f"jalankan dulu `{PROG} migrate`",
        )
    group = next((m for m in _command_modules() if args.command in m.COMMANDS), None)
    if group is not None:
        return int(group.dispatch(args, db))
    handlers: dict[str, Callable[[argparse.Namespace, ServerDatabase], int]] = {
        "village": _village,
        "device": _device,
        "bundle": _bundle,
    }
    return handlers[args.command](args, db)


def _serve(args: argparse.Namespace, db: ServerDatabase) -> int:
    import uvicorn

    from app.server import migrate
    from app.server.app import create_app
    from app.server.logs import uvicorn_log_config

    if not 0 < args.port < 65536:
        raise CliError("port", "nomor port harus 1-65535")
    if args.workers < 1:
        raise CliError("workers", "jumlah worker paling sedikit 1")
    migrate.upgrade(db)
    common: dict[str, Any] = {
        "host": args.host,
        "port": args.port,
        "access_log": False,
        "log_config": uvicorn_log_config(),
        "server_header": False,
    }
    if args.workers == 1:
        app = create_app(db, data_dir=resolve_data_dir(args.data_dir), warm_reports=True)
        uvicorn.run(app, **common)
        return 0
    # Worker processes import the app themselves: hand them the resolved database.
    os.environ[URL_ENV] = db.url
    os.environ[DATA_DIR_ENV] = str(resolve_data_dir(args.data_dir))
    uvicorn.run("app.server.app:app_from_env", factory=True, workers=args.workers, **common)
    return 0


def _village(args: argparse.Namespace, db: ServerDatabase) -> int:
    from app.server.villages import add_village

    with db.sessions.begin() as session:
        vid = add_village(
            session,
            code=args.code,
            name=args.name,
            kecamatan=args.kecamatan,
            kabupaten=args.kabupaten,
            province=args.province,
        )
    print(f"Desa {args.name.strip()} terdaftar (id {vid}).")
    return 0


def _device(args: argparse.Namespace, db: ServerDatabase) -> int:
    from app.models import utcnow
    from app.server import devices

    if args.device_command == "code":
        with db.sessions.begin() as session:
            village = _village_code(session, args.village)
            code, expires = devices.create_code(session, village, args.label, utcnow())
        if args.json:
            _print_json({"code": code, "expires_at": _iso(expires), "village": village})
        else:
            print(f"Kode sambung desa {village}: {code}")
            print(f"Berlaku sekali sampai {_iso(expires)}; ketik di komputer desa: payung connect")
        return 0
    if args.device_command == "revoke":
        with db.sessions.begin() as session:
            at = devices.revoke_device(session, args.device_id, utcnow())
        print(f"Perangkat {args.device_id.strip()} dicabut ({_iso(at)}).")
        return 0
    with db.read_sessions() as session:
        rows = devices.list_devices(session)
    if args.json:
        _print_json([_device_json(row) for row in rows])
    elif not rows:
        print(f"Belum ada perangkat; buat kode sambung dengan `{PROG} device code`.")
    for row in [] if args.json else rows:
        state = f"dicabut {_iso(row.revoked_at)}" if row.revoked_at else "aktif"
        seen = _iso(row.last_seen_at) if row.last_seen_at else "-"
        print(f"{row.id}  {row.village}  {row.label or '-'}  terakhir {seen}  {state}")
    return 0


def _village_code(session: Any, raw: str) -> str:
    from app.server.villages import village_by_code

    village = village_by_code(session, raw)
    if village is None:
        raise CliError(
            "village",
            f"desa dengan kode '{raw}' belum terdaftar di server; "
            f"tambahkan dulu dengan `{PROG} village add`",
        )
    return str(village.code)


def _device_json(row: Any) -> dict[str, Any]:
    return {
        "id": row.id,
        "village": row.village,
        "label": row.label,
        "created_at": _iso(row.created_at),
        "last_seen_at": _iso(row.last_seen_at),
        "revoked_at": _iso(row.revoked_at),
    }


def _iso(moment: datetime | None) -> str | None:
    """Naive UTC from the database -> ISO 8601 with the offset, e.g. 2026-11-22T10:14:08+00:00."""
    if moment is None:
        return None
    return moment.replace(tzinfo=UTC).isoformat(timespec="seconds")


def _bundle(args: argparse.Namespace, db: ServerDatabase) -> int:
    source = Path(args.file)
    if not source.is_file():
        raise CliError("file", f"berkas '{args.file}' tidak ditemukan; periksa nama dan folder")
    from app.server.bundles import import_bundle_file

    print(import_bundle_file(db, source, Path(args.reply)))
    return 0


if __name__ == "__main__":
    sys.exit(main())

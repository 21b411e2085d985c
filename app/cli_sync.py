"""`payung connect | sync | conflicts | bundle`: the sync client on the command line.

Same conventions as app.cli: exit 0 success; 1 one Indonesian line on stderr (what happened,
what to do); 2 usage errors. `sync --json` prints exactly pushed, pulled, conflicts,
quarantined and server_time; warnings (clock skew) go to stderr.
"""

from __future__ import annotations

import argparse
import json
import sys
import uuid
from pathlib import Path
from typing import Any

COMMANDS = ("connect", "sync", "conflicts", "bundle")
WITHOUT_VILLAGE = ("connect",)  # a new PC connects first and receives its village by sync


def add_parsers(sub: Any, parser_class: type[argparse.ArgumentParser]) -> None:
    connect = sub.add_parser("connect", help="sambungkan PC ini ke server kabupaten")
    connect.add_argument("--server", required=True, metavar="URL")
    connect.add_argument("--code", required=True, metavar="KODE")
    connect.add_argument("--label", default="", help="nama PC ini di server (bawaan: kosong)")

    sync = sub.add_parser("sync", help="kirim perubahan dan ambil data terbaru dari server")
    sync.add_argument("--json", action="store_true")
    sync.add_argument("--verify", action="store_true", help="periksa keutuhan data sekarang")

    conflicts = sub.add_parser("conflicts", help="konflik yang perlu ditinjau")
    conflicts.add_argument("--json", action="store_true")
    actions = conflicts.add_subparsers(dest="conflicts_command", parser_class=parser_class)
    resolve = actions.add_parser("resolve", help="pilih nilai yang dipakai untuk satu konflik")
    resolve.add_argument("id", metavar="ID")
    resolve.add_argument("--keep", required=True, choices=("local", "server"))

    bundle = sub.add_parser("bundle", help="bundel USB untuk desa tanpa internet").add_subparsers(
        dest="bundle_command", required=True, parser_class=parser_class
    )
    export = bundle.add_parser("export", help="tulis perubahan ke berkas bundel")
    export.add_argument("--out", required=True, metavar="FILE")
    load = bundle.add_parser("import", help="baca berkas bundel balasan dari DPMD")
    load.add_argument("file", metavar="FILE")


def dispatch(args: argparse.Namespace, ctx: Any) -> int:
    """Run one sync command on an open AppContext."""
    from app.sync.engine import SyncEngine
    from app.sync.errors import SyncError

    engine = SyncEngine(ctx.database.sessions, ctx.paths.data_dir)
    try:
        match args.command:
            case "connect":
                return _connect(args, engine)
            case "sync":
                return _sync(args, engine)
            case "conflicts":
                return _conflicts(args, engine)
            case _:
                return _bundle(args, engine)
    except SyncError as exc:
        return _fail(exc.message)


def _fail(message: str) -> int:
    print(f"payung: {' '.join(message.split())}", file=sys.stderr)
    return 1


def _print_json(document: object) -> None:
    json.dump(document, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def _connect(args: argparse.Namespace, engine: Any) -> int:
    status = engine.connect(args.server, args.code, label=args.label)
    print(
        f"Tersambung ke {status.server_url} sebagai {status.device_id} untuk desa "
        f"{status.village_code}. Jalankan `payung sync` untuk mengirim dan mengambil data."
    )
    return 0


def _sync(args: argparse.Namespace, engine: Any) -> int:
    result = engine.sync(verify=args.verify)
    for warning in result.warnings:
        print(f"payung: {warning}", file=sys.stderr)
    if args.json:
        _print_json(
            {
                "pushed": result.pushed,
                "pulled": result.pulled,
                "conflicts": result.conflicts,
                "quarantined": result.quarantined,
                "server_time": result.server_time.isoformat(),
            }
        )
        return 0
    print(
        f"Terkirim {result.pushed} perubahan, diterima {result.pulled} baris; "
        f"konflik terbuka {result.conflicts}, karantina {result.quarantined}"
    )
    if result.repaired:
        print(f"Diperbaiki dari server: {', '.join(result.repaired)}")
    return 0


def _conflicts(args: argparse.Namespace, engine: Any) -> int:
    if args.conflicts_command == "resolve":
        return _resolve(args, engine)
    views = engine.conflicts()
    if args.json:
        _print_json([_conflict_json(view) for view in views])
        return 0
    for view in views:
        waiting = " (pilihan menunggu dikirim)" if view.resolution_pending else ""
        print(f"{view.id}  {view.entity:<14} {view.kind:<15} {view.summary}{waiting}")
    print(f"{len(views)} konflik terbuka", file=sys.stderr)
    return 0


def _conflict_json(view: Any) -> dict[str, Any]:
    return {
        "id": str(view.id),
        "entity": view.entity,
        "row_id": str(view.row_id),
        "kind": view.kind,
        "summary": view.summary,
        "fields": {
            name: {"local": local, "server": server, "kept": kept}
            for name, (local, server, kept) in view.fields.items()
        },
        "created_at": view.created_at.isoformat(),
        "resolution_pending": view.resolution_pending,
    }


def _resolve(args: argparse.Namespace, engine: Any) -> int:
    from app.sync.errors import SyncError

    try:
        conflict_id = uuid.UUID(args.id.strip())
    except ValueError:
        return _fail(f"id: '{args.id}' bukan ID konflik; lihat daftar dengan `payung conflicts`")
    view = next((v for v in engine.conflicts() if v.id == conflict_id), None)
    if view is None:
        return _fail("id: konflik itu tidak ada di daftar; jalankan `payung sync` lalu lihat lagi")
    engine.resolve(conflict_id, dict.fromkeys(view.fields, args.keep))
    if not engine.status().connected:
        print("Pilihan disimpan; akan dikirim lewat bundel USB berikutnya.")
        return 0
    try:
        engine.sync()
    except SyncError as exc:
        if not exc.retry_later:
            raise
        print(
            "Pilihan disimpan; server tidak terjangkau, akan dikirim saat sinkronisasi "
            "berikutnya atau lewat bundel USB berikutnya."
        )
        return 0
    print("Pilihan dikirim ke server.")
    return 0


def _bundle(args: argparse.Namespace, engine: Any) -> int:
    from app.sync import bundle_client

    if args.bundle_command == "export":
        print(bundle_client.export_bundle(engine, Path(args.out)))
        return 0
    print(bundle_client.describe(bundle_client.import_bundle(engine, Path(args.file))))
    return 0

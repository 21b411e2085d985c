"""`payung`: the command line. A thin layer over app.services; no command opens Qt but the window.

Exit codes: 0 success; 1 bad input or unhealthy data (one Indonesian line on stderr naming the
field and the fix); 2 usage errors (argparse).
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn

from app import __version__
from app.config import Paths, resolve_paths
from app.domain.categories import Category, EndReason
from app.domain.errors import DomainError, InvalidField
from app.domain.formatting import parse_date
from app.domain.village import validate_village
from app.domain.worker import WorkerDraft

WORKER_OPTIONS = (
    "nik", "name", "birth_date", "sex", "category", "birth_place", "position", "phone",
    "address", "dusun", "rt", "rw", "mother_name", "no_kk", "kpj", "marital_status",
)  # fmt: skip
REQUIRED_FOR_ADD = ("nik", "name", "birth_date", "sex", "category")
COMMAND_MODULES = (
    "app.cli_contributions", "app.cli_export", "app.cli_import", "app.cli_print", "app.cli_sync",
)  # fmt: skip


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"payung: perintah salah: {message}\n")


def _worker_options(parser: argparse.ArgumentParser, *, required: bool) -> None:
    for name in WORKER_OPTIONS:
        flag = "--" + name.replace("_", "-")
        kwargs: dict[str, Any] = {"dest": name, "default": None}
        parser.add_argument(flag, required=required and name in REQUIRED_FOR_ADD, **kwargs)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="payung", description="Payung Desa: register pekerja desa dan BPJS TK")
    parser.add_argument("--data-dir", help="folder data (bawaan: PAYUNG_DATA_DIR atau folder user)")
    parser.add_argument("--version", action="version", version=f"payung {__version__}")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

    init = sub.add_parser("init", help="siapkan desa")
    init.add_argument("--village-code", required=True)
    init.add_argument("--village-name", required=True)
    init.add_argument("--kecamatan", required=True)
    init.add_argument("--kabupaten", required=True)
    init.add_argument("--province", required=True)
    init.add_argument("--head")
    init.add_argument("--secretary")

    worker = sub.add_parser("worker", help="register pekerja").add_subparsers(
        dest="worker_command", required=True, parser_class=_Parser
    )
    add = worker.add_parser("add", help="tambah pekerja")
    _worker_options(add, required=True)
    add.add_argument("--json", action="store_true")
    lst = worker.add_parser("list", help="daftar/cari pekerja")
    lst.add_argument("--search", default="")
    lst.add_argument("--category")
    lst.add_argument("--json", action="store_true")
    show = worker.add_parser("show", help="data lengkap satu pekerja")
    show.add_argument("ref", metavar="NIK|ID")
    show.add_argument("--json", action="store_true")
    edit = worker.add_parser("edit", help="ubah data pekerja")
    edit.add_argument("ref", metavar="NIK|ID")
    _worker_options(edit, required=False)
    edit.add_argument("--json", action="store_true")
    end = worker.add_parser("end", help="akhiri keanggotaan")
    end.add_argument("ref", metavar="NIK|ID")
    end.add_argument("--date", required=True)
    end.add_argument("--reason", required=True, help=", ".join(r.value for r in EndReason))

    backup = sub.add_parser("backup", help="buat cadangan sekarang")
    backup.add_argument("--out", help="folder tujuan (bawaan: folder cadangan)")
    restore = sub.add_parser("restore", help="pulihkan dari berkas cadangan")
    restore.add_argument("file")
    check = sub.add_parser("check", help="periksa keutuhan dan versi skema")
    check.add_argument("--json", action="store_true")
    for module in _command_modules():
        module.add_parsers(sub, _Parser)
    return parser


def _command_modules() -> list[Any]:
    """Command groups beyond the register: each module has COMMANDS, add_parsers(sub,
    parser_class) and dispatch(args, ctx) -> exit code, run on an open AppContext."""
    import importlib

    return [importlib.import_module(name) for name in COMMAND_MODULES]


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    paths = resolve_paths(args.data_dir)
    if args.command is None:
        from app.ui.main import run_window  # the only PySide6 import reachable from the CLI

        return run_window(paths)
    # Log records must not add lines to the one-line error contract: warnings (a crash check
    # that passed) stay quiet, errors (a failed daily backup) print like any other message.
    # A no-op when logging is already set up (the window, a test harness).
    logging.basicConfig(level=logging.ERROR, format="payung: %(message)s")
    try:
        return _dispatch(args, paths)
    except DomainError as exc:
        return _fail(f"{exc.field}: {exc.message}")
    except _storage_errors() as exc:
        # Storage errors are about the data folder's database unless a command says otherwise.
        return _fail(f"database: {exc.message}")


def _storage_errors() -> tuple[type[Any], ...]:
    from app.services.errors import StorageError

    return (StorageError,)


def _fail(message: str) -> int:
    # Exactly one line: SQLite's check verdicts and echoed input may hold line breaks.
    print(f"payung: {' '.join(message.split())}", file=sys.stderr)
    return 1


def _print_json(document: object) -> None:
    json.dump(document, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def _dispatch(args: argparse.Namespace, paths: Paths) -> int:
    group = next((m for m in _command_modules() if args.command in m.COMMANDS), None)
    if group is not None:
        # `payung connect` may start from an empty data folder: the village arrives by sync.
        free = args.command in getattr(group, "WITHOUT_VILLAGE", ())
        return (0 if free else _ensure_village(paths)) or _with_context(
            paths, lambda ctx: int(group.dispatch(args, ctx))
        )
    handlers: dict[str, Callable[[argparse.Namespace, Paths], int]] = {
        "init": _init,
        "worker": _worker,
        "backup": _backup,
        "restore": _restore,
        "check": _check,
    }
    return handlers[args.command](args, paths)


def _with_context(paths: Paths, job: Callable[[Any], int]) -> int:
    from app.services.context import AppContext

    context = AppContext.open(paths)
    try:
        return job(context)
    finally:
        context.close()


def _init(args: argparse.Namespace, paths: Paths) -> int:
    data = validate_village(
        code=args.village_code,
        name=args.village_name,
        kecamatan=args.kecamatan,
        kabupaten=args.kabupaten,
        province=args.province,
        head_name=args.head,
        secretary_name=args.secretary,
    )

    def job(ctx: Any) -> int:
        info = ctx.village.set_up(data)
        print(f"{info.name} ({info.code}) siap. Data: {paths.data_dir}")
        return 0

    return _with_context(paths, job)


def _worker(args: argparse.Namespace, paths: Paths) -> int:
    from app.services.dto import to_json
    from app.services.register import SearchQuery

    def job(ctx: Any) -> int:
        match args.worker_command:
            case "add":
                values = {k: getattr(args, k) or "" for k in WORKER_OPTIONS}
                detail = ctx.register.add(WorkerDraft(**values))
                _emit_detail(args, detail, f"Ditambahkan: {detail.name} ({detail.id})")
            case "edit":
                changes = {
                    k: getattr(args, k) for k in WORKER_OPTIONS if getattr(args, k) is not None
                }
                detail = ctx.register.edit(args.ref, changes)
                _emit_detail(args, detail, f"Diubah: {detail.name} ({detail.id})")
            case "show":
                detail = ctx.register.get(args.ref)
                _emit_detail(args, detail, None)
            case "end":
                on = parse_date(args.date, field="date")
                detail = ctx.register.end(args.ref, on=on, reason=_end_reason(args.reason))
                print(f"Keanggotaan {detail.name} berakhir {detail.end_date}")
            case "list":
                _list(ctx, args, SearchQuery, to_json)
        return 0

    ctx_ready = _ensure_village(paths)
    return ctx_ready if ctx_ready else _with_context(paths, job)


def _category(text: str) -> Category:
    try:
        return Category(text)
    except ValueError:
        codes = ", ".join(c.value for c in Category)
        raise InvalidField("category", f"kategori '{text}' tidak dikenal; pilih: {codes}") from None


def _end_reason(text: str) -> EndReason:
    try:
        return EndReason(text)
    except ValueError:
        codes = ", ".join(r.value for r in EndReason)
        raise InvalidField("reason", f"alasan '{text}' tidak dikenal; pilih: {codes}") from None


def _ensure_village(paths: Paths) -> int:
    """Worker commands need a set-up village; say so before creating anything."""
    if not paths.database.exists():
        return _fail("village: desa belum disiapkan; jalankan `payung init` lebih dulu")
    return 0


def _list(ctx: Any, args: argparse.Namespace, query_cls: Any, to_json: Any) -> None:
    category = _category(args.category) if args.category else None
    query = query_cls(text=args.search, category=category)
    rows = []
    offset = 0
    while True:  # the CLI prints everything; the window pages
        page = ctx.register.search(query, offset=offset, limit=1000)
        rows.extend(page.rows)
        offset += len(page.rows)
        if len(page.rows) < 1000:
            break
    if args.json:
        _print_json(to_json(rows))
        return
    for row in rows:
        print(f"{row.nik}  {row.name:<40.40}  {row.birth_date}  {row.sex.value}  "
              f"{row.category.value:<18}  {row.status.value}")  # fmt: skip
    print(f"{len(rows)} pekerja", file=sys.stderr)


def _emit_detail(args: argparse.Namespace, detail: Any, message: str | None) -> None:
    from app.services.dto import to_json

    if getattr(args, "json", False):
        _print_json(to_json(detail))
        return
    if message:
        print(message)
        return
    for key, value in to_json(detail).items():
        print(f"{key:<15} {'' if value is None else value}")


def _backup(args: argparse.Namespace, paths: Paths) -> int:
    from app.services.backups import backup_now
    from app.services.errors import BackupFailed

    def job(ctx: Any) -> int:
        village = ctx.village.get()
        folder = Path(args.out) if args.out else paths.backups / "manual"
        try:
            made = backup_now(paths, folder, label=village.code if village else "desa")
        except BackupFailed as exc:
            if args.out:  # the folder the person chose is what failed
                raise InvalidField("out", exc.message) from exc
            raise
        print(made)
        return 0

    if not paths.database.exists():
        return _fail("database: belum ada data untuk dicadangkan; jalankan `payung init` dulu")
    return _with_context(paths, job)


def _restore(args: argparse.Namespace, paths: Paths) -> int:
    from app.services.backups import restore_from
    from app.services.errors import StorageError

    try:
        aside = restore_from(paths, Path(args.file))
    except StorageError as exc:  # the refusal is about the file given, not the database
        raise InvalidField("file", exc.message) from exc
    # Open once so an older backup is migrated now, with its own pre-migration copy.
    _with_context(paths, lambda ctx: 0)
    print(f"Dipulihkan dari {args.file}.")
    if aside:
        print(f"Data sebelumnya disimpan di {aside}")
    return 0


def _check(args: argparse.Namespace, paths: Paths) -> int:
    from app.services.backups import check

    health = check(paths)
    if args.json:
        _print_json({
            "healthy": health.healthy, "database": health.database, "exists": health.exists,
            "integrity": health.integrity, "schema_revision": health.schema_revision,
            "schema_head": health.schema_head, "schema_status": health.schema_status,
        })  # fmt: skip
    else:
        verdict = "sehat" if health.healthy else "BERMASALAH"
        print(f"{verdict}: keutuhan {health.integrity}, skema {health.schema_status} "
              f"({health.schema_revision or '-'} / {health.schema_head})")  # fmt: skip
    return 0 if health.healthy else 1

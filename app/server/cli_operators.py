"""`payung-server operator add|list|disable`: the dashboard's operators.

`add` reads the password from stdin (one line; a prompt without echo on a terminal), so it never
appears in the shell history or the process list.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import Any

from sqlalchemy import delete, select, update

from app.models import utcnow
from app.server.cli import CliError, _iso, _print_json
from app.server.db import ServerDatabase
from app.server.tables import audit_entry, operator, web_session
from app.server.web.security import ROLES, PasswordRefused, add_operator, normalise_username

COMMANDS = ("operator",)


def add_parsers(sub: Any, parser_class: type[argparse.ArgumentParser]) -> None:
    group = sub.add_parser("operator", help="operator dasbor DPMD").add_subparsers(
        dest="operator_command", required=True, parser_class=parser_class
    )
    add = group.add_parser("add", help="tambah operator (kata sandi dibaca dari stdin)")
    add.add_argument("--username", required=True)
    add.add_argument("--role", choices=ROLES, default="operator")
    lst = group.add_parser("list", help="daftar operator")
    lst.add_argument("--json", action="store_true")
    disable = group.add_parser("disable", help="nonaktifkan operator (sesinya ditutup)")
    disable.add_argument("username", metavar="USERNAME")


def dispatch(args: argparse.Namespace, db: ServerDatabase) -> int:
    if args.operator_command == "add":
        return _add(args, db)
    if args.operator_command == "disable":
        return _disable(args, db)
    return _list(args, db)


def read_password() -> str:
    """One line from stdin (without its line end), or a hidden prompt on a terminal."""
    if sys.stdin.isatty():
        return getpass.getpass("Kata sandi (paling sedikit 10 karakter): ")
    return sys.stdin.readline().rstrip("\r\n")


def _add(args: argparse.Namespace, db: ServerDatabase) -> int:
    password = read_password()
    try:
        with db.sessions.begin() as session:
            add_operator(
                session, username=args.username, password=password, role=args.role, now=utcnow()
            )
    except PasswordRefused as exc:
        raise CliError(exc.field, exc.message) from None
    print(f"Operator {normalise_username(args.username)} ({args.role}) ditambahkan.")
    return 0


def _disable(args: argparse.Namespace, db: ServerDatabase) -> int:
    name = normalise_username(args.username)
    now = utcnow()
    with db.sessions.begin() as session:
        oid = session.scalar(select(operator.c.id).where(operator.c.username == name))
        if oid is None:
            raise CliError(
                "username",
                f"operator '{name}' tidak ada; "
                "lihat daftarnya dengan `payung-server operator list`",
            )
        session.execute(
            update(operator)
            .where(operator.c.id == oid, operator.c.disabled_at.is_(None))
            .values(disabled_at=now)
        )
        session.execute(delete(web_session).where(web_session.c.operator_id == oid))
        session.execute(
            audit_entry(actor="cli", action="operator_disable", entity="operator", row_id=oid)
        )
    print(f"Operator {name} dinonaktifkan; sesinya yang terbuka sudah ditutup.")
    return 0


def _list(args: argparse.Namespace, db: ServerDatabase) -> int:
    with db.read_sessions() as session:
        rows = session.execute(
            select(
                operator.c.username, operator.c.role, operator.c.created_at, operator.c.disabled_at
            ).order_by(operator.c.username)
        ).all()
    if args.json:
        _print_json(
            [
                {
                    "username": r.username,
                    "role": r.role,
                    "created_at": _iso(r.created_at),
                    "disabled_at": _iso(r.disabled_at),
                }
                for r in rows
            ]
        )
        return 0
    if not rows:
        print("Belum ada operator; tambahkan dengan `payung-server operator add`.")
    for r in rows:
        state = f"nonaktif {_iso(r.disabled_at)}" if r.disabled_at else "aktif"
        print(f"{r.username}  {r.role}  dibuat {_iso(r.created_at)}  {state}")
    return 0

"""`payung export | export-new | profiles`: upload workbooks on the CLI.

Same conventions as app.cli: exit 0 success (the file's path on the first line of stdout, then
a summary), 1 bad input or a refused export (one Indonesian line on stderr naming the field;
for a refusal the first reason and how many lines are refused), 2 usage errors.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from app.domain.errors import InvalidField
from app.domain.formatting import parse_date
from app.domain.period import Period
from app.domain.rates import Payer

COMMANDS = ("export", "export-new", "profiles")


def add_parsers(sub: Any, parser_class: type[argparse.ArgumentParser]) -> None:
    export = sub.add_parser("export", help="ekspor iuran bulanan ke .xlsx (profil ekspor)")
    export.add_argument("period", metavar="YYYY-MM")
    export.add_argument("--out", required=True, metavar="FILE.xlsx")
    export.add_argument("--payer", help=", ".join(p.value for p in Payer))
    export.add_argument("--profile", help="nama profil (bawaan: bpjs-iuran)")

    new = sub.add_parser("export-new", help="ekspor pendaftaran baru (TMT sejak tanggal) ke .xlsx")
    new.add_argument("--since", required=True, metavar="YYYY-MM-DD")
    new.add_argument("--out", required=True, metavar="FILE.xlsx")
    new.add_argument("--profile", help="nama profil (bawaan: bpjs-pendaftaran)")

    profiles = sub.add_parser("profiles", help="profil ekspor").add_subparsers(
        dest="profiles_command", required=True, parser_class=parser_class
    )
    listing = profiles.add_parser("list", help="daftar profil ekspor dan berkas yang tidak sah")
    listing.add_argument("--json", action="store_true")


def dispatch(args: argparse.Namespace, ctx: Any) -> int:
    """Run one export command on an open AppContext."""
    from app.services.exports import Exports

    exports = Exports(ctx.database.sessions, user_profiles=ctx.paths.data_dir / "profiles")
    match args.command:
        case "export":
            return _export(args, exports)
        case "export-new":
            return _export_new(args, exports)
        case _:
            return _profiles(args, exports)


def _export(args: argparse.Namespace, exports: Any) -> int:
    from app.services.exports import ROSTER_PROFILE

    period = Period.parse(args.period)
    payer = _payer(args.payer) if args.payer else None
    result = exports.export_roster(
        period, Path(args.out), payer=payer, profile=args.profile or ROSTER_PROFILE
    )
    state = "terkunci" if result.locked else "DRAF, belum dikunci"
    print(result.path)
    print(f"{result.rows} baris, iuran {period} ({state}), profil {result.profile} "
          f"versi {result.version}")  # fmt: skip
    return 0


def _export_new(args: argparse.Namespace, exports: Any) -> int:
    from app.services.exports import REGISTRATION_PROFILE

    since = parse_date(args.since, field="since")
    result = exports.export_new(since, Path(args.out), profile=args.profile or REGISTRATION_PROFILE)
    print(result.path)
    print(f"{result.rows} baris, TMT sejak {since}, profil {result.profile} versi {result.version}")
    return 0


def _payer(text: str) -> Payer:
    try:
        return Payer(text.strip().lower())
    except ValueError:
        codes = ", ".join(p.value for p in Payer)
        raise InvalidField("payer", f"sumber dana '{text}' tidak dikenal; pilih: {codes}") from None


def _profiles(args: argparse.Namespace, exports: Any) -> int:
    catalog = exports.profiles()
    ordered = sorted(catalog.profiles.values(), key=lambda p: (p.kind.value, p.name))
    if args.json:
        document = {
            "profiles": [profile_json(p) for p in ordered],
            "invalid": [{"file": bad.file, "message": bad.message} for bad in catalog.invalid],
        }
        json.dump(document, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    for p in ordered:
        origin = "bawaan" if p.origin == "shipped" else "pengguna"
        print(f"{p.name:<24} versi {p.version:<8} {p.kind.value:<12} {origin:<8} {p.title}")
    for bad in catalog.invalid:
        print(f"TIDAK SAH {bad.file}: {bad.message}")
    return 0


def profile_json(profile: Any) -> dict[str, object]:
    return {
        "name": profile.name, "version": profile.version, "kind": profile.kind.value,
        "title": profile.title, "description": profile.description, "sheet": profile.sheet,
        "start_row": profile.start_row, "origin": profile.origin, "file": profile.file,
        "columns": [
            {"header": c.header, "source": c.source, "type": c.type.value,
             "date_pattern": c.date_pattern, "required": c.required}
            for c in profile.columns
        ],
    }  # fmt: skip

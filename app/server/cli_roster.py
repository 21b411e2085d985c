"""`payung-server roster` and `payung-server reconcile`: the DPMD's monthly jobs.

    payung-server roster YYYY-MM --payer PAYER --out FILE.xlsx [--profile NAME]
    payung-server reconcile FILE --report OUT.xlsx [--apply]

Exit 0 on success; 1 (one Indonesian line on stderr, nothing written) when nothing is locked
for the month and payer, or the BPJS file is bad, or a file cannot be written.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from app.server.db import ServerDatabase, resolve_data_dir

COMMANDS = ("roster", "reconcile")


def add_parsers(sub: Any, parser_class: type[argparse.ArgumentParser]) -> None:
    roster = sub.add_parser("roster", help="rekap iuran bulanan semua desa untuk satu sumber dana")
    roster.add_argument("period", metavar="YYYY-MM")
    roster.add_argument("--payer", required=True, metavar="SUMBER_DANA", help="misalnya apbd")
    roster.add_argument("--out", required=True, metavar="FILE.xlsx")
    roster.add_argument("--profile", default=None, metavar="NAMA", help="profil ekspor iuran")
    reconcile = sub.add_parser("reconcile", help="cocokkan daftar peserta dari BPJS")
    reconcile.add_argument("file", metavar="FILE")
    reconcile.add_argument("--report", required=True, metavar="OUT.xlsx")
    reconcile.add_argument("--apply", action="store_true", help="isi KPJ (perubahan DPMD)")


def dispatch(args: argparse.Namespace, db: ServerDatabase) -> int:
    if args.command == "roster":
        return _roster(args, db)
    return _reconcile(args, db)


def _roster(args: argparse.Namespace, db: ServerDatabase) -> int:
    from app.documents.profiles import ProfileKind
    from app.domain.formatting import format_rupiah
    from app.domain.period import Period
    from app.domain.rates import PAYER_LABELS
    from app.server import roster

    period = Period.parse(args.period)
    payer = roster.parse_payer(args.payer)
    catalog = roster.roster_profiles(resolve_data_dir(args.data_dir))
    profile = catalog.get(args.profile or roster.ROSTER_PROFILE, ProfileKind.ROSTER)
    with db.read_sessions() as session:
        done = roster.export_consolidated(
            session, period=period, payer=payer, out=Path(args.out), profile=profile
        )
    summary = done.summary
    print(
        f"Rekap iuran {period} sumber dana {PAYER_LABELS[payer]}: {len(summary.included)} desa "
        f"terkunci, {done.rows} peserta, jumlah {format_rupiah(summary.total)}."
    )
    print(f"Berkas: {done.path} (profil {done.profile} versi {done.version})")
    missing = summary.missing
    if missing:
        print(f"Belum terkunci, tidak ikut dalam rekap ({len(missing)} desa):")
        for village in missing:
            print(
                f"  {village.code}  {village.name} (Kec. {village.kecamatan}): "
                f"{village.state.label}"
            )
    return 0


def _reconcile(args: argparse.Namespace, db: ServerDatabase) -> int:
    from app.server import reconcile, reconcile_report
    from app.server.cli import CliError
    from app.server.reconcile_file import read_bpjs_list
    from app.server.roster import checked_out

    source = Path(args.file)
    if not source.is_file():
        raise CliError("file", f"berkas '{args.file}' tidak ditemukan; periksa nama dan folder")
    report = checked_out(Path(args.report))
    people = read_bpjs_list(source)
    sessions = db.sessions if args.apply else db.read_sessions
    with sessions() as session, session.begin():
        result = reconcile.reconcile(session, people, apply=args.apply)
        # The report is written before the commit: a report that cannot be written rolls
        # the fill-ins back, so nothing is changed without its record.
        reconcile_report.write_report(report, result, source=source.name, applied=args.apply)
    for line in reconcile_report.summary_lines(result, applied=args.apply):
        print(line)
    print(f"Laporan: {report}")
    return 0

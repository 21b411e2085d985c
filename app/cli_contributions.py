"""`payung enroll | unenroll | roster | pay | status | quota | rates`: contributions on the CLI.

Same conventions as app.cli: exit 0 success, 1 bad input (one Indonesian line on stderr naming
the field), 2 usage errors; `--json` prints one JSON document on stdout.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from typing import Any

from app.domain.categories import Category, EndReason
from app.domain.enrollment import EnrollmentDraft, EnrollmentStatus
from app.domain.errors import InvalidField
from app.domain.formatting import format_rupiah, parse_date, parse_rupiah
from app.domain.period import Period
from app.domain.rates import Payer

COMMANDS = ("enroll", "unenroll", "roster", "pay", "status", "quota", "rates")


def add_parsers(sub: Any, parser_class: type[argparse.ArgumentParser]) -> None:
    enroll = sub.add_parser("enroll", help="daftarkan kepesertaan BPJS TK")
    enroll.add_argument("ref", metavar="NIK|ID")
    enroll.add_argument("--segment", required=True, help="PU atau BPU")
    enroll.add_argument("--programs", required=True, help="JKK,JKM[,JHT][,JP]")
    enroll.add_argument("--wage", required=True, help="upah (PU) atau penghasilan (BPU), rupiah")
    enroll.add_argument("--payer", required=True, help=", ".join(p.value for p in Payer))
    enroll.add_argument("--start", required=True, help="TMT, YYYY-MM-DD")
    enroll.add_argument("--risk-class", default="1")
    enroll.add_argument("--kpj", default="")
    enroll.add_argument("--status", default="active", help="draft, submitted atau active")
    enroll.add_argument("--json", action="store_true")

    unenroll = sub.add_parser("unenroll", help="akhiri kepesertaan yang berjalan")
    unenroll.add_argument("ref", metavar="NIK|ID")
    unenroll.add_argument("--date", required=True)
    unenroll.add_argument("--reason", required=True, help=", ".join(r.value for r in EndReason))

    roster = sub.add_parser(
        "roster", help="draf iuran bulanan: buat/hitung ulang, tampilkan, kunci"
    )
    roster.add_argument("period", metavar="YYYY-MM")
    roster.add_argument("--payer")
    roster.add_argument("--lock", action="store_true")
    roster.add_argument("--json", action="store_true")

    pay = sub.add_parser("pay", help="catat pembayaran iuran")
    pay.add_argument("period", metavar="YYYY-MM")
    pay.add_argument("--payer", required=True)
    pay.add_argument("--amount", required=True)
    pay.add_argument("--date", required=True)
    pay.add_argument("--reference", required=True)
    pay.add_argument("--note")
    pay.add_argument("--json", action="store_true")

    status = sub.add_parser("status", help="status iuran peserta dan cakupan per kategori")
    status.add_argument("--at")
    status.add_argument("--json", action="store_true")

    quota = sub.add_parser("quota", help="formasi per kategori").add_subparsers(
        dest="quota_command", required=True, parser_class=parser_class
    )
    qset = quota.add_parser("set")
    qset.add_argument("category")
    qset.add_argument("count")

    rates = sub.add_parser("rates", help="tabel tarif").add_subparsers(
        dest="rates_command", required=True, parser_class=parser_class
    )
    rlist = rates.add_parser("list")
    rlist.add_argument("--at")
    rlist.add_argument("--json", action="store_true")


def _print_json(document: object) -> None:
    json.dump(document, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def _choice(enum: Any, text: str, field: str, what: str) -> Any:
    try:
        return enum(text)
    except ValueError:
        codes = ", ".join(m.value for m in enum)
        raise InvalidField(field, f"{what} '{text}' tidak dikenal; pilih: {codes}") from None


def _as_of(text: str | None, today: date) -> date:
    return parse_date(text, field="at") if text else today


def dispatch(args: argparse.Namespace, ctx: Any) -> int:
    """Run one contributions command on an open AppContext."""
    handler = {
        "enroll": _enroll, "unenroll": _unenroll, "roster": _roster, "pay": _pay,
        "status": _status, "quota": _quota, "rates": _rates,
    }[args.command]  # fmt: skip
    result: int = handler(args, ctx)
    return result


def _enroll(args: argparse.Namespace, ctx: Any) -> int:
    draft = EnrollmentDraft(
        segment=args.segment, programmes=args.programs, wage=args.wage, payer=args.payer,
        start=args.start, risk_class=args.risk_class, kpj=args.kpj,
    )  # fmt: skip
    status = _choice(EnrollmentStatus, args.status, "status", "status")
    info = ctx.enrollments.enroll(args.ref, draft, status=status)
    if args.json:
        _print_json(enrollment_json(info))
    else:
        print(f"Kepesertaan {info.segment.value} {info.programmes} mulai {info.start} ({info.id})")
    return 0


def enrollment_json(info: Any) -> dict[str, object]:
    return {
        "id": info.id, "worker_id": info.worker_id, "segment": info.segment.value,
        "programs": info.programmes.split(","), "wage": info.wage, "risk_class": info.risk_class,
        "payer": info.payer.value, "kpj": info.kpj, "start": info.start.isoformat(),
        "end": info.end.isoformat() if info.end else None,
        "end_reason": info.end_reason.value if info.end_reason else None,
        "status": info.status.value, "jkp_entitled": info.jkp_entitled,
    }  # fmt: skip


def _unenroll(args: argparse.Namespace, ctx: Any) -> int:
    on = parse_date(args.date, field="date")
    reason = _choice(EndReason, args.reason, "reason", "alasan")
    info = ctx.enrollments.end(args.ref, on=on, reason=reason)
    print(f"Kepesertaan berakhir {info.end} ({info.end_reason.value})")
    return 0


def _roster(args: argparse.Namespace, ctx: Any) -> int:
    period = Period.parse(args.period)
    payer = _choice(Payer, args.payer, "payer", "sumber dana") if args.payer else None
    roster = ctx.roster.lock(period) if args.lock else None
    if roster is None:
        is_locked = period in ctx.roster.locked_periods()
        roster = ctx.roster.get(period) if is_locked else ctx.roster.generate(period)
    lines = [x for x in roster.lines if payer is None or x.payer is payer]
    totals = {k: v for k, v in roster.totals_by_payer.items() if payer is None or k == payer.value}
    if args.json:
        _print_json({
            "period": str(period), "locked": roster.locked,
            "lines": [
                {"nik": x.nik, "name": x.name, "segment": x.segment.value,
                 "payer": x.payer.value, "wage": x.wage, "amounts": x.amounts, "total": x.total}
                for x in lines
            ],
            "totals_by_payer": totals, "total": sum(totals.values()),
        })  # fmt: skip
        return 0
    state = "TERKUNCI" if roster.locked else "draf"
    print(f"Iuran {period} ({state}): {len(lines)} peserta")
    for x in lines:
        programmes = " ".join(f"{k} {format_rupiah(v)}" for k, v in sorted(x.amounts.items()))
        print(f"{x.nik}  {x.name:<32.32}  {x.segment.value:<3}  {x.payer.value:<7}  "
              f"{programmes}  = {format_rupiah(x.total)}")  # fmt: skip
    for key, value in sorted(totals.items()):
        print(f"Jumlah {key}: {format_rupiah(value)}")
    print(f"Jumlah seluruhnya: {format_rupiah(sum(totals.values()))}")
    return 0


def _pay(args: argparse.Namespace, ctx: Any) -> int:
    from app.services.roster import describe_balance

    period = Period.parse(args.period)
    payer = _choice(Payer, args.payer, "payer", "sumber dana")
    balance = ctx.roster.pay(
        period, payer, amount=parse_rupiah(args.amount, field="amount"),
        paid_on=parse_date(args.date, field="date"), reference=args.reference, note=args.note,
    )  # fmt: skip
    if args.json:
        _print_json({
            "period": str(period), "payer": payer.value, "billed": balance.billed,
            "paid": balance.paid, "shortfall": balance.shortfall, "excess": balance.excess,
        })  # fmt: skip
    else:
        print(f"Pembayaran {period} {payer.value} dicatat: ditagih {format_rupiah(balance.billed)}"
              f", dibayar {format_rupiah(balance.paid)} ({describe_balance(balance)})")  # fmt: skip
    return 0


def _status(args: argparse.Namespace, ctx: Any) -> int:
    overview = ctx.standing.overview(_as_of(args.at, ctx.today()))
    if args.json:
        _print_json({
            "as_of": overview.as_of.isoformat(),
            "participants": [
                {"nik": p.nik, "name": p.name,
                 "paid_through": str(p.paid_through) if p.paid_through else None,
                 "months_in_arrears": p.months_in_arrears,
                 "next_due": p.next_due.isoformat() if p.next_due else None,
                 "state": p.state.value}
                for p in overview.participants
            ],
            "coverage": [
                {"category": c.category.value, "active": c.active, "positions": c.positions,
                 "percent": float(c.percent) if c.percent is not None else None}
                for c in overview.coverage
            ],
        })  # fmt: skip
        return 0
    print(f"Status per {overview.as_of}")
    for p in overview.participants:
        paid = str(p.paid_through) if p.paid_through else "-"
        print(f"{p.nik}  {p.name:<32.32}  lunas s.d. {paid:<7}  "
              f"tunggakan {p.months_in_arrears}  jatuh tempo {p.next_due or '-'}  "
              f"{p.state.label}")  # fmt: skip
    for c in overview.coverage:
        percent = f"{c.percent}%" if c.percent is not None else "formasi belum diisi"
        print(f"{c.label:<20} {c.active:>5} / {c.positions or '-':>5}  {percent}")
    return 0


def _quota(args: argparse.Namespace, ctx: Any) -> int:
    category = _choice(Category, args.category, "category", "kategori")
    text = args.count.strip()
    if not text.isdigit():
        raise InvalidField("count", "jumlah formasi harus angka bulat 0 atau lebih")
    ctx.standing.set_quota(category, int(text))
    print(f"Formasi {category.label}: {int(text)}")
    return 0


def _rates(args: argparse.Namespace, ctx: Any) -> int:
    day = _as_of(args.at, ctx.today())
    rate_set = ctx.rates.at(day)
    rows = [
        {"code": r.code, "programme": r.programme.value, "segment": r.segment.value,
         "share": r.share.value, "risk_class": r.risk_class, "kind": r.kind.value,
         "value": str(r.value), "base": r.base.value, "cap": r.cap,
         "valid_from": r.valid_from.isoformat(),
         "valid_to": r.valid_to.isoformat() if r.valid_to else None,
         "legal_basis": r.legal_basis}
        for r in rate_set.rows
    ]  # fmt: skip
    if args.json:
        _print_json({"at": day.isoformat(), "version": rate_set.version, "rates": rows})
        return 0
    print(f"Tarif yang berlaku {day} (versi {rate_set.version})")
    for row in rows:
        unit = "%" if row["kind"] == "percent" else " rupiah"
        print(f"{row['programme']:<4} {row['segment']:<3} {row['share']:<11} "
              f"{row['value']}{unit}  {row['legal_basis']}")  # fmt: skip
    return 0

"""`payung recap | receipt`: the papers the office prints, as PDF files.

Same conventions as app.cli: exit 0 success, 1 bad input (one Indonesian line on stderr naming
the field), 2 usage errors. The file is written through a temporary name and renamed, so a
failed write never leaves half a PDF.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from app.domain.errors import InvalidField
from app.domain.formatting import format_rupiah, parse_date
from app.domain.period import Period
from app.domain.rates import Payer

COMMANDS = ("recap", "receipt")


def add_parsers(sub: Any, parser_class: type[argparse.ArgumentParser]) -> None:
    recap = sub.add_parser("recap", help="rekap iuran bulanan (PDF) untuk ditandatangani")
    recap.add_argument("period", metavar="YYYY-MM")
    recap.add_argument("--out", required=True, metavar="FILE.pdf")
    recap.add_argument("--payer", help=", ".join(p.value for p in Payer))
    recap.add_argument("--paper", metavar="A4|F4", help="bawaan: pengaturan kantor, atau A4")

    receipt = sub.add_parser(
        "receipt", help="tanda terima pendaftaran (PDF), satu halaman per peserta"
    )
    receipt.add_argument("refs", nargs="*", metavar="NIK|ID")
    receipt.add_argument("--since", metavar="YYYY-MM-DD", help="semua kepesertaan dengan TMT sejak")
    receipt.add_argument("--out", required=True, metavar="FILE.pdf")
    receipt.add_argument("--paper", metavar="A4|F4", help="bawaan: pengaturan kantor, atau A4")


def dispatch(args: argparse.Namespace, ctx: Any) -> int:
    """Run one print command on an open AppContext."""
    return _recap(args, ctx) if args.command == "recap" else _receipt(args, ctx)


def _paper(text: str | None) -> Any:
    from app.documents.pdf.paper import Paper

    return Paper.parse(text) if text is not None else None


def _choice_payer(text: str) -> Payer:
    try:
        return Payer(text.strip().lower())
    except ValueError:
        codes = ", ".join(p.value for p in Payer)
        raise InvalidField("payer", f"sumber dana '{text}' tidak dikenal; pilih: {codes}") from None


def _recap(args: argparse.Namespace, ctx: Any) -> int:
    from app.services.recap import RecapService

    period = Period.parse(args.period)
    payer = _choice_payer(args.payer) if args.payer else None
    paper = _paper(args.paper)
    service = RecapService(ctx.database.sessions, ctx.roster, ctx.today)
    recap = service.recap(period, payer=payer)
    pages = service.write_pdf(recap, Path(args.out), paper=paper)
    state = "terkunci" if recap.doc.locked else "DRAF"
    print(
        f"Rekap iuran {period} ({state}): {recap.lines} peserta, "
        f"{format_rupiah(recap.doc.total)}, {pages} halaman -> {args.out}"
    )
    return 0


def _receipt(args: argparse.Namespace, ctx: Any) -> int:
    from app.services.receipts import ReceiptService

    if bool(args.refs) == bool(args.since):
        raise InvalidField(
            "receipt", "sebutkan NIK/ID peserta atau --since YYYY-MM-DD (salah satu saja)"
        )
    paper = _paper(args.paper)
    service = ReceiptService(ctx.database.sessions, ctx.rates, ctx.today)
    if args.since:
        batch = service.since(parse_date(args.since, field="since"))
    else:
        batch = service.for_workers(args.refs)
    pages = service.write_pdf(batch, Path(args.out), paper=paper)
    for issued in batch.issued:
        note = " (cetak ulang)" if issued.reprint else ""
        print(f"{issued.number}  {issued.verification_code}  {issued.worker_name}{note}")
    print(f"{pages} tanda terima -> {args.out}")
    return 0

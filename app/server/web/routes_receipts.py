"""Checking a village's enrollment receipt (tanda terima): was it really issued?

The form is a POST (the receipt number leads to a person, so it never goes into a URL). A QR
scanner types `<number> <code>` into the focused field; both fields accept that form.
What a match shows: the worker's full name and the NIK masked. The DPMD operator is authorised to
see names (the consolidated roster carries them) and needs the name to compare with the paper;
the full NIK is not needed for that and stays masked. A wrong verification code says only that
it does not match: no name, no NIK, no village.
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Form, Request
from fastapi.responses import Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.errors import DomainError
from app.domain.receipt import CODE_LENGTH, parse_qr_payload
from app.models import Receipt, Village, Worker
from app.server.deps import SessionDep
from app.server.web.render import page
from app.server.web.security import CsrfChecked, CurrentOperator

router = APIRouter()

Outcome = Literal["match", "mismatch", "unknown", "invalid"]
MESSAGES: dict[Outcome, str] = {
    "match": "Tanda terima ini sah: diterbitkan oleh desa dan kode verifikasinya cocok.",
    "mismatch": (
        "Kode verifikasi tidak cocok dengan nomor tanda terima ini. Periksa ketikan kodenya; "
        "bila sudah benar, tanda terima ini mungkin palsu atau diubah."
    ),
    "unknown": (
        "Nomor tanda terima ini tidak ada di server. Periksa ketikan nomornya; bila benar, "
        "desa mungkin belum sinkron sejak tanda terima diterbitkan."
    ),
    "invalid": (
        "Isi nomor tanda terima (contoh 3521012001-A7F3-000123) dan kode verifikasi "
        f"{CODE_LENGTH} karakter dari kertas tanda terima, atau pindai kode QR-nya."
    ),
}


@dataclass(frozen=True, slots=True)
class ReceiptCheck:
    outcome: Outcome
    message: str
    number: str
    # Only for a match:
    full_name: str = ""
    nik: str = ""  # masked in the template with `nik_samar`
    village_code: str = ""
    village_name: str = ""
    issued_on: date | None = None


def normalise(number: str, code: str) -> tuple[str, str]:
    """(number, code) in upper case without spaces; a scanned `<number> <code>` in either field
    is split."""
    number, code = number.strip().upper(), code.strip().upper()
    for scanned in (number, code):
        if " " in scanned:
            try:
                return parse_qr_payload(scanned)
            except DomainError:
                pass
    return number.replace(" ", ""), code.replace(" ", "").replace("-", "")


def check_receipt(session: Session, number: str, code: str) -> ReceiptCheck:
    number, code = normalise(number, code)
    if not number or len(number) > 40 or len(code) != CODE_LENGTH:
        return ReceiptCheck("invalid", MESSAGES["invalid"], number[:40])
    row = session.execute(
        select(
            Receipt.verification_code,
            Receipt.issued_on,
            Worker.full_name,
            Worker.nik,
            Village.code.label("village_code"),
            Village.name.label("village_name"),
        )
        .join(Worker, Worker.id == Receipt.worker_id)
        .join(Village, Village.id == Receipt.village_id)
        .where(Receipt.number == number, Receipt.deleted.is_(False))
    ).first()
    if row is None:
        return ReceiptCheck("unknown", MESSAGES["unknown"], number)
    if not hmac.compare_digest(row.verification_code.encode(), code.encode()):
        return ReceiptCheck("mismatch", MESSAGES["mismatch"], number)
    return ReceiptCheck(
        "match",
        MESSAGES["match"],
        number,
        full_name=row.full_name,
        nik=row.nik,
        village_code=row.village_code,
        village_name=row.village_name,
        issued_on=row.issued_on,
    )


@router.get("/cek-tanda-terima")
def receipt_form(request: Request, _operator: CurrentOperator) -> Response:
    return page(request, "receipt_check.html", {"check": None})


@router.post("/cek-tanda-terima")
def receipt_check(
    *,
    request: Request,
    session: SessionDep,
    _operator: CsrfChecked,
    nomor: Annotated[str, Form(max_length=100)] = "",
    kode: Annotated[str, Form(max_length=100)] = "",
) -> Response:
    check = check_receipt(session, nomor, kode)
    status = 400 if check.outcome == "invalid" else 200
    return page(request, "receipt_check.html", {"check": check}, status=status)

"""Receipt numbers and verification codes: made offline, checked by the kabupaten later.

A receipt number is `VVVVVVVVVV-DDDD-NNNNNN`:
- `VVVVVVVVVV` the village's Kemendagri code without dots (`35.21.01.2001` -> `3521012001`);
- `DDDD` the device tag: the first 4 hex digits (upper case) of SHA-256 over the 16 bytes of
  the database's `db_instance_id`. Not the UUID's own first digits: a UUIDv7 starts with its
  creation time in milliseconds, so two PCs set up within the same ~50 days would share them;
- `NNNNNN` the device's own counter, at least 6 digits, incremented in the transaction that
  issues the receipt.
The village code keeps villages apart, the device tag keeps PCs of one village apart and the
counter keeps one PC's receipts apart, so numbers are unique without a connection.
"""

from __future__ import annotations

import hashlib
import re
import uuid
from datetime import date

from app.domain.errors import InvalidField

# Base32 without the symbols people confuse on paper: no 0/O, no 1/I (32 symbols).
CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
CODE_LENGTH = 8
_NUMBER = re.compile(r"(\d{10})-([0-9A-F]{4})-(\d{6,})")


def device_tag(db_instance_id: uuid.UUID) -> str:
    """`A7F3`: 4 upper-case hex digits that name one database (one PC) inside its village."""
    return hashlib.sha256(db_instance_id.bytes).hexdigest()[:4].upper()


def receipt_number(village_code: str, device: str, counter: int) -> str:
    """`3521012001-A7F3-000123` from `35.21.01.2001`, device tag `A7F3` and counter 123."""
    digits = village_code.replace(".", "")
    if not re.fullmatch(r"\d{10}", digits) or not re.fullmatch(r"[0-9A-F]{4}", device):
        raise ValueError(f"bad receipt number parts: {village_code!r}, {device!r}")
    if counter < 1:
        raise ValueError("receipt counters start at 1")
    return f"{digits}-{device}-{counter:06d}"


def receipt_counter(number: str, *, village_code: str, device: str) -> int | None:
    """The counter of a number this village and device issued; None for any other number."""
    match = _NUMBER.fullmatch(number)
    if match is None or (match[1], match[2]) != (village_code.replace(".", ""), device):
        return None
    return int(match[3])


def verification_code(number: str, nik: str, issued_on: date) -> str:
    """The 8-symbol code printed on a receipt and held in its QR code.

    Formula (the kabupaten dashboard recomputes it from synced rows):

        message = f"{number}|{nik}|{issued_on:%Y-%m-%d}"        (UTF-8; NIK = its 16 digits)
        bits    = the first 40 bits of SHA-256(message), big-endian
        code    = 8 symbols of 5 bits each, most significant first, from
                  "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"

    e.g. `3521012001-A7F3-000123`, NIK `3521014505800001`, 2026-11-21: SHA-256 starts
    `3605ba3d60` -> `8S4VNHD2`. The NIK is an input but cannot be read back from the code, and
    the QR code never holds the NIK.
    """
    message = f"{number}|{nik}|{issued_on.isoformat()}".encode()
    bits = int.from_bytes(hashlib.sha256(message).digest()[:5], "big")
    return "".join(
        CODE_ALPHABET[(bits >> (5 * (CODE_LENGTH - 1 - i))) & 31] for i in range(CODE_LENGTH)
    )


def qr_payload(number: str, code: str) -> str:
    """What the QR code holds: the receipt number, one space, the verification code. Nothing
    personal. Upper case, digits, `-` and space only, so the QR uses its compact
    alphanumeric mode (version 2, 25 x 25 modules)."""
    return f"{number} {code}"


def parse_qr_payload(text: str) -> tuple[str, str]:
    """(number, code) from a scanned payload; InvalidField when it is not one of ours."""
    parts = text.strip().split(" ")
    if (
        len(parts) != 2
        or not _NUMBER.fullmatch(parts[0])
        or len(parts[1]) != CODE_LENGTH
        or any(ch not in CODE_ALPHABET for ch in parts[1])
    ):
        raise InvalidField("qr", "kode QR ini bukan tanda terima Payung Desa")
    return parts[0], parts[1]

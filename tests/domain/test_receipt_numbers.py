"""Receipt numbers, device tags and verification codes (app.domain.receipt)."""

from __future__ import annotations

import hashlib
import uuid
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.errors import InvalidField
from app.domain.receipt import (
    CODE_ALPHABET,
    device_tag,
    parse_qr_payload,
    qr_payload,
    receipt_counter,
    receipt_number,
    verification_code,
)

NUMBER = "3521012001-A7F3-000123"
NIK = "3521014505800001"
ISSUED = date(2026, 11, 21)


def test_a_number_joins_village_digits_device_and_counter() -> None:
    assert receipt_number("35.21.01.2001", "A7F3", 123) == NUMBER
    assert receipt_number("35.21.01.2001", "A7F3", 1_234_567) == "3521012001-A7F3-1234567"


@pytest.mark.parametrize(("code", "device", "counter"), [
    ("35.21.01", "A7F3", 1), ("35.21.01.2001", "a7f3", 1), ("35.21.01.2001", "A7F3", 0),
])  # fmt: skip
def test_a_number_is_never_made_from_bad_parts(code: str, device: str, counter: int) -> None:
    with pytest.raises(ValueError):
        receipt_number(code, device, counter)


def test_the_counter_is_read_back_only_from_this_village_and_device() -> None:
    assert receipt_counter(NUMBER, village_code="35.21.01.2001", device="A7F3") == 123
    assert receipt_counter(NUMBER, village_code="35.21.01.2001", device="B000") is None
    assert receipt_counter(NUMBER, village_code="35.21.01.2002", device="A7F3") is None


def test_the_device_tag_hashes_the_whole_instance_id() -> None:
    # UUIDv7s made the same month share their first hex digits (a timestamp): the tag must not.
    same_month = [uuid.UUID(f"01a1fd46-58f5-7e85-9ad8-05db01ffb7{n:02x}") for n in range(50)]
    tags = {device_tag(u) for u in same_month}
    assert len(tags) > 45
    expected = hashlib.sha256(same_month[0].bytes).hexdigest()[:4].upper()
    assert device_tag(same_month[0]) == expected


def test_the_verification_code_is_pinned() -> None:
    """The kabupaten dashboard recomputes this; changing the formula breaks every receipt."""
    assert verification_code(NUMBER, NIK, ISSUED) == "8S4VNHD2"


def test_the_verification_code_depends_on_number_nik_and_date() -> None:
    base = verification_code(NUMBER, NIK, ISSUED)
    assert verification_code("3521012001-A7F3-000124", NIK, ISSUED) != base
    assert verification_code(NUMBER, "3521014505800002", ISSUED) != base
    assert verification_code(NUMBER, NIK, date(2026, 11, 22)) != base


@given(st.integers(1, 10**7), st.text("0123456789", min_size=16, max_size=16), st.dates())
def test_codes_use_only_unambiguous_symbols(counter: int, nik: str, issued: date) -> None:
    code = verification_code(receipt_number("35.21.01.2001", "0FFE", counter), nik, issued)
    assert len(code) == 8
    assert set(code) <= set(CODE_ALPHABET)
    assert not set(code) & set("01IO")


def test_the_qr_payload_holds_number_and_code_only() -> None:
    payload = qr_payload(NUMBER, "8S4VNHD2")
    assert payload == "3521012001-A7F3-000123 8S4VNHD2"
    assert NIK not in payload
    assert parse_qr_payload(payload) == (NUMBER, "8S4VNHD2")


@pytest.mark.parametrize("text", ["", "3521012001-A7F3-000123", "x 8S4VNHD2",
                                  "3521012001-A7F3-000123 8S4VNHD0"])  # fmt: skip
def test_a_foreign_qr_payload_is_refused(text: str) -> None:
    with pytest.raises(InvalidField):
        parse_qr_payload(text)

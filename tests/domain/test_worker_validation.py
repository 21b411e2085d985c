"""Worker fields: text in, clean data out; every error names its field, all errors at once."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from factories import TODAY, make_full_worker_draft, make_worker_draft
from wording import assert_indonesian_with_fix

from app.domain.categories import Category, MaritalStatus, Sex
from app.domain.errors import DomainError, NikBirthDateMismatch, NikSexMismatch
from app.domain.worker import check_worker, validate_worker


def test_valid_draft_gives_clean_typed_data() -> None:
    draft = make_worker_draft(name="  siti   AMINAH ", birth_date="12 Mei 1980", sex="P")
    data = validate_worker(draft, today=TODAY)
    assert (data.name, data.birth_date, data.sex, data.category) == (
        "siti AMINAH",
        date(1980, 5, 12),
        Sex.P,
        Category.PERANGKAT_DESA,
    )


def test_optional_fields_are_normalised() -> None:
    data = validate_worker(make_full_worker_draft(), today=TODAY)
    assert (data.phone, data.rt, data.rw, data.no_kk, data.kpj, data.marital_status) == (
        "081234567890",
        "003",
        "012",
        "3521011234560001",
        "12345678901",
        MaritalStatus.KAWIN,
    )


def test_empty_optional_fields_are_none() -> None:
    data = validate_worker(make_worker_draft(), today=TODAY)
    assert {k for k, v in data.as_dict().items() if v is None} == {
        "birth_place", "position", "phone", "address", "dusun", "rt", "rw", "mother_name",
        "no_kk", "kpj", "marital_status",
    }  # fmt: skip


def test_nik_typed_with_separators_is_stored_as_sixteen_digits() -> None:
    draft = make_worker_draft(birth_date="1980-05-05", sex="P")
    spaced = f"{draft.nik[:6]} {draft.nik[6:12]}.{draft.nik[12:]}"
    assert validate_worker(replace(draft, nik=spaced), today=TODAY).nik == draft.nik


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("+62 812-3456-7890", "081234567890"),
        ("+6281234567890", "081234567890"),
        ("6281234567890", "081234567890"),
        ("0812 3456 7890", "081234567890"),
        ("(0351) 123456", "0351123456"),
    ],
)
def test_phone_numbers_are_stored_starting_with_zero(typed: str, stored: str) -> None:
    assert validate_worker(make_worker_draft(phone=typed), today=TODAY).phone == stored


@pytest.mark.parametrize(
    ("typed", "stored"), [("1", "001"), ("03", "003"), ("012", "012"), ("999", "999")]
)
def test_rt_and_rw_are_zero_padded_to_three_digits(typed: str, stored: str) -> None:
    data = validate_worker(make_worker_draft(rt=typed, rw=typed), today=TODAY)
    assert (data.rt, data.rw) == (stored, stored)


@pytest.mark.parametrize(("typed", "expected"), [("l", Sex.L), ("Perempuan", Sex.P), ("P", Sex.P)])
def test_sex_accepts_code_or_label_in_any_case(typed: str, expected: Sex) -> None:
    draft = make_worker_draft(sex=typed)
    assert validate_worker(draft, today=TODAY).sex is expected


def test_category_accepts_its_indonesian_label() -> None:
    draft = make_worker_draft(category="Kader Posyandu")
    assert validate_worker(draft, today=TODAY).category is Category.KADER_POSYANDU


# Each bad field value, the field it must be reported under.
BAD_FIELDS: list[tuple[str, str]] = [
    ("name", ""),
    ("name", "Siti 2"),
    ("name", "A" * 121),
    ("birth_date", ""),
    ("birth_date", "1980-02-30"),
    ("birth_date", "kemarin"),
    ("birth_date", "2027-01-01"),  # in the future
    ("birth_date", "1899-12-31"),
    ("birth_date", "2020-01-01"),  # younger than 10
    ("sex", ""),
    ("sex", "X"),
    ("category", ""),
    ("category", "presiden"),
    ("nik", "12345"),
    ("phone", "0812abc"),
    ("phone", "12345678"),
    ("phone", "0812"),
    ("phone", "081234567890123"),
    ("rt", "0"),
    ("rt", "1000"),
    ("rt", "abc"),
    ("rw", "-1"),
    ("mother_name", "Ibu 1"),
    ("no_kk", "123"),
    ("kpj", "1234567890"),
    ("marital_status", "menikah siri"),
    ("address", "x" * 201),
    ("birth_place", "x" * 201),
    ("position", "x" * 201),
    ("dusun", "x" * 201),
]


@pytest.mark.parametrize(("field", "value"), BAD_FIELDS)
def test_bad_value_is_reported_under_its_field(field: str, value: str) -> None:
    data, errors = check_worker(make_worker_draft(**{field: value}), today=TODAY)
    assert data is None
    assert [e.field for e in errors] == [field]


@pytest.mark.parametrize(("field", "value"), BAD_FIELDS)
def test_bad_value_message_is_indonesian_and_says_what_to_fix(field: str, value: str) -> None:
    with pytest.raises(DomainError) as caught:
        validate_worker(make_worker_draft(**{field: value}), today=TODAY)
    assert_indonesian_with_fix(caught.value.message)


def test_every_error_is_collected_at_once() -> None:
    draft = make_worker_draft(name="", sex="X", phone="abc", rt="0", kpj="1", category="?")
    _, errors = check_worker(draft, today=TODAY)
    assert sorted(e.field for e in errors) == ["category", "kpj", "name", "phone", "rt", "sex"]


def test_validate_raises_the_first_error_in_form_order() -> None:
    draft = make_worker_draft(name="", phone="abc")
    with pytest.raises(DomainError) as caught:
        validate_worker(draft, today=TODAY)
    assert caught.value.field == "name"


def test_nik_must_match_the_stated_birth_date() -> None:
    draft = make_worker_draft(birth_date="1980-05-05", sex="P")
    with pytest.raises(NikBirthDateMismatch):
        validate_worker(replace(draft, birth_date="1980-05-06"), today=TODAY)


def test_nik_must_match_the_stated_sex() -> None:
    draft = make_worker_draft(birth_date="1980-05-05", sex="P")
    with pytest.raises(NikSexMismatch):
        validate_worker(replace(draft, sex="L"), today=TODAY)


def test_nik_is_checked_alone_when_the_birth_date_is_bad() -> None:
    draft = make_worker_draft(birth_date="1980-05-05", sex="P")
    _, errors = check_worker(replace(draft, birth_date="30-02-1980"), today=TODAY)
    assert [e.field for e in errors] == ["birth_date"]


def test_factory_drafts_are_valid_and_have_unique_niks() -> None:
    drafts = [make_worker_draft(birth_date="1980-05-05", sex="P") for _ in range(50)]
    checked = [validate_worker(d, today=TODAY) for d in drafts]
    assert len({d.nik for d in checked}) == 50

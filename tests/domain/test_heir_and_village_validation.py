"""Heir (ahli waris) and village profile validation."""

from __future__ import annotations

from datetime import date

import pytest
from factories import TODAY, make_heir_draft, make_nik
from wording import assert_indonesian_with_fix

from app.domain.categories import HeirRelation
from app.domain.errors import DomainError, InvalidVillageCode, NikBirthDateMismatch
from app.domain.heir import validate_heir
from app.domain.village import validate_village


def test_valid_heir_is_cleaned() -> None:
    nik = make_nik(date(2001, 3, 4), "L")
    heir = validate_heir(
        make_heir_draft(name=" Ahmad  Fauzi ", relation="Anak", nik=nik, phone="+62 813 1111 2222"),
        today=TODAY,
    )
    assert (heir.name, heir.relation, heir.nik, heir.birth_date, heir.phone) == (
        "Ahmad Fauzi",
        HeirRelation.CHILD,
        nik,
        date(2001, 3, 4),
        "081311112222",
    )


def test_heir_optional_fields_may_be_empty() -> None:
    heir = validate_heir(make_heir_draft(birth_date="", relation="spouse"), today=TODAY)
    assert (heir.nik, heir.birth_date, heir.phone, heir.relation) == (
        None,
        None,
        None,
        HeirRelation.SPOUSE,
    )


@pytest.mark.parametrize(
    ("field", "overrides"),
    [
        ("heir_name", {"name": ""}),
        ("heir_name", {"name": "Anak 2"}),
        ("relation", {"relation": ""}),
        ("relation", {"relation": "tetangga"}),
        ("heir_birth_date", {"birth_date": "2027-01-01"}),
        ("heir_birth_date", {"birth_date": "31-04-2001"}),
        ("heir_nik", {"nik": "1234"}),
        ("heir_phone", {"phone": "12ab"}),
    ],
)
def test_bad_heir_value_is_reported_under_its_field(field: str, overrides: dict[str, str]) -> None:
    with pytest.raises(DomainError) as caught:
        validate_heir(make_heir_draft(**overrides), today=TODAY)
    assert caught.value.field == field
    assert_indonesian_with_fix(caught.value.message)


def test_heir_nik_must_match_the_heir_birth_date() -> None:
    nik = make_nik(date(2001, 3, 5), "L")
    with pytest.raises(NikBirthDateMismatch) as caught:
        validate_heir(make_heir_draft(nik=nik, birth_date="2001-03-04"), today=TODAY)
    assert caught.value.field == "heir_nik"


VILLAGE = {
    "code": "3521012001",
    "name": " Sukamaju ",
    "kecamatan": "Ngawi",
    "kabupaten": "Ngawi",
    "province": "Jawa Timur",
}


def test_village_profile_is_cleaned() -> None:
    data = validate_village(**VILLAGE, head_name="  ", secretary_name="Sri  Wahyuni")
    assert (data.code, data.name, data.head_name, data.secretary_name) == (
        "35.21.01.2001",
        "Sukamaju",
        None,
        "Sri Wahyuni",
    )


@pytest.mark.parametrize("field", ["name", "kecamatan", "kabupaten", "province"])
def test_village_required_fields_are_required(field: str) -> None:
    with pytest.raises(DomainError) as caught:
        validate_village(**{**VILLAGE, field: " "})
    assert caught.value.field == {"name": "village_name"}.get(field, field)
    assert_indonesian_with_fix(caught.value.message)


def test_village_code_is_checked() -> None:
    with pytest.raises(InvalidVillageCode):
        validate_village(**{**VILLAGE, "code": "35.21.01.9001"})

"""Coverage periods: validation of what was typed, no overlaps, the status path."""

from __future__ import annotations

from datetime import date

import pytest

from app.domain.enrollment import (
    EnrollmentStatus,
    InvalidTransition,
    OverlappingEnrollment,
    check_no_overlap,
    check_transition,
    programmes_text,
    validate_enrollment,
)
from app.domain.errors import DomainError
from app.domain.rates import Payer, Programme, Segment
from tests.factories_contrib import bpu_draft, enroll_draft, rates_on

NOV_2026 = rates_on(date(2026, 11, 1))


def error_field(**overrides: str) -> str:
    with pytest.raises(DomainError) as caught:
        validate_enrollment(enroll_draft(**overrides), rates_at_start=NOV_2026)
    return caught.value.field


def test_valid_pu_draft_is_cleaned() -> None:
    data = validate_enrollment(enroll_draft(wage="Rp2.022.200", payer="APBDes", segment="pu"))
    assert (data.segment, data.wage, data.payer, data.risk_class) == (
        Segment.PU,
        2_022_200,
        Payer.APBDES,
        1,
    )


def test_programmes_are_a_set_in_the_usual_order() -> None:
    data = validate_enrollment(enroll_draft(programmes="jht, jkm,JKK"))
    assert programmes_text(data.programmes) == "JKK,JKM,JHT"


def test_kpj_is_normalised() -> None:
    assert validate_enrollment(enroll_draft(kpj="123-4567-8901")).kpj == "12345678901"


def test_bpu_cannot_take_jp() -> None:
    assert error_field(segment="BPU", wage="1000000", programmes="JKK,JKM,JP") == "programs"


def test_programmes_must_include_jkk() -> None:
    assert error_field(programmes="JKM,JHT") == "programs"


def test_programmes_must_include_jkm() -> None:
    assert error_field(programmes="JKK,JHT") == "programs"


def test_unknown_programme_is_refused() -> None:
    assert error_field(programmes="JKK,JKM,JKN") == "programs"


def test_jkp_cannot_be_chosen() -> None:
    with pytest.raises(DomainError, match="JKP"):
        validate_enrollment(enroll_draft(programmes="JKK,JKM,JHT,JKP"))


@pytest.mark.parametrize("wage", ["0", "Rp0"])
def test_pu_wage_must_be_positive(wage: str) -> None:
    assert error_field(wage=wage) == "wage"


def test_wage_is_required() -> None:
    assert error_field(wage=" ") == "wage"


def test_wage_must_be_rupiah() -> None:
    assert error_field(wage="dua juta") == "wage"


def test_unknown_segment_is_refused() -> None:
    assert error_field(segment="PBI") == "segment"


def test_unknown_payer_is_refused() -> None:
    assert error_field(payer="apbn") == "payer"


def test_bpu_income_must_be_a_known_bracket() -> None:
    with pytest.raises(DomainError) as caught:
        validate_enrollment(bpu_draft(wage="1500000"), rates_at_start=NOV_2026)
    assert caught.value.field == "wage"
    assert "Rp1.000.000" in caught.value.message


def test_bpu_lowest_bracket_is_accepted() -> None:
    assert validate_enrollment(bpu_draft(), rates_at_start=NOV_2026).wage == 1_000_000


@pytest.mark.parametrize("risk_class", ["0", "6", "x", "-1"])
def test_risk_class_outside_1_to_5_is_refused(risk_class: str) -> None:
    assert error_field(risk_class=risk_class) == "risk_class"


@pytest.mark.parametrize("risk_class", ["1", "5"])
def test_risk_class_1_to_5_is_accepted(risk_class: str) -> None:
    assert validate_enrollment(enroll_draft(risk_class=risk_class)).risk_class == int(risk_class)


def test_blank_risk_class_means_class_1() -> None:
    assert validate_enrollment(enroll_draft(risk_class="")).risk_class == 1


def test_start_is_required() -> None:
    assert error_field(start="") == "start"


def test_impossible_start_is_refused() -> None:
    assert error_field(start="2026-02-30") == "start"


def test_bad_kpj_is_refused() -> None:
    assert error_field(kpj="123") == "kpj"


def test_ended_worker_cannot_start_on_the_end_date() -> None:
    with pytest.raises(DomainError) as caught:
        validate_enrollment(enroll_draft(start="2026-06-30"), worker_end=date(2026, 6, 30))
    assert caught.value.field == "start"


def test_ended_worker_can_start_after_the_end() -> None:
    data = validate_enrollment(enroll_draft(start="2026-07-01"), worker_end=date(2026, 6, 30))
    assert data.start == date(2026, 7, 1)


def test_overlapping_period_is_refused() -> None:
    with pytest.raises(OverlappingEnrollment):
        check_no_overlap(date(2026, 10, 15), None, [(date(2026, 1, 1), date(2026, 10, 31))])


def test_period_inside_an_open_period_is_refused() -> None:
    with pytest.raises(OverlappingEnrollment):
        check_no_overlap(date(2027, 1, 1), date(2027, 3, 31), [(date(2026, 1, 1), None)])


def test_open_period_before_a_later_period_is_refused() -> None:
    with pytest.raises(OverlappingEnrollment):
        check_no_overlap(date(2025, 1, 1), None, [(date(2026, 1, 1), date(2026, 6, 30))])


def test_touching_periods_are_allowed() -> None:
    check_no_overlap(date(2026, 11, 1), None, [(date(2026, 1, 1), date(2026, 10, 31))])


def test_starting_on_the_last_covered_day_overlaps() -> None:
    with pytest.raises(OverlappingEnrollment):
        check_no_overlap(date(2026, 10, 31), None, [(date(2026, 1, 1), date(2026, 10, 31))])


@pytest.mark.parametrize(
    ("current", "target"),
    [
        (EnrollmentStatus.DRAFT, EnrollmentStatus.SUBMITTED),
        (EnrollmentStatus.SUBMITTED, EnrollmentStatus.ACTIVE),
        (EnrollmentStatus.ACTIVE, EnrollmentStatus.ENDED),
    ],
)
def test_status_moves_forward_one_step(current: EnrollmentStatus, target: EnrollmentStatus) -> None:
    check_transition(current, target)


@pytest.mark.parametrize(
    ("current", "target"),
    [
        (EnrollmentStatus.DRAFT, EnrollmentStatus.ACTIVE),
        (EnrollmentStatus.DRAFT, EnrollmentStatus.DRAFT),
        (EnrollmentStatus.SUBMITTED, EnrollmentStatus.DRAFT),
        (EnrollmentStatus.ACTIVE, EnrollmentStatus.SUBMITTED),
        (EnrollmentStatus.ACTIVE, EnrollmentStatus.DRAFT),
        (EnrollmentStatus.ACTIVE, EnrollmentStatus.ACTIVE),
        (EnrollmentStatus.ENDED, EnrollmentStatus.ACTIVE),
        (EnrollmentStatus.ENDED, EnrollmentStatus.DRAFT),
        (EnrollmentStatus.ENDED, EnrollmentStatus.ENDED),
    ],
)
def test_other_status_changes_are_refused(
    current: EnrollmentStatus, target: EnrollmentStatus
) -> None:
    with pytest.raises(InvalidTransition):
        check_transition(current, target)


def test_programmes_text_is_stable() -> None:
    chosen = frozenset({Programme.JP, Programme.JKM, Programme.JKK})
    assert programmes_text(chosen) == "JKK,JKM,JP"

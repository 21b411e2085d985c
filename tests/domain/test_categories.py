"""Stable codes: stored, exported and synced, so they must never change."""

from __future__ import annotations

from enum import StrEnum

import pytest

from app.domain.categories import (
    Category,
    EndReason,
    HeirRelation,
    MaritalStatus,
    Sex,
    WorkerStatus,
)

# The exact list of issue 2, in its order.
ISSUE_CATEGORY_CODES = [
    "kepala_desa", "sekretaris_desa", "perangkat_desa", "bpd", "ketua_rt", "ketua_rw",
    "kader_posyandu", "linmas", "guru_ngaji", "marbot", "petani", "buruh_tani", "nelayan",
    "pekerja_konstruksi", "umkm", "lainnya",
]  # fmt: skip


def test_categories_are_the_sixteen_codes_of_the_issue_in_order() -> None:
    assert [c.value for c in Category] == ISSUE_CATEGORY_CODES


def test_end_reasons_are_the_codes_of_the_issue() -> None:
    assert [r.value for r in EndReason] == ["died", "term_ended", "moved", "resigned", "other"]


def test_sex_codes_are_l_and_p() -> None:
    assert [s.value for s in Sex] == ["L", "P"]


@pytest.mark.parametrize(
    "enum", [Category, EndReason, HeirRelation, MaritalStatus, Sex, WorkerStatus]
)
def test_every_code_has_its_own_non_empty_label(enum: type[StrEnum]) -> None:
    labels = [member.label for member in enum]  # type: ignore[attr-defined]
    assert all(
        label.strip() and label != member.value for label, member in zip(labels, enum, strict=True)
    )
    assert len(set(labels)) == len(labels)


@pytest.mark.parametrize(
    ("category", "label"),
    [
        (Category.KEPALA_DESA, "Kepala Desa"),
        (Category.KETUA_RT, "Ketua RT"),
        (Category.KADER_POSYANDU, "Kader Posyandu"),
        (Category.BURUH_TANI, "Buruh Tani"),
        (Category.PEKERJA_KONSTRUKSI, "Pekerja Konstruksi"),
    ],
)
def test_category_labels_are_the_indonesian_names(category: Category, label: str) -> None:
    assert category.label == label


def test_labels_are_indonesian_not_english() -> None:
    assert (Sex.P.label, WorkerStatus.ENDED.label, EndReason.DIED.label) == (
        "Perempuan",
        "Berhenti",
        "Meninggal dunia",
    )

"""Worker categories, sex, status and end reasons: stable codes with Indonesian labels."""

from __future__ import annotations

from enum import StrEnum


class Category(StrEnum):
    """Stable codes; stored, exported and synced as these strings. Never rename one."""

    KEPALA_DESA = "kepala_desa"
    SEKRETARIS_DESA = "sekretaris_desa"
    PERANGKAT_DESA = "perangkat_desa"
    BPD = "bpd"
    KETUA_RT = "ketua_rt"
    KETUA_RW = "ketua_rw"
    KADER_POSYANDU = "kader_posyandu"
    LINMAS = "linmas"
    GURU_NGAJI = "guru_ngaji"
    MARBOT = "marbot"
    PETANI = "petani"
    BURUH_TANI = "buruh_tani"
    NELAYAN = "nelayan"
    PEKERJA_KONSTRUKSI = "pekerja_konstruksi"
    UMKM = "umkm"
    LAINNYA = "lainnya"

    @property
    def label(self) -> str:
        return CATEGORY_LABELS[self]


CATEGORY_LABELS: dict[Category, str] = {
    Category.KEPALA_DESA: "Kepala Desa",
    Category.SEKRETARIS_DESA: "Sekretaris Desa",
    Category.PERANGKAT_DESA: "Perangkat Desa",
    Category.BPD: "Anggota BPD",
    Category.KETUA_RT: "Ketua RT",
    Category.KETUA_RW: "Ketua RW",
    Category.KADER_POSYANDU: "Kader Posyandu",
    Category.LINMAS: "Linmas",
    Category.GURU_NGAJI: "Guru Ngaji",
    Category.MARBOT: "Marbot",
    Category.PETANI: "Petani",
    Category.BURUH_TANI: "Buruh Tani",
    Category.NELAYAN: "Nelayan",
    Category.PEKERJA_KONSTRUKSI: "Pekerja Konstruksi",
    Category.UMKM: "Pelaku UMKM",
    Category.LAINNYA: "Lainnya",
}


class Sex(StrEnum):
    L = "L"  # laki-laki
    P = "P"  # perempuan

    @property
    def label(self) -> str:
        return "Laki-laki" if self is Sex.L else "Perempuan"


class WorkerStatus(StrEnum):
    ACTIVE = "active"
    ENDED = "ended"

    @property
    def label(self) -> str:
        return "Aktif" if self is WorkerStatus.ACTIVE else "Berhenti"


class EndReason(StrEnum):
    DIED = "died"
    TERM_ENDED = "term_ended"
    MOVED = "moved"
    RESIGNED = "resigned"
    OTHER = "other"

    @property
    def label(self) -> str:
        return END_REASON_LABELS[self]


END_REASON_LABELS: dict[EndReason, str] = {
    EndReason.DIED: "Meninggal dunia",
    EndReason.TERM_ENDED: "Masa jabatan berakhir",
    EndReason.MOVED: "Pindah",
    EndReason.RESIGNED: "Mengundurkan diri",
    EndReason.OTHER: "Lainnya",
}


class HeirRelation(StrEnum):
    """Order follows the usual heir order for death benefits (DOMAIN.md section 5)."""

    SPOUSE = "spouse"
    CHILD = "child"
    PARENT = "parent"
    GRANDCHILD = "grandchild"
    GRANDPARENT = "grandparent"
    SIBLING = "sibling"
    IN_LAW = "in_law"
    OTHER = "other"

    @property
    def label(self) -> str:
        return HEIR_RELATION_LABELS[self]


HEIR_RELATION_LABELS: dict[HeirRelation, str] = {
    HeirRelation.SPOUSE: "Suami/Istri",
    HeirRelation.CHILD: "Anak",
    HeirRelation.PARENT: "Orang tua",
    HeirRelation.GRANDCHILD: "Cucu",
    HeirRelation.GRANDPARENT: "Kakek/Nenek",
    HeirRelation.SIBLING: "Saudara kandung",
    HeirRelation.IN_LAW: "Mertua",
    HeirRelation.OTHER: "Lainnya (wasiat)",
}


class MaritalStatus(StrEnum):
    BELUM_KAWIN = "belum_kawin"
    KAWIN = "kawin"
    CERAI_HIDUP = "cerai_hidup"
    CERAI_MATI = "cerai_mati"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()

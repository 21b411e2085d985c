"""Words the window shows for domain values and form fields, in the chosen language.

The domain keeps its Indonesian labels (`Category.label`...); the window passes them through
Qt's translator under the context "Label". The QT_TRANSLATE_NOOP list below only exists so that
pyside6-lupdate extracts those strings; a test checks it covers every label of the domain.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from PySide6.QtCore import QCoreApplication

from app.domain.categories import (
    Category,
    EndReason,
    HeirRelation,
    MaritalStatus,
    Sex,
    WorkerStatus,
)
from app.domain.enrollment import EnrollmentStatus
from app.domain.formatting import format_date, format_period, format_rupiah
from app.domain.period import Period
from app.domain.rates import Payer, Segment
from app.domain.standing import State
from app.ui.i18n import current_language


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # the name lupdate looks for
    """Marks text for pyside6-lupdate; returns it untranslated (PySide6's own returns `object`)."""
    return text


LabelledEnum = (
    Category
    | EndReason
    | HeirRelation
    | MaritalStatus
    | Sex
    | WorkerStatus
    | Segment
    | Payer
    | EnrollmentStatus
    | State
)

DOMAIN_LABELS = (
    QT_TRANSLATE_NOOP("Label", "Kepala Desa"),
    QT_TRANSLATE_NOOP("Label", "Sekretaris Desa"),
    QT_TRANSLATE_NOOP("Label", "Perangkat Desa"),
    QT_TRANSLATE_NOOP("Label", "Anggota BPD"),
    QT_TRANSLATE_NOOP("Label", "Ketua RT"),
    QT_TRANSLATE_NOOP("Label", "Ketua RW"),
    QT_TRANSLATE_NOOP("Label", "Kader Posyandu"),
    QT_TRANSLATE_NOOP("Label", "Linmas"),
    QT_TRANSLATE_NOOP("Label", "Guru Ngaji"),
    QT_TRANSLATE_NOOP("Label", "Marbot"),
    QT_TRANSLATE_NOOP("Label", "Petani"),
    QT_TRANSLATE_NOOP("Label", "Buruh Tani"),
    QT_TRANSLATE_NOOP("Label", "Nelayan"),
    QT_TRANSLATE_NOOP("Label", "Pekerja Konstruksi"),
    QT_TRANSLATE_NOOP("Label", "Pelaku UMKM"),
    QT_TRANSLATE_NOOP("Label", "Lainnya"),
    QT_TRANSLATE_NOOP("Label", "Laki-laki"),
    QT_TRANSLATE_NOOP("Label", "Perempuan"),
    QT_TRANSLATE_NOOP("Label", "Aktif"),
    QT_TRANSLATE_NOOP("Label", "Berhenti"),
    QT_TRANSLATE_NOOP("Label", "Meninggal dunia"),
    QT_TRANSLATE_NOOP("Label", "Masa jabatan berakhir"),
    QT_TRANSLATE_NOOP("Label", "Pindah"),
    QT_TRANSLATE_NOOP("Label", "Mengundurkan diri"),
    QT_TRANSLATE_NOOP("Label", "Suami/Istri"),
    QT_TRANSLATE_NOOP("Label", "Anak"),
    QT_TRANSLATE_NOOP("Label", "Orang tua"),
    QT_TRANSLATE_NOOP("Label", "Cucu"),
    QT_TRANSLATE_NOOP("Label", "Kakek/Nenek"),
    QT_TRANSLATE_NOOP("Label", "Saudara kandung"),
    QT_TRANSLATE_NOOP("Label", "Mertua"),
    QT_TRANSLATE_NOOP("Label", "Lainnya (wasiat)"),
    QT_TRANSLATE_NOOP("Label", "Belum kawin"),
    QT_TRANSLATE_NOOP("Label", "Kawin"),
    QT_TRANSLATE_NOOP("Label", "Cerai hidup"),
    QT_TRANSLATE_NOOP("Label", "Cerai mati"),
    QT_TRANSLATE_NOOP("Label", "Penerima Upah"),
    QT_TRANSLATE_NOOP("Label", "Bukan Penerima Upah"),
    QT_TRANSLATE_NOOP("Label", "APBDes"),
    QT_TRANSLATE_NOOP("Label", "APBD"),
    QT_TRANSLATE_NOOP("Label", "DBHCHT"),
    QT_TRANSLATE_NOOP("Label", "Mandiri"),
    QT_TRANSLATE_NOOP("Label", "Donatur"),
    QT_TRANSLATE_NOOP("Label", "Draf"),
    QT_TRANSLATE_NOOP("Label", "Diajukan"),
    QT_TRANSLATE_NOOP("Label", "Berakhir"),
    QT_TRANSLATE_NOOP("Label", "Lancar"),
    QT_TRANSLATE_NOOP("Label", "Jatuh tempo"),
    QT_TRANSLATE_NOOP("Label", "Peringatan"),
    QT_TRANSLATE_NOOP("Label", "Terputus"),
)

# Form fields by the names the domain puts in DomainError.field.
FIELD_LABELS: dict[str, str] = {
    "nik": QT_TRANSLATE_NOOP("Field", "NIK"),
    "name": QT_TRANSLATE_NOOP("Field", "Nama lengkap"),
    "birth_place": QT_TRANSLATE_NOOP("Field", "Tempat lahir"),
    "birth_date": QT_TRANSLATE_NOOP("Field", "Tanggal lahir"),
    "sex": QT_TRANSLATE_NOOP("Field", "Jenis kelamin"),
    "category": QT_TRANSLATE_NOOP("Field", "Kategori"),
    "position": QT_TRANSLATE_NOOP("Field", "Jabatan"),
    "phone": QT_TRANSLATE_NOOP("Field", "No. HP"),
    "address": QT_TRANSLATE_NOOP("Field", "Alamat"),
    "dusun": QT_TRANSLATE_NOOP("Field", "Dusun"),
    "rt": QT_TRANSLATE_NOOP("Field", "RT"),
    "rw": QT_TRANSLATE_NOOP("Field", "RW"),
    "mother_name": QT_TRANSLATE_NOOP("Field", "Nama ibu kandung"),
    "no_kk": QT_TRANSLATE_NOOP("Field", "No. KK"),
    "kpj": QT_TRANSLATE_NOOP("Field", "No. KPJ"),
    "marital_status": QT_TRANSLATE_NOOP("Field", "Status kawin"),
    "date": QT_TRANSLATE_NOOP("Field", "Tanggal"),
    "reason": QT_TRANSLATE_NOOP("Field", "Alasan"),
    "worker": QT_TRANSLATE_NOOP("Field", "Pekerja"),
    "heir": QT_TRANSLATE_NOOP("Field", "Ahli waris"),
    "heir_name": QT_TRANSLATE_NOOP("Field", "Nama ahli waris"),
    "relation": QT_TRANSLATE_NOOP("Field", "Hubungan"),
    "heir_nik": QT_TRANSLATE_NOOP("Field", "NIK ahli waris"),
    "heir_birth_date": QT_TRANSLATE_NOOP("Field", "Tanggal lahir ahli waris"),
    "heir_phone": QT_TRANSLATE_NOOP("Field", "No. HP ahli waris"),
    "village": QT_TRANSLATE_NOOP("Field", "Desa"),
    "village_code": QT_TRANSLATE_NOOP("Field", "Kode desa"),
    "village_name": QT_TRANSLATE_NOOP("Field", "Nama desa"),
    "kecamatan": QT_TRANSLATE_NOOP("Field", "Kecamatan"),
    "kabupaten": QT_TRANSLATE_NOOP("Field", "Kabupaten"),
    "province": QT_TRANSLATE_NOOP("Field", "Provinsi"),
    "head": QT_TRANSLATE_NOOP("Field", "Kepala desa"),
    "secretary": QT_TRANSLATE_NOOP("Field", "Sekretaris desa"),
    "operator": QT_TRANSLATE_NOOP("Field", "Operator"),
    "id": QT_TRANSLATE_NOOP("Field", "ID"),
    "segment": QT_TRANSLATE_NOOP("Field", "Segmen"),
    "programs": QT_TRANSLATE_NOOP("Field", "Program"),
    "wage": QT_TRANSLATE_NOOP("Field", "Upah/penghasilan"),
    "risk_class": QT_TRANSLATE_NOOP("Field", "Kelas risiko JKK"),
    "payer": QT_TRANSLATE_NOOP("Field", "Sumber dana"),
    "start": QT_TRANSLATE_NOOP("Field", "TMT (mulai)"),
    "status": QT_TRANSLATE_NOOP("Field", "Status"),
    "period": QT_TRANSLATE_NOOP("Field", "Bulan"),
    "amount": QT_TRANSLATE_NOOP("Field", "Jumlah"),
    "reference": QT_TRANSLATE_NOOP("Field", "No. bukti"),
    "note": QT_TRANSLATE_NOOP("Field", "Catatan"),
    "count": QT_TRANSLATE_NOOP("Field", "Formasi"),
    "rates": QT_TRANSLATE_NOOP("Field", "Tarif"),
    "file": QT_TRANSLATE_NOOP("Field", "Berkas"),
    "sheet": QT_TRANSLATE_NOOP("Field", "Lembar"),
    "mapping": QT_TRANSLATE_NOOP("Field", "Pemetaan kolom"),
    "database": QT_TRANSLATE_NOOP("Field", "Basis data"),
    "export": QT_TRANSLATE_NOOP("Field", "Ekspor"),
    "out": QT_TRANSLATE_NOOP("Field", "Berkas tujuan"),
    "profile": QT_TRANSLATE_NOOP("Field", "Profil ekspor"),
    "since": QT_TRANSLATE_NOOP("Field", "Sejak tanggal"),
    "paper": QT_TRANSLATE_NOOP("Field", "Kertas"),
    "enrollment": QT_TRANSLATE_NOOP("Field", "Kepesertaan"),
    "receipt": QT_TRANSLATE_NOOP("Field", "Tanda terima"),
}


def label(member: LabelledEnum) -> str:
    """The domain's label of a category, sex, status... in the window's language."""
    return QCoreApplication.translate("Label", member.label)


def field_label(field: str) -> str:
    """A form field's name for people; the raw field name when the window has no label for it."""
    source = FIELD_LABELS.get(field)
    return QCoreApplication.translate("Field", source) if source else field


def sex_code(sex: Sex) -> str:
    """L/P as on the KTP; M/F in English."""
    if sex is Sex.L:
        return QCoreApplication.translate("Label", "L")
    return QCoreApplication.translate("Label", "P")


def show_date(day: date | None) -> str:
    return format_date(day, current_language()) if day else ""


def show_count(number: int) -> str:
    """Thousands grouped as people read them: 100.000 (id) or 100,000 (en); never the locale."""
    grouped = f"{number:,}"
    return grouped if current_language() == "en" else grouped.replace(",", ".")


def form_date(day: date | None) -> str:
    """A date as typed into a form: dd-mm-yyyy, day first like every Indonesian document."""
    return f"{day.day:02d}-{day.month:02d}-{day.year:04d}" if day else ""


def show_money(amount: int) -> str:
    """Rupiah as printed on every paper: Rp16.800, in either language (whole rupiah)."""
    return format_rupiah(amount)


def show_period(period: Period | None) -> str:
    """A month in words: November 2026."""
    return format_period(period, current_language()) if period else ""


def show_percent(percent: Decimal) -> str:
    """One decimal: 80,0 % (id) or 80.0 % (en)."""
    text = f"{percent:.1f}"
    return f"{text if current_language() == 'en' else text.replace('.', ',')} %"


def balance_text(shortfall: int, excess: int) -> str:
    """A payer's balance for a month, as app.services.roster.describe_balance words it."""
    if shortfall:
        return QCoreApplication.translate("Label", "kurang %1").replace("%1", show_money(shortfall))
    if excess:
        return QCoreApplication.translate("Label", "lebih %1").replace("%1", show_money(excess))
    return QCoreApplication.translate("Label", "lunas")

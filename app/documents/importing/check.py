"""Rows to checked worker and enrollment data, with every problem on the row's own number.

Each row becomes a WorkerDraft (and an EnrollmentDraft when enrollment columns are filled) and
goes through the same validators as the window and the CLI (check_worker, validate_enrollment),
so an import accepts exactly what typing the person in would accept.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from app.documents.importing.fields import ENROLLMENT_FIELDS, ENROLLMENT_TRIGGERS, Field
from app.documents.importing.layout import ColumnMapping
from app.documents.importing.problems import Problem, Severity, code_of
from app.documents.importing.table import Cell, Row, is_blank
from app.documents.importing.titles import category_of_text, category_of_title
from app.documents.importing.values import (
    NikCell,
    date_text,
    marital_text,
    money_text,
    payer_text,
    programmes_text,
    read_kk,
    read_nik,
    read_phone,
    read_rt_rw,
    segment_text,
    sex_text,
    split_place_date,
    text_of,
)
from app.domain.categories import Category
from app.domain.enrollment import EnrollmentData, EnrollmentDraft, validate_enrollment
from app.domain.errors import DomainError, InvalidNik
from app.domain.identity import Nik, normalize_number, parse_nik
from app.domain.rates import RateSet, Segment, check_bracket
from app.domain.worker import WorkerData, WorkerDraft, check_worker

RatesAt = Callable[[date], RateSet]
Progress = Callable[[int, int], None]  # rows done, rows in all
PROGRESS_EVERY = 2_000
Registered = Callable[[list[str]], dict[str, str]]  # NIKs -> name of whoever holds each

# Where a validator's field comes from, in the order the sources are tried.
_SOURCES: dict[str, tuple[Field, ...]] = {
    "nik": (Field.NIK,),
    "name": (Field.NAME,),
    "birth_date": (Field.BIRTH_DATE, Field.BIRTH_PLACE_DATE),
    "birth_place": (Field.BIRTH_PLACE, Field.BIRTH_PLACE_DATE),
    "sex": (Field.SEX,),
    "category": (Field.CATEGORY, Field.POSITION),
    "position": (Field.POSITION,),
    "phone": (Field.PHONE,),
    "address": (Field.ADDRESS,),
    "dusun": (Field.DUSUN,),
    "rt": (Field.RT, Field.RT_RW),
    "rw": (Field.RW, Field.RT_RW),
    "mother_name": (Field.MOTHER_NAME,),
    "no_kk": (Field.NO_KK,),
    "kpj": (Field.KPJ,),
    "marital_status": (Field.MARITAL_STATUS,),
    "segment": (Field.SEGMENT,),
    "programs": (Field.PROGRAMMES,),
    "wage": (Field.WAGE,),
    "payer": (Field.PAYER,),
    "start": (Field.START,),
    "risk_class": (Field.RISK_CLASS,),
}
# The row loop looks fields up ~25 times a row: module names, not Field.X (an Enum member read
# off its class is a descriptor call, a third of the loop's own time).
_ADDRESS = Field.ADDRESS
_BIRTH_DATE = Field.BIRTH_DATE
_BIRTH_PLACE = Field.BIRTH_PLACE
_BIRTH_PLACE_DATE = Field.BIRTH_PLACE_DATE
_CATEGORY = Field.CATEGORY
_DUSUN = Field.DUSUN
_KPJ = Field.KPJ
_MARITAL_STATUS = Field.MARITAL_STATUS
_MOTHER_NAME = Field.MOTHER_NAME
_NAME = Field.NAME
_NIK = Field.NIK
_NO_KK = Field.NO_KK
_PAYER = Field.PAYER
_PHONE = Field.PHONE
_POSITION = Field.POSITION
_PROGRAMMES = Field.PROGRAMMES
_RISK_CLASS = Field.RISK_CLASS
_RT = Field.RT
_RT_RW = Field.RT_RW
_RW = Field.RW
_SEGMENT = Field.SEGMENT
_SEX = Field.SEX
_START = Field.START
_WAGE = Field.WAGE
_Get = Callable[[Field], Cell]
_Warn = Callable[[str, str, str], None]  # field, code, message

_REQUIRED_ENROLLMENT = (Field.SEGMENT, Field.PROGRAMMES, Field.WAGE, Field.PAYER, Field.START)

_NO_KEY_COLUMN = (
    "kolom {what} tidak ditemukan; tidak ada baris yang dapat diimpor; pilih kolom {what} pada "
    "pemetaan kolom atau tambahkan kolom itu di berkas"
)
_NO_BIRTH_DATE = "kolom tanggal lahir tidak ada; tanggal lahir diambil dari NIK, periksa tahunnya"
_NO_SEX = "kolom jenis kelamin (L/P) tidak ada; jenis kelamin diambil dari NIK"
_NO_CATEGORY = (
    "kolom jabatan dan kategori tidak ada; semua orang dicatat sebagai kategori Lainnya, ubah "
    "kategorinya nanti di halaman Peserta"
)
_WAGE_ONLY = (
    "kolom upah ada tanpa kolom segmen, program, sumber dana dan TMT; kepesertaan BPJS tidak "
    "dibuat dari berkas ini (daftarkan lewat halaman Peserta)"
)
_ENROLLMENT_PARTIAL = (
    "kolom kepesertaan belum lengkap: {missing} tidak ada; baris yang berisi data kepesertaan "
    "akan ditolak, tambahkan kolom itu di berkas"
)
_SAME_SHOWN = 5
_SAME_NIK = (
    "NIK sama dengan baris {others}; satu orang hanya boleh satu baris, periksa KTP lalu hapus "
    "atau perbaiki salah satunya"
)
_NUMERIC_SUSPECT = (
    "NIK tersimpan sebagai angka di Excel; Excel hanya menyimpan 15 angka dengan benar, periksa "
    "NIK ini dengan KTP"
)
_REGISTERED = (
    "NIK sudah terdaftar atas nama {name}; baris ini tidak diimpor, ubah data orang itu di "
    "halaman Peserta bila perlu"
)


@dataclass(frozen=True, slots=True)
class ImportRow:
    """One row of people data. `worker` (and `enrollment`, when the row enrolls) are the
    checked values, None when the row has an error; `cells` are the cells as read."""

    row: int
    cells: Row
    worker: WorkerData | None
    enrollment: EnrollmentData | None
    problems: tuple[Problem, ...]

    @property
    def valid(self) -> bool:
        return self.worker is not None and not any(p.is_error for p in self.problems)


@dataclass(slots=True)
class _Checked:
    row: int
    cells: Row
    nik: str  # 16 digits when the NIK cell gave that many, for the duplicate checks
    name: str
    worker: WorkerData | None
    enrollment: EnrollmentData | None
    problems: list[Problem]


class SheetChecker:
    """Checks the rows of one sheet under one mapping. Not thread-safe; one per preview."""

    def __init__(
        self,
        mapping: ColumnMapping,
        *,
        today: date,
        rates_at: RatesAt | None = None,
        registered: Registered | None = None,
    ) -> None:
        self.mapping = mapping
        self._today = today
        self._rates_at = rates_at
        self._registered = registered
        self._col = {field: mapping.column_of(field) for field in Field}
        self._source = {
            name: next((c for f in fields if (c := self._col[f]) is not None), None)
            for name, fields in _SOURCES.items()
        }
        self._present = [(f, c) for f, c in self._col.items() if c is not None]
        self._enrolls = any(self._col[f] is not None for f in ENROLLMENT_TRIGGERS)
        self._rate_sets: dict[tuple[int, int], tuple[RateSet, frozenset[int]]] = {}
        self._periods: dict[EnrollmentDraft, EnrollmentData | DomainError] = {}

    # -- the sheet as a whole ----------------------------------------------------------
    def sheet_problems(self) -> tuple[list[Problem], bool]:
        """Problems of the mapping itself, and whether it blocks every row (no NIK or name)."""
        found: list[tuple[Severity, str, str]] = []
        for field, what in ((Field.NIK, "NIK"), (Field.NAME, "nama")):
            if self._col[field] is None:
                found.append((Severity.ERROR, "column_missing", _NO_KEY_COLUMN.format(what=what)))
        blocked = bool(found)
        if self._source["birth_date"] is None:
            found.append((Severity.WARNING, "column_missing", _NO_BIRTH_DATE))
        if self._col[Field.SEX] is None:
            found.append((Severity.WARNING, "column_missing", _NO_SEX))
        if self._source["category"] is None:
            found.append((Severity.WARNING, "column_missing", _NO_CATEGORY))
        if (message := self._enrollment_columns()) is not None:
            found.append((Severity.WARNING, "enrollment_columns_incomplete", message))
        row = self.mapping.header_row
        return [Problem(row, "", severity, code, text) for severity, code, text in found], blocked

    def _enrollment_columns(self) -> str | None:
        if not any(self._col[f] is not None for f in ENROLLMENT_FIELDS):
            return None
        if not self._enrolls:
            return _WAGE_ONLY
        missing = [f.label for f in _REQUIRED_ENROLLMENT if self._col[f] is None]
        return _ENROLLMENT_PARTIAL.format(missing=", ".join(missing)) if missing else None

    # -- rows --------------------------------------------------------------------------
    def check(
        self, rows: list[tuple[int, Row]], progress: Progress | None = None
    ) -> list[ImportRow]:
        """Every row checked; `progress(done, total)` is called every PROGRESS_EVERY rows."""
        checked: list[_Checked] = []
        for start in range(0, len(rows), PROGRESS_EVERY):
            checked.extend(
                self._row(number, cells) for number, cells in rows[start : start + PROGRESS_EVERY]
            )
            if progress is not None:
                progress(len(checked), len(rows))
        self._duplicates_in_file(checked)
        self._duplicates_in_register(checked)
        return [_finished(c) for c in checked]

    def _cell(self, cells: Row, field: Field) -> Cell:
        c = self._col[field]
        if c is None or c >= len(cells):
            return None
        return cells[c]

    def _problem(
        self, row: int, field: str, severity: Severity, code: str, message: str
    ) -> Problem:
        column = self._source.get(field)
        return Problem(row, self.mapping.header(column), severity, code, message, column)

    def _error(self, row: int, field: str, code: str, message: str) -> Problem:
        return self._problem(row, field, Severity.ERROR, code, message)

    def _row(self, number: int, cells: Row) -> _Checked:
        width = len(cells)
        get = {f: cells[c] for f, c in self._present if c < width}.get
        problems: list[Problem] = []
        warn = self._warner(number, problems)
        nik = read_nik(get(_NIK))
        draft = self._draft(get, nik, warn)
        worker, errors = check_worker(draft, today=self._today)
        self._worker_errors(number, nik, errors, problems)
        if worker is not None and nik.numeric:
            warn("nik", "nik_numeric_suspect", _NUMERIC_SUSPECT)
        enrollment = self._enrollment(number, get, worker, problems)
        digits = normalize_number(nik.text)
        nik_key = digits if len(digits) == 16 and digits.isdigit() else ""
        return _Checked(number, cells, nik_key, draft.name, worker, enrollment, problems)

    def _draft(self, get: _Get, nik: NikCell, warn: _Warn) -> WorkerDraft:
        place, born = self._birth(get)
        sex, born = self._from_nik(nik, sex_text(get(_SEX)), born, warn)
        category, position = self._category(get, warn)
        rt, rw = self._rt_rw(get, warn)
        phone = read_phone(get(_PHONE))
        kk = read_kk(get(_NO_KK))
        for fixed, field in ((phone, "phone"), (kk, "no_kk")):
            if fixed.warning is not None:
                warn(field, *fixed.warning)
        return WorkerDraft(
            nik=nik.text, name=text_of(get(_NAME)), birth_date=born, sex=sex,
            category=category, birth_place=place, position=position, phone=phone.text,
            address=text_of(get(_ADDRESS)), dusun=text_of(get(_DUSUN)), rt=rt, rw=rw,
            mother_name=text_of(get(_MOTHER_NAME)), no_kk=kk.text,
            kpj=text_of(get(_KPJ)).lstrip("'"),
            marital_status=marital_text(get(_MARITAL_STATUS)),
        )  # fmt: skip

    def _from_nik(self, nik: NikCell, sex: str, born: str, warn: _Warn) -> tuple[str, str]:
        """An empty sex or birth date taken from the NIK (it encodes both)."""
        identity = _identity(nik) if not sex or not born else None
        if identity is None:
            return sex, born
        if not sex:
            sex = identity.sex.value
            if self._col[_SEX] is not None:
                warn("sex", "sex_from_nik", "jenis kelamin kosong; diambil dari NIK, periksa")
        if not born:
            try:
                born = identity.birth_date(today=self._today).isoformat()
            except InvalidNik:
                return sex, ""
            if self._source["birth_date"] is not None:
                warn("birth_date", "birth_date_from_nik",
                     "tanggal lahir kosong; diambil dari NIK, periksa tahunnya")  # fmt: skip
        return sex, born

    def _warner(self, number: int, problems: list[Problem]) -> _Warn:
        def warn(field: str, code: str, message: str) -> None:
            problems.append(self._problem(number, field, Severity.WARNING, code, message))

        return warn

    def _birth(self, get: _Get) -> tuple[str, str]:
        place, born = "", ""
        if self._col[_BIRTH_PLACE_DATE] is not None:
            place, born = split_place_date(get(_BIRTH_PLACE_DATE))
        if not is_blank(value := get(_BIRTH_PLACE)):
            place = text_of(value)
        if not is_blank(value := get(_BIRTH_DATE)):
            born = date_text(value)
        return place, born

    def _category(self, get: _Get, warn: _Warn) -> tuple[str, str]:
        position = text_of(get(_POSITION))
        stated = text_of(get(_CATEGORY))
        if stated:
            found = category_of_text(stated)
            return (found.value if found else stated), position  # an unknown word is refused
        if position:
            found = category_of_title(position)
            if found is not None:
                return found.value, position
            warn("position", "category_guessed",
                 f"jabatan '{position}' tidak dikenali; dicatat sebagai kategori Lainnya, ubah "
                 "kategorinya bila perlu")  # fmt: skip
        elif self._source["category"] is not None:
            warn("category", "category_guessed",
                 "jabatan dan kategori kosong; dicatat sebagai kategori Lainnya, ubah kategorinya "
                 "bila perlu")  # fmt: skip
        return Category.LAINNYA.value, position

    def _rt_rw(self, get: _Get, warn: _Warn) -> tuple[str, str]:
        rt, rw = "", ""
        if self._col[_RT_RW] is not None:
            rt, rw, doubt = read_rt_rw(get(_RT_RW))
            if doubt is not None:
                warn("rt", *doubt)
        if not is_blank(value := get(_RT)):
            rt = text_of(value)
        if not is_blank(value := get(_RW)):
            rw = text_of(value)
        return rt, rw

    def _worker_errors(
        self, number: int, nik: NikCell, errors: list[DomainError], problems: list[Problem]
    ) -> None:
        if nik.error is not None:
            problems.append(self._problem(number, "nik", Severity.ERROR, "nik_numeric", nik.error))
        for exc in errors:
            if exc.field == "nik" and nik.error is not None:
                continue  # already said why the NIK is unusable
            message = exc.message
            if exc.field == "nik" and nik.numeric:
                message = f"NIK tersimpan sebagai angka di Excel; {message}"
            problems.append(self._problem(number, exc.field, Severity.ERROR, code_of(exc), message))

    def _enrollment(
        self, number: int, get: _Get, worker: WorkerData | None, problems: list[Problem]
    ) -> EnrollmentData | None:
        if not self._enrolls or all(is_blank(get(f)) for f in ENROLLMENT_TRIGGERS):
            return None
        draft = EnrollmentDraft(
            segment=segment_text(get(_SEGMENT)),
            programmes=programmes_text(get(_PROGRAMMES)),
            wage=money_text(get(_WAGE)),
            payer=payer_text(get(_PAYER)),
            start=date_text(get(_START)),
            risk_class=text_of(get(_RISK_CLASS)) or "1",
        )
        checked = self._periods.get(draft)
        if checked is None:
            checked = self._periods[draft] = self._period(draft)
        if isinstance(checked, DomainError):
            message = f"kepesertaan: {checked.message}"
            problems.append(self._error(number, checked.field, "enrollment_invalid", message))
            return None
        data = checked
        # The KPJ column is the worker's (checked with the worker); the period carries it too.
        kpj = worker.kpj if worker else None
        if kpj is None:
            return data
        return EnrollmentData(
            data.segment, data.programmes, data.wage, data.payer, data.start, data.risk_class, kpj
        )

    def _period(self, draft: EnrollmentDraft) -> EnrollmentData | DomainError:
        """The period's terms checked, or the first error. Lists repeat the same terms for
        many people, so this runs once per distinct set of terms (see _periods)."""
        try:
            data = validate_enrollment(draft)
            # The income bracket against the brackets of the start month, known once per
            # month: validate_enrollment would list them again for every row.
            rates = self._rates(data.start)
            if data.segment is Segment.BPU and rates is not None and data.wage not in rates[1]:
                check_bracket(rates[0], data.wage)
        except DomainError as exc:
            return exc
        return data

    def _rates(self, start: date) -> tuple[RateSet, frozenset[int]] | None:
        if self._rates_at is None:
            return None
        key = (start.year, start.month)
        if key not in self._rate_sets:
            rates = self._rates_at(date(start.year, start.month, 1))
            self._rate_sets[key] = (rates, frozenset(rates.brackets()))
        return self._rate_sets[key]

    # -- duplicates --------------------------------------------------------------------
    def _duplicates_in_file(self, checked: list[_Checked]) -> None:
        rows_of: dict[str, list[_Checked]] = {}
        for c in checked:
            if c.nik:
                rows_of.setdefault(c.nik, []).append(c)
        for same in rows_of.values():
            if len(same) < 2:
                continue
            for c in same:
                # At most _SAME_SHOWN other rows are named: a column filled with one value in
                # 200,000 rows would otherwise make every message name every row (n squared;
                # found by tests/hostile with a zip bomb of identical rows).
                listed = [o for o in same[: _SAME_SHOWN + 1] if o is not c][:_SAME_SHOWN]
                others = ", ".join(f"{o.row} ({o.name or 'tanpa nama'})" for o in listed)
                if len(same) - 1 > len(listed):
                    others += f" dan {len(same) - 1 - len(listed)} baris lain"
                message = _SAME_NIK.format(others=others)
                c.problems.append(self._error(c.row, "nik", "duplicate_in_file", message))

    def _duplicates_in_register(self, checked: list[_Checked]) -> None:
        if self._registered is None:
            return
        niks = sorted({c.nik for c in checked if c.nik})
        holders = self._registered(niks) if niks else {}
        for c in checked:
            name = holders.get(c.nik) if c.nik else None
            if name is not None:
                message = _REGISTERED.format(name=name)
                c.problems.append(self._error(c.row, "nik", "duplicate_in_register", message))


def _finished(c: _Checked) -> ImportRow:
    if any(p.is_error for p in c.problems):
        return ImportRow(c.row, c.cells, None, None, tuple(c.problems))
    return ImportRow(c.row, c.cells, c.worker, c.enrollment, tuple(c.problems))


def _identity(nik: NikCell) -> Nik | None:
    """The NIK as far as its own format goes (for a missing sex or birth date)."""
    if nik.error is not None or not nik.text:
        return None
    try:
        return parse_nik(nik.text)
    except InvalidNik:
        return None

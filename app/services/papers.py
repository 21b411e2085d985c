"""What every printed paper needs: the village letterhead, the paper size, a safe file write."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.documents.fileio import write_atomically
from app.documents.pdf.letterhead import Letterhead
from app.documents.pdf.paper import Paper
from app.domain.disk import write_problem
from app.domain.errors import InvalidField
from app.models import Setting, Village
from app.resources import resource_dir

__all__ = [  # Paper is re-exported: the window chooses it and imports services, not documents
    "PAPER_SETTING",
    "Paper",
    "default_paper",
    "fonts_dir",
    "letterhead_of",
    "write_pdf",
]

PAPER_SETTING = "paper_size"  # A4 or F4, chosen once per office (Pengaturan)


def letterhead_of(village: Village) -> Letterhead:
    return Letterhead(
        code=village.code, name=village.name, kecamatan=village.kecamatan,
        kabupaten=village.kabupaten, province=village.province, address=village.address,
        head_name=village.head_name, secretary_name=village.secretary_name,
    )  # fmt: skip


def default_paper(session: Session) -> Paper:
    """The office's paper size setting; A4 when none is set (or it is unreadable)."""
    text = session.scalar(select(Setting.value).where(Setting.key == PAPER_SETTING))
    try:
        return Paper.parse(text) if text else Paper.A4
    except InvalidField:
        return Paper.A4


def fonts_dir() -> Path:
    return resource_dir() / "fonts"


def write_pdf(out: Path, render: Callable[[BinaryIO], object]) -> Path:
    """Write through a temporary file, fsync, rename (a pulled USB stick never leaves half a
    PDF that looks complete). InvalidField('out') names the file when it cannot be written."""

    def write(fh: BinaryIO) -> None:
        render(fh)

    try:
        return write_atomically(out, write)
    except OSError as exc:
        raise InvalidField(
            "out",
            f"berkas {out} tidak dapat ditulis: {write_problem(exc)} (bila berkas itu sedang "
            "dibuka, tutup dulu)",
        ) from exc

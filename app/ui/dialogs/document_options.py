"""What an export or a recap is made of: the export profile, the payer, the paper size.

Only choices, no service call: the caller reads the profiles and the paper setting before, and
makes the document after the dialog is accepted.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from app.domain.rates import Payer
from app.services.papers import Paper
from app.ui.forms import ERROR_STYLE
from app.ui.labels import label
from app.ui.mnemonics import assign_mnemonics


@dataclass(frozen=True, slots=True)
class ProfileChoice:
    """An export profile as offered: its name (what the service takes) and how it reads."""

    name: str
    text: str


class DocumentOptionsDialog(QDialog):
    """`profiles` empty: no profile row; `paper` None: no paper row. `payers` are the payers
    the month has lines for; "Semua sumber dana" comes first."""

    def __init__(
        self,
        *,
        title: str,
        intro: str,
        action: str,
        payers: Sequence[Payer],
        profiles: Sequence[ProfileChoice] = (),
        paper: Paper | None = None,
        notes: Sequence[str] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("DocumentOptionsDialog")
        self.setWindowTitle(title)
        form = QFormLayout()
        self.profile_box = QComboBox()
        self.profile_box.setObjectName("profileBox")
        for choice in profiles:
            self.profile_box.addItem(choice.text, choice.name)
        if profiles:
            form.addRow(self.tr("Profil ekspor"), self.profile_box)
        self.payer_box = QComboBox()
        self.payer_box.setObjectName("payerBox")
        self.payer_box.addItem(self.tr("Semua sumber dana"), "")
        for payer in payers:
            self.payer_box.addItem(label(payer), payer.value)
        form.addRow(self.tr("Sumber dana"), self.payer_box)
        self.paper_box = QComboBox()
        self.paper_box.setObjectName("paperBox")
        self.paper_box.addItem(self.tr("A4 (210 × 297 mm)"), Paper.A4.value)
        self.paper_box.addItem(self.tr("F4 / folio (215 × 330 mm)"), Paper.F4.value)
        if paper is not None:
            self.paper_box.setCurrentIndex(self.paper_box.findData(paper.value))
            form.addRow(self.tr("Kertas"), self.paper_box)
        buttons = QDialogButtonBox()
        self.ok_button = buttons.addButton(action, QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setDefault(True)
        buttons.addButton(self.tr("Batal"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        heading = QLabel(intro)
        heading.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(form)
        for note in notes:
            line = QLabel(note)
            line.setWordWrap(True)
            line.setStyleSheet(ERROR_STYLE)
            layout.addWidget(line)
        layout.addWidget(buttons)
        assign_mnemonics(self)  # Alt+letter for each choice
        self.ok_button.setEnabled(bool(profiles) or paper is not None)
        self.setMinimumWidth(420)

    def profile(self) -> str:
        return str(self.profile_box.currentData() or "")

    def payer(self) -> Payer | None:
        code = self.payer_box.currentData()
        return Payer(code) if code else None

    def paper(self) -> Paper:
        return Paper(self.paper_box.currentData())

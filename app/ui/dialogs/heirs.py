"""The heirs (ahli waris) of one worker: list, add, edit, remove."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.categories import HeirRelation
from app.domain.heir import HeirDraft
from app.services.dto import HeirInfo
from app.services.heirs import Heirs
from app.ui.dialogs.heir_form import HeirFormDialog
from app.ui.errors import describe
from app.ui.forms import ERROR_STYLE
from app.ui.labels import label, show_date
from app.ui.tasks import TaskRunner


class HeirsDialog(QDialog):
    """Service calls run on pool threads; `loaded` fires each time the list has been (re)read."""

    loaded = Signal()

    def __init__(
        self,
        *,
        heirs: Heirs,
        worker_id: str,
        worker_name: str,
        today: Callable[[], date],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._heirs = heirs
        self._worker_id = worker_id
        self._today = today
        self._runner = TaskRunner(self)
        self.rows: list[HeirInfo] = []
        self.confirm_box: QMessageBox | None = None
        self.setObjectName("HeirsDialog")
        self.setWindowTitle(self.tr("Ahli waris - %1").replace("%1", worker_name))
        self.table = self._make_table()
        self.message = QLabel()
        self.message.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(self.message)
        layout.addLayout(self._make_buttons())
        self.table.activated.connect(lambda _index: self.edit_heir())  # Enter, double-click
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.resize(720, 360)
        self._update_buttons()
        self.reload()

    def _make_buttons(self) -> QHBoxLayout:
        self.add_button = QPushButton(self.tr("&Tambah"))
        self.edit_button = QPushButton(self.tr("&Ubah"))
        self.remove_button = QPushButton(self.tr("&Hapus"))
        close_button = QPushButton(self.tr("Tutup"))
        self.add_button.clicked.connect(self.add_heir)
        self.edit_button.clicked.connect(self.edit_heir)
        self.remove_button.clicked.connect(self.remove_heir)
        close_button.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(close_button)
        return buttons

    def _make_table(self) -> QTableWidget:
        headers = [self.tr("Nama"), self.tr("Hubungan"), self.tr("NIK"), self.tr("Tgl. lahir"),
                   self.tr("No. HP")]  # fmt: skip
        table = QTableWidget(0, len(headers))
        table.setObjectName("heirTable")
        table.setTabKeyNavigation(False)  # Tab leaves the list; arrows move in it
        table.setHorizontalHeaderLabels(headers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().hide()
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        return table

    def reload(self) -> None:
        worker_id, heirs = self._worker_id, self._heirs  # the pool thread gets values, not self
        self._runner.start(lambda: heirs.list(worker_id), self._show, self._fail)

    def _show(self, heirs: list[HeirInfo]) -> None:
        # The heir order for death benefits (spouse, children, parents...), as HeirRelation
        # declares it; the service sorts by the stored code, which is alphabetical.
        order = list(HeirRelation)
        heirs = sorted(heirs, key=lambda h: (order.index(h.relation), h.name))
        self.rows = heirs
        self.table.setRowCount(len(heirs))
        for row, heir in enumerate(heirs):
            values = (heir.name, label(heir.relation), heir.nik or "", show_date(heir.birth_date),
                      heir.phone or "")  # fmt: skip
            for column, text in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.message.setStyleSheet("")
        self.message.setText("" if heirs else self.tr("Belum ada ahli waris. Tekan Tambah."))
        self._update_buttons()
        self.loaded.emit()

    def _fail(self, exc: Exception) -> None:
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setText(describe(exc))

    def selected(self) -> HeirInfo | None:
        row = self.table.currentRow()
        selected = self.table.selectionModel().hasSelection()
        return self.rows[row] if selected and 0 <= row < len(self.rows) else None

    def _update_buttons(self) -> None:
        has = self.selected() is not None
        self.edit_button.setEnabled(has)
        self.remove_button.setEnabled(has)

    def add_heir(self) -> None:
        worker_id, heirs = self._worker_id, self._heirs
        self._open_form(lambda draft: heirs.add(worker_id, draft), None)

    def edit_heir(self) -> None:
        heir = self.selected()
        if heir is not None:
            heirs = self._heirs
            self._open_form(lambda draft: heirs.edit(heir.id, draft), heir)

    def _open_form(self, save: Callable[[HeirDraft], HeirInfo], heir: HeirInfo | None) -> None:
        form = HeirFormDialog(save=save, today=self._today, heir=heir, parent=self)
        form.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        form.saved.connect(lambda _heir: self.reload())
        form.open()

    def remove_heir(self) -> None:
        heir = self.selected()
        if heir is None:
            return
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Hapus ahli waris"),
                          self.tr("Hapus %1 dari daftar ahli waris?").replace("%1", heir.name),
                          parent=self)  # fmt: skip
        confirm = box.addButton(self.tr("Hapus"), QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(box.addButton(self.tr("Batal"), QMessageBox.ButtonRole.RejectRole))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        heir_id, heirs = heir.id, self._heirs

        def answered(button: object) -> None:
            self.confirm_box = None
            if button is confirm:
                self._runner.start(lambda: heirs.remove(heir_id), lambda _r: self.reload(),
                                   self._fail)  # fmt: skip

        box.buttonClicked.connect(answered)
        self.confirm_box = box
        box.open()

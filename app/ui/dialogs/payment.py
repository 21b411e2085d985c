"""Record a payment for a locked month and one payer: amount, date, reference, note.

Under the amount the dialog says how it compares with what is still owed (short, exact or
more), so a short or excess payment is a choice made knowingly; the roster shows it after.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtWidgets import QLabel, QWidget

from app.domain.errors import DomainError
from app.domain.formatting import parse_date, parse_rupiah
from app.domain.rates import Payer
from app.services.roster import PayerBalance, Roster
from app.ui.dialogs.base import FormDialog
from app.ui.errors import field_message
from app.ui.forms import choice_combo, date_edit, line_edit, missing_summary, new_form_layout
from app.ui.labels import balance_text, form_date, label, show_date, show_money, show_period

Pay = Callable[[Payer, int, date, str, str], PayerBalance]


class PaymentDialog(FormDialog):
    """`pay(payer, amount, paid_on, reference, note)` runs on a pool thread (roster.pay for the
    month); `saved` carries the payer's PayerBalance after the payment."""

    def __init__(
        self,
        *,
        roster: Roster,
        pay: Pay,
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._pay = pay
        self._balances = {b.payer: b for b in roster.balances}
        self.setObjectName("PaymentDialog")
        self.setWindowTitle(
            self.tr("Catat pembayaran - %1").replace("%1", show_period(roster.period))
        )
        intro = QLabel(
            self.tr("Pembayaran iuran %1 dari satu sumber dana.").replace(
                "%1", show_period(roster.period)
            )
        )
        intro.setWordWrap(True)
        layout = new_form_layout()
        add = self.form.add
        payers = ((b.payer.value, label(b.payer)) for b in roster.balances)
        single = len(roster.balances) == 1
        add(layout, "payer", choice_combo(payers, None if single else self.tr("— pilih —")))
        add(layout, "amount", line_edit(self.tr("rupiah, mis. 1.250.000"), 20))
        add(layout, "date", date_edit(), self.tr("Tanggal bayar"))
        add(layout, "reference", line_edit(self.tr("no. bukti transfer / kuitansi"), 80))
        add(layout, "note", line_edit(self.tr("boleh kosong"), 200))
        self.form.rows["date"].set_text(form_date(today))
        outer = self.main_layout(520)
        outer.addWidget(intro)
        outer.addLayout(layout)
        outer.addLayout(self.button_row())
        self.form.on_change(self.revalidate)
        self.revalidate()
        self.form.focus("amount" if single else "payer")

    def _check(self) -> tuple[dict[str, str], int | None, date | None]:
        values = self.form.values()
        errors: dict[str, str] = {}
        amount: int | None = None
        paid_on: date | None = None
        if not values["payer"]:
            errors["payer"] = self.tr("Pilih sumber dana yang membayar")
        try:
            amount = parse_rupiah(values["amount"], field="amount")
        except DomainError as exc:
            errors["amount"] = field_message(exc)
        if amount is not None and amount <= 0:
            errors["amount"] = self.tr("Jumlah pembayaran harus lebih dari Rp0")
        try:
            paid_on = parse_date(values["date"], field="date")
        except DomainError as exc:
            errors["date"] = field_message(exc)
        if not values["reference"].strip():
            errors["reference"] = self.tr("Isi nomor bukti atau referensi pembayaran")
        for field, message in self.current_service_errors().items():
            errors.setdefault(field, message)
        return errors, amount, paid_on

    def _hints(
        self, errors: dict[str, str], amount: int | None, paid_on: date | None
    ) -> dict[str, str]:
        hints: dict[str, str] = {}
        payer = self.form.rows["payer"].text()
        balance = self._balances.get(Payer(payer)) if payer else None
        if balance is not None:
            hints["payer"] = (
                self.tr("Ditagih %1, sudah dibayar %2")
                .replace("%1", show_money(balance.billed))
                .replace("%2", show_money(balance.paid))
            )
        if balance is not None and amount is not None and "amount" not in errors:
            after = PayerBalance(balance.payer, balance.billed, balance.paid + amount)
            hints["amount"] = (
                self.tr("%1; sesudah ini: %2")
                .replace("%1", show_money(amount))
                .replace("%2", balance_text(after.shortfall, after.excess))
            )
        if paid_on is not None and "date" not in errors:
            hints["date"] = show_date(paid_on)
        return hints

    def revalidate(self) -> None:
        errors, amount, paid_on = self._check()
        self.form.show_errors(errors, self._hints(errors, amount, paid_on))
        self.save_button.setEnabled(not errors and not self.saving)
        if not self.saving:
            touched = any(self.form.rows[f].touched for f in errors if f in self.form.rows)
            self.set_footer(missing_summary(errors), error=touched)

    def save_job(self) -> Callable[[], Any] | None:
        errors, amount, paid_on = self._check()
        self.revalidate()
        if errors or amount is None or paid_on is None:
            return None
        values, pay = self.form.values(), self._pay
        payer = Payer(values["payer"])
        return lambda: pay(payer, amount, paid_on, values["reference"], values["note"])

"""First run: the village set-up dialog checks the fields and creates the village."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot
from ui_factories import VILLAGE_FORM, open_context

from app.services.dto import VillageInfo
from app.ui.dialogs.setup import VillageSetupDialog


def fill(qtbot: QtBot, dialog: VillageSetupDialog, values: dict[str, str]) -> None:
    for field, text in values.items():
        editor = dialog.form.rows[field].editor
        assert isinstance(editor, QLineEdit)
        editor.clear()
        qtbot.keyClicks(editor, text)


def test_a_bad_code_is_shown_next_to_the_field_and_nothing_is_saved(
    qtbot: QtBot, tmp_path: Path
) -> None:
    ctx = open_context(tmp_path / "data")
    try:
        dialog = VillageSetupDialog(set_up=ctx.village.set_up)
        qtbot.addWidget(dialog)
        fill(qtbot, dialog, {**VILLAGE_FORM, "village_code": "35.21.01"})
        assert "PP.KK.CC.DDDD" in dialog.form.rows["village_code"].error.text()
        dialog.save_button.click()
        qtbot.wait(100)
        assert dialog.result() == 0
        assert ctx.village.get() is None
    finally:
        ctx.close()


def test_an_empty_required_field_is_named_on_save(qtbot: QtBot, tmp_path: Path) -> None:
    ctx = open_context(tmp_path / "data")
    try:
        dialog = VillageSetupDialog(set_up=ctx.village.set_up)
        qtbot.addWidget(dialog)
        fill(qtbot, dialog, {"village_code": VILLAGE_FORM["village_code"]})
        dialog.save_button.click()
        assert dialog.form.rows["village_name"].error.text() == "Nama desa wajib diisi"
    finally:
        ctx.close()


def test_valid_fields_create_the_village(qtbot: QtBot, tmp_path: Path) -> None:
    ctx = open_context(tmp_path / "data")
    try:
        dialog = VillageSetupDialog(set_up=ctx.village.set_up)
        qtbot.addWidget(dialog)
        fill(qtbot, dialog, VILLAGE_FORM)
        with qtbot.waitSignal(dialog.saved) as saved:
            dialog.save_button.click()
        info = saved.args[0]
        assert isinstance(info, VillageInfo)
        stored = ctx.village.get()
        assert stored is not None
        assert (stored.code, stored.name, stored.secretary_name) == (
            "35.21.01.2001", "Sukamaju", "Siti Aminah")  # fmt: skip
        assert ctx.village.operator() == "Siti Aminah"
        assert dialog.result() == 1
    finally:
        ctx.close()

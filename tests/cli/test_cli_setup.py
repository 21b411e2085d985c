"""`payung init`, `--version` and where the data folder is (--data-dir, PAYUNG_DATA_DIR)."""

from __future__ import annotations

from pathlib import Path

from clitools import VILLAGE_ARGS, cli_env, payung

import app
from app.config import resolve_paths
from app.services.context import AppContext


def _village(data: Path) -> object:
    context = AppContext.open(resolve_paths(data))
    try:
        return context.village.get()
    finally:
        context.close()


def test_version_prints_the_package_version() -> None:
    done = payung("--version")
    assert (done.returncode, done.stdout.strip()) == (0, f"payung {app.__version__}")


def test_init_sets_up_the_village(tmp_path: Path) -> None:
    data = tmp_path / "data"
    done = payung(*VILLAGE_ARGS, data_dir=data)
    assert done.returncode == 0, done.stderr
    info = _village(data)
    assert (info.code, info.name, info.kecamatan, info.kabupaten, info.province) == (  # type: ignore[attr-defined]
        "35.21.01.2001",
        "Sukamaju",
        "Ngawi",
        "Ngawi",
        "Jawa Timur",
    )
    assert (info.head_name, info.secretary_name) == ("Suparman", "Sri Wahyuni")  # type: ignore[attr-defined]


def test_init_again_with_the_same_code_edits_the_profile(village: Path) -> None:
    args = list(VILLAGE_ARGS)
    args[4] = "Sukamaju Makmur"
    done = payung(*args, data_dir=village)
    assert done.returncode == 0, done.stderr
    assert _village(village).name == "Sukamaju Makmur"  # type: ignore[attr-defined]


def test_data_folder_comes_from_payung_data_dir(tmp_path: Path) -> None:
    data = tmp_path / "from-env"
    done = payung(*VILLAGE_ARGS, env=cli_env(PAYUNG_DATA_DIR=str(data)))
    assert done.returncode == 0, done.stderr
    assert resolve_paths(data).database.is_file()


def test_data_dir_option_wins_over_the_environment(tmp_path: Path) -> None:
    chosen, ignored = tmp_path / "chosen", tmp_path / "ignored"
    done = payung(*VILLAGE_ARGS, data_dir=chosen, env=cli_env(PAYUNG_DATA_DIR=str(ignored)))
    assert done.returncode == 0, done.stderr
    assert (resolve_paths(chosen).database.is_file(), ignored.exists()) == (True, False)

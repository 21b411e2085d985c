"""The frozen build's file list against the tree, without building (seconds, not minutes).

A new migration, translation or rate table must reach the bundle: every file under the shipped
trees is either in the spec's data list, at the path the frozen app looks in, or excluded with a
reason. The real build and its start-up run in `make build-check` (CI), not here.
"""

from __future__ import annotations

import ast
import fnmatch
import importlib.util
import re
from pathlib import Path
from types import ModuleType
from typing import Any

import app
from app import cli, config
from app.models import migrate
from app.resources import resource_dir

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"


def _load(name: str, path: Path) -> ModuleType:
    # By path: the folder is called "packaging", like the PyPI package already imported.
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


files = _load("bundle_files", PACKAGING / "bundle_files.py")


def _shipped() -> dict[str, str]:
    """{source relative to the checkout: folder inside the bundle}."""
    return {Path(src).relative_to(ROOT).as_posix(): dest for src, dest in files.datas(ROOT)}


def _tree(folder: str) -> list[str]:
    return sorted(
        p.relative_to(ROOT).as_posix()
        for p in (ROOT / folder).rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    )


def test_every_migration_and_resource_file_is_shipped_or_excluded_with_a_reason() -> None:
    shipped = _shipped()
    unlisted = [
        rel
        for tree in files.SHIPPED_TREES
        for rel in _tree(tree)
        if rel not in shipped and not any(fnmatch.fnmatch(rel, p) for p in files.NOT_SHIPPED)
    ]
    assert unlisted == []
    assert "resources/rates/pp44-2015.csv" in shipped  # the walk really saw the trees


def test_files_land_where_the_frozen_app_looks_for_them() -> None:
    shipped = _shipped()
    mirrored = {rel: dest for rel, dest in shipped.items() if not rel.startswith("packaging/")}
    assert all(dest == Path(rel).parent.as_posix() for rel, dest in mirrored.items())
    # Frozen, the app looks under sys._MEIPASS at the same relative paths as in a checkout.
    checkout = Path(app.__file__).resolve().parent.parent
    assert migrate.MIGRATIONS_DIR.relative_to(checkout).as_posix() == "app/models/migrations"
    assert resource_dir().relative_to(checkout).as_posix() == "resources"
    assert shipped["packaging/icons/payung.png"] == "resources/icons"


def test_every_listed_revision_ships_its_script_and_alembic_its_environment() -> None:
    shipped = _shipped()
    for revision in migrate.REVISIONS:
        scripts = [r for r in shipped if re.fullmatch(
            rf"app/models/migrations/versions/{revision}_\w+\.py", r)]  # fmt: skip
        assert len(scripts) == 1, revision
    assert "app/models/migrations/env.py" in shipped
    assert "app/models/migrations/script.py.mako" in shipped


def test_every_translation_source_ships_its_compiled_file() -> None:
    shipped = _shipped()
    sources = sorted((ROOT / "resources" / "i18n").glob("*.ts"))
    assert sources
    for ts in sources:
        assert ts.with_suffix(".qm").relative_to(ROOT).as_posix() in shipped, f"{ts.name}: make"


def test_the_command_groups_imported_by_name_are_hidden_imports() -> None:
    assert set(cli.COMMAND_MODULES) <= set(files.hidden_imports(ROOT))


def test_the_desktop_app_imports_nothing_the_build_leaves_out() -> None:
    imported: set[str] = set()
    for path in (ROOT / "app").rglob("*.py"):
        if "server" in path.relative_to(ROOT / "app").parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                imported.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                imported.add(node.module)
                imported.update(f"{node.module}.{alias.name}" for alias in node.names)
    excluded = [
        name for name in sorted(imported)
        if any(name == ex or name.startswith(ex + ".") for ex in files.EXCLUDES)
    ]  # fmt: skip
    assert excluded == []
    assert "PySide6.QtPrintSupport" in imported  # the walk really read app.ui


def test_pruning_keeps_the_plugins_a_desktop_window_needs() -> None:
    for needed in (
        "PySide6/Qt/plugins/platforms/libqxcb.so",
        "PySide6/Qt/plugins/platforms/libqwayland.so",
        "PySide6/Qt/plugins/platforms/libqoffscreen.so",
        "PySide6/plugins/platforms/qwindows.dll",
        "PySide6/Qt/plugins/printsupport/libcupsprintersupport.so",
        "PySide6/Qt/plugins/tls/libqopensslbackend.so",
        "PySide6/Qt/plugins/imageformats/libqsvg.so",
        "PySide6/Qt/translations/qtbase_en.qm",
        "PySide6/Qt/lib/libQt6Gui.so.6",
        "libfontconfig.so.1",
    ):
        assert not files.dropped(needed), needed
    assert files.dropped("PySide6/Qt/plugins/platformthemes/libqgtk3.so")
    assert files.dropped("PySide6\\translations\\qtbase_de.qm")


def test_a_kept_library_linking_a_dropped_one_is_reported() -> None:
    kept = [("PySide6/Qt/plugins/platforms/libqxcb.so", "/src/libqxcb.so", "BINARY")]
    removed = [("libXi.so.6", "/usr/lib/libXi.so.6", "BINARY")]
    links = {"/src/libqxcb.so": ["libxcb.so.1", "/usr/lib/libXi.so.6"]}
    broken = files.needed_but_dropped(kept, removed, lambda path: links[path])
    assert broken == {"PySide6/Qt/plugins/platforms/libqxcb.so": ["libXi.so.6"]}
    assert files.needed_but_dropped(kept, [], lambda path: links[path]) == {}


class _Recorder:
    """Stands in for PyInstaller's spec classes: keeps what the spec hands them."""

    calls: dict[str, list[tuple[tuple[Any, ...], dict[str, Any]]]]

    def __init__(self) -> None:
        self.calls = {}

    def cls(self, name: str) -> type:
        recorder = self

        class Target:
            def __init__(self, *args: Any, **kwargs: Any) -> None:
                recorder.calls.setdefault(name, []).append((args, kwargs))
                self.binaries: list[Any] = []
                self.datas: list[Any] = list(kwargs.get("datas", []))
                self.pure: list[Any] = []
                self.scripts: list[Any] = []

        return Target


def test_the_spec_hands_pyinstaller_these_lists_and_stamps_the_version(tmp_path: Path) -> None:
    recorder = _Recorder()
    namespace: dict[str, Any] = {
        "SPECPATH": str(PACKAGING), "DISTPATH": str(tmp_path), "__name__": "__main__",
        **{name: recorder.cls(name) for name in ("Analysis", "PYZ", "EXE", "COLLECT")},
    }  # fmt: skip
    spec = PACKAGING / "payung.spec"
    exec(compile(spec.read_text(encoding="utf-8"), str(spec), "exec"), namespace)

    (_, analysis), = recorder.calls["Analysis"]  # fmt: skip
    assert analysis["datas"] == files.datas(ROOT)
    assert analysis["pathex"] == [str(ROOT)]
    assert set(cli.COMMAND_MODULES) <= set(analysis["hiddenimports"])
    assert "app.server" in analysis["excludes"]
    assert [kw["name"] for _, kw in recorder.calls["EXE"]] == ["payung"]  # Linux: one
    assert recorder.calls["COLLECT"][0][1]["name"] == "payung"
    entry = tmp_path / "payung" / "share" / "applications" / "payung-desa.desktop"
    assert f"X-Payung-Version={app.__version__}\n" in entry.read_text(encoding="utf-8")


def test_the_version_has_one_source() -> None:
    assert files.app_version(ROOT) == app.__version__
    template = (ROOT / files.DESKTOP_TEMPLATE).read_text(encoding="utf-8")
    assert "X-Payung-Version=@VERSION@" in template
    iss = (PACKAGING / "windows" / "payung.iss").read_text(encoding="utf-8")
    assert "AppVersion={#AppVersion}" in iss
    code = [line for line in iss.splitlines() if not line.startswith(";")]
    assert not [line for line in code if app.__version__ in line]  # /D or read from payung.exe


def test_the_uninstaller_keeps_the_user_data_folder() -> None:
    iss = (PACKAGING / "windows" / "payung.iss").read_text(encoding="utf-8")
    sections = re.split(r"^\[(\w+)\]\s*$", iss, flags=re.MULTILINE)
    bodies = dict(zip(sections[1::2], sections[2::2], strict=True))
    deletes = "\n".join(
        line for name in ("UninstallDelete", "InstallDelete")
        for line in bodies.get(name, "").splitlines() if not line.startswith(";")
    )  # fmt: skip
    assert "localappdata" not in deletes.lower()
    assert config.APP_NAME not in deletes
    assert all("{app}" in line for line in deletes.splitlines() if line.strip())
    # The data folder named to the user is the one the app really uses (platformdirs).
    assert f"{{localappdata}}\\{config.APP_NAME}" in iss
    assert re.search(r"^AppId=\{\{[0-9A-F-]{36}\}$", iss, flags=re.MULTILINE)


def test_frozen_the_app_reads_resources_and_its_icon_from_the_bundle(
    tmp_path: Path, monkeypatch: Any
) -> None:
    from app.resources import icon_file
    from app.ui.i18n import translation_dirs

    assert icon_file() == PACKAGING / "icons" / "payung.png"  # a checkout
    shipped = tmp_path / "resources" / "icons" / "payung.png"
    shipped.parent.mkdir(parents=True)
    shipped.write_bytes((PACKAGING / "icons" / "payung.png").read_bytes())
    monkeypatch.setattr("sys._MEIPASS", str(tmp_path), raising=False)
    assert resource_dir() == tmp_path / "resources"
    assert icon_file() == shipped
    assert translation_dirs() == [tmp_path / "resources" / "i18n"]

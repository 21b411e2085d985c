"""What the frozen build ships beside the code, read by the spec and by a fast test.

The spec (packaging/payung.spec) builds its data list, hidden imports and excludes from here, and
tests/packaging checks the list against the files in the tree, so a new migration or resource
file never silently misses the bundle. Pure stdlib: it runs inside PyInstaller, inside pytest,
and never imports `app` (an editable install may point at another checkout).

Destinations mirror the source tree on purpose: frozen, `app.resources.resource_dir()` is
`sys._MEIPASS/resources` and `app.models.migrate.MIGRATIONS_DIR` is
`sys._MEIPASS/app/models/migrations`, the same relative paths as in a checkout.
"""

from __future__ import annotations

import ast
import fnmatch
import glob
from collections.abc import Callable, Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# (glob relative to the repository, folder inside the bundle)
DATA: tuple[tuple[str, str], ...] = (
    # Alembic runs the scripts from files at start-up (app.models.migrate): ship the sources.
    ("app/models/migrations/env.py", "app/models/migrations"),
    ("app/models/migrations/script.py.mako", "app/models/migrations"),
    ("app/models/migrations/versions/*.py", "app/models/migrations/versions"),
    ("resources/i18n/*.qm", "resources/i18n"),  # built by make from the .ts
    ("resources/rates/*.csv", "resources/rates"),
    ("resources/rates/README.md", "resources/rates"),
    ("resources/profiles/*.toml", "resources/profiles"),
    # error messages about a bad profile point at this file
    ("resources/profiles/README.md", "resources/profiles"),
    ("resources/fonts/*.ttf", "resources/fonts"),
    ("resources/fonts/LICENSE", "resources/fonts"),
    # the window icon (app.resources.icon_file); the .ico is only the Windows executable's
    ("packaging/icons/payung.png", "resources/icons"),
)

# Files under the shipped trees that stay out, each with its reason (the test reads this).
NOT_SHIPPED: dict[str, str] = {
    "resources/i18n/*.ts": "Qt Linguist source; the .qm built from it is shipped",
}

# Folders whose every file must be either shipped or listed in NOT_SHIPPED.
SHIPPED_TREES = ("app/models/migrations", "resources")

EXCLUDES = (
    # the kabupaten server extra: never reached from the desktop (import-linter keeps it so)
    "app.server",
    "fastapi",
    "starlette",
    "uvicorn",
    "psycopg",
    "psycopg_binary",
    "jinja2",
    "argon2",
    "_argon2_cffi_bindings",
    "multipart",
    "python_multipart",
    "werkzeug",
    # development tools
    "pytest",
    "_pytest",
    "pytestqt",
    "hypothesis",
    "mypy",
    "ruff",
    "importlinter",
    "grimp",
    "psutil",
    "pypdf",
    "playwright",
    "schemathesis",
    "PyInstaller",
    "IPython",
    "pygments",
    "rich",
    # nothing draws raster images through Pillow: PDFs use vector QR codes, the preview pdfium
    "PIL",
    "numpy",
    "tkinter",
    "_tkinter",
    # Qt modules the app never imports (app.ui uses QtCore, QtGui, QtWidgets, QtNetwork,
    # QtPrintSupport); some hooks would otherwise pull them in with their plugins
    "PySide6.QtQml",
    "PySide6.QtQuick",
    "PySide6.QtQuickWidgets",
    "PySide6.QtOpenGL",
    "PySide6.QtOpenGLWidgets",
    "PySide6.QtSql",
    "PySide6.QtTest",
    "PySide6.QtDBus",
    "PySide6.QtSvg",
    "PySide6.QtSvgWidgets",
    "PySide6.QtXml",
    "PySide6.QtConcurrent",
    "PySide6.QtDesigner",
    "PySide6.QtHelp",
    "PySide6.QtUiTools",
    "PySide6.QtStateMachine",
    # SQLAlchemy needs greenlet only for asyncio, which the app does not use
    "greenlet",
    # build tools a runtime hook drags in, and httpx's command line (httpx._main)
    "setuptools",
    "distutils",
    "_distutils_hack",
    "pkg_resources",
    "click",
)

# Collected files dropped after the analysis (fnmatch on the bundle path, "/" separators; "*"
# crosses folders). Qt's hooks take every plugin of a module; the window needs the platform
# plugins of a desktop (xcb, wayland; windows on Windows) and offscreen for the checks.
DROP = (
    # the GTK theme plugin drags GTK, GDK, cairo, pango, atk and friends in (~16 MB); without it
    # Qt draws its own (Fusion) style and file dialogs
    "*/plugins/platformthemes/libqgtk3.so",
    "libgtk-3.so*", "libgdk-3.so*", "libgdk_pixbuf-2.0.so*", "libcairo.so*",
    "libcairo-gobject.so*", "libpango-1.0.so*", "libpangocairo-1.0.so*", "libpangoft2-1.0.so*",
    "libatk-1.0.so*", "libatk-bridge-2.0.so*", "libatspi.so*", "libepoxy.so*", "libpixman-1.so*",
    "libharfbuzz.so*", "libgraphite2.so*", "libfribidi.so*", "libthai.so*", "libdatrie.so*",
    "libXcomposite.so*", "libXcursor.so*", "libXdamage.so*", "libXext.so*", "libXfixes.so*",
    "libXi.so*", "libXinerama.so*", "libXrandr.so*", "libXrender.so*", "libjpeg.so*",
    # embedded-device platforms and input plugins (framebuffer, EGLFS, VNC, evdev)
    "*/plugins/platforms/libqeglfs.so", "*/plugins/platforms/libqlinuxfb.so",
    "*/plugins/platforms/libqvnc.so", "*/plugins/platforms/libqminimalegl.so",
    "*/plugins/platforms/libqvkkhrdisplay.so", "*/plugins/platforms/libqminimal.so",
    "*/plugins/egldeviceintegrations/*", "*/plugins/generic/*", "*libQt6EglFS*",
    "*libQt6EglFs*",
    # image formats: the app draws PNG (built into QtGui) and vector PDFs; SVG and ICO stay
    "*/plugins/imageformats/*",
    # Qt's own translations: only English exists besides the untranslated Indonesian
    "*/translations/*",
)  # fmt: skip
KEEP = ("*/plugins/imageformats/*qsvg*", "*/plugins/imageformats/*qico*", "*/translations/*_en.qm")


def app_version(root: Path = ROOT) -> str:
    """`__version__` from app/__init__.py, read without importing the package."""
    return str(_assigned(root / "app" / "__init__.py", "__version__"))


def command_modules(root: Path = ROOT) -> list[str]:
    """app.cli imports its command groups by name (COMMAND_MODULES): PyInstaller cannot see
    those imports, so they are hidden imports of the build."""
    return list(_assigned(root / "app" / "cli.py", "COMMAND_MODULES"))


def hidden_imports(root: Path = ROOT) -> list[str]:
    # The migration scripts are data, not analysed: what they import must be in the archive.
    return [*command_modules(root), "alembic.op", "alembic.context", "sqlalchemy"]


def datas(root: Path = ROOT) -> list[tuple[str, str]]:
    """(absolute source file, bundle folder) pairs, one per file, for Analysis(datas=...)."""
    pairs: list[tuple[str, str]] = []
    for pattern, dest in DATA:
        for source in sorted(glob.glob(str(root / pattern))):
            pairs.append((source, dest))
    return pairs


def missing_files(root: Path = ROOT) -> list[str]:
    """Patterns that match nothing: a build with them would lack a part the app needs."""
    return [pattern for pattern, _ in DATA if not glob.glob(str(root / pattern))]


def dropped(dest: str) -> bool:
    """Whether a collected file (its path inside the bundle) stays out, per DROP and KEEP."""
    name = dest.replace("\\", "/")
    if any(fnmatch.fnmatchcase(name, pattern) for pattern in KEEP):
        return False
    return any(fnmatch.fnmatchcase(name, pattern) for pattern in DROP)


def prune(toc: Iterable[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """The TOC (dest, source, typecode) without the dropped files."""
    return [entry for entry in toc if not dropped(entry[0])]


def needed_but_dropped(
    kept: Iterable[tuple[str, str, str]],
    removed: Iterable[tuple[str, str, str]],
    imports_of: Callable[[str], Iterable[str]],
) -> dict[str, list[str]]:
    """Kept binaries that link a dropped library: {binary: [library names]}. A non-empty
    answer means a DROP pattern is wrong and the bundle would fail to start."""
    gone = {Path(dest.replace("\\", "/")).name for dest, _, kind in removed if kind == "BINARY"}
    broken: dict[str, list[str]] = {}
    for dest, source, kind in kept:
        if kind not in ("BINARY", "EXTENSION"):
            continue
        missing = sorted({Path(n).name for n in imports_of(source)} & gone)
        if missing:
            broken[dest] = missing
    return broken


def _assigned(path: Path, name: str) -> object:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == name for t in node.targets
        ):
            return ast.literal_eval(node.value)
    raise LookupError(f"{name} is not assigned in {path}")


DESKTOP_TEMPLATE = "packaging/linux/payung-desa.desktop"
VERSION_PLACEHOLDER = "@VERSION@"


def desktop_entry(version: str, root: Path = ROOT) -> str:
    """The Linux menu entry with this build's version (`Version=` is the format's own version,
    so the app's goes in X-Payung-Version)."""
    text = (root / DESKTOP_TEMPLATE).read_text(encoding="utf-8")
    if VERSION_PLACEHOLDER not in text:
        raise ValueError(f"{DESKTOP_TEMPLATE} has no {VERSION_PLACEHOLDER}")
    return text.replace(VERSION_PLACEHOLDER, version)

"""app.domain is pure Python: every import is stdlib or app.domain itself (DESIGN.md section 3)."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import app.domain

DOMAIN_DIR = Path(app.domain.__file__).parent


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative import: inside app.domain by construction
                continue
            found.append(node.module or "")
    return found


def _allowed(module: str) -> bool:
    top = module.split(".", maxsplit=1)[0]
    return (
        top in sys.stdlib_module_names or module == "app.domain" or module.startswith("app.domain.")
    )


def test_domain_modules_import_only_stdlib_and_the_domain() -> None:
    modules = sorted(DOMAIN_DIR.rglob("*.py"))
    assert len(modules) >= 8  # the walk found the package, not an empty folder
    offenders = [
        f"{path.relative_to(DOMAIN_DIR)}: {name}"
        for path in modules
        for name in _imports(path)
        if not _allowed(name)
    ]
    assert offenders == []


def test_the_purity_check_catches_a_forbidden_import() -> None:
    assert [_allowed(m) for m in ("sqlalchemy.orm", "PySide6", "app.models", "datetime")] == [
        False,
        False,
        False,
        True,
    ]

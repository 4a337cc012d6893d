"""Module hygiene: no import cycles, no imports inside functions, no private cross-app imports."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APPS = ("accounts", "policies", "iamconsole")
# Third-party tests kept as their authors wrote them (tests/conformance/README.md).
VENDORED = ROOT / "tests" / "conformance" / "moto_tests"
# Imports that stay inside a function, each for a reason given beside it in the code.
LAZY_ALLOWED = {
    ("policies/services/catalogue.py", "moto.iam.aws_managed_policies"),  # slow, catalogue only
    ("iamconsole/management/commands/screenshots.py", "playwright.sync_api"),  # dev requirement
    ("iamconsole/apps.py", "operations.registry"),  # operations need the app registry ready
    ("iamconsole/apps.py", "wire.registry"),  # so do the wire actions
}


def _modules() -> dict[str, Path]:
    """Every module of the apps by dotted name (migrations aside)."""
    found = {}
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
            found[name.removesuffix(".__init__")] = path
    return found


MODULES = _modules()


def _target(module: str, node: ast.ImportFrom) -> str:
    """The absolute module a `from ... import` reads from."""
    if not node.level:
        return node.module or ""
    package = module if MODULES[module].name == "__init__.py" else module.rpartition(".")[0]
    parts = package.split(".")
    parts = parts[: len(parts) - (node.level - 1)]
    return ".".join(parts + ([node.module] if node.module else []))


def _top_level_imports(tree: ast.Module) -> Iterator[ast.Import | ast.ImportFrom]:
    """Imports run when the module loads (`if TYPE_CHECKING:` blocks never run)."""
    for node in tree.body:
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            continue
        for sub in ast.walk(node):
            if isinstance(sub, ast.Import | ast.ImportFrom):
                yield sub


def _imported(module: str, node: ast.Import | ast.ImportFrom) -> Iterator[str]:
    """The app modules an import statement loads, packages on the way included."""
    if isinstance(node, ast.Import):
        names = [alias.name for alias in node.names]
    else:
        target = _target(module, node)
        names = [f"{target}.{alias.name}" if f"{target}.{alias.name}" in MODULES else target
                 for alias in node.names]
    own = module.split(".")
    for name in names:
        parts = name.split(".")
        for end in range(1, len(parts) + 1):
            prefix = ".".join(parts[:end])
            # Importing a.b.c runs packages a and a.b first, except the importer's own.
            if prefix in MODULES and (end == len(parts) or parts[:end] != own[:end]):
                yield prefix


def _graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for module, path in MODULES.items():
        tree = ast.parse(path.read_text(), filename=str(path))
        graph[module] = {
            name for node in _top_level_imports(tree) for name in _imported(module, node)
        } - {module}
    return graph


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle, as the modules along it, or None."""
    state: dict[str, int] = {}  # 1 on the current path, 2 finished
    path: list[str] = []

    def visit(module: str) -> list[str] | None:
        state[module] = 1
        path.append(module)
        for name in sorted(graph[module]):
            if state.get(name) == 1:
                return path[path.index(name):] + [name]
            if name not in state and (found := visit(name)):
                return found
        path.pop()
        state[module] = 2
        return None

    for module in sorted(graph):
        if module not in state and (found := visit(module)):
            return found
    return None


def test_no_import_cycles() -> None:
    """No module imports, directly or through others, a module that imports it back."""
    assert _cycle(_graph()) is None


def test_the_cycle_finder_finds_cycles() -> None:
    """The search itself reports a cycle it is given."""
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None


def test_imports_are_at_module_level() -> None:
    """Imports sit at the top of the module, not inside functions dodging a cycle."""
    hidden = []
    for path in MODULES.values():
        relative = path.relative_to(ROOT).as_posix()
        for function in ast.walk(ast.parse(path.read_text(), filename=str(path))):
            if isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                hidden += [
                    f"{relative}:{node.lineno}" for node in ast.walk(function)
                    if isinstance(node, ast.Import | ast.ImportFrom)
                    and (relative, getattr(node, "module", None)) not in LAZY_ALLOWED
                ]
    assert sorted(set(hidden)) == []


def test_no_private_imports_from_another_app() -> None:
    """An app uses another app's public modules and names only (`_`-prefixed ones are private)."""
    private = []
    for module, path in MODULES.items():
        for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
            if not isinstance(node, ast.ImportFrom):
                continue
            target = _target(module, node)
            if target.split(".")[0] not in APPS or target.split(".")[0] == module.split(".")[0]:
                continue
            private += [
                f"{module}: {target}.{alias.name}" for alias in node.names
                if any(part.startswith("_") for part in [*target.split("."), alias.name])
            ]
    assert private == []


def test_no_module_over_400_lines() -> None:
    """Modules past about 400 lines are split into a package or siblings (STYLE.md 12)."""
    long = [
        f"{path.relative_to(ROOT)}: {lines}"
        for top in (*APPS, "tests", "bench")
        for path in sorted((ROOT / top).rglob("*.py"))
        if "migrations" not in path.parts and VENDORED not in path.parents
        and (lines := len(path.read_text().splitlines())) > 400
    ]
    assert long == []

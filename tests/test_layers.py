"""The house's arrows point one way: ui → (HTTP) → service → training → models.

Read from the source (every import statement, also those inside functions), so an import
against the direction fails here whether or not a test happens to run it:

- `models/` imports none of ours and no web, database or UI library;
- `training/` imports models only (the service reads its tables and hands training plain data);
- `service/` imports training and models, never the UI;
- `ui/` imports none of ours: it reaches the service over HTTP.

Also: no module imports a private name (`_x`) from another package, and `models/` has no
import cycle between its modules.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
OURS = ("models", "training", "service", "ui", "bench", "tests")
ALLOWED = {
    "models": {"models"},
    "training": {"training", "models"},
    "service": {"service", "training", "models"},
    "ui": {"ui"},
}
WEB_OR_DATABASE = {"fastapi", "starlette", "sqlalchemy", "alembic", "psycopg", "httpx"}
UI_LIBRARIES = {"streamlit"}


def _module(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> list[tuple[int, str, list[str]]]:
    """(line, imported module, names) for every import in the file, relative ones resolved."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = _module(path) if path.name == "__init__.py" else _module(path).rpartition(".")[0]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name, []) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                up = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*up, base] if base else up)
            found.append((node.lineno, base, [a.name for a in node.names]))
    return found


def _files(top: str) -> list[Path]:
    return sorted(p for p in (ROOT / top).rglob("*.py") if "migrations" not in p.parts)


def _cases():
    for top in ALLOWED:
        for path in _files(top):
            yield pytest.param(top, path, id=str(path.relative_to(ROOT)))


@pytest.mark.parametrize(("top", "path"), list(_cases()))
def test_imports_follow_the_layers(top: str, path: Path) -> None:
    wrong = []
    for line, module, _names in _imports(path):
        first = module.split(".")[0]
        if first in OURS and first not in ALLOWED[top]:
            wrong.append(f"{line}: {module} ({top} may import {sorted(ALLOWED[top])})")
        if top == "models" and first in WEB_OR_DATABASE | UI_LIBRARIES:
            wrong.append(f"{line}: {module} (models/ has no web, database or UI code)")
        if top == "training" and first in WEB_OR_DATABASE | UI_LIBRARIES:
            wrong.append(f"{line}: {module} (training/ is pure: the service reads the tables)")
        if top == "ui" and first in WEB_OR_DATABASE - {"httpx"}:
            wrong.append(f"{line}: {module} (the UI talks to the service over HTTP only)")
    assert wrong == [], f"{path.relative_to(ROOT)}:\n" + "\n".join(wrong)


def _package(module: str) -> str:
    return module.rpartition(".")[0]


@pytest.mark.parametrize("top", [*ALLOWED, "bench"])
def test_no_private_names_across_packages(top: str) -> None:
    wrong = []
    for path in _files(top):
        here = _module(path) if path.name == "__init__.py" else _package(_module(path))
        for line, module, names in _imports(path):
            if module.split(".")[0] not in OURS:
                continue
            private = [n for n in names if n.startswith("_") and not n.startswith("__")]
            if private and _package(module) != here and module != here:
                wrong.append(f"{path.relative_to(ROOT)}:{line}: {module} {private}")
    assert wrong == []


def test_models_has_no_import_cycle() -> None:
    modules = {_module(p): p for p in _files("models")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        deps = set()
        for _, module, names in _imports(path):
            # `from package import submodule` depends on the submodule
            targets = [f"{module}.{n}" if f"{module}.{n}" in modules else module for n in names]
            for target in targets or [module]:
                if target in modules and target != name:
                    deps.add(target)
        graph[name] = deps

    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt) :] + [nxt]
            if nxt not in state and (cycle := visit(nxt)):
                return cycle
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (cycle := visit(node)):
            pytest.fail("import cycle: " + " -> ".join(cycle))

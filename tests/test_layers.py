"""Imports point one way: routes use services, services use models, and models use neither."""

import ast
from pathlib import Path

import pytest

APP = Path(__file__).parent.parent / "app"


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
    return found


@pytest.mark.parametrize("path", sorted((APP / "models").glob("*.py")), ids=lambda path: path.name)
def test_models_import_neither_services_nor_routes(path):
    upward = {name for name in imported_modules(path) if name.startswith(("app.services", "app.routes"))}

    assert upward == set()

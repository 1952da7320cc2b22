"""One way through the code: services grouped by area, and no module reaching into another's private helpers."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SERVICES = ROOT / "caf_app" / "services"
AREAS = {"identity", "payments", "paperwork", "situation", "communications"}


def _python_files():
    return sorted(p for p in (ROOT / "caf_app").rglob("*.py"))


def test_every_service_lives_in_its_area():
    loose = [p.name for p in SERVICES.glob("*.py") if p.name != "__init__.py"]
    assert loose == [], f"services by area only ({', '.join(sorted(AREAS))}): {loose}"
    assert {p.name for p in SERVICES.iterdir() if p.is_dir() and p.name != "__pycache__"} == AREAS


def test_no_module_imports_another_module_s_private_helper():
    offenders = []
    for path in _python_files():
        tree = ast.parse(path.read_text(), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module != "__future__":
                offenders += [f"{path.relative_to(ROOT)}:{node.lineno} {alias.name}" for alias in node.names
                              if alias.name.startswith("_") and not alias.name.startswith("__")]
    assert offenders == []


def test_no_service_calls_a_private_helper_through_another_module():
    """`transmission._pages(...)` from sending.py is the same reach-in as importing it."""
    offenders = []
    for path in SERVICES.rglob("*.py"):
        tree = ast.parse(path.read_text(), filename=str(path))
        imported = {alias.asname or alias.name for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
                    for alias in node.names}
        for node in ast.walk(tree):
            if (isinstance(node, ast.Attribute) and node.attr.startswith("_") and not node.attr.startswith("__")
                    and isinstance(node.value, ast.Name) and node.value.id in imported):
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.value.id}.{node.attr}")
    assert offenders == []

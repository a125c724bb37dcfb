"""The house rules of the code layout (README « Organisation du code »)."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
    return names


def _python_files(package: str):
    return [p for p in (ROOT / package).rglob("*.py") if "migrations" not in p.parts]


def test_architecture_projects_never_imports_steps():
    """Shared services live in projects, which knows nothing of the parts of the method."""
    offenders = {}
    for path in _python_files("projects"):
        steps_modules = sorted(m for m in _imported_modules(path) if m.split(".")[0] == "steps")
        if steps_modules:
            offenders[str(path.relative_to(ROOT))] = steps_modules
    assert offenders == {}


def test_architecture_mutualisation_never_imports_apps():
    """The project package holds cross-cutting helpers only."""
    offenders = [
        str(path.relative_to(ROOT))
        for path in _python_files("mutualisation")
        if path.name not in {"urls.py", "settings.py"}
        and any(m.split(".")[0] in {"steps"} for m in _imported_modules(path))
    ]
    assert offenders == []


def test_architecture_one_save_with_history():
    """One function saves a form with its change history."""
    definitions = [
        str(path.relative_to(ROOT))
        for package in ("projects", "steps", "mutualisation")
        for path in _python_files(package)
        if "def save_with_history" in path.read_text(encoding="utf-8")
    ]
    assert definitions == ["projects/history.py"]

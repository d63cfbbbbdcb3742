"""Imports run one way (architecture.md): services ← who is who ← the work ← reports ← api. A new
import against the direction — even inside a function — fails here, naming the file."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SERVICES = {"core", "notifications", "documents"}
WHO_IS_WHO = {"units", "accounts", "clusters"}
ALLOWED = {
    "core": set(),
    "notifications": {"core"},
    "documents": {"core"},
    "units": SERVICES,
    "accounts": SERVICES | {"units"},
    "clusters": SERVICES | {"units", "accounts"},
    "dossiers": SERVICES | WHO_IS_WHO,
    "awards": SERVICES | WHO_IS_WHO | {"dossiers"},
    "campaigns": SERVICES | WHO_IS_WHO | {"dossiers"},
    "reports": SERVICES | WHO_IS_WHO | {"dossiers", "awards", "campaigns"},
    "api": SERVICES | WHO_IS_WHO | {"dossiers", "awards", "campaigns", "reports"},
}


def imported_apps(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found & set(ALLOWED)


def test_every_app_imports_only_the_apps_below_it():
    wrong = []
    for app, allowed in ALLOWED.items():
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            for target in sorted(imported_apps(path) - allowed - {app}):
                wrong.append(f"{path.relative_to(ROOT)} imports {target}")
    assert wrong == []


def test_the_check_sees_an_import_inside_a_function(tmp_path):
    module = tmp_path / "m.py"
    module.write_text("def f():\n    from awards.models import Vote\n    import reports.views\n", encoding="utf-8")
    assert imported_apps(module) == {"awards", "reports"}

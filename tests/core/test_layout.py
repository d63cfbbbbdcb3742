"""The shape of the tree (docs/architecture.md), checked so it stays: short modules, short template lines,
statuses compared through model properties, and model relations that follow the import layers which
import-linter checks for imports (pyproject.toml, [tool.importlinter])."""

import re
import tomllib
from pathlib import Path

from django.apps import apps

ROOT = Path(__file__).resolve().parents[2]
APPS = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]["root_packages"]
MAX_MODULE_LINES = 500
# At most three modules may be longer, each for a reason written here.
LONG_MODULES: dict[str, str] = {}
MAX_TEMPLATE_LINE = 200
# A model relation against the layers that no import shows (a foreign key named by string): the one
# allowed is stated, with its reason, in pyproject.toml's import-linter contract.
RELATIONS_AGAINST_THE_LAYERS = {("dossiers", "awardround", "campaign")}


def _modules():
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path


def test_no_module_is_longer_than_500_lines():
    assert len(LONG_MODULES) <= 3
    long = {
        str(path.relative_to(ROOT)): n
        for path in _modules()
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
    }
    assert {name: n for name, n in long.items() if name not in LONG_MODULES} == {}


def test_the_check_counts_lines(tmp_path):
    module = tmp_path / "m.py"
    module.write_text("x = 1\n" * (MAX_MODULE_LINES + 1), encoding="utf-8")
    assert len(module.read_text(encoding="utf-8").splitlines()) > MAX_MODULE_LINES


def _templates():
    return sorted((ROOT / "templates").rglob("*.html")) + sorted(ROOT.glob("*/templates/**/*.html"))


def test_no_template_line_is_longer_than_200_characters():
    long = [
        f"{path.relative_to(ROOT)}:{number} ({len(line)})"
        for path in _templates()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if len(line) > MAX_TEMPLATE_LINE
    ]
    assert long == []


RAW_STATUS = re.compile(r"""\.status\s*(==|!=|in)\s*["']""")


def test_templates_compare_statuses_through_model_properties():
    raw = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in _templates()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if RAW_STATUS.search(line)
    ]
    assert raw == []
    assert RAW_STATUS.search('{% if dossier.status == "nhap" %}')


def _layers() -> dict[str, int]:
    contract = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]["contracts"][0]
    height = {}
    for level, layer in enumerate(reversed(contract["layers"])):
        for app in re.split(r"[|:]", layer):
            height[app.strip()] = level
    return height


def test_model_relations_follow_the_import_layers():
    height = _layers()
    assert set(height) == set(APPS)
    against = set()
    for model in apps.get_models():
        source = model._meta.app_label
        if source not in height:
            continue
        for field in model._meta.get_fields():
            if not field.is_relation or field.auto_created or field.related_model is None:
                continue
            if field.swappable_setting == "AUTH_USER_MODEL":
                continue  # who did it: every app may name the user model (settings.AUTH_USER_MODEL)
            target = field.related_model._meta.app_label
            if target in height and target != source and height[target] >= height[source]:
                against.add((source, model._meta.model_name, field.name))
    assert against == RELATIONS_AGAINST_THE_LAYERS

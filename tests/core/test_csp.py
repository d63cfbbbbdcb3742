"""The Content-Security-Policy allows scripts from this site's static files only: no template may carry an
inline <script>, an on*= event-handler attribute or htmx's hx-on (which evaluates code)."""

import re
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.urls import reverse

SCRIPT_TAG = re.compile(r"<script\b([^>]*)>", re.IGNORECASE)
DATA_BLOCK = re.compile(r"""\btype\s*=\s*["']application/(ld\+)?json["']""", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"""<[a-zA-Z][^<>]*?\s(on[a-z]+)\s*=""", re.IGNORECASE)
HX_ON = re.compile(r"""\shx-on(?::|-|\b)""", re.IGNORECASE)


def project_template_files() -> list[Path]:
    folders = [Path(d) for engine in settings.TEMPLATES for d in engine.get("DIRS", [])]
    base = Path(settings.BASE_DIR).resolve()
    for config in apps.get_app_configs():
        folder = Path(config.path).resolve() / "templates"
        if folder.is_relative_to(base) and ".venv" not in folder.parts:
            folders.append(folder)
    return sorted({path for folder in folders if folder.is_dir() for path in folder.rglob("*.html")})


def inline_code(text: str) -> list[str]:
    found = []
    for match in SCRIPT_TAG.finditer(text):
        attributes = match.group(1)
        if not re.search(r"\bsrc\s*=", attributes, re.IGNORECASE) and not DATA_BLOCK.search(attributes):
            found.append(match.group(0))
    found += [match.group(1) for match in EVENT_HANDLER.finditer(text)]
    found += [match.group(0).strip() for match in HX_ON.finditer(text)]
    return found


def test_inline_code_finds_each_kind():
    page = (
        '<script>alert(1)</script><script type="module">x()</script><script src="/static/a.js"></script>'
        '<script type="application/json">{}</script><form class="x" onsubmit="return confirm(\'?\')">'
        '<button hx-on:click="go()">'
    )
    assert inline_code(page) == ["<script>", '<script type="module">', "onsubmit", "hx-on:"]


def test_no_template_carries_inline_script_or_event_handler():
    files = project_template_files()
    assert len(files) > 50  # the walk found the project's templates (templates/ and the apps' own)
    offences = {str(path.relative_to(settings.BASE_DIR)): inline_code(path.read_text()) for path in files}
    assert {name: found for name, found in offences.items() if found} == {}


def test_pages_send_a_policy_that_allows_scripts_from_the_site_only(client, db):
    response = client.get(reverse("login"))
    policy = dict(part.strip().split(" ", 1) for part in response.headers["Content-Security-Policy"].split(";") if part.strip())
    assert policy["script-src"] == "'self'"
    assert policy["default-src"] == "'self'"
    assert policy["object-src"] == "'none'"
    assert policy["frame-ancestors"] == "'none'"

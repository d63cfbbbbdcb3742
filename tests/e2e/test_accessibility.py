"""Accessibility (#14): no serious or critical axe-core violation (WCAG 2.0/2.1 A and AA rules) on any page
a role can open.

Each role signs in once (one browser context) and opens
- every page of the URL configuration that takes no value (and the year pages, for this year), the way
  tests/core/test_refusal_matrix.py walks it: admin, the API, logout and files (PDF, Excel, Word, iCal)
  left out; a page the role is refused (403, 404), an action's address (405, or a redirect to the page it
  belongs to) is skipped, not failed;
- then the object pages those pages link to (a round, a dossier with its nominees, a meeting, a decision,
  a campaign, a submission request, a cluster, a unit, a person…), one address per URL name, following
  links from page to page as a person would, in the demo data set (seed_demo --district).

Each role works on the screen it uses (ROLES: desktop, laptop, tablet). axe-core is vendored in
tests/e2e/vendor/axe-core (a test tool, never served) and injected into each page. The failure message
lists each page with the rule, its impact, how many elements and the first three (with the colours met,
for a contrast), for whoever fixes it. axe-core cannot measure text over a gradient (the red top bar):
its contrast is argued in static/css/portal.css instead."""

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.urls import Resolver404, URLPattern, URLResolver, get_resolver, resolve, reverse
from django.utils import timezone

from accounts.demo import DEMO_PASSWORD
from accounts.models import User
from awards.demo import demo_ballot_open
from awards.models import Decision
from dossiers.models import AwardType, Dossier

# The flush after each transactional test empties the catalogue too: demo_data (seed_demo) seeds it again.
pytestmark = pytest.mark.django_db(transaction=True)

AXE = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"
BLOCKING = {"serious", "critical"}

# Demo accounts, one per role (accounts.demo.USERS), each on a screen that role uses: the office and the
# administrator at a desktop, a unit's clerk at a laptop, its head and the council on a tablet (#14: members
# vote on tablets), where wide tables scroll inside their box.
DESKTOP, LAPTOP, TABLET = {"width": 1366, "height": 900}, {"width": 1280, "height": 800}, {"width": 768, "height": 1024}
ROLES = {
    "office": ("noivu", DESKTOP),
    "unit_clerk": ("vanthu.kimbai", LAPTOP),
    "unit_head": ("thutruong.kimbai", TABLET),
    "council_member": ("hoidong", TABLET),
    "council_chair": ("chutich", TABLET),
    "admin": ("quantri", DESKTOP),
}
# Pages every role must have reached, so that a broken walk (a renamed link, a failed sign-in) cannot pass
# by checking nothing. Object pages are reached through links only.
MUST_REACH = {
    "office": {
        "dashboard",
        "dossiers:detail",
        "dossiers:round_edit",
        "awards:meeting",
        "awards:decision",
        "campaigns:campaign_detail",
        "campaigns:request_detail",
        "clusters:group_detail",
        "units:unit_detail",
    },
    "unit_clerk": {"dashboard", "dossiers:detail", "campaigns:campaign_detail", "units:unit_detail"},
    "unit_head": {"dashboard", "dossiers:detail", "units:unit_detail"},
    "council_member": {"dashboard", "awards:council", "awards:meeting", "awards:ballot"},
    "council_chair": {"dashboard", "awards:council", "awards:meeting", "awards:ballot"},
    "admin": {"dashboard", "accounts:user_list", "accounts:user_detail", "units:unit_detail"},
}

# URL names never opened: signing out or in, the API, files, and pages only reached from an e-mail.
SKIP_NAMES = {"logout", "login", "login_two_factor", "password_reset_confirm", "certificate_verify"}
SKIP_PREFIXES = ("admin:", "api:")
FILE_SUFFIXES = (".pdf", ".xlsx", ".docx", ".ics", ".zip")
FILE_WORDS = ("download", "template", "_pdf", "_docx", "letter", "minutes", "exports:payout")
YEAR_PARAMS = {"year"}
# Object pages opened at most once per URL name; the walk stops after this many pages per role.
MAX_PAGES = 150

WAIT_FOR_HTMX = "() => !document.querySelector('.htmx-request')"
RUN_AXE = """async () => {
  // color-contrast says which colours met: "(#0d6efd on #f8f9fa, 4.27)"
  const colours = n => {
    const d = (n.any[0] || {}).data;
    return d && d.fgColor ? ` (${d.fgColor} on ${d.bgColor}, ${d.contrastRatio})` : "";
  };
  const result = await axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
                                          resultTypes: ["violations"]});
  return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                     targets: v.nodes.slice(0, 3).map(n => n.target.join(" ") + colours(n)),
                                     count: v.nodes.length}));
}"""
LINKS = """() => Array.from(document.querySelectorAll("a[href]"), a => a.href)"""


def _walk(patterns, namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            ns = f"{namespace}:{pattern.namespace}".strip(":") if pattern.namespace else namespace
            yield from _walk(pattern.url_patterns, ns)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield (f"{namespace}:{pattern.name}" if namespace else pattern.name), pattern


def _skipped(name: str, path: str = "") -> bool:
    return (
        name in SKIP_NAMES
        or name.startswith(SKIP_PREFIXES)
        or path.endswith(FILE_SUFFIXES)
        or any(word in name for word in FILE_WORDS)
    )


def plain_pages() -> dict[str, str]:
    """url name → address of every page without an object in its address (a year page: this year)."""
    pages = {}
    for name, pattern in _walk(get_resolver().url_patterns):
        params = set(pattern.pattern.regex.groupindex)
        if name in pages or not params <= YEAR_PARAMS or _skipped(name):
            continue
        url = reverse(name, kwargs={p: timezone.localdate().year for p in params})
        if not _skipped(name, url):
            pages[name] = url
    return pages


def _url_name(path: str) -> str | None:
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match.view_name


def _axe(page) -> list[dict]:
    if not page.evaluate("() => typeof axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    return [v for v in page.evaluate(RUN_AXE) if v["impact"] in BLOCKING]


def check_role(context, base: str, role: str) -> tuple[set[str], dict[str, list[dict]]]:
    """Open what the role can open; (the URL names checked, page → its serious/critical violations)."""
    page = context.new_page()
    page.goto(f"{base}{reverse('login')}")
    found = {"login": _axe(page)}
    page.get_by_label("Tên đăng nhập").fill(ROLES[role][0])
    page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_load_state()
    assert urlsplit(page.url).path == reverse("dashboard"), f"{role} did not sign in: {page.url}"

    queue = list(plain_pages().items())
    seen_names, seen_paths, checked = set(), set(), {"login"}
    while queue and len(checked) < MAX_PAGES:
        name, path = queue.pop(0)
        if path in seen_paths or name in seen_names:
            continue
        seen_paths.add(path)
        # Asked first without the browser: an action's address (405), a refusal, a file or a redirect
        # never reaches the page (a 405 with no body would leave Chromium on its error page).
        answer = context.request.get(f"{base}{path}", max_redirects=0)
        if answer.status in (301, 302, 303):
            target = urlsplit(answer.headers["location"])
            target_name = _url_name(target.path)
            if target_name and target.path not in seen_paths and not _skipped(target_name, target.path):
                queue.insert(0, (target_name, target.path + (f"?{target.query}" if target.query else "")))
            continue
        if answer.status != 200 or "text/html" not in answer.headers.get("content-type", ""):
            continue  # refused (403, 404), an action's address (405), a file
        page.goto(f"{base}{path}")
        page.wait_for_function(WAIT_FOR_HTMX)
        found[f"{name} {path}"] = _axe(page)
        checked.add(name)
        seen_names.add(name)
        for href in page.evaluate(LINKS):
            link = urlsplit(href)
            if f"{link.scheme}://{link.netloc}" != base or link.path in seen_paths:
                continue
            link_name = _url_name(link.path)
            if link_name and link_name not in seen_names and not _skipped(link_name, link.path):
                query = f"?{link.query}" if link.query and "co_quan=" in link.query else ""
                queue.append((link_name, link.path + query))
    page.close()
    return checked, {where: violations for where, violations in found.items() if violations}


@pytest.fixture
def data_set(demo_data):
    """The demo district, plus what it lacks: a council meeting open for voting (with its ballot) and a
    draft decision of the demo's round."""
    dossier = Dossier.objects.get(receipt_number="2026-00099")
    demo_ballot_open()
    Decision.objects.create(
        kind=Decision.Kind.DECISION,
        round=dossier.round,
        award=AwardType.objects.get(code="ldtt"),
        title="Về việc tặng danh hiệu Lao động tiên tiến năm 2026",
        created_by=User.objects.get(username="noivu"),
    )


def _report(failures: dict[str, list[dict]]) -> str:
    lines = []
    for where, violations in sorted(failures.items()):
        for v in violations:
            lines.append(f"{where}: {v['id']} ({v['impact']}, {v['count']}×) {v['help']} — {'; '.join(v['targets'])}")
    return "\n".join(lines)


@pytest.mark.parametrize("role", list(ROLES))
def test_no_serious_axe_violation_on_any_page_of_the_role(browser, live_server, data_set, role):
    # bypass_csp: axe is injected as an inline script, which the portal's Content-Security-Policy refuses.
    context = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh", viewport=ROLES[role][1], bypass_csp=True)
    try:
        checked, failures = check_role(context, live_server.url, role)
    finally:
        context.close()
    missing = sorted(MUST_REACH[role] - checked)
    assert not missing, f"{role} never reached {missing}: the walk is broken (checked: {sorted(checked)})"
    if failures:
        pytest.fail(f"{role}: serious or critical axe-core violations\n{_report(failures)}", pytrace=False)

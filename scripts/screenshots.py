#!/usr/bin/env python
"""The screenshots of README and of the guides in docs/huong-dan/, made from the demo. One command:

    .venv/bin/python scripts/screenshots.py              # writes docs/screenshots/*.png, about two minutes

It loads the district demo (`seed_demo --district`, dated from today) into a throwaway SQLite database
(VAR_DIR in a temporary folder, removed at the end), records the worker's and beat's heartbeats as
scripts/demo.sh's would, opens a council meeting for voting (so the member's ballot has something to show),
runs the development server on a free port, signs in as each role with Playwright (Chromium at
/usr/bin/chromium; CHROMIUM_PATH to change it) and saves each page 1280 px wide (README's dashboards as
a 1280 × 900 screen shows them, the guides' pages whole up to 1600 px tall),
reduced to a 256-colour palette (tens of KB each). Options: --out DIR (default docs/screenshots),
--only NAME [NAME …] (some of the pictures), --keep (keep the temporary folder and print it).
"""

import argparse
import io
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "TdktDemo@2026"
WIDTH, MAX_HEIGHT = 1280, 1600

# Run inside the throwaway database once the demo is loaded: a meeting open for voting, the background
# services' heartbeats, and the addresses the pictures need (printed as JSON).
SETUP = """
import json
from django.utils import timezone
from awards.demo import demo_ballot_open
from campaigns.models import SubmissionRequest
from core.heartbeat import BEAT, WORKER, heartbeat_record
from dossiers.models import Dossier
for name in (WORKER, BEAT):
    heartbeat_record(name=name)
at_council = Dossier.objects.get(receipt_number__endswith="-00099")
meeting = demo_ballot_open()
draft = Dossier.objects.get(unit__code="tt-kim-bai", round=at_council.round)
overdue = Dossier.objects.get(unit__code="xa-bich-hoa", round=at_council.round)
waiting = Dossier.objects.get(unit__code="xa-binh-minh", round=at_council.round)
owed = SubmissionRequest.objects.filter(closed_at=None).order_by("-issued_on").first()
print(json.dumps({
    "meeting": meeting.pk, "council_year": at_council.round.year, "draft": draft.pk, "overdue": overdue.pk, "waiting": waiting.pk,
    "request": owed.pk if owed else None, "year": timezone.localdate().year,
}))
"""


def shots(ids: dict) -> list[tuple[str, str, str, bool]]:
    """(file name, username, address, the whole page): README's three dashboards first, as the screen shows them."""
    year = ids["year"]
    request = f"/yeu-cau-nop/{ids['request']}/" if ids["request"] else "/yeu-cau-nop/"
    return [
        ("dashboard-office", "noivu", "/", False),
        ("dashboard-clerk", "vanthu.kimbai", "/", False),
        ("dashboard-council", "hoidong", "/", False),
        # The office (Phòng Nội vụ)
        ("office-plan", "noivu", f"/ke-hoach/{year}/", True),
        ("office-calendar", "noivu", "/lich-han/", True),
        ("office-rounds", "noivu", "/ho-so/dot-xet/", True),
        ("office-round-add", "noivu", "/ho-so/dot-xet/them/", True),
        ("office-dossiers", "noivu", "/ho-so/", True),
        ("office-dossier-receive", "noivu", f"/ho-so/{ids['waiting']}/", True),
        ("office-dossier-appraisal", "noivu", f"/ho-so/{ids['overdue']}/", True),
        ("office-request-add", "noivu", "/yeu-cau-nop/them/", True),
        ("office-meeting", "noivu", f"/hoi-dong/phien-hop/{ids['meeting']}/", True),
        ("office-decisions", "noivu", "/hoi-dong/quyet-dinh/", True),
        # The unit's clerk
        ("clerk-dossier", "vanthu.kimbai", f"/ho-so/{ids['draft']}/", True),
        ("clerk-dossier-add", "vanthu.kimbai", "/ho-so/tao-moi/", True),
        ("clerk-request", "vanthu.kimbai", request, True),
        # The council member
        ("council-ballot", "hoidong", f"/hoi-dong/phien-hop/{ids['meeting']}/bo-phieu/", True),
        ("council-page", "hoidong", f"/hoi-dong/nam/{ids['council_year']}/", True),
        # The administrator
        ("admin-dashboard", "quantri", "/", True),
        ("admin-users", "quantri", "/tai-khoan/nguoi-dung/", True),
        ("admin-user-add", "quantri", "/tai-khoan/nguoi-dung/them/", True),
        ("admin-units", "quantri", "/don-vi/", True),
    ]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def manage(env: dict, *args: str) -> str:
    done = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True)
    if done.returncode:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def wait_for(url: str, server: subprocess.Popen, seconds: int = 60) -> None:
    for _ in range(seconds * 4):
        if server.poll() is not None:
            sys.exit("The development server stopped before answering.")
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except OSError:
            time.sleep(0.25)
    sys.exit(f"No answer from {url}.")


def save(png: bytes, path: Path) -> int:
    """Crop to MAX_HEIGHT, reduce to a 256-colour palette, write; returns the size in bytes."""
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGB")
    if image.height > MAX_HEIGHT:
        image = image.crop((0, 0, image.width, MAX_HEIGHT))
    image.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(path, optimize=True)
    return path.stat().st_size


def photograph(base: str, wanted: list, out: Path) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"),
            args=["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
        )
        signed_in, page = None, None
        for name, username, address, whole in wanted:
            if username != signed_in:
                if page is not None:
                    page.context.close()
                context = browser.new_context(
                    locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh", viewport={"width": WIDTH, "height": 900}
                )
                page = context.new_page()
                page.goto(f"{base}/tai-khoan/dang-nhap/")
                page.get_by_label("Tên đăng nhập").fill(username)
                page.get_by_label("Mật khẩu").fill(PASSWORD)
                page.get_by_role("button", name="Đăng nhập").click()
                page.wait_for_load_state("networkidle")
                signed_in = username
            response = page.goto(f"{base}{address}")
            page.wait_for_load_state("networkidle")
            if response is None or response.status != 200:
                sys.exit(f"{name}: {address} answered {response.status if response else 'nothing'} for {username}.")
            size = save(page.screenshot(full_page=whole), out / f"{name}.png")
            print(f"  {name}.png  {username:14} {address}  {size // 1024} KB")
        browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--only", nargs="*", default=None)
    parser.add_argument("--keep", action="store_true")
    options = parser.parse_args()
    options.out.mkdir(parents=True, exist_ok=True)
    var = Path(tempfile.mkdtemp(prefix="tdkt-screenshots-"))
    env = {**os.environ, "VAR_DIR": str(var), "DEBUG": "1", "PYTHONUNBUFFERED": "1"}
    env.pop("DATABASE_URL", None)
    server = None
    try:
        started = time.monotonic()
        print(f"Loading the demo into {var} …")
        manage(env, "migrate", "--no-input", "-v0")
        manage(env, "seed_demo", "--district")
        ids = json.loads(manage(env, "shell", "-c", SETUP).strip().splitlines()[-1])
        port = free_port()
        server = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        base = f"http://127.0.0.1:{port}"
        wait_for(f"{base}/tai-khoan/dang-nhap/", server)
        wanted = [s for s in shots(ids) if options.only is None or s[0] in options.only]
        print(f"Taking {len(wanted)} screenshots into {options.out} …")
        photograph(base, wanted, options.out)
        print(f"Done in {time.monotonic() - started:.0f} s.")
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=10)
        if options.keep:
            print(f"Kept {var}")
        else:
            shutil.rmtree(var, ignore_errors=True)


if __name__ == "__main__":
    main()

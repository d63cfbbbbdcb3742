"""The production stage (scripts/prod_stage.sh runs it with the project's Python): docker-compose.yml's stack
outside Docker, the main journey through the TLS proxy in Chromium, and the backup/restore drill.

What is taken as it is, never copied by hand:
  - each service's command from docker-compose.yml (parsed here), the build's collectstatic from the Dockerfile;
  - the environment: the Dockerfile's ENV, .env.example (as the stack's .env), the compose `environment:` values.
What a container run would change, and nothing else:
  - host names db, redis and web become 127.0.0.1 with free ports (the published ports 80/443 too);
  - the image's folders (/var/lib/tdkt, /tmp/build.sqlite3) and the proxy's mounts point into a temp folder;
  - a throwaway PostgreSQL and Redis, and a self-signed certificate for localhost and the site's host name.
Chromium resolves the site's host name (ALLOWED_HOSTS of .env.example) to 127.0.0.1, so even the host names stay.
"""

import base64
import hashlib
import json
import os
import re
import shlex
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import yaml

ROOT = Path(__file__).resolve().parents[2]
PY = sys.executable
VENV_BIN = str(Path(PY).parent)
PG_BIN = Path(os.environ.get("PG_BIN_DIR") or sorted(Path("/usr/lib/postgresql").glob("*/bin"))[-1])
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
IMAGE_DATA = "/var/lib/tdkt"  # the image's VAR_DIR; its media volume is mounted below it
DEMO_PASSWORD = "TdktDemo@2026"  # README's demo accounts (accounts.demo.DEMO_PASSWORD)

START = time.monotonic()
PROCESSES: dict[str, subprocess.Popen] = {}  # the services: each must keep running
BACKGROUND: dict[str, subprocess.Popen] = {}  # one-shot steps that run beside the others
WORK = Path(tempfile.mkdtemp(prefix="tdkt-prod."))
WORK.chmod(0o755)  # nginx's workers (nobody) read their temp folders below it
LOGS = WORK / "logs"
LOGS.mkdir()


class StageFailure(Exception):
    pass


def section(title: str) -> None:
    print(f"\n\033[1m==> {title}\033[0m  ({time.monotonic() - START:.0f}s)", flush=True)


def check(condition: bool, message: str) -> None:
    if not condition:
        raise StageFailure(message)
    print(f"  ok  {message}", flush=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --- docker-compose.yml and .env.example --------------------------------------------------------------------


def read_env_file(path: Path) -> dict[str, str]:
    values = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#") and "=" in line:
            key, value = line.split("=", 1)
            values[key.strip()] = value
    return values


def interpolate(value: str, env: dict[str, str]) -> str:
    """Compose's interpolation: ${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:?error}, $$ → $."""

    def one(match: re.Match) -> str:
        if match.group(0) == "$$":
            return "$"
        name, op, arg = match.group(1), match.group(2), match.group(3)
        current = env.get(name)
        if op == ":-":
            return current if current else arg
        if op == "-":
            return current if current is not None else arg
        if op in (":?", "?"):
            if not current:
                raise StageFailure(f"compose: {arg or name + ' is not set'}")
            return current
        return current or ""

    return re.sub(r"\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:-|-|:\?|\?)([^}]*))?\}", one, value)


def command_of(service: dict) -> list[str]:
    command = service["command"]
    return shlex.split(command) if isinstance(command, str) else list(command)


class Ports:
    def __init__(self):
        self.postgres, self.redis, self.web = free_port(), free_port(), free_port()
        self.http, self.https = free_port(), free_port()

    @property
    def hosts(self) -> dict[str, str]:
        """Compose's service names and container ports, as they are reached here."""
        return {
            "db:5432": f"127.0.0.1:{self.postgres}",
            "redis:6379": f"127.0.0.1:{self.redis}",
            "web:8000": f"127.0.0.1:{self.web}",
        }


def relocate_url(value: str, ports: Ports) -> str:
    parts = urlsplit(value)
    if parts.scheme and parts.hostname in {"db", "redis", "web"}:
        host_port = f"{parts.hostname}:{parts.port}"
        userinfo = parts.netloc.rsplit("@", 1)[0] + "@" if "@" in parts.netloc else ""
        return urlunsplit(parts._replace(netloc=userinfo + ports.hosts[host_port]))
    return value


def dockerfile_env() -> dict[str, str]:
    """The Dockerfile's ENV lines (KEY=VALUE pairs), the image's own environment."""
    env = {}
    for line in (ROOT / "Dockerfile").read_text(encoding="utf-8").splitlines():
        if line.startswith("ENV "):
            for pair in shlex.split(line[4:]):
                key, value = pair.split("=", 1)
                env[key] = value
    return env


def dockerfile_collectstatic() -> tuple[dict[str, str], list[str]]:
    """The build's collectstatic step: the VAR=value assignments and the command before its first &&."""
    text = (ROOT / "Dockerfile").read_text(encoding="utf-8").replace("\\\n", " ")
    line = next(line for line in text.splitlines() if line.startswith("RUN ") and "collectstatic" in line)
    words = shlex.split(line[4:].split("&&")[0])
    env = {}
    while words and re.match(r"^[A-Z_][A-Z0-9_]*=", words[0]):
        key, value = words.pop(0).split("=", 1)
        env[key] = value
    return env, words


def image_path(value: str) -> str:
    """The image's folders, moved into the temp folder."""
    return value.replace(IMAGE_DATA, str(WORK / "var-lib-tdkt")).replace("/tmp/build.sqlite3", str(WORK / "build.sqlite3"))


def base_env() -> dict[str, str]:
    """A container's environment starts empty but for the image's ENV: only PATH (the venv first), HOME and LANG
    are taken from here."""
    env = {
        "PATH": f"{VENV_BIN}:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
        "HOME": str(WORK / "home"),
        "LANG": "C.UTF-8",
    }
    (WORK / "home").mkdir(exist_ok=True)
    env.update({key: image_path(value) for key, value in dockerfile_env().items()})
    return env


def app_env(compose: dict, service: str, dotenv: dict[str, str], ports: Ports) -> dict[str, str]:
    """The environment of an app service: the image's, then env_file (.env = .env.example), then `environment:`."""
    spec = compose["services"][service]
    env = base_env()
    if spec.get("env_file"):
        env.update(dotenv)
    for key, value in (spec.get("environment") or {}).items():
        env[key] = relocate_url(interpolate(str(value), dotenv), ports)
    return env


# --- processes ---------------------------------------------------------------------------------------------


def start(name: str, argv: list[str], env: dict[str, str] | None = None, track: bool = True) -> subprocess.Popen:
    """A long-running process, its output in its log. Tracked ones must keep running: one that exits fails the stage."""
    log = open(LOGS / f"{name}.log", "ab")
    print(f"  $ {shlex.join(argv)}", flush=True)
    process = subprocess.Popen(argv, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    (PROCESSES if track else BACKGROUND)[name] = process
    return process


def run(name: str, argv: list[str], env: dict[str, str] | None = None, timeout: float = 600) -> str:
    """A one-shot step: its output goes to its log; a non-zero exit fails the stage."""
    print(f"  $ {shlex.join(argv)}", flush=True)
    result = subprocess.run(argv, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout)
    (LOGS / f"{name}.log").write_text(result.stdout + result.stderr, encoding="utf-8")
    if result.returncode != 0:
        raise StageFailure(f"{name} exited with {result.returncode}:\n{tail(result.stdout + result.stderr)}")
    return result.stdout


def tail(text: str, lines: int = 40) -> str:
    return "\n".join(text.splitlines()[-lines:])


def wait_for(what: str, probe, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for name, process in PROCESSES.items():
            if process.poll() is not None:
                raise StageFailure(f"{name} exited with {process.returncode} while waiting for {what}")
        try:
            if probe():
                return
        except Exception:  # not up yet
            pass
        time.sleep(0.3)
    raise StageFailure(f"{what} not ready after {timeout:.0f}s")


def as_postgres(argv: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *argv] if os.geteuid() == 0 else argv


def stop_all() -> None:
    everything = [*BACKGROUND.values(), *PROCESSES.values()]
    for process in reversed(everything):
        if process.poll() is None:
            try:
                os.killpg(process.pid, signal.SIGTERM)
            except ProcessLookupError:
                continue
    for process in reversed(everything):
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    pg_data = WORK / "pg" / "data"
    if (pg_data / "postmaster.pid").exists():
        subprocess.run(
            as_postgres([str(PG_BIN / "pg_ctl"), "-D", str(pg_data), "-m", "fast", "-w", "-t", "30", "stop"]),
            capture_output=True,
        )


# --- the stack ---------------------------------------------------------------------------------------------


def start_postgres(ports: Ports, dotenv: dict[str, str]) -> None:
    pg = WORK / "pg"
    pg.mkdir()
    if os.geteuid() == 0:
        shutil.chown(pg, "postgres", "postgres")
    log = LOGS / "postgres.log"
    log.touch()
    log.chmod(0o666)
    run("initdb", as_postgres([str(PG_BIN / "initdb"), "-D", str(pg / "data"), "-U", "postgres", "--auth=trust",
                               "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync"]))  # fmt: skip
    options = f"-p {ports.postgres} -k {pg} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off"
    run("pg_ctl", as_postgres([str(PG_BIN / "pg_ctl"), "-D", str(pg / "data"), "-l", str(log), "-w", "-t", "60",
                               "-o", options, "start"]))  # fmt: skip
    # As the postgres image does on first start: POSTGRES_USER owns POSTGRES_DB.
    user, password = dotenv.get("POSTGRES_USER") or "tdkt", dotenv["POSTGRES_PASSWORD"]
    database = dotenv.get("POSTGRES_DB") or "tdkt"
    psql = [str(PG_BIN / "psql"), "-h", "127.0.0.1", "-p", str(ports.postgres), "-U", "postgres", "-v", "ON_ERROR_STOP=1"]
    run("createuser", [*psql, "-c", f"CREATE ROLE {user} LOGIN PASSWORD '{password}'"])
    run("createdb", [*psql, "-c", f"CREATE DATABASE {database} OWNER {user}"])
    print(f"  PostgreSQL on 127.0.0.1:{ports.postgres}, database {database} owned by {user}")


def start_redis(compose: dict, ports: Ports) -> None:
    argv = command_of(compose["services"]["redis"])
    (WORK / "redis").mkdir()
    start("redis", [*argv, "--bind", "127.0.0.1", "--port", str(ports.redis), "--dir", str(WORK / "redis")])
    wait_for("Redis", lambda: socket.create_connection(("127.0.0.1", ports.redis), timeout=1).close() is None)


def web_command(compose: dict, ports: Ports) -> list[str]:
    argv = command_of(compose["services"]["web"])
    return [word.replace("0.0.0.0:8000", f"127.0.0.1:{ports.web}") for word in argv]


def make_certificate(host: str) -> Path:
    certs = WORK / "certs"
    certs.mkdir()
    run("openssl", ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                    "-subj", "/CN=localhost", "-addext", f"subjectAltName=DNS:localhost,DNS:{host}",
                    "-keyout", str(certs / "tls.key"), "-out", str(certs / "tls.crt")])  # fmt: skip
    return certs


def nginx_config(compose: dict, dotenv: dict[str, str], ports: Ports, certs: Path) -> Path:
    """The proxy's mounted config with the container's addresses mapped as Docker would map them."""
    proxy = compose["services"]["proxy"]
    mounts = {}
    for volume in proxy["volumes"]:
        source, target = interpolate(volume, dotenv).split(":")[:2]
        mounts[target] = source
    site_conf = ROOT / mounts["/etc/nginx/conf.d/default.conf"]
    conf = site_conf.read_text(encoding="utf-8")
    conf = conf.replace("server web:8000;", f"server {ports.hosts['web:8000']};")
    conf = re.sub(r"^\s*listen \[::\]:\d+.*$", "", conf, flags=re.M)  # no IPv6 needed on the loopback
    conf = re.sub(r"listen 80;", f"listen 127.0.0.1:{ports.http};", conf)
    conf = re.sub(r"listen 443 ssl", f"listen 127.0.0.1:{ports.https} ssl", conf)
    conf = conf.replace("https://$host$request_uri", f"https://$host:{ports.https}$request_uri")  # 443 → published port
    conf = conf.replace("/etc/nginx/certs/", f"{certs}/")
    nginx = WORK / "nginx"
    for folder in ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"]:
        (nginx / folder).mkdir(parents=True)
        (nginx / folder).chmod(0o777)
    (nginx / "site.conf").write_text(conf, encoding="utf-8")
    # The nginx image's own nginx.conf: the http block that includes conf.d/*.conf.
    main = f"""
worker_processes 1;
pid {nginx}/nginx.pid;
error_log {LOGS}/nginx-error.log warn;
events {{ worker_connections 256; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log {LOGS}/nginx-access.log;
    sendfile on;
    keepalive_timeout 65;
    client_body_temp_path {nginx}/client_body;
    proxy_temp_path {nginx}/proxy;
    fastcgi_temp_path {nginx}/fastcgi;
    uwsgi_temp_path {nginx}/uwsgi;
    scgi_temp_path {nginx}/scgi;
    include {nginx}/site.conf;
}}
"""
    (nginx / "nginx.conf").write_text(main, encoding="utf-8")
    return nginx / "nginx.conf"


def http_get(url: str, host: str, timeout: float = 10) -> tuple[int, dict, bytes]:
    """One request without following redirects, with the site's Host header, the certificate not verified."""
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect, urllib.request.HTTPSHandler(context=context))
    request = urllib.request.Request(url, headers={"Host": host})
    try:
        with opener.open(request, timeout=timeout) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


# --- the journey -------------------------------------------------------------------------------------------

CSP_REPORTER = """
document.addEventListener("securitypolicyviolation", function (e) {
  console.error("CSP violation: " + e.violatedDirective + " blocked " + (e.blockedURI || "inline")
    + " at " + e.sourceFile + ":" + e.lineNumber);
});
"""

PDF_UPLOAD = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def journey(site: str, host: str, http_port: int, https_port: int, decision: dict) -> None:
    from playwright.sync_api import expect, sync_playwright

    violations: list[str] = []
    failed_requests: list[str] = []

    def on_console(message):
        if "Content Security Policy" in message.text or message.text.startswith("CSP violation"):
            violations.append(message.text)

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-sync",
                  "--disable-background-networking", "--disable-component-update",
                  f"--host-resolver-rules=MAP {host} 127.0.0.1"],
        )  # fmt: skip
        context = browser.new_context(ignore_https_errors=True, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
        context.add_init_script(CSP_REPORTER)
        page = context.new_page()
        page.on("console", on_console)
        page.on("response", lambda r: failed_requests.append(f"{r.status} {r.url}") if r.status >= 500 else None)
        page.set_default_timeout(30_000)

        def login(username: str) -> None:
            context.clear_cookies()
            page.goto(f"{site}/tai-khoan/dang-nhap/")
            page.get_by_label("Tên đăng nhập").fill(username)
            page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
            page.get_by_role("button", name="Đăng nhập").click()
            page.wait_for_load_state()
            check("/dang-nhap/" not in page.url, f"{username} signed in ({page.url})")

        def act(button: str) -> None:
            form = page.locator("#actions form").filter(has=page.get_by_role("button", name=button))
            if form.get_attribute("data-confirm"):  # "Gửi hồ sơ" asks first (#14)
                page.once("dialog", lambda dialog: dialog.accept())
            form.get_by_role("button", name=button).click()

        def upload(component: str, name: str, nominee: str | None = None) -> None:
            page.get_by_label("Thành phần").select_option(label=component)
            if nominee:
                page.get_by_label("Của người, tập thể").select_option(label=nominee)
            page.get_by_label("Tệp").set_input_files({"name": name, "mimeType": "application/pdf", "buffer": PDF_UPLOAD})
            page.get_by_role("button", name="Tải lên").click()
            expect(page.get_by_text(f"Đã tải lên {name}.")).to_be_visible()

        # Plain HTTP is redirected to HTTPS by the proxy.
        page.goto(f"http://{host}:{http_port}/tai-khoan/dang-nhap/")
        check(page.url == f"{site}/tai-khoan/dang-nhap/", f"http:// lands on {page.url}")

        # The unit clerk drafts a dossier, adds a nominee and the documents, and submits it.
        login("vanthu.kimbai")
        cookies = {cookie["name"]: cookie for cookie in context.cookies()}
        check(cookies["sessionid"]["secure"] and cookies["sessionid"]["httpOnly"], "the session cookie is Secure and HttpOnly")
        check(cookies["csrftoken"]["secure"], "the CSRF cookie is Secure")
        check(
            page.evaluate("getComputedStyle(document.querySelector('nav.navbar')).display") == "flex",
            "Bootstrap's CSS is applied (the navbar is a flex box)",
        )
        check(
            page.evaluate("typeof htmx === 'object' && htmx.config.includeIndicatorStyles === false"),
            "htmx is loaded, configured by its meta tag (no injected styles)",
        )
        check(page.evaluate("typeof bootstrap === 'object'"), "Bootstrap's JS is loaded")

        page.goto(f"{site}/ho-so/tao-moi/")
        round_select = page.get_by_label("Đợt xét khen thưởng")
        label = next(text.strip() for text in round_select.locator("option").all_inner_texts() if "Khen thưởng đột xuất" in text)
        round_select.select_option(label=label)
        title = f"Đề nghị khen thưởng đột xuất (kiểm tra triển khai {time.strftime('%H%M%S')})"
        page.get_by_label("Trích yếu").fill(title)
        page.get_by_role("button", name="Tạo hồ sơ nháp").click()
        expect(page.get_by_role("heading", level=1)).to_have_text(title)
        dossier_url = page.url.split("?")[0]
        page.get_by_role("link", name="+ Cá nhân").click()
        page.get_by_label("Đề nghị tặng").select_option(label="Giấy khen của Chủ tịch UBND huyện (cá nhân)")
        page.get_by_label("Họ và tên").fill("Lò Văn Dũng")
        page.get_by_label("Ngày sinh").fill("14/08/1990")
        page.get_by_label("Số tháng công tác trong năm").fill("12")
        page.get_by_label("Xếp loại nhiệm vụ").select_option(label="Hoàn thành xuất sắc nhiệm vụ")
        page.get_by_label("Tóm tắt thành tích").fill("Dũng cảm cứu người bị nạn trong lũ.")
        page.get_by_role("button", name="Lưu", exact=True).click()
        expect(page.get_by_text("Đã lưu Lò Văn Dũng.")).to_be_visible()
        upload("Tờ trình đề nghị khen thưởng", "to-trinh.pdf")
        upload("Báo cáo tóm tắt thành tích", "bao-cao-tom-tat.pdf", nominee="Lò Văn Dũng")
        act("Gửi hồ sơ")
        expect(page.locator("#dossier-status")).to_have_text("Đã gửi, chờ tiếp nhận")
        check(True, f"the clerk submitted {dossier_url}")

        # The office receives it, looks at the dashboard (charts), the statistics and the decision's PDF.
        login("noivu")
        page.goto(dossier_url)
        act("Tiếp nhận")
        expect(page.locator("#dossier-status")).to_have_text("Đã tiếp nhận, đang thẩm định")
        check(True, "the office received the dossier")
        page.goto(f"{site}/")
        page.wait_for_load_state("networkidle")
        check(page.evaluate("typeof Chart === 'function'") or page.locator("canvas").count() == 0, "the dashboard's charts load")
        page.goto(f"{site}/thong-ke/")
        page.wait_for_load_state("networkidle")
        check(page.evaluate("typeof Chart === 'function'"), "the statistics page loads Chart.js")
        page.goto(f"{site}/tai-khoan/cua-toi/xac-thuc-hai-buoc/")
        expect(page.locator("svg.qr")).to_be_visible()
        check(True, "the two-step sign-in page shows its QR code")
        # Fetched by the page itself (the browser's network stack, its session, through the proxy).
        status, encoded = page.evaluate(
            """async (url) => {
                const response = await fetch(url);
                const bytes = new Uint8Array(await response.arrayBuffer());
                let text = "";
                for (let i = 0; i < bytes.length; i += 8192) text += String.fromCharCode(...bytes.subarray(i, i + 8192));
                return [response.status, btoa(text)];
            }""",
            f"{site}/hoi-dong/quyet-dinh/{decision['id']}/van-ban.pdf",
        )
        body = base64.b64decode(encoded)
        check(status == 200 and body.startswith(b"%PDF"), f"the decision's PDF downloads ({len(body)} bytes)")
        check(hashlib.sha256(body).hexdigest() == decision["sha256"], "the downloaded PDF is the stored one (SHA-256)")
        browser.close()
    check(failed_requests == [], "no response was a server error")
    check(violations == [], "no Content-Security-Policy violation")


# --- the stage ---------------------------------------------------------------------------------------------


def default_services(compose: dict) -> dict:
    """The stack as `docker compose up` starts it: services under a profile (the optional MinIO of `--profile s3`)
    are left out, as compose leaves them out."""
    skipped = sorted(name for name, spec in compose["services"].items() if spec.get("profiles"))
    if skipped:
        print(f"Not started (compose profiles): {', '.join(skipped)}", flush=True)
    return {**compose, "services": {n: s for n, s in compose["services"].items() if not s.get("profiles")}}


def main() -> None:
    compose = default_services(yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8")))
    dotenv = read_env_file(ROOT / ".env.example")
    ports = Ports()
    host = dotenv["ALLOWED_HOSTS"].split(",")[0].strip()
    services = compose["services"]

    section("collectstatic (the Dockerfile's build step: DEBUG unset → 0, manifest storage), in the background")
    build_env_extra, build_command = dockerfile_collectstatic()
    build_env = base_env()
    build_env.update({key: image_path(value) for key, value in build_env_extra.items()})
    # The image is built before anything runs; here the build overlaps the database steps, which do not read it.
    build = start("collectstatic", build_command, env=build_env, track=False)

    section("PostgreSQL and Redis (the db and redis services)")
    start_postgres(ports, dotenv)
    start_redis(compose, ports)

    section("migrate (one-shot service)")
    env = {name: app_env(compose, name, dotenv, ports) for name in ["migrate", "web", "worker", "beat"]}
    run("migrate", command_of(services["migrate"]), env=env["migrate"])

    section("Demo data (seed_demo) and one issued decision with its stored PDF")
    run("seed_demo", ["python", "manage.py", "seed_demo", "--district"], env=env["web"])
    issue = (ROOT / "scripts" / "prod_stage" / "issue_decision.py").read_text(encoding="utf-8")
    out = run("issue_decision", ["python", "manage.py", "shell", "-v", "0", "-c", issue], env=env["web"])
    decision = json.loads(out.strip().splitlines()[-1])
    print(f"  decision {decision['id']}: {decision['pdf']} sha256 {decision['sha256'][:16]}…")

    section("collectstatic finished?")
    check(build.wait(timeout=600) == 0, "collectstatic with the manifest storage succeeded")
    check((ROOT / "staticfiles" / "staticfiles.json").is_file(), "staticfiles.json written by the manifest storage")

    section("web (gunicorn), worker and beat with the compose commands")
    start("web", web_command(compose, ports), env=env["web"])
    wait_for("gunicorn", lambda: http_get(f"http://127.0.0.1:{ports.web}/healthz", host)[0] == 200)
    start("worker", command_of(services["worker"]), env=env["worker"])
    start("beat", command_of(services["beat"]), env=env["beat"])

    section("proxy (nginx terminating TLS, self-signed certificate)")
    certs = make_certificate(host)
    conf = nginx_config(compose, dotenv, ports, certs)
    run("nginx -t", ["nginx", "-t", "-c", str(conf), "-g", "daemon off;"])
    start("proxy", [*command_of(services["proxy"])[:1], "-c", str(conf), *command_of(services["proxy"])[1:]])
    site = f"https://{host}:{ports.https}"
    wait_for("nginx", lambda: http_get(f"https://127.0.0.1:{ports.https}/healthz", host)[0] == 200)

    section("HTTPS as deployed")
    status, headers, _body = http_get(f"http://127.0.0.1:{ports.http}/ho-so/?q=1", host)
    check(status == 301 and headers.get("Location") == f"{site}/ho-so/?q=1", f"http → https ({status} {headers.get('Location')})")
    status, headers, _body = http_get(f"https://127.0.0.1:{ports.https}/tai-khoan/dang-nhap/", host)
    check(status == 200, f"the sign-in page answers over https ({status})")
    hsts = headers.get("Strict-Transport-Security", "")
    check("max-age=31536000" in hsts, f"HSTS: {hsts}")
    csp = headers.get("Content-Security-Policy", "")
    check("script-src 'self'" in csp and "default-src 'self'" in csp, f"CSP: {csp}")
    css_url = re.search(rb'href="(/static/vendor/bootstrap/bootstrap\.min\.[0-9a-f]{12}\.css)"', _body)
    check(css_url is not None, "pages link the hashed (manifest) static file names")
    status, headers, _body = http_get(f"https://127.0.0.1:{ports.https}{css_url.group(1).decode()}", host)
    check(status == 200 and "max-age=315360000" in headers.get("Cache-Control", ""), "WhiteNoise serves it, cached for ever")
    status, _headers, _body = http_get(f"https://127.0.0.1:{ports.https}/tai-khoan/dang-nhap/", "evil.example")
    check(status == 400, "an unknown Host is refused (400)")

    section("The main journey in Chromium, through the proxy")
    journey(site, host, ports.http, ports.https, decision)

    section("Backup and restore drill")
    backup_dir = WORK / "backup"
    run("backup", ["python", "manage.py", "backup", str(backup_dir)], env=env["web"])
    backup_manifest = json.loads((backup_dir / "manifest.json").read_text(encoding="utf-8"))
    check(backup_manifest["engine"] == "postgresql", "pg_dump in custom format, with a manifest")
    check(backup_manifest["files"].get(decision["pdf"]) == decision["sha256"], "the manifest holds the decision PDF's SHA-256")
    psql = [str(PG_BIN / "psql"), "-h", "127.0.0.1", "-p", str(ports.postgres), "-U", "postgres", "-v", "ON_ERROR_STOP=1"]
    user = dotenv.get("POSTGRES_USER") or "tdkt"
    run("createdb restore", [*psql, "-c", f"CREATE DATABASE tdkt_restored OWNER {user}"])
    restored_env = dict(env["web"])
    restored_env["DATABASE_URL"] = restored_env["DATABASE_URL"].rsplit("/", 1)[0] + "/tdkt_restored"
    restored_env["MEDIA_ROOT"] = str(WORK / "restored-media")
    run("restore", ["python", "manage.py", "restore", str(backup_dir)], env=restored_env)
    # Counted again here, independently of the command's own check.
    probe = (
        "import hashlib, json\n"
        "from django.apps import apps\n"
        "from awards.models import Decision\n"
        f"d = Decision.objects.get(pk={decision['id']})\n"
        "counts = {m._meta.label: m._default_manager.count() for m in apps.get_models() "
        "if m._meta.managed and not m._meta.proxy}\n"
        "print(json.dumps({'counts': counts, 'sha256': hashlib.sha256(d.pdf.read()).hexdigest(), "
        "'recorded': d.pdf_sha256}))\n"
    )
    after = json.loads(run("restored counts", ["python", "manage.py", "shell", "-v", "0", "-c", probe], env=restored_env)
                       .strip().splitlines()[-1])  # fmt: skip
    expected = {label: n for label, n in backup_manifest["counts"].items() if label in after["counts"]}
    rows = f"{sum(expected.values())} rows, {len(expected)} models"
    check(after["counts"] == expected, f"row counts equal in the restored database ({rows})")
    check(after["sha256"] == after["recorded"] == decision["sha256"], "the restored decision PDF's SHA-256 equals the original's")

    section("Stopping the stack")


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    rc = 0
    try:
        main()
    except StageFailure as failure:
        print(f"\n\033[31mFAILED: {failure}\033[0m", file=sys.stderr)
        rc = 1
    except KeyboardInterrupt:
        rc = 130
    except BaseException as error:  # report, then stop everything
        if isinstance(error, SystemExit):
            rc = error.code if isinstance(error.code, int) else 1
        else:
            import traceback

            traceback.print_exc()
            rc = 1
    finally:
        if rc != 0:
            for log in sorted(LOGS.glob("*.log")):
                text = log.read_text(encoding="utf-8", errors="replace").strip()
                if text:
                    print(f"\n--- {log.name} (last lines) ---\n{tail(text, 25)}", file=sys.stderr)
        stop_all()
        shutil.rmtree(WORK, ignore_errors=True)
        print(f"Production stage steps took {time.monotonic() - START:.0f}s.", flush=True)
    sys.exit(rc)

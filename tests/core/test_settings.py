import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]


def _manage(*args, env):
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)


def test_check_deploy_is_clean_with_production_environment(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DEBUG", "SECURE_", "SESSION_", "CSRF_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="tdkt_portal.settings",
        DEBUG="0",
        SECRET_KEY="k" * 20 + "-production-secret-with-enough-entropy-0123456789abcdef",
        ALLOWED_HOSTS="tdkt.thanhoai.gov.vn",
        DATABASE_URL=f"sqlite:///{tmp_path / 'deploy.sqlite3'}",
        PYTHONPATH=str(ROOT),
    )
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_check_deploy_flags_the_development_secret(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DEBUG")}
    env.update(DEBUG="0", ALLOWED_HOSTS="tdkt.example.vn", DATABASE_URL=f"sqlite:///{tmp_path / 'x.sqlite3'}")
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode != 0
    assert "security.W009" in result.stdout + result.stderr


def test_vietnamese_locale_and_time_zone():
    assert (settings.LANGUAGE_CODE, settings.TIME_ZONE) == ("vi", "Asia/Ho_Chi_Minh")


def test_dates_render_as_dd_mm_yyyy():
    import datetime

    from django.template import Context, Template
    from django.utils import translation

    with translation.override("vi"):
        rendered = Template("{{ d|date:'SHORT_DATE_FORMAT' }} {{ n|floatformat:'0g' }}").render(
            Context({"d": datetime.date(2024, 1, 17), "n": 1234000})
        )
    assert rendered == "17/01/2024 1.234.000"


def test_health_check_answers_whatever_the_host(client):
    response = client.get("/healthz", HTTP_HOST="10.0.0.5:8000")
    assert (response.status_code, response.content) == (200, b"ok")

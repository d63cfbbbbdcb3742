"""docker-compose.yml, checked without Docker: the services, their commands, the one-shot migrate service that
the others wait for, the TLS proxy and its nginx configuration, and .env.example listing every variable.
(scripts/prod_stage.sh starts these same commands outside Docker in CI, and runs `docker compose config` where
Docker is installed.)"""

import re
import shutil
from pathlib import Path

import yaml
from django.conf import settings

ROOT = Path(settings.BASE_DIR)


def compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))


def env_example() -> dict[str, str]:
    lines = (ROOT / ".env.example").read_text(encoding="utf-8").splitlines()
    return dict(line.split("=", 1) for line in lines if line.strip() and not line.lstrip().startswith("#"))


def test_compose_has_the_production_services():
    services = compose()["services"]
    assert sorted(name for name, spec in services.items() if not spec.get("profiles")) == [
        "beat", "db", "migrate", "proxy", "redis", "web", "worker",
    ]  # fmt: skip
    # The optional object storage: only with `docker compose --profile s3 up`.
    assert {name: spec["profiles"] for name, spec in services.items() if spec.get("profiles")} == {
        "minio": ["s3"],
        "minio-bucket": ["s3"],
    }


def test_prod_stage_leaves_out_the_services_under_a_profile():
    import importlib.util

    spec = importlib.util.spec_from_file_location("prod_stage_run", ROOT / "scripts" / "prod_stage" / "run.py")
    run = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(run)
    try:
        assert sorted(run.default_services(compose())["services"]) == [
            "beat", "db", "migrate", "proxy", "redis", "web", "worker",
        ]  # fmt: skip
    finally:
        shutil.rmtree(run.WORK, ignore_errors=True)  # the folder the module makes when imported


def test_the_worker_consumes_every_queue():
    from tdkt_portal.celery import ALL_QUEUES

    assert ALL_QUEUES == "celery,exports,printing,reminders"
    assert f"-Q {ALL_QUEUES} " in compose()["services"]["worker"]["command"]
    assert f"worker -Q {ALL_QUEUES} " in (ROOT / "scripts" / "demo.sh").read_text(encoding="utf-8")


def test_migrate_runs_once_and_web_worker_beat_wait_for_it():
    services = compose()["services"]
    assert services["migrate"]["command"] == "python manage.py migrate --noinput"
    assert services["migrate"]["restart"] == "no"
    assert services["migrate"]["depends_on"] == {"db": {"condition": "service_healthy"}}
    for name in ["web", "worker", "beat"]:
        assert services[name]["depends_on"]["migrate"] == {"condition": "service_completed_successfully"}
        assert services[name]["depends_on"]["db"] == {"condition": "service_healthy"}
        assert "migrate" not in str(services[name]["command"])


def test_app_services_run_the_image_with_the_compose_commands():
    services = compose()["services"]
    assert services["web"]["command"].split()[:2] == ["gunicorn", "tdkt_portal.wsgi:application"]
    assert "--bind 0.0.0.0:8000" in services["web"]["command"]
    assert services["worker"]["command"].startswith("celery -A tdkt_portal worker")
    assert services["beat"]["command"].startswith("celery -A tdkt_portal beat")
    for name in ["migrate", "web", "worker", "beat"]:
        assert services[name]["image"] == "tdkt-portal:latest"
        assert services[name]["env_file"] == ".env"
        assert services[name]["environment"]["DATABASE_URL"].endswith("@db:5432/${POSTGRES_DB:-tdkt}")
        assert services[name]["volumes"] == ["media:/var/lib/tdkt/media"]
    assert "ports" not in services["web"]  # only the proxy is published


def test_proxy_terminates_tls_in_front_of_web():
    proxy = compose()["services"]["proxy"]
    assert proxy["image"].startswith("nginx:")
    assert proxy["ports"] == ["${HTTP_PORT:-80}:80", "${HTTPS_PORT:-443}:443"]
    assert proxy["depends_on"] == {"web": {"condition": "service_healthy"}}
    assert "./deploy/nginx/tdkt.conf:/etc/nginx/conf.d/default.conf:ro" in proxy["volumes"]
    assert "${TLS_CERT_DIR:-./deploy/certs}:/etc/nginx/certs:ro" in proxy["volumes"]


def test_nginx_redirects_to_https_forwards_the_scheme_and_takes_uploads():
    conf = (ROOT / "deploy" / "nginx" / "tdkt.conf").read_text(encoding="utf-8")
    assert "return 301 https://$host$request_uri;" in conf
    assert "server web:8000;" in conf
    assert "proxy_set_header X-Forwarded-Proto $scheme;" in conf
    assert "proxy_set_header Host $http_host;" in conf
    assert "ssl_certificate /etc/nginx/certs/tls.crt;" in conf
    assert "ssl_certificate_key /etc/nginx/certs/tls.key;" in conf
    body_mb = int(re.search(r"client_max_body_size (\d+)m;", conf).group(1))
    assert body_mb * 1024 * 1024 >= max(settings.ATTACHMENT_MAX_BYTES, settings.API_MAX_REQUEST_BYTES)


def test_env_example_lists_every_variable_compose_reads():
    text = (ROOT / "docker-compose.yml").read_text(encoding="utf-8")
    used = set(re.findall(r"(?<!\$)\$\{([A-Z_][A-Z0-9_]*)", text))
    assert sorted(used - set(env_example())) == []
    assert env_example()["DEBUG"] == "0"

#!/usr/bin/env bash
# The production stage: ./scripts/prod_stage.sh   (CI runs it after the tests; it runs on its own from a clean clone)
#
# Starts the stack exactly as docker-compose.yml does, outside Docker (no image can be pulled here): the services'
# commands are read from docker-compose.yml, the environment from .env.example plus the compose `environment:`
# values (host names db/redis/web become 127.0.0.1 and free ports). Then Chromium walks the main journey through the
# nginx proxy over HTTPS and the backup/restore drill runs. Everything it started is stopped on any exit.
# Steps and checks: scripts/prod_stage/run.py. Set TDKT_PYTHON to use another Python environment than .venv.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
START=$SECONDS
section() { printf '\n\033[1m==> %s\033[0m  (%ds)\n' "$*" "$((SECONDS - START))"; }
# shellcheck source=scripts/lib.sh
source "$ROOT/scripts/lib.sh"

# --------------------------------------------------------------------------------------------------
section "System packages"
apt_ensure python3-venv nginx openssl redis-server chromium fonts-liberation2 \
    libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0

# --------------------------------------------------------------------------------------------------
section "Python environment"
if [ -n "${TDKT_PYTHON:-}" ]; then
    PY="$TDKT_PYTHON"
else
    dev_venv  # the runtime requirements and Playwright for the browser check; the same .venv as scripts/test.sh
fi
"$PY" --version

# --------------------------------------------------------------------------------------------------
section "Compose file"
if command -v docker >/dev/null && docker compose version >/dev/null 2>&1; then
    docker compose --env-file .env.example config --quiet && echo "docker compose config: valid"
else
    echo "Docker is not installed: checking docker-compose.yml with its YAML test instead."
fi
# Always: the services, commands, depends_on, the proxy and the migrate service (no Django database needed).
env -u DATABASE_URL -u CELERY_BROKER_URL VAR_DIR="$(mktemp -d -t tdkt-compose.XXXXXX)" \
    "$PY" -m pytest -q -p no:cacheprovider tests/core/test_compose.py

# --------------------------------------------------------------------------------------------------
export PG_BIN_DIR="$(pg_bindir)"
# run.py stops everything it started on any exit; a TERM or INT sent to this script is passed on to it.
"$PY" scripts/prod_stage/run.py &
child=$!
trap 'kill -TERM "$child" 2>/dev/null || true' TERM INT
set +e
wait "$child"
rc=$?
if kill -0 "$child" 2>/dev/null; then  # interrupted: let it finish stopping the stack
    wait "$child"
    rc=$?
fi
set -e
if [ "$rc" -eq 0 ]; then
    printf '\n\033[32mProduction stage passed\033[0m in %ds.\n' "$((SECONDS - START))"
else
    printf '\n\033[31mProduction stage FAILED\033[0m (exit %d) after %ds.\n' "$rc" "$((SECONDS - START))" >&2
fi
exit "$rc"

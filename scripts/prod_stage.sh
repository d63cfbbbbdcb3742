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
die() { printf '\033[31mERROR: %s\033[0m\n' "$*" >&2; exit 1; }

if [ "$(id -u)" -eq 0 ]; then SUDO=(); else SUDO=(sudo); fi

# --------------------------------------------------------------------------------------------------
section "System packages"
is_installed() { dpkg -s "$1" 2>/dev/null | grep -q '^Status: install ok installed'; }
pg_bindir() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }

PACKAGES=(python3-venv nginx openssl redis-server chromium fonts-liberation2
          libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0)
missing=()
for pkg in "${PACKAGES[@]}"; do
    is_installed "$pkg" || missing+=("$pkg")
done
if [ -z "$(pg_bindir)" ] || [ ! -x "$(pg_bindir)/initdb" ]; then
    missing+=(postgresql)
fi
if [ "${#missing[@]}" -gt 0 ]; then
    [ "$(id -u)" -eq 0 ] || command -v sudo >/dev/null || die "not root and sudo is missing; install: ${missing[*]}"
    echo "Installing: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    # Packages must not start their own services (nginx on port 80, PostgreSQL's default cluster…): the stage
    # starts its own. A policy-rc.d that already exists is left as it is.
    POLICY=/usr/sbin/policy-rc.d
    if [ ! -e "$POLICY" ]; then
        printf '#!/bin/sh\nexit 101\n' | "${SUDO[@]}" tee "$POLICY" >/dev/null
        "${SUDO[@]}" chmod 755 "$POLICY"
        trap '"${SUDO[@]}" rm -f "$POLICY"' EXIT  # only the one made here
    fi
    "${SUDO[@]}" apt-get update -qq
    "${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    if trap -p EXIT | grep -q policy-rc.d; then
        "${SUDO[@]}" rm -f "$POLICY"
        trap - EXIT
    fi
else
    echo "All present."
fi
[ -x "$(pg_bindir)/initdb" ] || die "PostgreSQL server binaries not found under /usr/lib/postgresql"

# --------------------------------------------------------------------------------------------------
section "Python environment"
if [ -n "${TDKT_PYTHON:-}" ]; then
    PY="$TDKT_PYTHON"
else
    PY="$ROOT/.venv/bin/python"
    if [ ! -x "$PY" ] || ! "$PY" -c "import sys" >/dev/null 2>&1; then
        echo "Creating .venv with $(command -v python3) ($(python3 --version))"
        rm -rf .venv
        python3 -m venv .venv
    fi
    # The runtime requirements and Playwright for the browser check: requirements-dev.txt has both, and
    # scripts/test.sh keeps the same stamp, so a .venv it made is reused as it is.
    STAMP=".venv/.requirements.sha256"
    WANT="$(cat requirements.txt requirements-dev.txt | sha256sum | cut -d' ' -f1)"
    if [ "$(cat "$STAMP" 2>/dev/null || true)" != "$WANT" ]; then
        echo "pip install -r requirements-dev.txt"
        "$PY" -m pip install -q --disable-pip-version-check -r requirements-dev.txt
        echo "$WANT" >"$STAMP"
    else
        echo "Requirements up to date."
    fi
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

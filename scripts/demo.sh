#!/usr/bin/env bash
# Try the portal on one machine, with nothing but this repository: ./scripts/demo.sh
#
# Installs what is missing (system libraries, .venv), creates the SQLite database in var/, loads the
# demo data (tỉnh Lai Châu and five communes; DEMO=district: huyện Thanh Oai), then runs a Celery worker and Celery beat in the background, each in a
# small supervise loop that starts it again if it exits (folder broker in var/celery: no Redis, no
# PostgreSQL), and the development server in the foreground.
# Stop everything with Ctrl+C. PORT (8000) and HOST (127.0.0.1) choose where the server listens.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
HOST="${HOST:-127.0.0.1}"
PORT="${PORT:-8000}"

section() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }
die() { printf '\033[31mERROR: %s\033[0m\n' "$*" >&2; exit 1; }

if [ "$(id -u)" -eq 0 ]; then
    SUDO=()
else
    SUDO=(sudo)
fi

section "System packages"
is_installed() { dpkg -s "$1" 2>/dev/null | grep -q '^Status: install ok installed'; }
missing=()
for pkg in python3-venv libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-liberation2; do
    is_installed "$pkg" || missing+=("$pkg")
done
if [ "${#missing[@]}" -gt 0 ]; then
    [ "$(id -u)" -eq 0 ] || command -v sudo >/dev/null || die "not root and sudo is missing; install: ${missing[*]}"
    echo "Installing: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    "${SUDO[@]}" apt-get update -qq
    "${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
    echo "All present."
fi

section "Python environment (.venv)"
PY="$ROOT/.venv/bin/python"
if [ ! -x "$PY" ] || ! "$PY" -c "import sys" >/dev/null 2>&1; then
    echo "Creating .venv with $(command -v python3) ($(python3 --version))"
    rm -rf .venv
    python3 -m venv .venv
fi
STAMP=".venv/.requirements-runtime.sha256"
WANT="$(sha256sum requirements.txt | cut -d' ' -f1)"
if [ "$(cat "$STAMP" 2>/dev/null || true)" != "$WANT" ]; then
    echo "pip install -r requirements.txt"
    "$PY" -m pip install -q --disable-pip-version-check -r requirements.txt
    echo "$WANT" >"$STAMP"
else
    echo "Requirements up to date."
fi

# The embedded default: SQLite and the folder broker in var/, e-mail printed by the worker.
export DEBUG=1
unset DATABASE_URL CELERY_BROKER_URL
# The address this script serves: links in e-mails and the QR codes on certificates point here (settings.SITE_URL).
export SITE_URL="http://$HOST:$PORT"

section "Database (SQLite in ${VAR_DIR:-var/}) and demo data"
"$PY" manage.py migrate --no-input
# DEMO=district ./scripts/demo.sh loads the one-district demo (Thanh Oai) instead of the province; one
# database holds one of them (remove var/db.sqlite3 to switch).
if [ "${DEMO:-province}" = "district" ]; then
    "$PY" manage.py seed_demo --district
else
    "$PY" manage.py seed_demo
fi

LOG_DIR="${VAR_DIR:-$ROOT/var}/log"
mkdir -p "$LOG_DIR"
WORKER_PID=""
BEAT_PID=""
SERVER_PID=""

stop() {  # stop NAME PID: SIGTERM (Celery's warm shutdown), then SIGKILL after 10 s
    local name="$1" pid="$2" _
    [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
    kill -TERM "$pid" 2>/dev/null || return 0
    for _ in $(seq 1 100); do
        kill -0 "$pid" 2>/dev/null || { echo "Stopped $name."; return 0; }
        sleep 0.1
    done
    kill -KILL "$pid" 2>/dev/null || true
    echo "Killed $name."
}
cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    echo
    stop "the web server" "$SERVER_PID"
    stop "Celery beat" "$BEAT_PID"
    stop "the Celery worker" "$WORKER_PID"
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

section "Celery worker and beat (logs in $LOG_DIR)"
# supervise NAME LOG COMMAND...: run COMMAND, and start it again whenever it exits (after 2 s, 30 s at
# most between restarts when it keeps failing), until this script stops. A worker or beat that dies is
# back within seconds; its log says when it was restarted.
supervise() {
    local name="$1" log="$2" delay=2 child="" started rc
    shift 2
    trap '[ -n "$child" ] && kill -TERM "$child" 2>/dev/null; wait "$child" 2>/dev/null; exit 0' TERM INT
    while true; do
        started=$SECONDS
        "$@" >>"$log" 2>&1 &
        child=$!
        rc=0
        wait "$child" || rc=$?
        child=""
        if [ $((SECONDS - started)) -ge 60 ]; then delay=2; fi
        printf '[%s] %s exited with %s; restarting in %ss\n' "$(date '+%F %T')" "$name" "$rc" "$delay" >>"$log"
        sleep "$delay" & wait $!
        delay=$((delay * 2 > 30 ? 30 : delay * 2))
    done
}
: >"$LOG_DIR/celery-worker.log"
: >"$LOG_DIR/celery-beat.log"
supervise "the Celery worker" "$LOG_DIR/celery-worker.log" \
    "$PY" -m celery -A tdkt_portal worker -Q celery,exports,printing,reminders -l info --pool=solo &
WORKER_PID=$!
supervise "Celery beat" "$LOG_DIR/celery-beat.log" \
    "$PY" -m celery -A tdkt_portal beat -l info &
BEAT_PID=$!
for _ in $(seq 1 300); do
    grep -q " ready\." "$LOG_DIR/celery-worker.log" && break
    sleep 0.1
done
grep -q " ready\." "$LOG_DIR/celery-worker.log" || { cat "$LOG_DIR/celery-worker.log" >&2; die "the Celery worker did not start"; }
echo "Worker (supervised, pid $WORKER_PID): $LOG_DIR/celery-worker.log — e-mails it sends are printed there."
echo "Beat   (supervised, pid $BEAT_PID): $LOG_DIR/celery-beat.log"
echo "Either one is started again if it exits."

section "Web server: http://$HOST:$PORT/  (Ctrl+C stops everything)"
# In the background and waited for, so that a signal to this script stops the server too.
"$PY" manage.py runserver "$HOST:$PORT" &
SERVER_PID=$!
wait "$SERVER_PID"

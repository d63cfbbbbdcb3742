#!/usr/bin/env bash
# The project's one test command: ./scripts/test.sh [pytest arguments]
#
# On a fresh Debian 12 / Ubuntu machine it installs what it needs (system packages, .venv), then:
#   1. ruff check, ruff format --check, makemigrations --check, lint-imports (the import layers between
#      apps, pyproject.toml [tool.importlinter])
#   2. pytest on the embedded default (SQLite, folder broker), two processes (pytest-xdist)
#   3. the same again with the whole process's clock (and its browser's) moved into a later year by
#      libfaketime, so a test that reads the real clock fails the day it is written, not a year later
#   4. pytest again on a throwaway PostgreSQL and Redis with TDKT_INTEGRATION=1, which adds the
#      integration tests (a real Celery worker); one process: the workers share one broker. The browser
#      tests are not run a third time there (the production stage of .ci/run drives Chromium on PostgreSQL).
# Every stage prints how long it took. Extra arguments are passed to every pytest run, e.g.
# ./scripts/test.sh -x -k outbox
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

START=$SECONDS
STAGE=""
STAGE_START=$SECONDS
TIMES=()
stage_done() {  # prints the time of the stage that just ended, and keeps it for the summary
    if [ -n "$STAGE" ]; then
        printf '\033[2m    %s: %ds\033[0m\n' "$STAGE" "$((SECONDS - STAGE_START))"
        TIMES+=("$(printf '%5ds  %s' "$((SECONDS - STAGE_START))" "$STAGE")")
    fi
    STAGE=""
}
section() {
    stage_done
    STAGE="$*"
    STAGE_START=$SECONDS
    printf '\n\033[1m==> %s\033[0m  (%ds)\n' "$*" "$((SECONDS - START))"
}
# shellcheck source=scripts/lib.sh
source "$ROOT/scripts/lib.sh"

# --------------------------------------------------------------------------------------------------
section "System packages"
apt_ensure python3-venv redis-server chromium fonts-liberation2 poppler-utils \
    libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 faketime
PG_BIN="$(pg_bindir)"
command -v redis-server >/dev/null || die "redis-server not found"
command -v faketime >/dev/null || die "faketime not found"

# --------------------------------------------------------------------------------------------------
section "Python environment (.venv)"
dev_venv
"$PY" --version

# --------------------------------------------------------------------------------------------------
# Throwaway state: temp folders for the runs, stopped and removed on any exit.
WORK="$(mktemp -d -t tdkt-test.XXXXXX)"
REDIS_PIDFILE="$WORK/redis.pid"
PG_DIR=""

stop_pid() {  # stop_pid PID SIGNAL: signal it and wait up to 15 s for it to go
    local pid="$1" sig="$2" i
    kill -"$sig" "$pid" 2>/dev/null || return 0
    for i in $(seq 1 150); do
        kill -0 "$pid" 2>/dev/null || return 0
        sleep 0.1
    done
    kill -KILL "$pid" 2>/dev/null || true
}

cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    stage_done
    if [ -s "$REDIS_PIDFILE" ]; then
        stop_pid "$(cat "$REDIS_PIDFILE")" TERM
    fi
    if [ -n "$PG_DIR" ] && [ -s "$PG_DIR/data/postmaster.pid" ]; then
        stop_pid "$(head -1 "$PG_DIR/data/postmaster.pid")" INT  # SIGINT: PostgreSQL's fast shutdown
    fi
    [ -n "$PG_DIR" ] && rm -rf "$PG_DIR"
    rm -rf "$WORK"
    printf '\nStage times:\n'
    printf '  %s\n' "${TIMES[@]}"
    if [ "$rc" -eq 0 ]; then
        printf '\n\033[32mAll checks passed\033[0m in %ds.\n' "$((SECONDS - START))"
    else
        printf '\n\033[31mFAILED\033[0m (exit %d) after %ds.\n' "$rc" "$((SECONDS - START))" >&2
    fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# The default environment, but with its SQLite file, broker folder, mail and media in a temp
# folder: tests never touch the developer's var/.
run_default() {
    env -u DATABASE_URL -u CELERY_BROKER_URL -u TDKT_INTEGRATION -u EMAIL_BACKEND -u EMAIL_FILE_PATH \
        VAR_DIR="$WORK/var-default" "$@"
}

# --------------------------------------------------------------------------------------------------
section "ruff check"
"$PY" -m ruff check .

section "ruff format --check"
"$PY" -m ruff format --check .

section "makemigrations --check"
run_default "$PY" manage.py makemigrations --check --dry-run

section "lint-imports (the layers between apps)"
"$(dirname "$PY")/lint-imports"

# --------------------------------------------------------------------------------------------------
# Two pytest processes (pytest-xdist) for the SQLite runs: each has its own in-memory test
# database and its own live server and Chromium.
XDIST=(-n "${TEST_PROCESSES:-2}")

section "pytest #1: SQLite, folder broker"
run_default "$PY" -m pytest "${XDIST[@]}" "$@"

# The accessibility walk (axe-core over every role's pages) depends neither on the clock nor on the database:
# the whole-suite runs below leave it out, having run it once above. The PostgreSQL run leaves out the browser
# tests too (they run on SQLite twice, today and a year on; the production stage drives Chromium through the
# PostgreSQL stack): it is one process, and the 25-minute budget is spent better on its integration tests.
ONCE=()
NOT_ON_PG=()
if [ "$#" -eq 0 ]; then
    ONCE=(--ignore=tests/e2e/test_accessibility.py)
    NOT_ON_PG=(--ignore=tests/e2e)
fi

# --------------------------------------------------------------------------------------------------
# The clock a year and three months ahead of the real date (so always a later year), at 10:00. The
# offset is relative, so every process of the run (xdist workers, Chromium) sees the same clock.
LATER="$(date -d '+1 year +3 months' +%Y-%m-%d) 10:00:00"
OFFSET=$(($(date -d "$LATER" +%s) - $(date +%s)))
section "pytest #2: SQLite again, the clock at $LATER UTC (libfaketime)"
TZ=Asia/Ho_Chi_Minh faketime -f "+$OFFSET" date '+The tests see the clock at %d/%m/%Y %H:%M (Asia/Ho_Chi_Minh).'
env -u DATABASE_URL -u CELERY_BROKER_URL -u TDKT_INTEGRATION -u EMAIL_BACKEND -u EMAIL_FILE_PATH \
    VAR_DIR="$WORK/var-later" \
    faketime -f "+$OFFSET" "$PY" -m pytest "${XDIST[@]}" "${ONCE[@]}" "$@"

# --------------------------------------------------------------------------------------------------
section "Starting throwaway Redis and PostgreSQL"
free_port() { "$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

REDIS_PORT="$(free_port)"
redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --save '' --appendonly no --daemonize yes \
    --pidfile "$REDIS_PIDFILE" --dir "$WORK" --logfile "$WORK/redis.log"
for _ in $(seq 1 100); do
    [ "$(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null || true)" = "PONG" ] && break
    sleep 0.1
done
[ "$(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null || true)" = "PONG" ] || {
    cat "$WORK/redis.log" >&2 || true
    die "Redis did not start"
}
echo "Redis $(redis-server --version | grep -o 'v=[0-9.]*') on 127.0.0.1:$REDIS_PORT"

# PostgreSQL refuses to run as root: as root it runs as the postgres user, in a folder it owns.
if [ "$(id -u)" -eq 0 ]; then
    as_pg() { runuser -u postgres -- "$@"; }
    PG_DIR="$(mktemp -d -t tdkt-pg.XXXXXX)"
    chown postgres:postgres "$PG_DIR"
else
    as_pg() { "$@"; }
    PG_DIR="$(mktemp -d -t tdkt-pg.XXXXXX)"
fi
PG_PORT="$(free_port)"
as_pg "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 \
    --no-sync >"$WORK/initdb.log" 2>&1 || { cat "$WORK/initdb.log" >&2; die "initdb failed"; }
as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 \
    -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >/dev/null || { cat "$PG_DIR/server.log" >&2; die "PostgreSQL did not start"; }
"$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres tdkt
echo "$("$PG_BIN/postgres" --version) on 127.0.0.1:$PG_PORT (data in $PG_DIR)"

# --------------------------------------------------------------------------------------------------
section "pytest #3: PostgreSQL, Redis, integration tests (real Celery worker)"
env -u EMAIL_BACKEND -u EMAIL_FILE_PATH \
    VAR_DIR="$WORK/var-integration" \
    DATABASE_URL="postgres://postgres@127.0.0.1:$PG_PORT/tdkt" \
    CELERY_BROKER_URL="redis://127.0.0.1:$REDIS_PORT/0" \
    CACHE_URL="redis://127.0.0.1:$REDIS_PORT/1" \
    TDKT_INTEGRATION=1 \
    "$PY" -m pytest "${NOT_ON_PG[@]}" "$@"

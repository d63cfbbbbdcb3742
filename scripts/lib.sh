# Shared by scripts/test.sh and scripts/prod_stage.sh (sourced, not run): system packages and the .venv.
# The caller sets ROOT (the checkout) and defines section().

die() { printf '\033[31mERROR: %s\033[0m\n' "$*" >&2; exit 1; }
is_installed() { dpkg -s "$1" 2>/dev/null | grep -q '^Status: install ok installed'; }
pg_bindir() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }

if [ "$(id -u)" -eq 0 ]; then SUDO=(); else SUDO=(sudo); fi

# apt_ensure PACKAGE…: installs those missing, and a PostgreSQL server if none is there (Debian 12 ships 15;
# the metapackage pulls the distribution's one). Packages must not start their own services (nginx on port 80,
# PostgreSQL's default cluster…): the scripts start their own, so a policy-rc.d says no while apt runs (one
# that already exists is left as it is).
apt_ensure() {
    local missing=() pkg policy=/usr/sbin/policy-rc.d made_policy="" rc=0
    for pkg in "$@"; do
        is_installed "$pkg" || missing+=("$pkg")
    done
    if [ -z "$(pg_bindir)" ] || [ ! -x "$(pg_bindir)/initdb" ]; then
        missing+=(postgresql)
    fi
    if [ "${#missing[@]}" -eq 0 ]; then
        echo "All present."
    else
        [ "$(id -u)" -eq 0 ] || command -v sudo >/dev/null || die "not root and sudo is missing; install: ${missing[*]}"
        echo "Installing: ${missing[*]}"
        if [ ! -e "$policy" ]; then
            printf '#!/bin/sh\nexit 101\n' | "${SUDO[@]}" tee "$policy" >/dev/null
            "${SUDO[@]}" chmod 755 "$policy"
            made_policy=1
        fi
        "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq || rc=$?
        [ "$rc" -ne 0 ] || "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive \
            apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null || rc=$?
        [ -z "$made_policy" ] || "${SUDO[@]}" rm -f "$policy"
        [ "$rc" -eq 0 ] || die "apt-get failed (exit $rc) installing: ${missing[*]}"
    fi
    [ -x "$(pg_bindir)/initdb" ] || die "PostgreSQL server binaries not found under /usr/lib/postgresql"
}

# dev_venv: PY is .venv's python with requirements-dev.txt (runtime + test tools) installed; it reinstalls only
# when the pinned requirements changed since the last install into this .venv (both scripts share the stamp).
dev_venv() {
    local stamp want
    PY="$ROOT/.venv/bin/python"
    if [ ! -x "$PY" ] || ! "$PY" -c "import sys" >/dev/null 2>&1; then
        echo "Creating .venv with $(command -v python3) ($(python3 --version))"
        rm -rf "$ROOT/.venv"
        python3 -m venv "$ROOT/.venv"
    fi
    stamp="$ROOT/.venv/.requirements.sha256"
    want="$(cat "$ROOT/requirements.txt" "$ROOT/requirements-dev.txt" | sha256sum | cut -d' ' -f1)"
    if [ "$(cat "$stamp" 2>/dev/null || true)" != "$want" ]; then
        echo "pip install -r requirements-dev.txt"
        "$PY" -m pip install -q --disable-pip-version-check -r "$ROOT/requirements-dev.txt"
        echo "$want" >"$stamp"
    else
        echo "Requirements up to date."
    fi
}

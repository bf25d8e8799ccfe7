#!/usr/bin/env bash
# Installs the external programs the test suite needs (called from .ci/run). Idempotent: anything already
# installed is left alone, and apt-get update runs at most once, only when something must be installed.
# Needs root (or passwordless sudo) only when something is missing. Quiet unless something fails.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../submit-scripts/lib.sh"

log=$(mktemp "${TMPDIR:-/tmp}/install-test-deps.XXXXXX.log")
trap 'rm -f "$log"' EXIT

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    sudo_cmd=(sudo -n)
  fi
fi

apt_updated=false
apt_install() {  # apt_install <package>... : install Debian packages, failing loudly with apt's output
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "install-test-deps: apt-get not found; install these by hand: $*" >&2
    exit 1
  fi
  if [ "$(id -u)" -ne 0 ] && [ ${#sudo_cmd[@]} -eq 0 ]; then
    echo "install-test-deps: must run as root (or with sudo) to install: $*" >&2
    exit 1
  fi
  if [ "$apt_updated" = false ]; then
    if ! "${sudo_cmd[@]}" apt-get update -qq >"$log" 2>&1; then
      echo "install-test-deps: apt-get update failed:" >&2
      tail -n 30 "$log" >&2
      exit 1
    fi
    apt_updated=true
  fi
  if ! "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive \
      apt-get install -y -qq --no-install-recommends "$@" >"$log" 2>&1; then
    echo "install-test-deps: apt-get install $* failed:" >&2
    tail -n 30 "$log" >&2
    exit 1
  fi
}

# --- Psi4 (org.qcmb.engine.psi4 tests; Debian bookworm ships 1.3.2) ---
if ! command -v psi4 >/dev/null 2>&1; then
  apt_install psi4
  if ! psi4 --version >/dev/null 2>&1; then
    echo "install-test-deps: psi4 was installed but 'psi4 --version' fails" >&2
    exit 1
  fi
  echo "install-test-deps: installed psi4 $(psi4 --version 2>/dev/null | tail -n 1)"
fi

# --- Jupyter (notebook tests: scripts/run-notebooks executes notebooks/*.ipynb with the rapaio Java kernel) ---
# Debian's packages; /usr/bin/jupyter runs /usr/bin/python3 (not a pyenv python that may come first on PATH).
if ! /usr/bin/python3 -c 'import nbconvert, nbclient, ipykernel, jupyter_client, jupyter_core' >/dev/null 2>&1 \
    || [ ! -x /usr/bin/jupyter-nbconvert ]; then
  apt_install jupyter-nbconvert python3-nbclient python3-ipykernel jupyter-client jupyter-core
  if ! /usr/bin/jupyter nbconvert --version >/dev/null 2>&1; then
    echo "install-test-deps: jupyter-nbconvert was installed but '/usr/bin/jupyter nbconvert --version' fails" >&2
    exit 1
  fi
  echo "install-test-deps: installed jupyter nbconvert $(/usr/bin/jupyter nbconvert --version 2>/dev/null)"
fi

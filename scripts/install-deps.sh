#!/usr/bin/env bash
# Installs the system packages the tests and benchmarks use, when they are missing (Debian; needs root or sudo):
# OpenBLAS for the kernels' native linear algebra (a managed fallback is used without it) and PostgreSQL
# for the cluster tests (each test starts a private server of its own), Prometheus for the telemetry tests,
# NumPy for the example command runner (examples/runners/width_model.py). The system python3 counts as well as the
# one on PATH: a version manager's python3 may come first on PATH and not see the Debian package.
set -euo pipefail

packages=()
# (grep without -q: an early exit would break ldconfig's pipe under pipefail.)
ldconfig -p 2>/dev/null | grep 'libopenblas.so.0' >/dev/null || packages+=(libopenblas0-pthread)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || packages+=(postgresql)
[ -x /usr/bin/prometheus ] || packages+=(prometheus)
python3 -c 'import numpy' >/dev/null 2>&1 || /usr/bin/python3 -c 'import numpy' >/dev/null 2>&1 \
  || packages+=(python3-numpy)

if [ ${#packages[@]} -eq 0 ]; then
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null; then sudo="sudo"; else
    echo "install-deps: missing ${packages[*]} and no root to install them" >&2
    exit 1
  fi
fi
echo "install-deps: installing ${packages[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${packages[@]}" >/dev/null

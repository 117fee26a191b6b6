#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test (unit, PostgreSQL, Redis, sandbox, e2e).
# Exits non-zero on any failure; ctest prints its summary.
set -euo pipefail
cd "$(dirname "$0")"
bash scripts/install-deps.sh
bash scripts/build-web.sh
make build
bash scripts/run-tests.sh

#!/usr/bin/env bash
# Starts PostgreSQL and Redis on loopback in a temp dir (as an unprivileged user), runs ctest, stops them.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
source scripts/test-servers.sh
start_test_servers
trap stop_test_servers EXIT
export BY_TEST_OUTPUT_DIR="$PWD/test-output"
mkdir -p "$BY_TEST_OUTPUT_DIR"
# Tests labelled nightly (the 200-card crash test) take most of an hour: run them with BY_NIGHTLY=1.
exclude=(-LE nightly)
[ "${BY_NIGHTLY:-0}" = 1 ] && exclude=()
ctest --test-dir build --output-on-failure -j2 "${exclude[@]}" "$@"

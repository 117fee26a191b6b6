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
ctest --test-dir build --output-on-failure -j2 "$@"

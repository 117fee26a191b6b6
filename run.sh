#!/usr/bin/env bash
# Installs what is missing, builds, and starts BiznesYordam offline on http://localhost:8080 with
# sandbox marketplaces and demo accounts. Extra arguments go to `biznesyordam run`.
set -euo pipefail
cd "$(dirname "$0")"
bash scripts/install-deps.sh
bash scripts/build-web.sh
make build
exec ./build/biznesyordam run --data-dir "${BY_DATA_DIR:-./var}" "$@"

#!/usr/bin/env bash
# Builds the dashboard (web/) into web/dist with the locked npm packages. Skips when web/ has no package.json.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
[[ -f web/package.json ]] || exit 0
cd web
if [[ ! -d node_modules ]] || [[ package-lock.json -nt node_modules/.package-lock.json ]]; then
  npm ci --no-audit --no-fund --silent
fi
npm run build --silent

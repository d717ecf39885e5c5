#!/usr/bin/env bash
# Runs a command under Node 24 with this project's dependencies installed, so `npm start`, `npm test` and
# the other scripts work on a fresh clone even where the system Node is older (Debian 12 ships Node 20).
# Node 24 comes from the npm registry's `node` package into .tools/; dependencies follow package-lock.json.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
want_major=24

node_major() { "$1" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

if command -v node >/dev/null && [ "$(node_major node)" -ge "$want_major" ]; then
  node_bin_dir="$(dirname "$(command -v node)")"
else
  node_bin_dir="$root/.tools/node$want_major/node_modules/.bin"
  if [ ! -x "$node_bin_dir/node" ] || [ "$(node_major "$node_bin_dir/node")" != "$want_major" ]; then
    echo "with-node24: installing Node $want_major into .tools/ (system Node is $(node -v 2>/dev/null || echo missing))" >&2
    npm install --prefix "$root/.tools/node$want_major" --no-audit --no-fund --loglevel=error "node@$want_major" >&2
  fi
fi
export PATH="$node_bin_dir:$root/node_modules/.bin:$PATH"

# Reinstall dependencies when package-lock.json changed since the last install (or never ran).
stamp="$root/node_modules/.package-lock.sha256"
lock_sum="$(sha256sum "$root/package-lock.json" | cut -d' ' -f1)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$lock_sum" ]; then
  echo "with-node24: installing dependencies (npm ci)" >&2
  (cd "$root" && npm ci --no-audit --no-fund --loglevel=error >&2)
  echo "$lock_sum" >"$stamp"
fi

cd "$root"
exec "$@"

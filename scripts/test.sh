#!/usr/bin/env bash
# Runs every unit, CLI and LSP test with Node's test runner (its closing lines give the counts).
# Usage: scripts/test.sh [files...]   (default: every *.test.ts under test/ and engine/)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "$#" -gt 0 ]; then
  files=("$@")
else
  mapfile -t files < <(find test engine server bin -name '*.test.ts' -not -path '*/node_modules/*' -not -path 'test/e2e/*' | sort)
fi
exec node --import tsx --test --test-concurrency=2 "${files[@]}"

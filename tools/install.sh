#!/usr/bin/env bash
# Installs dependencies exactly as locked: `npm ci`. Some registries (mirrors
# that carry only this platform's binaries) cannot serve the other platforms'
# optional packages, so the lock file cannot list them and `npm ci` refuses it
# as out of sync; then `npm install` installs the same locked versions.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
if npm ci --no-audit --no-fund 2>"$log"; then exit 0; fi
if grep -q 'EUSAGE' "$log"; then
  echo "[install] npm ci: lock file lacks other platforms' optional packages; using npm install" >&2
  npm install --no-audit --no-fund
else
  cat "$log" >&2
  exit 1
fi

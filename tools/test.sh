#!/usr/bin/env bash
# `npm test`: the whole suite. Installs dependencies when missing or stale,
# then lint, typecheck, build, and Jest for every project against real
# PostgreSQL and Redis (found or started by tools/jest/global-setup.mjs).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export NX_DAEMON=false NX_NO_CLOUD=true

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "[test] installing dependencies ..."
  bash tools/install.sh
fi

echo "[test] lint"
# ESLint's module-boundary rule reads Nx's cached project graph; on a fresh clone there is none
# and the rule would be skipped with a warning, so compute it first.
npx nx show projects > /dev/null
npx eslint --max-warnings=0 .
echo "[test] typecheck"
npx tsc -p tsconfig.json --noEmit
echo "[test] build"
npx tsc -b tsconfig.build.json
# The web studio: its own type check (DOM, JSX, bundler resolution: web/tsconfig.json), then the bundle
# unified serves at / (the end-to-end tests drive it in Chromium).
npx tsc -p web/tsconfig.json
(cd web && node ../node_modules/vite/bin/vite.js build --logLevel warn)
echo "[test] jest"
npx jest --ci "$@"

#!/usr/bin/env bash
# Sets up a fresh clone: pnpm, the workspace's packages, the build.
# Idempotent: a second run only checks. Needs the npm registry; `--editor` also sets up the real-editor tests.
set -euo pipefail
cd "$(dirname "$0")/.."

want_pnpm=$(node -p "require('./package.json').packageManager.split('@')[1]")
if [ "$(pnpm --version 2>/dev/null || true)" != "$want_pnpm" ]; then
  echo "setup: installing pnpm $want_pnpm"
  npm install -g "pnpm@$want_pnpm" >/dev/null
fi

echo "setup: installing workspace packages"
pnpm install --frozen-lockfile --reporter=append-only

echo "setup: building"
pnpm run --silent build

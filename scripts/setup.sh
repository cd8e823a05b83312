#!/usr/bin/env bash
# Sets up a fresh clone: system packages and Node 24 (scripts/setup-system.sh), pnpm, the workspace's packages,
# the build. Idempotent: a second run only checks. Needs the npm registry and Debian's packages (run as root).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup-system.sh

want_pnpm=$(node -p "require('./package.json').packageManager.split('@')[1]")
if [ "$(pnpm --version 2>/dev/null || true)" != "$want_pnpm" ]; then
  echo "setup: installing pnpm $want_pnpm"
  npm install -g "pnpm@$want_pnpm" >/dev/null
fi

echo "setup: installing workspace packages"
pnpm install --frozen-lockfile --reporter=append-only >/dev/null

echo "setup: building"
pnpm run --silent build

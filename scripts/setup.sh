#!/usr/bin/env bash
# Sets up a fresh clone: system packages and Node 24 (scripts/setup-system.sh), pnpm, the workspace's packages,
# the build. Idempotent: a second run only checks. Needs the npm registry and Debian's packages (run as root).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup-system.sh

# The AWS clients the sandbox is tested with besides the JavaScript SDK (test/sandbox/other-clients.test.ts):
# Debian's aws-cli and boto3, which speak CloudWatch's query protocol and read no AWS_ENDPOINT_URL.
clients=(awscli python3-boto3)
missing_clients=()
for p in "${clients[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing_clients+=("$p"); done
if [ ${#missing_clients[@]} -gt 0 ]; then
  echo "setup: apt-get install ${missing_clients[*]}"
  as_root=()
  [ "$(id -u)" -eq 0 ] || as_root=(sudo)
  "${as_root[@]}" apt-get update -qq
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing_clients[@]}" >/dev/null
fi

want_pnpm=$(node -p "require('./package.json').packageManager.split('@')[1]")
if [ "$(pnpm --version 2>/dev/null || true)" != "$want_pnpm" ]; then
  echo "setup: installing pnpm $want_pnpm"
  npm install -g "pnpm@$want_pnpm" >/dev/null
fi

echo "setup: installing workspace packages"
pnpm install --frozen-lockfile --reporter=append-only >/dev/null

echo "setup: building"
pnpm run --silent build

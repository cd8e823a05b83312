#!/usr/bin/env bash
# Packages the VS Code extension in one command: bundle the client and the language server (scripts/build.mjs),
# copy the rollout JSON Schema into the extension, then `vsce package`. Output: extension/shiftwise.vsix.
# vsce 4 needs Node >= 22: it runs on .cache/node24 (scripts/setup-system.sh), or on the `node` on PATH when that is
# 22 or newer (the release workflow's). Everything the extension needs is bundled into dist/, so vsce's npm
# dependency walk is off (--no-dependencies; it does not understand pnpm anyway). vsce's warnings fail the script.
set -euo pipefail
cd "$(dirname "$0")/.."

node24=.cache/node24/bin/node
if [ ! -x "$node24" ] && [ "$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)" -ge 22 ]; then
  node24=$(command -v node)
fi
schema=core/schema/rollout.schema.json
out=${1:-extension/shiftwise.vsix}
if [ ! -x "$node24" ]; then
  echo "package-vsix: $node24 is missing; run scripts/setup-system.sh first" >&2
  exit 1
fi
for f in language-server/src/main.ts "$schema"; do
  if [ ! -f "$f" ]; then
    echo "package-vsix: $f does not exist yet; the extension needs it" >&2
    exit 1
  fi
done

node scripts/build.mjs extension/
mkdir -p extension/schema
cp "$schema" extension/schema/rollout.schema.json

# The README's relative links and images, as the Marketplace shows them (vsce ignores repository.directory).
repo=$(node -p "require('./extension/package.json').repository.url.replace(/\\.git\$/, '')")
case "$out" in /*) out_abs=$out ;; *) out_abs="$(pwd)/$out" ;; esac
case "$node24" in /*) ;; *) node24="$(pwd)/$node24" ;; esac
if ! log=$(cd extension && "$node24" node_modules/@vscode/vsce/vsce package --no-dependencies \
  --baseContentUrl "$repo/blob/HEAD/extension" --baseImagesUrl "$repo/raw/HEAD/extension" --out "$out_abs" 2>&1); then
  echo "$log" >&2
  exit 1
fi
if grep -qi 'warning' <<<"$log"; then
  echo "$log" >&2
  echo "package-vsix: vsce warned (above); fix the manifest or the files it names" >&2
  exit 1
fi
if command -v unzip >/dev/null; then unzip -l "$out" | tail -n +4 | head -n -2 | awk '{ printf "  %8d  %s\n", $1, $4 }'; fi
echo "package-vsix: $out ($(du -k "$out" | cut -f1) KiB)"

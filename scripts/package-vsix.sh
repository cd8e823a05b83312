#!/usr/bin/env bash
# Packages the VS Code extension in one command: bundle the client and the language server (scripts/build.mjs),
# copy the rollout JSON Schema into the extension, then `vsce package`. Output: extension/shiftwise.vsix.
# vsce 4 needs Node >= 22: it runs on .cache/node24 (scripts/setup-system.sh). Everything the extension needs is
# bundled into dist/, so vsce's npm dependency walk is off (--no-dependencies; it does not understand pnpm anyway).
set -euo pipefail
cd "$(dirname "$0")/.."

node24=.cache/node24/bin/node
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

out_abs="$(pwd)/$out"
(cd extension && "../$node24" node_modules/@vscode/vsce/vsce package --no-dependencies --skip-license \
  --allow-missing-repository --out "$out_abs" >/dev/null)
if command -v unzip >/dev/null; then unzip -l "$out" | tail -n +4 | head -n -2 | awk '{ printf "  %8d  %s\n", $1, $4 }'; fi
echo "package-vsix: $out ($(du -k "$out" | cut -f1) KiB)"

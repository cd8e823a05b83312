#!/usr/bin/env bash
# Every check CI makes, in order: format and lint, types, unit and end-to-end tests, the real-editor suite.
set -euo pipefail
cd "$(dirname "$0")/.."
pnpm run --silent lint
pnpm run --silent typecheck
pnpm run --silent test
if [ -f scripts/test-editor.sh ]; then pnpm run --silent test:editor; fi

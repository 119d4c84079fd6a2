#!/usr/bin/env bash
# Installs the tools for the end-to-end tests into TOOLS_DIR (default .e2e-tools), offline apart from
# Debian apt and the npm registry: Debian Chromium, code-server (a real VS Code workbench + extension host)
# and playwright-core. Idempotent: a second run with everything present does nothing.
#   CODE_SERVER_VERSION (4.100.3 = VS Code 1.100, runs on Node 20), PLAYWRIGHT_VERSION, SKIP_APT=1
set -euo pipefail
TOOLS=${1:-.e2e-tools}
CS_VER=${CODE_SERVER_VERSION:-4.100.3}
PW_VER=${PLAYWRIGHT_VERSION:-1.65.1}
mkdir -p "$TOOLS"; TOOLS=$(cd "$TOOLS" && pwd)
stamp="$TOOLS/.installed-$CS_VER-$PW_VER"

apt_pkgs=(chromium ripgrep libkrb5-dev build-essential python3)
if [ "${SKIP_APT:-0}" != 1 ] && ! dpkg -s "${apt_pkgs[@]}" > /dev/null 2>&1; then
  # chromium: the browser the driver steers over CDP; ripgrep: replaces the rg that @vscode/ripgrep would
  # fetch from GitHub; libkrb5-dev + build-essential + python3: node-gyp builds code-server's native modules.
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q "${apt_pkgs[@]}"
fi
if [ -f "$stamp" ] && [ -x "$TOOLS/node_modules/.bin/code-server" ]; then
  echo "e2e tools present in $TOOLS (code-server $CS_VER, playwright-core $PW_VER)"; exit 0
fi

# @vscode/ripgrep's postinstall downloads rg unless its cache already holds the tarball; the cache path
# depends on the @vscode/ripgrep version code-server pins and the rg tag that version downloads.
scratch=$(mktemp -d); trap 'rm -rf "$scratch"' EXIT
(
  cd "$scratch"
  npm pack --silent "code-server@$CS_VER" > /dev/null
  tar xzf code-server-*.tgz package/lib/vscode/npm-shrinkwrap.json
  rg_ver=$(node -e "const s=require('./package/lib/vscode/npm-shrinkwrap.json').packages; console.log((s['node_modules/@vscode/ripgrep']||{}).version||'')")
  [ -n "$rg_ver" ] || exit 0
  npm pack --silent "@vscode/ripgrep@$rg_ver" > /dev/null
  mkdir rgp && tar xzf vscode-ripgrep-*.tgz -C rgp
  tag=$(node -e "const m=/const VERSION = '([^']+)'/.exec(require('fs').readFileSync('rgp/package/lib/postinstall.js','utf8')); console.log(m?m[1]:'')")
  arch=$(uname -m); [ "$arch" = aarch64 ] || arch=x86_64
  cache="${TMPDIR:-/tmp}/vscode-ripgrep-cache-$rg_ver"
  mkdir -p "$cache" bin && cp "$(command -v rg)" bin/rg
  tar czf "$cache/ripgrep-$tag-$arch-unknown-linux-musl.tar.gz" -C bin rg
)

cd "$TOOLS"
[ -f package.json ] || echo '{ "name": "kubehex-e2e-tools", "private": true }' > package.json
# code-server's postinstall refuses root unless unsafe-perm is set; node-pty runs `npx node-gyp`, which
# needs npm_config_yes off a TTY.
npm_config_unsafe_perm=true npm_config_yes=true \
  npm install --no-audit --no-fund --loglevel=error "code-server@$CS_VER" "playwright-core@$PW_VER"
touch "$stamp"
echo "installed code-server $CS_VER and playwright-core $PW_VER in $TOOLS"

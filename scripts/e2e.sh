#!/usr/bin/env bash
# End-to-end tests of the VS Code extension in a real VS Code (code-server 4.100.3 = VS Code 1.100, with the
# workbench in headless Debian Chromium), offline apart from apt and the npm registry. test/e2e/README.md
# explains the parts.
#   1. installs the tools into .e2e-tools/ (cached; gitignored): Chromium (apt), code-server + playwright-core (npm)
#   2. builds, and packs the .vsix (scripts/package.mjs)
#   3. runs the mocha suite test/e2e/ inside code-server's extension host ("payload mode": the repo is loaded as
#      the development extension and VS Code calls out/test/e2e/index.js, as @vscode/test-electron would)
#   4. installs the .vsix and drives the UI with Playwright: squiggle, hover, scan tree, Ctrl+. fix, save
# Each suite test and the UI check count once. Last line: "N passed, N failed"; exit 1 if anything failed.
# Env: E2E_UPDATE_IMAGES=1 copies the screenshots into docs/images/ (the README's); SKIP_APT=1; SKIP_INSTALL=1.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
# the tools are cached on the machine, not in the checkout, so a clean clone in CI reuses them
tools="${KUBEHEX_E2E_TOOLS:-${XDG_CACHE_HOME:-$HOME/.cache}/kubehex/e2e-tools}"
state="$root/.e2e-state"
out="$root/out/e2e"
passed=0
failed=0
finish() {
  bash test/e2e/harness/code-server.sh stop "$state" > /dev/null 2>&1
  echo "$passed passed, $failed failed"
  [ "$failed" = 0 ]
  exit $?
}
trap finish EXIT
fail_setup() { echo "e2e setup failed: $1" >&2; failed=$((failed + 1)); exit 1; }

if [ "${SKIP_INSTALL:-0}" != 1 ]; then
  bash test/e2e/harness/install.sh "$tools" || fail_setup "tool install"
fi
export NODE_PATH="$tools/node_modules"   # playwright-core for the drivers

rm -rf "$out"; mkdir -p "$out"
vsix="$out/kubehex.vsix"
node scripts/package.mjs --out "$vsix" > "$out/package.log" 2>&1 || { cat "$out/package.log" >&2; fail_setup "build/package"; }
echo "vsix: $(stat -c %s "$vsix") bytes"

fresh_workspace() { rm -rf "$out/ws"; cp -r test/e2e/fixtures/ws "$out/ws"; }

# --- 3. the vscode-API suite inside the extension host --------------------------------------------------------
fresh_workspace
result="$out/host-tests.json"
E2E_RESULT_FILE="$result" bash test/e2e/harness/code-server.sh start "$tools" "$state" "$out/ws" || fail_setup "code-server start"
node test/e2e/harness/run-host-tests.cjs --url "$(cat "$state/url")" --folder "$out/ws" --extension "$root" \
  --tests "$root/out/test/e2e/index.js" --result "$result" --out "$out" > "$out/host-tests.log" 2>&1
rc=$?
grep -v '^\[host\]' "$out/host-tests.log"
if [ -f "$result" ]; then
  p=$(node -p "require('$result').passed.length"); f=$(node -p "require('$result').failed.length")
  passed=$((passed + p)); failed=$((failed + f))
  [ "$rc" = 0 ] || [ "$f" != 0 ] || failed=$((failed + 1))
  echo "activate(): $(node -p "require('$result').activateMs") ms; activation to first diagnostics: $(node -p "require('$result').activationToFirstDiagnosticsMs") ms"
else
  echo "the editor suite wrote no result (see $out/host-tests.log)"; failed=$((failed + 1))
fi
bash test/e2e/harness/code-server.sh stop "$state"

# --- 4. the UI, with the packaged .vsix installed -------------------------------------------------------------
fresh_workspace
bash test/e2e/harness/code-server.sh start "$tools" "$state" "$out/ws" "$vsix" || fail_setup "code-server start (vsix)"
if node test/e2e/harness/drive-ui.cjs --url "$(cat "$state/url")" --folder "$out/ws" --file deploy.yaml \
  --shots "$out/shots" --out "$out"; then
  passed=$((passed + 1))
  if [ "${E2E_UPDATE_IMAGES:-0}" = 1 ]; then mkdir -p docs/images && cp "$out"/shots/*.png docs/images/; fi
else
  failed=$((failed + 1))
fi
bash test/e2e/harness/code-server.sh stop "$state"

# --- 5. the posture report (kubehex report) in headless Chromium ----------------------------------------------
report_html="$out/report.html"
mkdir -p "$out/shots"
# (the page has no script and its CSP forbids any: what Chromium shows is what a reader without scripts sees)
chrome() { chromium --headless --no-sandbox --disable-gpu --hide-scrollbars "$@" 2> /dev/null; }
if (cd examples && node ../bin/kubehex.js report . --out "$report_html" > /dev/null) \
  && chrome --dump-dom "file://$report_html" > "$out/report-dom.html" \
  && grep -q 'aria-label="6C category by hexad goal heat map"' "$out/report-dom.html" \
  && chrome --window-size=1100,1500 --screenshot="$out/shots/report.png" "file://$report_html" && [ -s "$out/shots/report.png" ]; then
  passed=$((passed + 1))
  if [ "${E2E_UPDATE_IMAGES:-0}" = 1 ]; then mkdir -p docs/images && cp "$out/shots/report.png" docs/images/; fi
else
  echo "posture report: not rendered by Chromium (see $out/report-dom.html)"; failed=$((failed + 1))
fi

#!/usr/bin/env bash
# start TOOLS STATE WORKSPACE [EXTENSION_DIR]: starts code-server on a free 127.0.0.1 port with no auth, no
#   telemetry and a fresh profile under STATE (wiped first); writes STATE/{url,pid,server.log}. An extension
#   folder given is installed by copying it into the profile's extensions dir.
# stop STATE: stops that code-server by its recorded PID (extension hosts and language servers are its children).
# The environment is inherited by the extension host: that is how tests get E2E_RESULT_FILE.
set -euo pipefail
cmd=${1:?usage: code-server.sh start TOOLS STATE WORKSPACE [EXTENSION_DIR] | stop STATE}

if [ "$cmd" = stop ]; then
  state=${2:?STATE missing}
  pid=$(cat "$state/pid" 2>/dev/null) || exit 0
  if kill "$pid" 2>/dev/null; then
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
  fi
  rm -f "$state/pid"
  exit 0
fi

tools=$(cd "${2:?TOOLS missing}" && pwd)
state=${3:?STATE missing}
workspace=$(cd "${4:?WORKSPACE missing}" && pwd)
extension=${5:-}
cs="$tools/node_modules/.bin/code-server"
[ -x "$cs" ] || { echo "code-server missing in $tools (run test/e2e/harness/install.sh)" >&2; exit 1; }

rm -rf "$state"
mkdir -p "$state/user-data/User" "$state/extensions" "$state/xdg"
state=$(cd "$state" && pwd)
# code-server writes ~/.config/code-server and ~/.local/share/code-server unless told otherwise
export XDG_CONFIG_HOME="$state/xdg" XDG_DATA_HOME="$state/xdg"
# extension hosts create unix sockets in TMPDIR; keep them in STATE when the path is short enough
if [ ${#state} -le 50 ]; then mkdir -p "$state/tmp"; export TMPDIR="$state/tmp"; fi

# Quiet, deterministic workbench: no welcome page (it steals focus), no telemetry or update checks, no
# minimap/sticky scroll (they cover what the UI driver points at), no AI entries in the quick-fix menu.
cat > "$state/user-data/User/settings.json" <<'JSON'
{
  "workbench.startupEditor": "none",
  "workbench.welcomePage.walkthroughs.openOnInstall": false,
  "workbench.tips.enabled": false,
  "workbench.enableExperiments": false,
  "workbench.colorTheme": "Default Dark Modern",
  "workbench.secondarySideBar.defaultVisibility": "hidden",
  "telemetry.telemetryLevel": "off",
  "update.mode": "none",
  "extensions.autoUpdate": false,
  "extensions.autoCheckUpdates": false,
  "extensions.ignoreRecommendations": true,
  "security.workspace.trust.enabled": false,
  "git.enabled": false,
  "files.autoSave": "off",
  "editor.hover.delay": 150,
  "editor.stickyScroll.enabled": false,
  "editor.minimap.enabled": false,
  "chat.disableAIFeatures": true
}
JSON

common=(--config /dev/null --user-data-dir "$state/user-data" --extensions-dir "$state/extensions")
if [ -n "$extension" ]; then
  if [[ "$extension" == *.vsix ]]; then
    "$cs" "${common[@]}" --force --install-extension "$extension" > /dev/null
  else
    extension=$(cd "$extension" && pwd)
    id=$(node -p "const p=require('$extension/package.json'); p.publisher+'.'+p.name+'-'+p.version")
    cp -a "$extension" "$state/extensions/$id"
  fi
fi

port=$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
# started as a plain command (not in a && list) so that $! is code-server itself
"$cs" "${common[@]}" --bind-addr "127.0.0.1:$port" --auth none --disable-telemetry --disable-update-check \
  --disable-workspace-trust --disable-getting-started-override "$workspace" > "$state/server.log" 2>&1 < /dev/null &
pid=$!
echo "$pid" > "$state/pid"
echo "http://127.0.0.1:$port" > "$state/url"
for _ in $(seq 1 120); do
  if curl -fsS "http://127.0.0.1:$port/healthz" > /dev/null 2>&1; then echo "code-server $pid on http://127.0.0.1:$port"; exit 0; fi
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.5
done
echo "code-server did not start; log:" >&2; cat "$state/server.log" >&2
kill "$pid" 2>/dev/null || true
exit 1

#!/usr/bin/env bash
# Try Tandem on a fresh machine: installs, builds, packages the VSIX and opens a
# sample workspace with Tandem loaded. Uses VS Code, Cursor or VSCodium when one is on
# PATH; otherwise real VS Code in the browser (code-server, set up by
# scripts/setup-code-server.sh).
#
#   bash scripts/try.sh            # your editor, or code-server on http://127.0.0.1:8080
#   bash scripts/try.sh --browser  # force code-server
#   bash scripts/try.sh --demo     # no API key needed: a scripted fake model answers
#                                  # (a demo only; the product default is a real provider)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
browser=0 demo=0
for a in "$@"; do
  case "$a" in
    --browser) browser=1 ;;
    --demo) demo=1; browser=1 ;;
    *) echo "unknown option: $a" >&2; exit 2 ;;
  esac
done

[ -d node_modules ] || npm ci --no-audit --no-fund --ignore-scripts
npm run package

try="$root/.tandem-try"
ws="$try/workspace"
if [ ! -d "$ws" ]; then
  mkdir -p "$ws"
  cp -R test/e2e/fixtures/sample-workspace/. "$ws"/
  (cd "$ws" && git init -q && git add -A && git -c user.email=try@tandem.invalid -c user.name=try commit -qm 'sample workspace')
fi

if [ "$browser" = 0 ]; then
  for editor in code cursor codium; do
    if command -v "$editor" >/dev/null 2>&1; then
      "$editor" --install-extension dist/tandem.vsix --force
      exec "$editor" "$ws"
    fi
  done
fi

bash scripts/setup-code-server.sh
cs="${TANDEM_CODE_SERVER_DIR:-$HOME/.cache/tandem-e2e/code-server}/node_modules/code-server/out/node/entry.js"
ud="$try/user-data" ext="$try/extensions"
mkdir -p "$ud/User"
node "$cs" --extensions-dir "$ext" --user-data-dir "$ud" --install-extension "$root/dist/tandem.vsix" --force >/dev/null

settings='"security.workspace.trust.enabled": false, "workbench.startupEditor": "none"'
if [ "$demo" = 1 ]; then
  port_fake=${TANDEM_FAKE_PORT:-8799}
  node --import tsx test/fakes/fakeModelServer.ts --port "$port_fake" --rules test/fakes/demo-rules.json &
  trap 'kill $! 2>/dev/null || true' EXIT
  settings="$settings, \"tandem.provider\": \"custom\", \"tandem.baseUrl\": \"http://127.0.0.1:$port_fake/v1\", \"tandem.model\": \"demo\""
fi
echo "{ $settings }" > "$ud/User/settings.json"

port=${PORT:-8080}
url="http://127.0.0.1:$port/?folder=$ws"
echo
echo "Tandem is starting in VS Code (code-server): open $url"
echo "(Ctrl+C stops it.)"
(sleep 4; command -v xdg-open >/dev/null && xdg-open "$url" >/dev/null 2>&1 || true) &
node "$cs" --auth none --bind-addr "127.0.0.1:$port" --disable-telemetry \
  --user-data-dir "$ud" --extensions-dir "$ext" "$ws"

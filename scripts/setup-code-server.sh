#!/usr/bin/env bash
# Installs what the end-to-end tests need: Debian packages (Chromium, ripgrep, the
# headers code-server's native modules build against) and code-server 4.100.3 (VS Code
# 1.100, the last line that runs on Node 20) into a cache folder.
#
# Contract:
#   - idempotent and non-interactive (CI=true, no stdin, runs as root or with sudo-less
#     apt when packages are already present);
#   - installs into ${TANDEM_CODE_SERVER_DIR:-$HOME/.cache/tandem-e2e/code-server};
#   - prints the path of code-server's entry.js as the last line
#     (`CODE_SERVER_ENTRY=...`), which scripts/e2e.mjs also derives itself;
#   - fast when already done: a stamp file records the finished install.
#
# Why by hand: code-server's npm postinstall cannot run here as published (as root it
# needs --unsafe-perm, and @vscode/ripgrep downloads `rg` from GitHub, which these
# machines cannot reach). These are the steps of /work/shared/e2e-recipe.md.
set -euo pipefail
export CI=true
export DEBIAN_FRONTEND=noninteractive
exec </dev/null

VERSION=4.100.3
CS="${TANDEM_CODE_SERVER_DIR:-$HOME/.cache/tandem-e2e/code-server}"
STAMP="$CS/.tandem-setup-$VERSION.done"
ENTRY="$CS/node_modules/code-server/out/node/entry.js"

log() { printf '[setup-code-server] %s\n' "$*" >&2; }

# --- 1. Debian packages -------------------------------------------------------------
PKGS=(libkrb5-dev libxkbfile-dev libsecret-1-dev libx11-dev pkg-config ripgrep chromium)
missing=()
for p in "${PKGS[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done
if ((${#missing[@]})); then
  log "installing Debian packages: ${missing[*]}"
  SUDO=""
  if [ "$(id -u)" != 0 ]; then SUDO="sudo -n"; fi
  $SUDO apt-get update -q
  $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
else
  log "Debian packages present"
fi
command -v rg >/dev/null || { log "ripgrep (rg) missing after install"; exit 1; }
[ -x /usr/bin/chromium ] || { log "/usr/bin/chromium missing after install"; exit 1; }

# --- 2. code-server -----------------------------------------------------------------
if [ -f "$STAMP" ] && [ -f "$ENTRY" ]; then
  log "code-server $VERSION already set up in $CS"
  echo "CODE_SERVER_ENTRY=$ENTRY"
  exit 0
fi

log "installing code-server $VERSION into $CS"
mkdir -p "$CS"
cd "$CS"
[ -f package.json ] || npm init -y >/dev/null
npm install --no-audit --no-fund --ignore-scripts "code-server@$VERSION"

VS="$CS/node_modules/code-server/lib/vscode"
cd "$VS"
npm install --no-audit --no-fund --omit=dev --ignore-scripts --unsafe-perm
# @vscode/ripgrep's postinstall downloads rg from GitHub; it exits early when bin/ exists.
mkdir -p node_modules/@vscode/ripgrep/bin
ln -sf "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
# Builds node-pty & co. against Node 20 (node-pty calls `npx node-gyp`, hence yes=true).
npm_config_yes=true npm rebuild --unsafe-perm
ln -sfn node_modules node_modules.asar
(cd extensions && npm install --no-audit --no-fund --omit=dev --unsafe-perm)
(cd bin/remote-cli && ln -sf code-linux.sh code-server)
(cd bin/helpers && ln -sf browser-linux.sh browser.sh)

cd "$CS"
npm rebuild argon2 --unsafe-perm

# Smoke check: the server starts far enough to print its version.
node "$ENTRY" --version >/dev/null
date -u +%FT%TZ >"$STAMP"
log "done"
echo "CODE_SERVER_ENTRY=$ENTRY"

#!/usr/bin/env bash
# Installs code-server 4.100.3 (VS Code 1.100.3 as a server) with nothing but the npm registry and Debian's packages,
# for the in-editor tests. Usage: install-code-server.sh PREFIX   →   PREFIX/node_modules/.bin/code-server
# Needs (apt): ripgrep libkrb5-dev chromium, and g++ make python3 with Node's headers in /usr/include/node.
set -euo pipefail
PREFIX="${1:?usage: install-code-server.sh PREFIX}"
CS_VERSION=4.100.3
export npm_config_nodedir="${npm_config_nodedir:-/usr}"   # node-gyp builds against /usr/include/node: no header download

if [ -x "$PREFIX/node_modules/.bin/code-server" ] && [ -f "$PREFIX/.installed-$CS_VERSION" ]; then
  echo "code-server $CS_VERSION already in $PREFIX"; exit 0
fi
command -v rg >/dev/null || { echo "install-code-server: needs ripgrep (apt-get install -y ripgrep)" >&2; exit 1; }
mkdir -p "$PREFIX" && cd "$PREFIX"
[ -f package.json ] || echo '{"name":"treaty-editor-host","version":"1.0.0","private":true}' > package.json

# code-server without its postinstall, which would download ripgrep from GitHub.
npm install --ignore-scripts --no-audit --no-fund "code-server@$CS_VERSION"
CS="$PREFIX/node_modules/code-server"
# argon2 is loaded at start even with --auth none: build it from source instead of fetching a prebuilt binary.
( cd "$PREFIX/node_modules/argon2" && ../.bin/node-pre-gyp install --build-from-source --nodedir=/usr )

# VS Code's own dependencies (what code-server's postinstall does), again without download scripts.
cd "$CS/lib/vscode"
npm install --omit=dev --ignore-scripts --no-audit --no-fund
mkdir -p node_modules/@vscode/ripgrep/bin && cp "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
# Native modules built locally; node-pty's postinstall fails after pty.node is built, so the .node files are checked instead.
npm rebuild --foreground-scripts kerberos @parcel/watcher @vscode/deviceid @vscode/spdlog native-watchdog node-pty || true
for f in kerberos/build/Release/kerberos.node @vscode/spdlog/build/Release/spdlog.node @vscode/deviceid/build/Release/windows.node \
         native-watchdog/build/Release/watchdog.node node-pty/build/Release/pty.node @parcel/watcher-linux-x64-glibc/watcher.node; do
  [ -f "node_modules/$f" ] || { echo "install-code-server: native module node_modules/$f was not built" >&2; exit 1; }
done
ln -sfn node_modules node_modules.asar
( cd bin/remote-cli && ln -sfn code-linux.sh code-server )
( cd bin/helpers && ln -sfn browser-linux.sh browser.sh )
( cd extensions && npm install --omit=dev --no-audit --no-fund )
touch "$PREFIX/.installed-$CS_VERSION"
echo "code-server: $PREFIX/node_modules/.bin/code-server"

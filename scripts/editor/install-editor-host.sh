#!/usr/bin/env bash
# Everything the in-editor tests need on a fresh Debian machine: Debian packages, then code-server.
# Usage: install-editor-host.sh [PREFIX]   (default: .editor-host in the repository)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
PREFIX="${1:-$here/../../.editor-host}"
need=()
for p in chromium ripgrep libkrb5-dev neovim; do dpkg -s "$p" >/dev/null 2>&1 || need+=("$p"); done
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}"
fi
bash "$here/install-code-server.sh" "$PREFIX"

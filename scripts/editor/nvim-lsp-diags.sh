#!/usr/bin/env bash
# Opens a draft in headless Neovim with the README's Neovim configuration (the ```lua block under the **Neovim …** heading, with
# /path/to/treaty-drafter replaced by this repository) against `node server/out/server.js --stdio`, and prints the
# diagnostics Neovim received as one JSON line: { file, filetype, nvim, clients, timed_out, diagnostics[], hover? }.
#
# usage: scripts/editor/nvim-lsp-diags.sh FILE.treaty
#   LSP_HOVER=LINE:COL     also request textDocument/hover there (0-based) and print its result
#   NVIM_CONFIG=init.lua   use this configuration instead of the README's snippet
#   LSP_WAIT_MS, LSP_SETTLE_MS, LSP_TIMEOUT_S (default 60: the whole Neovim run)
# exit status: 0 when diagnostics arrived, 3 on a timeout or probe error, 2 on a usage error.
# Needs Neovim 0.7+ (Debian's `neovim`) and a built server (npm run build).
set -euo pipefail
if [ $# -ne 1 ]; then
  sed -n '2,11p' "$0" >&2
  exit 2
fi
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
file="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

config="${NVIM_CONFIG:-}"
if [ -z "$config" ]; then
  config="$tmp/init.lua"
  # The first ```lua block after the **Neovim …** heading of the README, the placeholder path filled in.
  awk -v root="$root" '
    /^\*\*Neovim[^*]*\*\*/ { seen = 1; next }
    seen && !inside && /^```lua/ { inside = 1; next }
    inside && /^```/ { exit }
    inside { gsub("/path/to/treaty-drafter", root); print }
  ' "$root/README.md" >"$config"
  if ! grep -q 'vim.lsp' "$config"; then
    echo "no Neovim configuration found in $root/README.md" >&2
    exit 2
  fi
fi

status=0
output="$(cd "$tmp" && XDG_CONFIG_HOME="$tmp/config" XDG_DATA_HOME="$tmp/data" XDG_STATE_HOME="$tmp/state" \
  XDG_CACHE_HOME="$tmp/cache" timeout -k 5 "${LSP_TIMEOUT_S:-60}" \
  nvim --headless -n -i NONE --cmd "luafile $here/nvim-lsp-diags.lua" -u "$config" "$file" </dev/null)" || status=$?
echo "$output"
if [ "$status" -ne 0 ]; then
  echo "nvim exited with $status" >&2
  exit 3
fi
case "$output" in *'"timed_out":false'* | *'"timed_out": false'*) exit 0 ;; *) exit 3 ;; esac

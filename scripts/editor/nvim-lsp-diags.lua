-- Headless Neovim probe for the Treaty Drafter language server, loaded with --cmd before the user configuration
-- (nvim-lsp-diags.sh passes the README's Neovim snippet as that configuration). It
--   1. gives Neovim 0.7 (Debian 12) the two functions of 0.8+ the README snippet uses, vim.lsp.start and
--      vim.fs.dirname, and turns on Lua filetype detection (opt-in on 0.7), so the snippet runs unchanged;
--   2. counts textDocument/publishDiagnostics for the opened buffer;
--   3. once the editor is up, waits until the diagnostics settle, optionally asks for a hover (LSP_HOVER=line:col,
--      0-based), prints one JSON line { file, filetype, nvim, clients, timed_out, diagnostics, hover? } and quits.
-- Environment: LSP_WAIT_MS (default 20000), LSP_SETTLE_MS (default 750), LSP_HOVER.
local function out(s)
  io.stdout:write(s .. '\n')
  io.stdout:flush()
end

-- 1. Neovim 0.7 compatibility: what the README snippet needs from 0.8+. 0.7 answers workspace/configuration from
--    `settings` but does not announce it, so a server that honours client capabilities never asks; 0.8 announces it.
if vim.fn.has('nvim-0.8') == 0 then
  vim.g.do_filetype_lua = 1
  vim.g.did_load_filetypes = 0
end
if not vim.fs then
  vim.fs = { dirname = function(p) return p and vim.fn.fnamemodify(p, ':h') or nil end }
end
if not vim.lsp.start then
  -- The documented behaviour of 0.8's vim.lsp.start: reuse a client of the same name and root, else start one,
  -- and attach it to the current buffer.
  vim.lsp.start = function(config, opts)
    local bufnr = (opts and opts.bufnr) or vim.api.nvim_get_current_buf()
    for _, client in pairs(vim.lsp.get_active_clients()) do
      if client.name == config.name and client.config.root_dir == config.root_dir then
        vim.lsp.buf_attach_client(bufnr, client.id)
        return client.id
      end
    end
    config.capabilities = config.capabilities or vim.lsp.protocol.make_client_capabilities()
    config.capabilities.workspace = config.capabilities.workspace or {}
    config.capabilities.workspace.configuration = true
    local id = vim.lsp.start_client(config)
    if id then vim.lsp.buf_attach_client(bufnr, id) end
    return id
  end
end

-- 2. Count the diagnostics published for any buffer (the default handler still stores them).
local last_publish, publishes = 0, 0
local default_publish = vim.lsp.handlers['textDocument/publishDiagnostics']
vim.lsp.handlers['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
  default_publish(err, result, ctx, config)
  publishes = publishes + 1
  last_publish = vim.loop.now()
end

local function clients_of(bufnr)
  if vim.lsp.get_clients then return vim.lsp.get_clients({ bufnr = bufnr }) end
  return vim.tbl_values(vim.lsp.buf_get_clients(bufnr))
end

local function code_of(d)
  if d.code ~= nil then return d.code end
  local lsp = d.user_data and d.user_data.lsp
  return lsp and lsp.code or vim.NIL
end

-- 3. The probe, once the file is loaded and the configuration's FileType autocommand has run.
local function probe()
  local bufnr = vim.api.nvim_get_current_buf()
  local wait_ms = tonumber(os.getenv('LSP_WAIT_MS') or '20000')
  local settle_ms = tonumber(os.getenv('LSP_SETTLE_MS') or '750')
  local ok = vim.wait(wait_ms, function()
    return publishes > 0 and (vim.loop.now() - last_publish) >= settle_ms
  end, 50)

  local diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(diagnostics, {
      lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
      severity = d.severity, message = d.message, source = d.source or vim.NIL, code = code_of(d),
    })
  end
  table.sort(diagnostics, function(a, b)
    if a.lnum ~= b.lnum then return a.lnum < b.lnum end
    return a.col < b.col
  end)

  local names = {}
  for _, client in ipairs(clients_of(bufnr)) do table.insert(names, client.name) end
  local version = vim.version()
  local result = {
    file = vim.api.nvim_buf_get_name(bufnr),
    filetype = vim.bo[bufnr].filetype,
    nvim = string.format('%d.%d.%d', version.major, version.minor, version.patch),
    clients = names,
    publishes = publishes,
    timed_out = not ok,
    diagnostics = diagnostics,
  }

  local hover = os.getenv('LSP_HOVER')
  if hover and #names > 0 then
    local line, col = hover:match('(%d+):(%d+)')
    local responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/hover', {
      textDocument = { uri = vim.uri_from_bufnr(bufnr) },
      position = { line = tonumber(line), character = tonumber(col) },
    }, 5000)
    result.hover = vim.NIL
    for _, response in pairs(responses or {}) do
      if response.result then result.hover = response.result end
    end
  end

  out(vim.fn.json_encode(result))
  for _, client in ipairs(clients_of(bufnr)) do client.stop(true) end
  vim.cmd('qa!')
end

vim.api.nvim_create_autocmd('VimEnter', {
  once = true,
  callback = function()
    -- Let the FileType autocommand's client start before waiting (errors end the run with a JSON line, not a hang).
    vim.schedule(function()
      local ok, err = pcall(probe)
      if not ok then
        out(vim.fn.json_encode({ error = tostring(err), timed_out = true }))
        vim.cmd('qa!')
      end
    end)
  end,
})

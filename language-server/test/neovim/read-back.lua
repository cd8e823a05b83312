-- Run by neovim.test.ts after the Neovim set-up of docs/language-server.md (sourced verbatim), with SHIFTWISE_*
-- variables set. Opens each file of SHIFTWISE_FILES (colon-separated) as a user would, so the set-up's autocmds
-- start or reuse the server, waits until Neovim shows each file's code lenses (what the set-up's refresh asks
-- for), and writes what Neovim holds as JSON: per file its diagnostics and lens titles, and the LSP clients.
-- Exits 0 when every file got its lenses, 1 on a timeout (the JSON then says which file).
local files = vim.split(os.getenv('SHIFTWISE_FILES'), ':', { plain = true })
local out = os.getenv('SHIFTWISE_OUT')

local function finish(code, result)
  local handle = io.open(out, 'w')
  handle:write(vim.fn.json_encode(result))
  handle:close()
  vim.cmd(code == 0 and 'qall!' or ('cquit! ' .. code))
end

local buffers = {}
for _, file in ipairs(files) do
  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  table.insert(buffers, vim.api.nvim_get_current_buf())
end

local result = { files = {}, clients = {} }
for i, bufnr in ipairs(buffers) do
  vim.cmd('buffer ' .. bufnr)
  local shown = vim.wait(30000, function()
    return #vim.lsp.codelens.get(bufnr) > 0
  end, 20)
  if not shown then
    finish(1, { error = 'no code lens within 30 s on ' .. files[i] })
    return
  end
  -- A file without findings has no diagnostics to wait for; one with findings has them by now or very soon.
  vim.wait(2000, function()
    return #vim.diagnostic.get(bufnr) > 0
  end, 20)
  local diagnostics, lenses = {}, {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    local lsp = (d.user_data or {}).lsp or {}
    table.insert(diagnostics, {
      lnum = d.lnum,
      col = d.col,
      end_lnum = d.end_lnum,
      end_col = d.end_col,
      message = d.message,
      code = d.code or lsp.code,
    })
  end
  for _, lens in ipairs(vim.lsp.codelens.get(bufnr)) do
    table.insert(lenses, lens.command and lens.command.title or '')
  end
  result.files[i] = { diagnostics = diagnostics, lenses = lenses }
end
local clients = vim.lsp.get_clients and vim.lsp.get_clients() or vim.lsp.get_active_clients()
for _, client in pairs(clients) do
  table.insert(result.clients, { name = client.name, root_dir = client.config.root_dir })
end
finish(0, result)

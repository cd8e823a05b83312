-- Run by neovim.test.ts: `nvim --headless --clean -l`-style, with SHIFTWISE_* variables set.
-- Starts the Shiftwise server through Neovim's own LSP client (vim.lsp), opens the rollout file, waits for its
-- diagnostics and the code lens, and writes what Neovim holds as JSON; exits 0 on success, 1 on a timeout.
local file = os.getenv('SHIFTWISE_FILE')
local out = os.getenv('SHIFTWISE_OUT')
vim.cmd('edit ' .. vim.fn.fnameescape(file))
local bufnr = vim.api.nvim_get_current_buf()
local client_id = vim.lsp.start_client({
  name = 'shiftwise',
  cmd = { os.getenv('SHIFTWISE_NODE'), os.getenv('SHIFTWISE_SERVER'), '--stdio' },
  root_dir = vim.fn.fnamemodify(file, ':h'),
  init_options = { capacity = 4 },
})
vim.lsp.buf_attach_client(bufnr, client_id)

local function finish(code, result)
  local handle = io.open(out, 'w')
  handle:write(vim.fn.json_encode(result))
  handle:close()
  vim.cmd((code == 0 and 'qall!' or 'cquit! ' .. code))
end

local got = vim.wait(30000, function()
  return #vim.diagnostic.get(bufnr) > 0
end, 20)
if not got then
  finish(1, { error = 'no diagnostics within 30 s' })
  return
end

local diagnostics = {}
for _, d in ipairs(vim.diagnostic.get(bufnr)) do
  local lsp = (d.user_data or {}).lsp or {}
  table.insert(diagnostics, {
    lnum = d.lnum,
    col = d.col,
    end_lnum = d.end_lnum,
    end_col = d.end_col,
    severity = d.severity,
    message = d.message,
    code = d.code or lsp.code,
  })
end

local lenses = {}
local responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeLens', {
  textDocument = vim.lsp.util.make_text_document_params(),
}, 10000) or {}
for _, response in pairs(responses) do
  for _, lens in ipairs(response.result or {}) do
    table.insert(lenses, lens.command and lens.command.title or '')
  end
end

finish(0, { diagnostics = diagnostics, lenses = lenses, client = vim.lsp.get_client_by_id(client_id).name })

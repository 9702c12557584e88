-- Attaches Neovim's built-in LSP client (0.7+) to the TensorLint server headless and prints
-- what it reads back. Driven by test/lsp/neovim.test.ts through environment variables:
--   TL_CMD  JSON array: the server command line
--   TL_FILE the Python file to open
--   TL_ROOT the workspace root
local cmd = vim.fn.json_decode(os.getenv('TL_CMD'))
local file = os.getenv('TL_FILE')
local root = os.getenv('TL_ROOT')

local function say(line)
  io.stdout:write(line .. '\n')
end

local function fail(message)
  say('FAIL ' .. message)
  vim.cmd('cquit 1')
end

vim.cmd('edit ' .. vim.fn.fnameescape(file))
local bufnr = vim.api.nvim_get_current_buf()
-- -u NONE turns filetype detection off; the languageId sent in didOpen is the filetype.
vim.api.nvim_buf_set_option(bufnr, 'filetype', 'python')
local uri = vim.uri_from_bufnr(bufnr)

local diagnostics = nil
local client_id = vim.lsp.start_client({
  name = 'tensorlint',
  cmd = cmd,
  root_dir = root,
  settings = { tensorlint = { inlayHints = { shapes = true } } },
  handlers = {
    ['textDocument/publishDiagnostics'] = function(_, result)
      if result and result.uri == uri and #result.diagnostics > 0 then
        diagnostics = result.diagnostics
      end
    end,
  },
})
if not client_id then
  fail('start_client returned nil')
end
vim.lsp.buf_attach_client(bufnr, client_id)

-- Wait until the analysis has published its diagnostics (a syntax error and a finding).
if not vim.wait(15000, function() return diagnostics ~= nil and #diagnostics >= 2 end, 20) then
  fail('no diagnostics within 15 s: ' .. vim.inspect(diagnostics))
end
local with_fixes = nil
for _, d in ipairs(diagnostics) do
  say(string.format('DIAG %s %s %d:%d %s', d.source, d.code, d.range.start.line, d.range.start.character, d.message:gsub('\n', ' ')))
  if d.data and d.data.fixes and not with_fixes then
    with_fixes = d
  end
end

local client = vim.lsp.get_client_by_id(client_id)
local hover, hover_err = client.request_sync('textDocument/hover', {
  textDocument = { uri = uri },
  position = { line = 2, character = 1 },
}, 5000, bufnr)
if not hover or hover.err then
  fail('hover failed: ' .. vim.inspect(hover_err or (hover and hover.err)))
end
if hover.result == nil or hover.result == vim.NIL then
  say('HOVER null')
else
  say('HOVER ' .. hover.result.contents.kind .. ' ' .. hover.result.contents.value:gsub('\n', '\\n'))
end

if with_fixes then
  local actions = client.request_sync('textDocument/codeAction', {
    textDocument = { uri = uri },
    range = with_fixes.range,
    context = { diagnostics = { with_fixes }, only = { 'quickfix' } },
  }, 5000, bufnr)
  if not actions or actions.err then
    fail('codeAction failed')
  end
  local preferred = nil
  for _, action in ipairs(actions.result or {}) do
    say('ACTION ' .. action.title .. (action.isPreferred and ' [preferred]' or ''))
    if action.isPreferred then
      preferred = action
    end
  end
  if preferred then
    vim.lsp.util.apply_workspace_edit(preferred.edit, 'utf-16')
    local line = vim.api.nvim_buf_get_lines(bufnr, with_fixes.range.start.line, with_fixes.range.start.line + 1, false)[1]
    say('APPLIED ' .. line)
  end
end

local lenses = client.request_sync('textDocument/codeLens', { textDocument = { uri = uri } }, 5000, bufnr)
if not lenses or lenses.err then
  fail('codeLens failed')
end
for _, lens in ipairs(lenses.result or {}) do
  say(string.format('LENS %d %s %s', lens.range.start.line, lens.command.command, vim.fn.json_encode(lens.command.arguments)))
end

local run = client.request_sync('workspace/executeCommand', {
  command = 'tensorlint.runCell',
  arguments = { uri, 1 },
}, 10000, bufnr)
if not run or run.err then
  fail('runCell failed: ' .. vim.inspect(run and run.err))
end
say('RUN ' .. #run.result.entries)

client.stop()
vim.wait(2000, function() return client.is_stopped() end, 20)
say('DONE')
vim.cmd('qall!')

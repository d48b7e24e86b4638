"""Neovim, headless, as a real LSP client of `copydesk serve`.

A minimal init.lua starts the server with vim.lsp.start_client and vim.lsp.buf_attach_client
(Neovim 0.7, Debian 12's, has no vim.lsp.start), opens drafts, waits for diagnostics, edits one
word through Neovim's own incremental sync, and writes vim.diagnostic.get() to JSON.
Neovim reports columns in bytes, so every UTF-16 position the server sends is checked through
Neovim's conversion: an emoji or CJK character miscounted would shift the columns.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("pygls", reason="the lsp extra (pygls) is not installed")

from lint.engine.linter import Linter  # noqa: E402
from lint.text.source import LineIndex  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
SEED = next(p for p in (REPO / "seeds" / "ukraine-peace-talks.txt",
                        REPO.parent / "shared" / "seeds" / "ukraine-peace-talks.txt") if p.exists())
NVIM = shutil.which("nvim")

INIT_LUA = r"""
-- Minimal Neovim set-up for copydesk, Neovim 0.7 style (vim.lsp.start_client).
local cmd = vim.fn.json_decode(vim.env.COPYDESK_CMD)
local drafts = vim.fn.json_decode(vim.env.COPYDESK_DRAFTS)
local out = {}
local log = {}

local client_id = vim.lsp.start_client({
  name = "copydesk",
  cmd = cmd,
  root_dir = vim.env.COPYDESK_ROOT,
  handlers = {
    ["window/logMessage"] = function(_, result) table.insert(log, result.message) end,
  },
})

local function snapshot(bufnr)
  local items = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(items, {
      code = d.code, lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
      severity = d.severity, source = d.source, message = d.message,
    })
  end
  return items
end

local function wait_for(bufnr, test)
  return vim.wait(30000, function() return test(vim.diagnostic.get(bufnr)) end, 20)
end

vim.api.nvim_create_autocmd("VimEnter", { callback = function()
  for _, path in ipairs(drafts) do
    vim.cmd("edit " .. vim.fn.fnameescape(path))
    local bufnr = vim.api.nvim_get_current_buf()
    vim.lsp.buf_attach_client(bufnr, client_id)
    local entry = { path = path }
    entry.opened = wait_for(bufnr, function(ds) return #ds > 0 end)
    entry.diagnostics = snapshot(bufnr)
    -- One word changed in Neovim, sent as an incremental didChange.
    vim.cmd("silent! %s/touted/said/")
    entry.edited = wait_for(bufnr, function(ds)
      for _, d in ipairs(ds) do if d.code == "ATT006" then return false end end
      return #ds > 0
    end)
    entry.after_edit = snapshot(bufnr)
    entry.text = table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), "\n")
    if vim.api.nvim_buf_get_option(bufnr, "eol") then entry.text = entry.text .. "\n" end
    table.insert(out, entry)
  end
  out = { drafts = out, log = log }
  vim.fn.writefile({ vim.fn.json_encode(out) }, vim.env.COPYDESK_OUT)
  vim.lsp.stop_client(client_id)
  vim.wait(3000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 20)
  vim.cmd("qall!")
end })
"""

EMOJI_MD = """# Talks 😀 in 北京

The president 🙂🇺🇦 touted the 中文 agreement, and experts say it could collapse.

Officials said the café\u0301 deal would cost $50 billion.
"""


def _server_command() -> list[str]:
    script = Path(sys.executable).with_name("copydesk")
    if script.is_file():
        return [str(script), "serve"]
    return [sys.executable, "-m", "lint", "serve"]


def _byte_positions(text: str, path: str) -> list[tuple]:
    """The engine's diagnostics as Neovim shows them: 0-based line, byte column."""
    lines = LineIndex.of(text)

    def pos(offset: int) -> tuple[int, int]:
        line, col = lines.position(offset)
        start = lines.starts[line - 1]
        return line - 1, len(text[start:start + col - 1].encode("utf-8"))

    return sorted((d.code, *pos(d.start), *pos(d.end)) for d in Linter().check_text(text, path))


def _shape(items: list[dict]) -> list[tuple]:
    return sorted((d["code"], d["lnum"], d["col"], d["end_lnum"], d["end_col"]) for d in items)


@pytest.mark.skipif(NVIM is None, reason="Neovim (nvim) is not installed: apt-get install neovim")
def test_neovim_shows_copydesk_diagnostics(tmp_path: Path) -> None:
    seed = tmp_path / "ukraine-peace-talks.txt"
    seed.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    emoji = tmp_path / "talks.md"
    emoji.write_text(EMOJI_MD, encoding="utf-8")
    init = tmp_path / "init.lua"
    init.write_text(INIT_LUA, encoding="utf-8")
    out = tmp_path / "diagnostics.json"
    home = tmp_path / "home"
    env = {
        **os.environ,
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"), "XDG_DATA_HOME": str(home / ".local/share"),
        "XDG_STATE_HOME": str(home / ".local/state"), "XDG_CACHE_HOME": str(home / ".cache"),
        "PYTHONPATH": str(REPO),
        "COPYDESK_CMD": json.dumps(_server_command()),
        "COPYDESK_DRAFTS": json.dumps([str(seed), str(emoji)]),
        "COPYDESK_ROOT": str(tmp_path),
        "COPYDESK_OUT": str(out),
    }
    run = subprocess.run([NVIM, "--headless", "-n", "-i", "NONE", "-u", str(init)],
                         env=env, cwd=tmp_path, capture_output=True, text=True, timeout=180)
    assert out.exists(), f"nvim wrote no diagnostics (exit {run.returncode}): {run.stderr[-2000:]}"
    result = json.loads(out.read_text(encoding="utf-8"))
    drafts = {Path(d["path"]).name: d for d in result["drafts"]}

    for path in (seed, emoji):
        draft = drafts[path.name]
        assert draft["opened"], f"{path.name}: no diagnostics arrived; log: {result['log']}"
        text = path.read_text(encoding="utf-8")
        assert _shape(draft["diagnostics"]) == _byte_positions(text, str(path))
        assert {d["source"] for d in draft["diagnostics"]} == {"copydesk"}
        assert any(d["code"] == "ATT006" for d in draft["diagnostics"])
        # After Neovim's own edit: the flag is gone and the rest sit where the engine puts them.
        assert draft["edited"], f"{path.name}: the edit was not re-linted; log: {result['log']}"
        assert draft["text"] == text.replace("touted", "said")
        assert _shape(draft["after_edit"]) == _byte_positions(draft["text"], str(path))

    codes = {d["code"] for d in drafts[seed.name]["diagnostics"]}
    assert {"ATT001", "ATT003", "ATT006", "HDG001", "OPN001", "OPN004"} <= codes
    # On the emoji line, the loaded verb starts after 3 emoji (4 UTF-16 units each pair) in bytes.
    line = EMOJI_MD.splitlines()[2]
    att006 = next(d for d in drafts[emoji.name]["diagnostics"] if d["code"] == "ATT006")
    assert (att006["lnum"], att006["col"]) == (2, len(line[:line.index("touted")].encode("utf-8")))

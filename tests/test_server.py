"""End-to-end tests of `copydesk serve`: a real LSP client (pytest-lsp, on pygls) drives the
server as a subprocess over stdio, as an editor does."""
from __future__ import annotations

import asyncio
import json
import os
import re
import subprocess
import sys
import textwrap
from concurrent.futures import Future
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, AsyncIterator

import pytest

pytest.importorskip("pygls", reason="the lsp extra (pygls) is not installed")
pytest_lsp = pytest.importorskip("pytest_lsp", reason="pytest-lsp is not installed")

from lsprotocol import types  # noqa: E402
from pygls.exceptions import JsonRpcException  # noqa: E402
from pygls.protocol import default_converter  # noqa: E402
from pytest_lsp import LanguageClient, client_capabilities  # noqa: E402
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features  # noqa: E402

from lint.engine.linter import Linter  # noqa: E402
from lint.text.source import LineIndex  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
SEED = next(p for p in (REPO / "seeds" / "ukraine-peace-talks.txt",
                        REPO.parent / "shared" / "seeds" / "ukraine-peace-talks.txt") if p.exists())
TIMEOUT = 20.0  # seconds for one publish: generous, a cold server imports pygls and nltk first


def _server_command() -> list[str]:
    """`copydesk serve` when the installed script runs this checkout, else `python -m lint serve`."""
    script = Path(sys.executable).with_name("copydesk")
    if script.is_file():
        probe = subprocess.run([sys.executable, "-c", "import lint; print(lint.__file__)"],
                               capture_output=True, text=True, cwd="/", env=_env(python_path=False))
        if probe.returncode == 0 and Path(probe.stdout.strip()).resolve().is_relative_to(REPO):
            return [str(script), "serve"]
    return [sys.executable, "-m", "lint", "serve"]


def _env(extra_path: Path | None = None, python_path: bool = True) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    paths = [str(extra_path)] if extra_path else []
    if python_path:
        paths.append(str(REPO))
    if paths:
        env["PYTHONPATH"] = os.pathsep.join(paths)
    return env


SERVER = _server_command()


# --- client plumbing ---------------------------------------------------------------------


def _client() -> LanguageClient:
    """pytest-lsp's client, also keeping every publishDiagnostics in order (for debounce)."""
    client = LanguageClient(converter_factory=default_converter)
    client.published = []  # type: ignore[attr-defined]

    def publish(ls: LanguageClient, params: types.PublishDiagnosticsParams) -> None:
        ls.diagnostics[params.uri] = params.diagnostics
        ls.published.append(params)  # type: ignore[attr-defined]

    register_lsp_features(client, {**DEFAULT_CLIENT_FEATURES, types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS: publish})
    return client


@asynccontextmanager
async def session(root: Path, *, init: Any = None, encodings: list[str] | None = None,
                  extra_path: Path | None = None) -> AsyncIterator[tuple[LanguageClient, types.InitializeResult]]:
    client = _client()
    await client.start_io(*SERVER, env=_env(extra_path), cwd=str(root))
    caps = client_capabilities("visual-studio-code")
    if encodings is not None:
        caps.general = types.GeneralClientCapabilities(position_encodings=encodings)
    try:
        result = await asyncio.wait_for(client.initialize_session(types.InitializeParams(
            capabilities=caps, root_uri=root.as_uri(), initialization_options=init)), TIMEOUT)
        yield client, result
    finally:
        # shutdown + exit, as an editor closes; a server that does not go is killed, so that a
        # failing test reports its failure instead of waiting for the process forever.
        try:
            await asyncio.wait_for(client.shutdown_session(), TIMEOUT)
        except Exception:
            pass
        process = client._server
        if process is not None and process.returncode is None:
            process.kill()
        await asyncio.wait_for(client.stop(), TIMEOUT)


async def published(client: LanguageClient, uri: str, *, after: int = 0,
                    version: int | None = None) -> types.PublishDiagnosticsParams:
    """The first publishDiagnostics for uri (and version) at or after index `after`."""
    deadline = asyncio.get_running_loop().time() + TIMEOUT
    while True:
        for params in client.published[after:]:  # type: ignore[attr-defined]
            if params.uri == uri and (version is None or params.version == version):
                return params
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"no diagnostics for {uri} version {version}; log: {_log(client)}")
        await asyncio.sleep(0.005)


def _log(client: LanguageClient) -> str:
    return "\n".join(m.message for m in client.log_messages)


def open_doc(client: LanguageClient, path: Path, text: str, language: str = "plaintext") -> str:
    uri = path.as_uri()
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        types.TextDocumentItem(uri=uri, language_id=language, version=1, text=text)))
    return uri


def change(client: LanguageClient, uri: str, version: int, rng: types.Range | None, text: str) -> None:
    event: Any = (types.TextDocumentContentChangePartial(range=rng, text=text) if rng is not None
                  else types.TextDocumentContentChangeWholeDocument(text=text))
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
        content_changes=[event]))


def shape(diagnostics: list[Any]) -> list[tuple]:
    """(code, start line, start char, end line, end char), from lsprotocol objects or JSON."""
    out = []
    for d in diagnostics:
        if isinstance(d, dict):
            r = d["range"]
            out.append((d["code"], r["start"]["line"], r["start"]["character"],
                        r["end"]["line"], r["end"]["character"]))
        else:
            r = d.range
            out.append((d.code, r.start.line, r.start.character, r.end.line, r.end.character))
    return sorted(out)


# --- what the diagnostics should be, found without the server ------------------------------


def cli_lsp(path: Path) -> list[dict]:
    """`copydesk check --format lsp` on one file: its LSP diagnostics."""
    run = subprocess.run([sys.executable, "-m", "lint", "check", "--format", "lsp", str(path)],
                         capture_output=True, text=True, env=_env(), cwd=str(path.parent), timeout=120)
    assert run.returncode in (0, 1), run.stderr
    items = json.loads(run.stdout)
    items = items if isinstance(items, list) else [items]
    (item,) = [i for i in items if i["uri"] == path.resolve().as_uri()]
    return item["diagnostics"]


def expected(text: str, path: str, encoding: str = "utf-16") -> list[tuple]:
    """The engine's diagnostics with positions counted independently of lint/positions.py."""
    codec, width = {"utf-16": ("utf-16-le", 2), "utf-8": ("utf-8", 1), "utf-32": ("utf-32-le", 4)}[encoding]
    lines = LineIndex.of(text)

    def pos(offset: int) -> tuple[int, int]:
        line, col = lines.position(offset)
        start = lines.starts[line - 1]
        return line - 1, len(text[start:start + col - 1].encode(codec)) // width

    return sorted((d.code, *pos(d.start), *pos(d.end)) for d in Linter().check_text(text, path))


def span_of(text: str, word: str, nth: int = 0) -> types.Range:
    """The UTF-16 range of the nth occurrence of an ASCII-only line's word (test helper)."""
    index = -1
    for _ in range(nth + 1):
        index = text.index(word, index + 1)
    lines = LineIndex.of(text)
    line, col = lines.position(index)
    start = lines.starts[line - 1]
    char = len(text[start:index].encode("utf-16-le")) // 2
    return types.Range(types.Position(line - 1, char), types.Position(line - 1, char + len(word)))


async def raw_request(client: LanguageClient, method: str, params: Any) -> Any:
    """Send a request as raw JSON: the client library would refuse to serialise bad params.

    Uses two private pygls attributes: the pending-request table and the raw sender.
    """
    future: Future = Future()
    msg_id = f"raw-{id(future)}"
    client.protocol._request_futures[msg_id] = future
    client.protocol._send_data({"jsonrpc": "2.0", "id": msg_id, "method": method, "params": params})
    return await asyncio.wrap_future(future)


def apply_edit(text: str, edit: types.TextEdit) -> str:
    lines = LineIndex.of(text)

    def offset(p: types.Position) -> int:
        start = lines.starts[p.line]
        units = 0
        i = start
        while units < p.character:
            units += 2 if ord(text[i]) > 0xFFFF else 1
            i += 1
        return i

    return text[:offset(edit.range.start)] + edit.new_text + text[offset(edit.range.end):]


# --- the tests ---------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_seed_matches_cli_then_an_edit_moves_the_diagnostics(tmp_path: Path) -> None:
    draft = tmp_path / "ukraine-peace-talks.txt"
    text = SEED.read_text(encoding="utf-8")
    draft.write_text(text, encoding="utf-8")
    async with session(tmp_path) as (client, _):
        uri = open_doc(client, draft, text)
        first = await published(client, uri, version=1)
        cli = cli_lsp(draft)
        assert shape(first.diagnostics) == shape(cli)
        assert any(d.code == "ATT006" for d in first.diagnostics)
        assert {d.source for d in first.diagnostics} == {"copydesk"}

        # One word longer, before "touted" on the same line: everything after it moves right.
        rng = span_of(text, "remarks come")
        rng.end.character = rng.start.character + len("remarks")
        change(client, uri, 2, rng, "statements")
        edited = text.replace("remarks come", "statements come", 1)
        second = await published(client, uri, after=1, version=2)
        draft.write_text(edited, encoding="utf-8")
        assert shape(second.diagnostics) == shape(cli_lsp(draft))
        old = next(d for d in first.diagnostics if d.code == "ATT006").range
        new = next(d for d in second.diagnostics if d.code == "ATT006").range
        assert (new.start.line, new.start.character) == (old.start.line, old.start.character + 3)
        unchanged = [s for s in shape(first.diagnostics) if s[1] != old.start.line]
        assert unchanged == [s for s in shape(second.diagnostics) if s[1] != old.start.line]

        # Replace the loaded verb: its diagnostic goes.
        change(client, uri, 3, span_of(edited, "touted"), "said")
        third = await published(client, uri, after=2, version=3)
        assert not any(d.code == "ATT006" for d in third.diagnostics)
        assert shape(third.diagnostics) == expected(edited.replace("touted", "said", 1), str(draft))

        client.text_document_did_close(types.DidCloseTextDocumentParams(types.TextDocumentIdentifier(uri)))
        closed = await published(client, uri, after=3)
        assert list(closed.diagnostics) == []


@pytest.mark.asyncio
async def test_hover_and_quick_fixes_say_what_the_rule_says(tmp_path: Path) -> None:
    rule = Linter().by_code["ATT006"]
    text = SEED.read_text(encoding="utf-8")
    markdown = "# Deal\n\nThe president touted the mineral agreement at the summit.\n"
    async with session(tmp_path) as (client, _):
        uri = open_doc(client, tmp_path / "seed.txt", text)
        diags = (await published(client, uri, version=1)).diagnostics
        att006 = next(d for d in diags if d.code == "ATT006")

        hover = await client.text_document_hover_async(types.HoverParams(
            types.TextDocumentIdentifier(uri), att006.range.start))
        assert hover is not None and hover.contents.kind == types.MarkupKind.Markdown
        body = hover.contents.value
        for part in ("ATT006", rule.name, att006.message, rule.docs.why, rule.help):
            assert part in body
        assert hover.range == att006.range
        # Away from any flag there is nothing to say.
        assert await client.text_document_hover_async(types.HoverParams(
            types.TextDocumentIdentifier(uri), types.Position(0, 0))) is None

        actions = await client.text_document_code_action_async(types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri), range=att006.range,
            context=types.CodeActionContext(diagnostics=[att006])))
        (fix,) = [a for a in actions if a.diagnostics and a.diagnostics[0].code == "ATT006"]
        assert fix.kind == types.CodeActionKind.QuickFix
        (edit,) = fix.edit.changes[uri]
        assert edit.new_text == "said" and edit.range == att006.range
        # Plain text gets no suppression comment: it could end up in print.
        assert not any("Suppress" in a.title for a in actions)

        md_uri = open_doc(client, tmp_path / "deal.md", markdown, "markdown")
        md_diags = (await published(client, md_uri, version=1)).diagnostics
        flagged = next(d for d in md_diags if d.code == "ATT006")
        actions = await client.text_document_code_action_async(types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(md_uri), range=flagged.range,
            context=types.CodeActionContext(diagnostics=[flagged],
                                            only=[types.CodeActionKind.QuickFix])))
        titles = [a.title for a in actions if a.diagnostics[0].code == "ATT006"]
        assert len(titles) == 2, titles
        suppress = next(a for a in actions if a.title.startswith("Suppress ATT006"))
        (edit,) = suppress.edit.changes[md_uri]
        assert edit.new_text.strip() == "<!-- copydesk-disable-next-line ATT006 -->"
        fixed = apply_edit(markdown, edit)
        change(client, md_uri, 2, None, fixed)
        after = await published(client, md_uri, version=2)
        assert not any(d.code in ("ATT006", "CPD003") for d in after.diagnostics)
        assert shape(after.diagnostics) == expected(fixed, str(tmp_path / "deal.md"))


@pytest.mark.asyncio
async def test_suppression_inside_a_wrapped_paragraph_keeps_it_whole(tmp_path: Path) -> None:
    markdown = "# Deal\n\nThe talks ran late into the night.\nThe president touted the mineral agreement.\n"
    async with session(tmp_path) as (client, _):
        uri = open_doc(client, tmp_path / "deal.md", markdown, "markdown")
        flagged = next(d for d in (await published(client, uri, version=1)).diagnostics if d.code == "ATT006")
        actions = await client.text_document_code_action_async(types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri), range=flagged.range,
            context=types.CodeActionContext(diagnostics=[flagged])))
        (edit,) = next(a for a in actions if a.title.startswith("Suppress")).edit.changes[uri]
        fixed = apply_edit(markdown, edit)
        # An inline comment at the end of the previous line: no blank-line split of the paragraph.
        assert fixed.splitlines()[2] == "The talks ran late into the night. <!-- copydesk-disable-next-line ATT006 -->"
        assert not any(d.code == "ATT006" for d in Linter().check_text(fixed, "deal.md"))


@pytest.mark.asyncio
@pytest.mark.parametrize("encoding", [None, "utf-8", "utf-32"])
async def test_positions_with_emoji_cjk_and_combining_marks(tmp_path: Path, encoding: str | None) -> None:
    text = textwrap.dedent("""\
        Talks 😀🇺🇦 resumed in 北京 on Monday, and the café\u0301 owner said the deal was done.
        The president 🙂 touted the 中文 agreement, and experts say it could collapse.
        A line\u2028with a Unicode line separator: Mr. Lee touted it again.
        """)
    path = tmp_path / "emoji.txt"
    async with session(tmp_path, encodings=[encoding] if encoding else None) as (client, result):
        enc = result.capabilities.position_encoding or "utf-16"
        assert enc == (encoding or "utf-16")
        uri = open_doc(client, path, text)
        first = await published(client, uri, version=1)
        assert shape(first.diagnostics) == expected(text, str(path), enc)
        assert sum(d.code == "ATT006" for d in first.diagnostics) == 2

        # An incremental edit placed after emoji, counted in the negotiated units.
        line = text.splitlines()[1]
        before = line[:line.index("touted")]
        units = {"utf-16": len(before.encode("utf-16-le")) // 2, "utf-8": len(before.encode()),
                 "utf-32": len(before)}[enc]
        at = types.Position(1, units)
        change(client, uri, 2, types.Range(at, types.Position(1, units + len("touted"))), "said")
        edited = text.replace("touted the 中文", "said the 中文", 1)
        second = await published(client, uri, after=1, version=2)
        assert shape(second.diagnostics) == expected(edited, str(path), enc)
        assert sum(d.code == "ATT006" for d in second.diagnostics) == 1


SITE = '''
import os, sys
if os.environ.get("COPYDESK_TEST_BREAK"):
    import lint.checks.hedging as hedging
    import lint.checks.opinion as opinion
    import lint.engine.linter as engine

    def broken(doc, rule, ctx):  # a rule with a bug
        raise ZeroDivisionError("a bug in a rule")
        yield

    hedging.speculation = broken
    first_person = opinion.first_person

    def noisy(doc, rule, ctx):  # a rule that prints: must not reach the protocol stream
        print("noise on stdout from a rule")
        return first_person(doc, rule, ctx)

    opinion.first_person = noisy
    document = engine.Linter.document

    def crashing(self, text, path, memo=None):  # a failure outside any one rule
        if "CRASH-ME" in text:
            raise RuntimeError("the engine fell over")
        return document(self, text, path, memo)

    engine.Linter.document = crashing
'''


@pytest.mark.asyncio
async def test_broken_rules_bad_requests_and_unknown_methods_do_not_kill_the_server(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(SITE, encoding="utf-8")
    monkeypatch.setenv("COPYDESK_TEST_BREAK", "1")
    text = SEED.read_text(encoding="utf-8")
    async with session(tmp_path, extra_path=site) as (client, _):
        uri = open_doc(client, tmp_path / "seed.txt", text)
        diags = (await published(client, uri, version=1)).diagnostics
        codes = {d.code for d in diags}
        internal = [d for d in diags if d.code == "CPD001"]
        assert internal and "HDG001" in internal[0].message, codes
        assert {"ATT001", "ATT006", "OPN001"} <= codes  # the other rules still ran

        crash_uri = open_doc(client, tmp_path / "crash.txt", "CRASH-ME. Experts say it works.\n")
        crash = (await published(client, crash_uri, version=1)).diagnostics
        assert len(crash) == 1 and "could not lint" in crash[0].message
        assert "the engine fell over" in _log(client)

        with pytest.raises(JsonRpcException) as err:
            await client.protocol.send_request_async("copydesk/noSuchMethod", {})
        assert err.value.code == -32601  # method not found
        client.protocol.notify("copydesk/noSuchNotification", {"x": 1})
        with pytest.raises(JsonRpcException) as err:
            await asyncio.wait_for(raw_request(client, types.TEXT_DOCUMENT_HOVER,
                                               {"textDocument": 42, "position": "nowhere"}), TIMEOUT)
        assert err.value.code == -32602  # invalid params, answered rather than left hanging
        # An edit to a document the server never saw, and a range past the end of the text.
        change(client, (tmp_path / "never-opened.txt").as_uri(), 2, None, "x")
        change(client, uri, 2, types.Range(types.Position(999, 0), types.Position(999, 5)), " Experts say so.")

        # A draft that is not UTF-8 on disk: the server lints the editor's buffer, never the file.
        latin = tmp_path / "latin1.txt"
        latin.write_bytes("Le caf\u00e9 ferme. Experts say it will reopen.\n".encode("latin-1"))
        latin_uri = open_doc(client, latin, "The senator touted the plan.\n")
        latin_codes = [d.code for d in (await published(client, latin_uri, version=1)).diagnostics]
        assert [c for c in latin_codes if c != "CPD001"] == ["ATT006"]  # CPD001: the broken HDG rule

        # Still alive: the last edit was applied at the end and a hover still answers.
        after = await published(client, uri, version=2)
        assert sum(d.code == "ATT001" for d in after.diagnostics) == 1 + sum(d.code == "ATT001" for d in diags)
        att006 = next(d for d in after.diagnostics if d.code == "ATT006")
        hover = await client.text_document_hover_async(types.HoverParams(
            types.TextDocumentIdentifier(uri), att006.range.start))
        assert hover is not None and "ATT006" in hover.contents.value


@pytest.mark.asyncio
async def test_config_is_discovered_and_reloaded(tmp_path: Path) -> None:
    project = tmp_path / "desk"
    (project / "drafts").mkdir(parents=True)
    config = project / "copydesk.toml"
    config.write_text('ignore = ["ATT006"]\n', encoding="utf-8")
    draft = project / "drafts" / "seed.txt"
    text = SEED.read_text(encoding="utf-8")
    async with session(tmp_path) as (client, _):
        uri = open_doc(client, draft, text)
        codes = {d.code for d in (await published(client, uri, version=1)).diagnostics}
        assert "ATT006" not in codes and "ATT001" in codes

        # The file changes on disk; the client's file watcher reports it.
        config.write_text('select = ["ATT"]\n', encoding="utf-8")
        n = len(client.published)
        client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(
            [types.FileEvent(uri=config.as_uri(), type=types.FileChangeType.Changed)]))
        codes = {d.code for d in (await published(client, uri, after=n)).diagnostics}
        assert codes and all(c.startswith("ATT") for c in codes) and "ATT006" in codes

        # Saving the config in the editor reloads it too.
        config.write_text('kind = "opinion"\n', encoding="utf-8")
        n = len(client.published)
        client.text_document_did_save(types.DidSaveTextDocumentParams(types.TextDocumentIdentifier(config.as_uri())))
        codes = {d.code for d in (await published(client, uri, after=n)).diagnostics}
        assert "HDG001" in codes and not any(c.startswith("OPN") for c in codes)

        # A config that is not UTF-8 is reported in the log; the draft is still linted (defaults).
        config.write_bytes(b'kind = "n\xe9ws"\n')
        n = len(client.published)
        client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(
            [types.FileEvent(uri=config.as_uri(), type=types.FileChangeType.Changed)]))
        codes = {d.code for d in (await published(client, uri, after=n)).diagnostics}
        assert "ATT006" in codes and "OPN001" in codes
        assert "not valid UTF-8" in _log(client) and str(config) in _log(client)


@pytest.mark.asyncio
async def test_editor_settings_select_ignore_and_kind(tmp_path: Path) -> None:
    text = SEED.read_text(encoding="utf-8")
    init = {"copydesk": {"select": ["ATT", "OPN"], "debounceMs": 0}}
    async with session(tmp_path, init=init) as (client, _):
        uri = open_doc(client, tmp_path / "seed.txt", text)
        codes = {d.code for d in (await published(client, uri, version=1)).diagnostics}
        assert codes and all(c[:3] in ("ATT", "OPN") for c in codes) and "OPN001" in codes

        n = len(client.published)
        client.workspace_did_change_configuration(types.DidChangeConfigurationParams(
            settings={"copydesk": {"ignore": ["vague-source"], "kind": "analysis"}}))
        codes = {d.code for d in (await published(client, uri, after=n)).diagnostics}
        assert "ATT001" not in codes and "OPN001" not in codes and "ATT006" in codes

        # An unknown rule in the settings is reported, and the file's own config is used.
        n = len(client.published)
        client.workspace_did_change_configuration(types.DidChangeConfigurationParams(
            settings={"copydesk": {"select": ["NOPE999"]}}))
        codes = {d.code for d in (await published(client, uri, after=n)).diagnostics}
        assert "RDB002" in codes and "NOPE999" in _log(client)


@pytest.mark.asyncio
async def test_a_burst_of_keystrokes_lints_once(tmp_path: Path) -> None:
    text = "The senator touted the plan.\n"
    async with session(tmp_path, init={"debounceMs": 150}) as (client, _):
        uri = open_doc(client, tmp_path / "burst.txt", text)
        await published(client, uri, version=1)
        n = len(client.published)
        typed = " Experts say"
        for i, ch in enumerate(typed):  # one character per didChange, as an editor sends them
            col = len(text) - 1 + i
            change(client, uri, 2 + i, types.Range(types.Position(0, col), types.Position(0, col)), ch)
        last = 1 + len(typed)
        final = await published(client, uri, after=n, version=last)
        await asyncio.sleep(0.4)  # anything else would have arrived by now
        assert client.published[n:] == [final]  # type: ignore[attr-defined]
        assert shape(final.diagnostics) == expected("The senator touted the plan. Experts say\n", "burst.txt")


def test_paragraph_memo_keeps_only_what_the_last_lint_used() -> None:
    from lint.lsp.documents import ParagraphMemo

    memo = ParagraphMemo()
    memo["a"] = 1
    memo["b"] = 2
    memo.sweep()
    assert set(memo) == {"a", "b"}  # iterating does not count as use
    assert memo.get("a") == 1  # the next lint uses only "a"
    memo.sweep()
    assert set(memo) == {"a"}


def test_server_hands_the_engine_one_memo_per_document() -> None:
    """Ready for the engine's per-paragraph cache: document(..., memo) gets the buffer's memo."""
    from types import SimpleNamespace

    from lint.lsp.documents import Buffer
    from lint.lsp.server import build

    seen: list[object] = []

    class Engine:  # stands in for a Linter whose document takes a memo
        by_code: dict = {}

        def document(self, text: str, path: str, memo: dict) -> SimpleNamespace:
            seen.append(memo)
            for paragraph in text.split("\n\n"):
                memo.setdefault(("paragraph", paragraph), len(paragraph))
            return SimpleNamespace(paragraphs=())

        def check_document(self, doc: SimpleNamespace, *, release: bool = False) -> list:
            return []

    session = build().session
    engine = Engine()
    session.linters.for_path = lambda path: engine  # type: ignore[method-assign]
    buf = Buffer("file:///draft.txt", "plaintext", 1, "One.\n\nTwo.", "/draft.txt")
    session.lint(buf)
    buf.text = "One.\n\nThree."
    session.lint(buf)
    assert seen == [buf.memo, buf.memo]
    assert set(buf.memo) == {("paragraph", "One."), ("paragraph", "Three.")}  # "Two." swept


def test_a_long_typing_session_holds_no_more_memory_than_a_short_one() -> None:
    """Each keystroke's didChange is served and forgotten: 2,000 of them leave nothing behind
    (pygls kept a future for every text-sync notification its generator handlers served)."""
    import gc
    import tracemalloc

    from lint.lsp.server import build

    server = build()
    sent: list[bytes] = []

    class Pipe:
        def write(self, data: bytes) -> None:
            sent.append(data)

        def close(self) -> None:
            pass

    server.protocol.set_writer(Pipe())

    def receive(message: dict) -> None:  # as pygls's reader hands a frame to the protocol
        server.protocol.handle_message(json.loads(json.dumps(message), object_hook=server.protocol.structure_message))

    uri = "file:///draft.txt"

    async def session() -> int:
        receive({"jsonrpc": "2.0", "id": 1, "method": "initialize",
                 "params": {"processId": None, "rootUri": None, "capabilities": {}}})
        receive({"jsonrpc": "2.0", "method": "initialized", "params": {}})
        receive({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
            "uri": uri, "languageId": "plaintext", "version": 1, "text": "The senator touted the plan.\n"}}})

        async def type_(versions: range) -> None:
            for v in versions:  # type a letter, delete it, ...
                at = {"line": 0, "character": 4}
                rng = {"start": at, "end": at if v % 2 == 0 else {"line": 0, "character": 5}}
                receive({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
                    "textDocument": {"uri": uri, "version": v},
                    "contentChanges": [{"range": rng, "text": "x" if v % 2 == 0 else ""}]}})
                await asyncio.sleep(0)  # the event loop turns between messages, as when serving

        await type_(range(2, 102))
        gc.collect()
        tracemalloc.start()
        try:
            before = tracemalloc.get_traced_memory()[0]
            await type_(range(102, 2102))
            gc.collect()
            grown = tracemalloc.get_traced_memory()[0] - before
        finally:
            tracemalloc.stop()
        server.session.buffers[uri].cancel_timer()
        return grown

    grown = asyncio.run(session())
    assert grown < 100_000, f"{grown} bytes more after 2,000 keystrokes"


def _reference_edit(text: str, rng: types.Range, new: str, encoding: str) -> str:
    """An LSP range edit on a plain string, positions counted by encoding the text: the slow way."""
    codec, width = {"utf-16": ("utf-16-le", 2), "utf-8": ("utf-8", 1), "utf-32": ("utf-32-le", 4)}[encoding]
    starts = [0, *(m.end() for m in re.finditer(r"\r\n|\r|\n", text))]

    def offset(p: types.Position) -> int:
        if p.line >= len(starts):
            return len(text)
        start = starts[p.line]
        body = text[start:starts[p.line + 1] if p.line + 1 < len(starts) else len(text)].rstrip("\r\n")
        units = 0
        for i, ch in enumerate(body):
            if units >= p.character:
                return start + i
            units += len(ch.encode(codec, "surrogatepass")) // width
        return start + len(body)

    start, end = offset(rng.start), offset(rng.end)
    return text[:start] + new + text[max(start, end):]


def test_buffer_edits_agree_with_editing_the_whole_text() -> None:
    """Incremental edits splice lines; the text must be what editing the whole string gives, in
    every position encoding, with LF, CRLF and CR breaks made and unmade by edits, astral
    characters, and positions past the end of a line or of the text."""
    import random

    from lint.lsp.documents import Buffer
    from lint.lsp.positions import to_offset

    rnd = random.Random(20)
    pieces = ["a", "word ", "\n", "\r", "\r\n", "é", "😀", "北京", "e\u0301", "\u2028", ""]
    for _ in range(300):
        encoding = rnd.choice(["utf-16", "utf-8", "utf-32"])
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randrange(0, 12)))
        buf = Buffer("file:///d.txt", "plaintext", 1, text, "/d.txt")
        for _ in range(12):
            lines = max(len(LineIndex.of(text).starts), 1)

            def position() -> types.Position:
                return types.Position(rnd.randrange(0, lines + 2), rnd.randrange(0, 8))

            rng = types.Range(position(), position())
            new = "".join(rnd.choice(pieces) for _ in range(rnd.randrange(0, 3)))
            buf.apply(types.TextDocumentContentChangePartial(range=rng, text=new), encoding)
            text = _reference_edit(text, rng, new, encoding)
            assert buf.text == text
            assert buf.index.starts == LineIndex.of(text).starts
            at = position()  # and a position converts to where an insertion there would go
            assert to_offset(buf, at, encoding) == _reference_edit(text, types.Range(at, at), "\0", encoding).index("\0")


@pytest.mark.parametrize("text, edit, expected", [
    ("one\r", (1, 0, 1, 0, "\n"), "one\r\n"),  # an LF typed after a CR: one CRLF break
    ("one\rX\ntwo", (1, 0, 1, 1, ""), "one\r\ntwo"),  # a CR and an LF meet when what parts them goes
    ("one\ntwo", (0, 3, 0, 3, "\r"), "one\r\ntwo"),  # a CR typed before an LF
    ("one\r\ntwo", (0, 9, 0, 9, "!"), "one!\r\ntwo"),  # past the end of a line: before its break
    ("one\r\ntwo", (1, 0, 0, 1, "X"), "one\r\nXtwo"),  # a reversed range: an insertion at its start
    ("one\r\ntwo", (5, 0, 9, 9, "!"), "one\r\ntwo!"),  # past the end of the text: at its end
])
def test_line_breaks_at_an_edit_boundary(text: str, edit: tuple, expected: str) -> None:
    from lint.lsp.documents import Buffer
    from lint.lsp.positions import to_offset

    buf = Buffer("file:///d.txt", "plaintext", 1, text, "/d.txt")
    l1, c1, l2, c2, new = edit
    buf.apply(types.TextDocumentContentChangePartial(
        range=types.Range(types.Position(l1, c1), types.Position(l2, c2)), text=new), "utf-16")
    assert buf.text == expected
    assert buf.index.starts == LineIndex.of(expected).starts
    # Positions on the next line count from after the whole break.
    assert to_offset(buf, types.Position(1, 0), "utf-16") == LineIndex.of(expected).starts[1]


# --- the server in this process: what it does per request, and its config ------------------


class InProcess:
    """The server in this process, handed each message as pygls's reader hands over a frame;
    everything it sends is kept, parsed."""

    def __init__(self) -> None:
        from lint.lsp.server import build

        self.server = build()
        self.sent: list[dict] = []
        sent = self.sent

        class Pipe:
            def write(self, data: bytes) -> None:
                sent.append(json.loads(data.split(b"\r\n\r\n", 1)[1]))

            def close(self) -> None:
                pass

        self.server.protocol.set_writer(Pipe())
        self.last_id = 0

    def notify(self, method: str, params: Any, msg_id: int | None = None) -> None:
        message = {"jsonrpc": "2.0", "method": method, "params": params}
        if msg_id is not None:
            message["id"] = msg_id
        protocol = self.server.protocol
        protocol.handle_message(json.loads(json.dumps(message), object_hook=protocol.structure_message))

    async def call(self, method: str, params: Any) -> Any:
        self.last_id += 1
        self.notify(method, params, self.last_id)
        for _ in range(100):
            await asyncio.sleep(0)
            for m in self.sent:
                if m.get("id") == self.last_id and "method" not in m:
                    assert "error" not in m, m
                    return m["result"]
        raise AssertionError(f"no answer to {method}")

    async def start(self, root: Path | None, init: Any = None) -> None:
        await self.call("initialize", {"processId": None, "rootUri": root.as_uri() if root else None,
                                       "capabilities": {}, "initializationOptions": init})
        self.notify("initialized", {})

    def open(self, uri: str, text: str, language: str = "plaintext") -> None:
        self.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": language, "version": 1, "text": text}})

    def diagnostics(self, uri: str) -> list[dict]:
        """The last diagnostics published for uri."""
        return [m for m in self.sent if m.get("method") == "textDocument/publishDiagnostics"
                and m["params"]["uri"] == uri][-1]["params"]["diagnostics"]

    def shown(self) -> list[str]:
        return [m["params"]["message"] for m in self.sent if m.get("method") == "window/showMessage"]


def test_code_actions_and_hover_answer_from_the_last_lint(monkeypatch: pytest.MonkeyPatch) -> None:
    """One segmentation per revision of the draft: hover and code actions read the last lint (its
    paragraphs tell where a suppression comment goes), and an edit makes them read the new one."""
    segmented: list[str] = []
    document = Linter.document

    def counting(self: Linter, text: str, path: str, memo: Any = None) -> Any:
        segmented.append(text)
        return document(self, text, path, memo)

    monkeypatch.setattr(Linter, "document", counting)
    markdown = "# Deal\n\nThe talks ran late.\n\nThe president touted the mineral agreement.\n"
    uri = "file:///deal.md"

    async def run() -> tuple[list[str], list[str]]:
        server = InProcess()
        await server.start(None, {"debounceMs": 0})
        server.open(uri, markdown, "markdown")
        (flag,) = [d for d in server.diagnostics(uri) if d["code"] == "ATT006"]
        ask = {"textDocument": {"uri": uri}, "range": flag["range"], "context": {"diagnostics": []}}
        edits = []
        for _ in range(3):
            actions = await server.call("textDocument/codeAction", ask)
            (suppress,) = [a for a in actions if a["title"].startswith("Suppress ATT006")]
            edits.append(suppress["edit"]["changes"][uri][0]["newText"])
        assert await server.call("textDocument/hover", {"textDocument": {"uri": uri},
                                                         "position": flag["range"]["start"]})
        assert len(segmented) == 1, f"{len(segmented)} segmentations of one revision"
        # The blank line goes: the flagged line now continues the paragraph above it.
        server.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2}, "contentChanges": [
            {"range": {"start": {"line": 3, "character": 0}, "end": {"line": 4, "character": 0}}, "text": ""}]})
        (flag,) = [d for d in server.diagnostics(uri) if d["code"] == "ATT006"]
        actions = await server.call("textDocument/codeAction", {**ask, "range": flag["range"]})
        edits.append(next(a for a in actions if a["title"].startswith("Suppress"))["edit"]["changes"][uri][0]["newText"])
        return edits, segmented

    edits, segmented = asyncio.run(run())
    assert edits[:3] == ["<!-- copydesk-disable-next-line ATT006 -->\n"] * 3  # a line of its own
    assert edits[3] == " <!-- copydesk-disable-next-line ATT006 -->"  # inline: keeps the paragraph whole
    assert len(segmented) == 2


def test_an_unsaved_buffer_takes_the_workspace_roots_config(tmp_path: Path) -> None:
    (tmp_path / "copydesk.toml").write_text('ignore = ["ATT006"]\n', encoding="utf-8")
    text = "Experts say the senator touted the plan.\n"

    async def run(root: Path | None) -> list[str]:
        server = InProcess()
        await server.start(root, {"debounceMs": 0})
        server.open("untitled:Untitled-1", text)
        return sorted(d["code"] for d in server.diagnostics("untitled:Untitled-1"))

    assert asyncio.run(run(tmp_path)) == ["ATT001"]
    assert asyncio.run(run(None)) == ["ATT001", "ATT006"]  # no root: the defaults


def test_a_broken_config_is_shown_once_and_the_defaults_are_used(tmp_path: Path) -> None:
    """Shown once for every draft under it and every keystroke, the editor's settings still on top;
    fixed on disk, a reload uses it."""
    config = tmp_path / "copydesk.toml"
    config.write_bytes(b'kind = "n\xe9ws"\n')
    text = "Experts say the senator touted the plan. I think it is a bad plan.\n"

    async def run() -> tuple[list[list[str]], list[str]]:
        server = InProcess()
        await server.start(tmp_path, {"debounceMs": 0, "ignore": ["OPN"]})
        codes = []
        for name in ("one.txt", "two.txt"):
            uri = (tmp_path / name).as_uri()
            server.open(uri, text)
            for version in (2, 3):
                server.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version},
                                                         "contentChanges": [{"text": text}]})
            codes.append(sorted(d["code"] for d in server.diagnostics(uri)))
        config.write_text('ignore = ["ATT006"]\n', encoding="utf-8")
        server.notify("workspace/didChangeWatchedFiles", {"changes": [{"uri": config.as_uri(), "type": 2}]})
        codes.append(sorted(d["code"] for d in server.diagnostics((tmp_path / "one.txt").as_uri())))
        return codes, server.shown()

    codes, shown = asyncio.run(run())
    assert codes == [["ATT001", "ATT006"], ["ATT001", "ATT006"], ["ATT001"]]
    assert shown == [f"copydesk: {config}: config is not valid UTF-8 (using the defaults and the editor's settings)"]


def test_a_config_or_setting_naming_an_unknown_rule_says_which(tmp_path: Path) -> None:
    """An unknown rule in the settings: the config file without them. An unknown rule in the config
    file: the defaults, with the settings still on top."""
    text = "Experts say the senator touted the plan. I think it is a bad plan.\n"
    (tmp_path / "desk").mkdir()
    (tmp_path / "desk" / "copydesk.toml").write_text('ignore = ["ATT006"]\n', encoding="utf-8")
    (tmp_path / "odd").mkdir()
    (tmp_path / "odd" / "copydesk.toml").write_text('ignore = ["NOPE1"]\n', encoding="utf-8")

    async def run(settings: dict, folder: str) -> tuple[list[str], list[str]]:
        server = InProcess()
        await server.start(tmp_path, {"debounceMs": 0, **settings})
        uri = (tmp_path / folder / "draft.txt").as_uri()
        server.open(uri, text)
        return sorted(d["code"] for d in server.diagnostics(uri)), server.shown()

    codes, shown = asyncio.run(run({"select": ["ATT", "NOPE2"]}, "desk"))
    assert codes == ["ATT001", "OPN003"]
    assert shown == ["copydesk: settings: select: unknown rule or prefix 'NOPE2' (copydesk rules lists them) "
                     "(using the config file without the editor's settings)"]
    codes, shown = asyncio.run(run({"select": ["ATT"]}, "odd"))
    assert codes == ["ATT001", "ATT006"]
    config = tmp_path / "odd" / "copydesk.toml"
    assert shown == [f"copydesk: {config}:1: ignore: unknown rule or prefix 'NOPE1' "
                     "(using the defaults and the editor's settings)"]

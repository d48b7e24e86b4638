"""Language server under load: a 5 MB document, a burst of 1,000 edits, and the memory it keeps.

Starts `copydesk serve` over stdio (as bench/lsp_latency.py does) with the default debounce, then:

1. opens a small draft (the seed), edits it once, asks for a hover and closes it, so the syllable
   table, the matchers and pygls's converters are loaded, and reads the server's resident memory
   (VmRSS in /proc/PID/status): the baseline;
2. opens a ~5 MB plain-text draft (the seed's paragraphs, repeated with names swapped) and times
   didOpen -> publishDiagnostics;
3. sends a burst of 1,000 one-character didChange notifications as fast as the pipe takes them
   (typing a word in the middle of the draft, then deleting it, then typing on another line), and
   times from the last one to the publishDiagnostics carrying the last version: the settle time;
4. closes the draft and reads VmRSS again after a short pause, and the peak (VmHWM).

    python bench/lsp_load.py [--mb 5] [--edits 1000] [--debounce-ms 150]
"""
from __future__ import annotations

import argparse
import asyncio
import sys
import time
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient

from lsp_latency import REPO, SEED, VARIANTS, server_command


def big_draft(size: int) -> str:
    """At least `size` characters of news prose, whole paragraphs, each copy with other names."""
    seed = SEED.read_text(encoding="utf-8").strip()
    parts: list[str] = []
    total = 0
    round_ = 0
    while total < size:
        text = seed
        for old, new in VARIANTS[: round_ % (len(VARIANTS) + 1)]:
            text = text.replace(old, new)
        text = text.replace("Monday", f"day {round_}")  # no two copies alike
        parts.append(text)
        total += len(text) + 2
        round_ += 1
    return "\n\n".join(parts) + "\n"


def status(pid: int, field: str) -> float:
    """A /proc/PID/status figure (VmRSS, VmHWM) in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    raise KeyError(field)


def burst(text: str, n: int) -> list[types.TextDocumentContentChangePartial]:
    """n one-character edits: type "experts say " in the middle of a line, delete it, move on."""
    lines = text.split("\n")
    word = "experts say "
    edits: list[types.TextDocumentContentChangePartial] = []
    line = len(lines) // 2
    while len(edits) < n:
        while not lines[line]:
            line += 1
        col = lines[line].find(" ") + 1
        for i, ch in enumerate(word):  # type it
            at = types.Position(line, col + i)
            edits.append(types.TextDocumentContentChangePartial(range=types.Range(at, at), text=ch))
        for i in reversed(range(len(word))):  # then backspace over it
            rng = types.Range(types.Position(line, col + i), types.Position(line, col + i + 1))
            edits.append(types.TextDocumentContentChangePartial(range=rng, text=""))
        line += 7
    return edits[:n]


async def run(mb: float, n: int, debounce_ms: int) -> dict[str, float]:
    text = big_draft(int(mb * 1_000_000))
    client = LanguageClient("copydesk-bench", "1")
    arrived: dict[tuple[str, int | None], float] = {}
    counts: dict[tuple[str, int | None], int] = {}

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def published(params: types.PublishDiagnosticsParams) -> None:
        arrived[params.uri, params.version] = time.perf_counter()
        counts[params.uri, params.version] = len(params.diagnostics)

    @client.feature(types.WINDOW_LOG_MESSAGE)
    def log(params: types.LogMessageParams) -> None:
        if params.type == types.MessageType.Error:
            print(f"server error: {params.message}", file=sys.stderr)

    async def until(uri: str, version: int | None, timeout: float = 600) -> float:
        deadline = time.perf_counter() + timeout
        while (uri, version) not in arrived:
            if time.perf_counter() > deadline:
                raise TimeoutError(f"no diagnostics for {uri} version {version}")
            await asyncio.sleep(0.002)
        return arrived[uri, version]

    def open_(uri: str, body: str) -> None:
        client.text_document_did_open(types.DidOpenTextDocumentParams(
            types.TextDocumentItem(uri=uri, language_id="plaintext", version=1, text=body)))

    def close(uri: str) -> None:
        client.text_document_did_close(types.DidCloseTextDocumentParams(types.TextDocumentIdentifier(uri)))

    def send_edits(uri: str, edits: list[types.TextDocumentContentChangePartial], start: int) -> None:
        for version, edit in enumerate(edits, start=start):
            client.text_document_did_change(types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=[edit]))

    await client.start_io(*server_command(), cwd=str(REPO))
    pid = client._server.pid
    await client.initialize_async(types.InitializeParams(
        capabilities=types.ClientCapabilities(), process_id=None,
        initialization_options={"debounceMs": debounce_ms}))
    client.initialized(types.InitializedParams())
    out: dict[str, float] = {"chars": len(text), "edits": n, "started": status(pid, "VmRSS")}

    small = (REPO / "bench" / "lsp-load-small.txt").as_uri()  # never written: buffers are linted
    open_(small, SEED.read_text(encoding="utf-8"))
    await until(small, 1)
    send_edits(small, burst(SEED.read_text(encoding="utf-8"), 1), start=2)  # every message type once
    await until(small, 2)
    await client.text_document_hover_async(types.HoverParams(types.TextDocumentIdentifier(small),
                                                             types.Position(0, 0)))
    close(small)
    await until(small, None)
    await asyncio.sleep(0.5)
    out["baseline"] = status(pid, "VmRSS")

    uri = (REPO / "bench" / "lsp-load-draft.txt").as_uri()
    sent = time.perf_counter()
    open_(uri, text)
    out["open"] = await until(uri, 1) - sent
    out["diagnostics"] = counts[uri, 1]
    out["opened"] = status(pid, "VmRSS")

    send_edits(uri, burst(text, n), start=2)
    last = time.perf_counter()
    out["settle"] = await until(uri, n + 1) - last
    out["edited"] = status(pid, "VmRSS")
    out["final_diagnostics"] = counts[uri, n + 1]

    close(uri)
    await until(uri, None)
    await asyncio.sleep(1.0)
    out["closed"] = status(pid, "VmRSS")
    out["peak"] = status(pid, "VmHWM")
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=5.0, help="size of the big draft in MB (default 5)")
    parser.add_argument("--edits", type=int, default=1000, help="edits in the burst (default 1000)")
    parser.add_argument("--debounce-ms", type=int, default=150, help="server debounce (default 150, the server's)")
    args = parser.parse_args()
    r = asyncio.run(run(args.mb, args.edits, args.debounce_ms))
    print(f"draft: {r['chars'] / 1e6:.2f} M characters, {r['diagnostics']} diagnostics; "
          f"debounce {args.debounce_ms} ms")
    print(f"didOpen -> publishDiagnostics: {r['open']:.2f} s")
    print(f"{r['edits']} rapid edits: last didChange -> its publishDiagnostics {r['settle']:.2f} s "
          f"({r['final_diagnostics']} diagnostics)")
    print(f"VmRSS: started {r['started']:.0f} MB, small draft opened and closed {r['baseline']:.0f} MB, "
          f"big draft open {r['opened']:.0f} MB, after the burst {r['edited']:.0f} MB, "
          f"closed {r['closed']:.0f} MB (+{r['closed'] - r['baseline']:.0f} MB); peak (VmHWM) {r['peak']:.0f} MB")


if __name__ == "__main__":
    main()

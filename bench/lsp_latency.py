"""Language-server latency: one-character didChange -> publishDiagnostics, over stdio.

Starts `copydesk serve` (or `python -m lint serve` when the script is not installed), opens a
~2,000-word draft built from the seed draft, then types: each step sends one incremental
didChange of one character (alternately inserting and deleting a letter in a middle paragraph)
and times until the publishDiagnostics carrying that document version arrives.

The server debounces bursts of edits (150 ms by default). The benchmark sets the debounce to 0
through initializationOptions ({"debounceMs": 0}) so that it measures the work, not the wait; an
editor user sees the figure below plus the debounce after the last keystroke.

    python bench/lsp_latency.py [-n 50] [--words 2000] [--debounce-ms 0]
"""
from __future__ import annotations

import argparse
import asyncio
import shutil
import statistics
import sys
import time
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient

REPO = Path(__file__).resolve().parent.parent
SEED = next(p for p in (REPO / "seeds" / "ukraine-peace-talks.txt",
                        REPO.parent / "shared" / "seeds" / "ukraine-peace-talks.txt") if p.exists())
# Swaps that make the second half of the draft different prose, not a verbatim repeat.
VARIANTS = [("Trump", "Biden"), ("Rubio", "Blinken"), ("Vance", "Harris"), ("Ukraine", "Moldova"),
            ("Russia", "Belarus"), ("mineral", "energy"), ("peace talks", "ceasefire talks")]


def build_draft(words: int) -> str:
    """At least `words` words of news prose: the seed, then variants of it, whole paragraphs."""
    seed = SEED.read_text(encoding="utf-8").strip()
    paragraphs: list[str] = []
    round_ = 0
    while sum(len(p.split()) for p in paragraphs) < words:
        text = seed
        for old, new in VARIANTS[: round_ % (len(VARIANTS) + 1)]:
            text = text.replace(old, new)
        for line in text.splitlines():
            if sum(len(p.split()) for p in paragraphs) >= words:
                break
            paragraphs.append(line)
        round_ += 1
    return "\n".join(paragraphs) + "\n"


def server_command() -> list[str]:
    script = Path(sys.executable).with_name("copydesk")
    if script.is_file():
        return [str(script), "serve"]
    if shutil.which("copydesk"):
        return ["copydesk", "serve"]
    return [sys.executable, "-m", "lint", "serve"]


async def run(n: int, words: int, debounce_ms: int) -> dict[str, float]:
    text = build_draft(words)
    client = LanguageClient("copydesk-bench", "1")
    arrived: dict[int, float] = {}
    counts: dict[int, int] = {}
    waiting: dict[int, asyncio.Future] = {}

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def published(params: types.PublishDiagnosticsParams) -> None:
        if params.version is None:
            return
        arrived[params.version] = time.perf_counter()
        counts[params.version] = len(params.diagnostics)
        future = waiting.pop(params.version, None)
        if future is not None and not future.done():
            future.set_result(None)

    @client.feature(types.WINDOW_LOG_MESSAGE)
    def log(params: types.LogMessageParams) -> None:
        if params.type == types.MessageType.Error:
            print(f"server error: {params.message}", file=sys.stderr)

    cmd = server_command()
    await client.start_io(*cmd, cwd=str(REPO))
    await client.initialize_async(types.InitializeParams(
        capabilities=types.ClientCapabilities(), process_id=None,
        initialization_options={"debounceMs": debounce_ms}))
    client.initialized(types.InitializedParams())

    uri = (REPO / "bench" / "lsp-latency-draft.txt").as_uri()  # never written: the buffer is linted

    async def until(version: int) -> None:
        if version not in arrived:
            waiting[version] = asyncio.get_running_loop().create_future()
            await asyncio.wait_for(waiting[version], 60)

    started = time.perf_counter()
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        types.TextDocumentItem(uri=uri, language_id="plaintext", version=1, text=text)))
    await until(1)
    first = arrived[1] - started

    # Type in the middle of the draft: after the first word of its middle line.
    lines = text.splitlines()
    line = len(lines) // 2
    col = lines[line].index(" ")
    latencies: list[float] = []
    warmup = 5
    for i in range(warmup + n):
        version = 2 + i
        if i % 2 == 0:  # insert one letter
            rng = types.Range(types.Position(line, col), types.Position(line, col))
            change = types.TextDocumentContentChangePartial(range=rng, text="s")
        else:  # delete it again
            rng = types.Range(types.Position(line, col), types.Position(line, col + 1))
            change = types.TextDocumentContentChangePartial(range=rng, text="")
        sent = time.perf_counter()
        client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[change]))
        await until(version)
        if i >= warmup:
            latencies.append(arrived[version] - sent)

    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    latencies.sort()
    return {
        "words": len(text.split()),
        "diagnostics": counts[1],
        "first": first,
        "median": statistics.median(latencies),
        "p90": latencies[int(0.9 * (len(latencies) - 1))],
        "min": latencies[0],
        "max": latencies[-1],
        "n": len(latencies),
        "cmd": " ".join(cmd),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=50, help="timed edits (at least 30)")
    parser.add_argument("--words", type=int, default=2000, help="size of the draft")
    parser.add_argument("--debounce-ms", type=int, default=0, help="server debounce (default 0: measure the work)")
    args = parser.parse_args()
    r = asyncio.run(run(max(args.n, 30), args.words, args.debounce_ms))
    ms = {k: v * 1000 for k, v in r.items() if k in ("first", "median", "p90", "min", "max")}
    print(f"server: {r['cmd']}")
    print(f"draft: {r['words']} words, {r['diagnostics']} diagnostics; debounce {args.debounce_ms} ms")
    print(f"didOpen -> publishDiagnostics (cold, first lint): {ms['first']:.1f} ms")
    print(f"one-character didChange -> publishDiagnostics, n={r['n']}: "
          f"median {ms['median']:.1f} ms, p90 {ms['p90']:.1f} ms (min {ms['min']:.1f}, max {ms['max']:.1f})")


if __name__ == "__main__":
    main()

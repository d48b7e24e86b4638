"""Language server under load: a 5 MB document, a burst of 1,000 edits, and the memory it keeps.

Starts `copydesk serve` (as bench/lsp_latency.py does) with the default debounce and speaks to it
in raw JSON-RPC frames over stdio, so that a frame's arrival is timed when its bytes are read and
parsed, as an editor would, not after a client library has built objects from it. Then:

1. opens a small draft (the seed), edits it once, asks for a hover and closes it, so the syllable
   table and the matchers are loaded, and reads the server's resident memory (VmRSS in
   /proc/PID/status): the baseline;
2. opens a ~5 MB plain-text draft (the seed's paragraphs, repeated with names swapped) and times
   didOpen -> publishDiagnostics;
3. sends a burst of 1,000 one-character didChange notifications as fast as the pipe takes them
   (typing "experts say " in the middle of a line, then deleting it, then on another line), and
   times from the last one to the publishDiagnostics carrying the last version: the settle time,
   and the server's CPU time (user + system, which other work on the machine does not inflate);
4. closes the draft and reads VmRSS again after a short pause, and the peak (VmHWM).

    python bench/lsp_load.py [--mb 5] [--edits 1000] [--debounce-ms 150]
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import time
from pathlib import Path
from typing import Any

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


def burst(text: str, n: int) -> list[dict[str, Any]]:
    """n one-character edits: type "experts say " in the middle of a line, delete it, move on."""
    lines = text.split("\n")
    word = "experts say "
    edits: list[dict[str, Any]] = []
    line = len(lines) // 2
    while len(edits) < n:
        while not lines[line]:
            line += 1
        col = lines[line].find(" ") + 1
        for i, ch in enumerate(word):  # type it
            edits.append({"range": span(line, col + i, col + i), "text": ch})
        for i in reversed(range(len(word))):  # then backspace over it
            edits.append({"range": span(line, col + i, col + i + 1), "text": ""})
        line += 7
    return edits[:n]


def span(line: int, start: int, end: int) -> dict[str, Any]:
    return {"start": {"line": line, "character": start}, "end": {"line": line, "character": end}}


class Server:
    """`copydesk serve` as a subprocess; every message it sends is kept with its arrival time."""

    def __init__(self, proc: asyncio.subprocess.Process) -> None:
        self.proc = proc
        self.arrived: dict[Any, tuple[float, dict]] = {}  # (uri, version) or request id -> (time, message)
        self.ids = 0
        self.reader = asyncio.ensure_future(self._read())

    async def _read(self) -> None:
        out = self.proc.stdout
        assert out is not None
        while True:
            length = 0
            while (line := await out.readline()).strip():
                name, _, value = line.decode("ascii").partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            if not length:
                return
            message = json.loads(await out.readexactly(length))
            now = time.perf_counter()
            if message.get("method") == "textDocument/publishDiagnostics":
                params = message["params"]
                self.arrived[params["uri"], params.get("version")] = (now, message)
            elif "id" in message and "method" not in message:
                self.arrived[message["id"]] = (now, message)

    async def send(self, method: str, params: Any, request: bool = False) -> Any:
        message: dict[str, Any] = {"jsonrpc": "2.0", "method": method, "params": params}
        if request:
            self.ids += 1
            message["id"] = self.ids
        body = json.dumps(message).encode("utf-8")
        assert self.proc.stdin is not None
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
        await self.proc.stdin.drain()
        return message.get("id")

    async def until(self, key: Any, timeout: float = 600) -> tuple[float, dict]:
        deadline = time.perf_counter() + timeout
        while key not in self.arrived:
            if time.perf_counter() > deadline or self.reader.done():
                raise TimeoutError(f"nothing for {key}")
            await asyncio.sleep(0.002)
        return self.arrived[key]

    async def call(self, method: str, params: Any) -> dict:
        return (await self.until(await self.send(method, params, request=True)))[1]

    def status(self, field: str) -> float:
        """A /proc/PID/status figure (VmRSS, VmHWM) in MB."""
        for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
        raise KeyError(field)

    def cpu(self) -> float:
        """Seconds of CPU the server has used, user and system."""
        fields = Path(f"/proc/{self.proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def run(mb: float, n: int, debounce_ms: int) -> dict[str, float]:
    text = big_draft(int(mb * 1_000_000))
    cmd = server_command()
    proc = await asyncio.create_subprocess_exec(*cmd, cwd=str(REPO), stdin=asyncio.subprocess.PIPE,
                                                stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.DEVNULL)
    server = Server(proc)
    await server.call("initialize", {"processId": None, "rootUri": None, "capabilities": {},
                                     "initializationOptions": {"debounceMs": debounce_ms}})
    await server.send("initialized", {})
    out: dict[str, float] = {"chars": len(text), "edits": n, "started": server.status("VmRSS")}

    async def open_(uri: str, body: str) -> None:
        await server.send("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": "plaintext", "version": 1, "text": body}})

    async def edit(uri: str, edits: list[dict[str, Any]], first: int) -> None:
        for version, change in enumerate(edits, start=first):
            await server.send("textDocument/didChange", {"textDocument": {"uri": uri, "version": version},
                                                         "contentChanges": [change]})

    small = (REPO / "bench" / "lsp-load-small.txt").as_uri()  # never written: buffers are linted
    await open_(small, SEED.read_text(encoding="utf-8"))
    await server.until((small, 1))
    await edit(small, burst(SEED.read_text(encoding="utf-8"), 1), 2)  # every message type once
    await server.until((small, 2))
    await server.call("textDocument/hover", {"textDocument": {"uri": small}, "position": {"line": 0, "character": 0}})
    await server.send("textDocument/didClose", {"textDocument": {"uri": small}})
    await server.until((small, None))
    await asyncio.sleep(0.5)
    out["baseline"] = server.status("VmRSS")

    uri = (REPO / "bench" / "lsp-load-draft.txt").as_uri()
    sent, cpu = time.perf_counter(), server.cpu()
    await open_(uri, text)
    arrived, message = await server.until((uri, 1))
    out["open"], out["open_cpu"] = arrived - sent, server.cpu() - cpu
    out["diagnostics"] = len(message["params"]["diagnostics"])
    out["opened"] = server.status("VmRSS")

    cpu = server.cpu()
    await edit(uri, burst(text, n), 2)
    last = time.perf_counter()
    arrived, message = await server.until((uri, n + 1))
    out["settle"], out["settle_cpu"] = arrived - last, server.cpu() - cpu
    out["final_diagnostics"] = len(message["params"]["diagnostics"])
    out["edited"] = server.status("VmRSS")

    await server.send("textDocument/didClose", {"textDocument": {"uri": uri}})
    await server.until((uri, None))
    await asyncio.sleep(1.0)
    out["closed"] = server.status("VmRSS")
    out["peak"] = server.status("VmHWM")
    await server.call("shutdown", None)
    await server.send("exit", None)
    await proc.wait()
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
    print(f"didOpen -> publishDiagnostics: {r['open']:.2f} s ({r['open_cpu']:.2f} s of the server's CPU)")
    print(f"{r['edits']} rapid edits: last didChange -> its publishDiagnostics {r['settle']:.2f} s "
          f"({r['settle_cpu']:.2f} s of the server's CPU for the whole burst; {r['final_diagnostics']} diagnostics)")
    print(f"VmRSS: started {r['started']:.0f} MB, small draft opened and closed {r['baseline']:.0f} MB, "
          f"big draft open {r['opened']:.0f} MB, after the burst {r['edited']:.0f} MB, "
          f"closed {r['closed']:.0f} MB (+{r['closed'] - r['baseline']:.0f} MB); peak (VmHWM) {r['peak']:.0f} MB")


if __name__ == "__main__":
    main()

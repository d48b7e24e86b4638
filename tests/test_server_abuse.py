"""`copydesk serve` under abuse, driven over raw stdio frames (no LSP client library): malformed
frames, unknown methods, out-of-range positions, edits to documents never opened, a 5 MB document
and a burst of 1,000 edits. The server must answer or ignore each, keep serving, give back the
memory a closed document held, and never open an IP socket."""
from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any, Callable

import pytest

pytest.importorskip("pygls", reason="the lsp extra (pygls) is not installed")

from lint.engine.linter import Linter  # noqa: E402
from lint.text.source import LineIndex  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
SEED = next(p for p in (REPO / "seeds" / "ukraine-peace-talks.txt",
                        REPO.parent / "shared" / "seeds" / "ukraine-peace-talks.txt") if p.exists())
TIMEOUT = 60.0  # seconds for one answer: generous, a 5 MB lint on a busy machine takes several
CRLF_SEED = SEED.read_text(encoding="utf-8").replace("\n", "\r\n")


class Server:
    """`copydesk serve` as a subprocess, spoken to in raw frames; stderr (its log) goes to a file."""

    def __init__(self, tmp: Path, command: list[str] | None = None) -> None:
        self.log_path = tmp / "server.log"
        self._log = self.log_path.open("wb")
        env = {**os.environ, "PYTHONPATH": str(REPO)}
        self.proc = subprocess.Popen(command or [sys.executable, "-m", "lint", "serve"], cwd=tmp, env=env,
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._log)
        self.inbox: queue.Queue[dict | None] = queue.Queue()
        self.received: list[dict] = []
        self.last_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        out = self.proc.stdout
        assert out is not None
        while True:
            length = None
            while True:
                line = out.readline()
                if not line:
                    self.inbox.put(None)
                    return
                if not line.strip():
                    break
                name, _, value = line.decode("ascii").partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            assert length is not None, "the server sent a frame without Content-Length"
            self.inbox.put(json.loads(out.read(length)))

    # -- sending -------------------------------------------------------------------------

    def raw(self, data: bytes) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def frame(self, message: Any) -> bytes:
        body = json.dumps(message).encode("utf-8")
        return b"Content-Length: %d\r\n\r\n%s" % (len(body), body)

    def notify(self, method: str, params: Any) -> None:
        self.raw(self.frame({"jsonrpc": "2.0", "method": method, "params": params}))

    def request(self, method: str, params: Any) -> int:
        self.last_id += 1
        self.raw(self.frame({"jsonrpc": "2.0", "id": self.last_id, "method": method, "params": params}))
        return self.last_id

    # -- receiving -----------------------------------------------------------------------

    def wait(self, wanted: Callable[[dict], bool], timeout: float = TIMEOUT) -> dict:
        """The first message, received or still to come, for which wanted() holds."""
        for message in self.received:
            if wanted(message):
                return message
        deadline = time.monotonic() + timeout
        while True:
            try:
                message = self.inbox.get(timeout=max(deadline - time.monotonic(), 0.001))
            except queue.Empty:
                raise AssertionError(f"nothing came in {timeout} s; log:\n{self.log()}") from None
            if message is None:
                raise AssertionError(f"the server closed its output; log:\n{self.log()}")
            self.received.append(message)
            if wanted(message):
                return message

    def answer(self, msg_id: int) -> dict:
        return self.wait(lambda m: m.get("id") == msg_id and "method" not in m)

    def call(self, method: str, params: Any) -> dict:
        return self.answer(self.request(method, params))

    def diagnostics(self, uri: str, version: int | None) -> list[dict]:
        message = self.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                            and m["params"]["uri"] == uri and m["params"].get("version") == version)
        return message["params"]["diagnostics"]

    # -- the rest ------------------------------------------------------------------------

    def rss(self) -> float:
        """Resident memory in MB."""
        status = Path(f"/proc/{self.proc.pid}/status").read_text()
        return int(next(line for line in status.splitlines() if line.startswith("VmRSS:")).split()[1]) / 1024

    def cpu(self) -> float:
        """Seconds of CPU the server has used, user and system: unlike the time on the clock,
        what other work on the machine does not change."""
        fields = Path(f"/proc/{self.proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def log(self) -> str:
        self._log.flush()
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def start(self) -> None:
        reply = self.call("initialize", {"processId": None, "rootUri": None, "capabilities": {}})
        assert reply["result"]["capabilities"]["textDocumentSync"]["change"] == 2  # incremental
        self.notify("initialized", {})

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait(TIMEOUT)
        self._log.close()


@pytest.fixture
def server(tmp_path: Path):
    srv = Server(tmp_path)
    yield srv
    srv.close()


def open_doc(srv: Server, uri: str, text: str, version: int = 1) -> None:
    srv.notify("textDocument/didOpen", {"textDocument": {
        "uri": uri, "languageId": "plaintext", "version": version, "text": text}})


def close_doc(srv: Server, uri: str) -> None:
    srv.notify("textDocument/didClose", {"textDocument": {"uri": uri}})


def edit(srv: Server, uri: str, version: int, changes: list[dict]) -> None:
    srv.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version},
                                          "contentChanges": changes})


def span(line: int, char: int, end_line: int | None = None, end_char: int | None = None) -> dict:
    end = {"line": line if end_line is None else end_line, "character": char if end_char is None else end_char}
    return {"start": {"line": line, "character": char}, "end": end}


def shape(diagnostics: list[dict]) -> list[tuple]:
    return sorted((d["code"], d["range"]["start"]["line"], d["range"]["start"]["character"],
                   d["range"]["end"]["line"], d["range"]["end"]["character"], d["message"]) for d in diagnostics)


def expected(text: str, path: str) -> list[tuple]:
    """The engine's diagnostics, in UTF-16 positions counted here, not by lint/positions.py."""
    lines = LineIndex.of(text)

    def pos(offset: int) -> tuple[int, int]:
        line, col = lines.position(offset)
        start = lines.starts[line - 1]
        return line - 1, len(text[start:start + col - 1].encode("utf-16-le")) // 2

    return sorted((d.code, *pos(d.start), *pos(d.end), d.message) for d in Linter().check_text(text, path))


# --- the tests ---------------------------------------------------------------------------


def test_malformed_frames_unknown_methods_and_bad_positions_leave_it_serving(server: Server, tmp_path: Path) -> None:
    server.start()
    uri = (tmp_path / "seed.txt").as_uri()
    text = SEED.read_text(encoding="utf-8")

    # Bad JSON, a JSON array, a frame without any header, a non-numeric Content-Length: each is
    # logged and skipped, and the frame after it is read as usual.
    server.raw(b'Content-Length: 20\r\n\r\n{"jsonrpc": "2.0", "')
    server.raw(server.frame([{"jsonrpc": "2.0", "id": 900, "method": "shutdown"}]))
    server.raw(json.dumps({"jsonrpc": "2.0", "id": 901, "method": "shutdown"}).encode())
    shutdown = json.dumps({"jsonrpc": "2.0", "id": 902, "method": "shutdown"}).encode()
    server.raw(b"Content-Length: many\r\n\r\n" + shutdown)
    server.raw(b"Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{}")
    open_doc(server, uri, text)
    assert shape(server.diagnostics(uri, 1)) == expected(text, str(tmp_path / "seed.txt"))
    log = server.log()
    assert "bad Content-Length b'many'" in log and "outside any frame" in log, log

    # Unknown methods: a request gets MethodNotFound, a notification nothing at all.
    server.notify("copydesk/noSuchNotification", {"x": 1})
    assert server.call("copydesk/noSuchMethod", {})["error"]["code"] == -32601

    # Positions far outside the text clamp; a reversed range is an empty one.
    far = {"line": 10**6, "character": 10**6}
    reply = server.call("textDocument/hover", {"textDocument": {"uri": uri}, "position": far})
    assert "error" not in reply and reply["result"] is None
    for rng in ({"start": far, "end": far}, span(3, 10**6, 0, 0)):
        reply = server.call("textDocument/codeAction", {"textDocument": {"uri": uri}, "range": rng,
                                                        "context": {"diagnostics": []}})
        assert "error" not in reply, reply
    everything = server.call("textDocument/codeAction", {"textDocument": {"uri": uri}, "range": span(0, 0, 10**6, 0),
                                                         "context": {"diagnostics": []}})["result"]
    assert any("ATT006" in a["title"] for a in everything)  # a range past the end reaches the end

    # An edit past the end of the text lands at the end; one to a document never opened is ignored.
    edit(server, (tmp_path / "never-opened.txt").as_uri(), 5, [{"range": span(0, 0), "text": "x"}])
    edit(server, uri, 2, [{"range": span(10**6, 5, 10**6, 9), "text": "Experts say it will fail.\n"}])
    after = server.diagnostics(uri, 2)
    assert shape(after) == expected(text + "Experts say it will fail.\n", str(tmp_path / "seed.txt"))
    answers = [m for m in server.received if "id" in m and "method" not in m]
    assert {m["id"] for m in answers} == set(range(1, server.last_id + 1)), "an answer a request, none to bad frames"

    # Last, a frame announcing far more bytes than ever come, and the end of input: it leaves.
    server.raw(b"Content-Length: 99999999999999\r\n\r\n{\"jsonrpc\"")
    server.proc.stdin.close()
    assert server.proc.wait(TIMEOUT) == 0
    assert "MemoryError" not in server.log()


def test_a_5_mb_document_and_1000_rapid_edits_then_memory_is_given_back(server: Server, tmp_path: Path) -> None:
    server.start()
    # A first small document opened, edited, hovered and closed: the syllable table, the matchers
    # and the JSON converters are loaded, which is what "after closing everything" is compared to.
    small = (tmp_path / "small.txt").as_uri()
    open_doc(server, small, CRLF_SEED)
    server.diagnostics(small, 1)
    edit(server, small, 2, [{"range": span(0, 0), "text": "A"}])
    server.diagnostics(small, 2)
    server.call("textDocument/hover", {"textDocument": {"uri": small}, "position": {"line": 0, "character": 0}})
    close_doc(server, small)
    server.diagnostics(small, None)
    time.sleep(0.5)
    baseline = server.rss()

    # 5 MB of prose with CRLF line breaks.
    copies = 5_000_000 // len(CRLF_SEED) + 1
    text = "\r\n".join(CRLF_SEED.replace("Trump", f"Trump{i}") for i in range(copies))
    uri = (tmp_path / "big.txt").as_uri()
    cpu = server.cpu()
    open_doc(server, uri, text)
    first = server.diagnostics(uri, 1)
    opening = server.cpu() - cpu
    assert first and not [d for d in first if d["code"] == "CPD001"]

    # 1,000 edits as fast as the pipe takes them, all over the document: on 40 lines, type a word
    # and a line break, its CR and its LF one at a time (they must become one CRLF break), and take
    # them back, so the last version is the first text again.
    lines = text.split("\r\n")
    rows = [n for n in range(0, len(lines), len(lines) // 40) if lines[n]][:40]
    assert len(rows) == 40
    changes: list[dict] = []
    for row in rows:
        changes += [{"range": span(row, i), "text": ch} for i, ch in enumerate("Experts say")]
        changes += [{"range": span(row, 11), "text": "\r"}, {"range": span(row + 1, 0), "text": "\n"}]
        changes.append({"range": span(row, 11, row + 1, 0), "text": ""})  # the break, whole
        changes += [{"range": span(row, i - 1, row, i), "text": ""} for i in range(11, 0, -1)]
    assert len(changes) == 1000
    cpu = server.cpu()
    for version, change in enumerate(changes, start=2):
        edit(server, uri, version, [change])
    last = server.diagnostics(uri, 1001)
    burst = server.cpu() - cpu
    assert shape(last) == shape(first)  # the same text: every diagnostic in the same place
    # Applying an edit costs a line, not the document: the whole burst costs about one lint of
    # the document (before, each edit rebuilt the document's line index: 15 s for 1,000).
    assert burst < 1.5 * opening, f"the burst took {burst:.1f} s of CPU, opening the document {opening:.1f} s"
    versions = [m["params"]["version"] for m in server.received
                if m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri]
    assert versions[-1] == 1001 and len(versions) < 10  # debounced: not one lint an edit

    close_doc(server, uri)
    assert server.diagnostics(uri, None) == []
    time.sleep(0.5)
    closed = server.rss()
    assert closed - baseline < 30, f"{baseline:.0f} MB resident after a small document, {closed:.0f} MB now"

    assert server.call("shutdown", None)["result"] is None
    server.notify("exit", None)
    assert server.proc.wait(TIMEOUT) == 0


# `copydesk serve` under an audit hook that writes down every IP socket, connection and name lookup.
NO_NETWORK = '''
import socket, sys
report = open(sys.argv[1], "w", buffering=1)
report.write("audited\\n")
def audit(event, args):
    if event == "socket.__new__" and args[1] in (socket.AF_INET, socket.AF_INET6):
        report.write(f"{event} family {args[1]}\\n")
    elif event in ("socket.connect", "socket.bind", "socket.sendto", "socket.sendmsg") and isinstance(args[1], tuple):
        report.write(f"{event} {args[1]}\\n")
    elif event in ("socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyaddr"):
        report.write(f"{event} {args[0]}\\n")
sys.addaudithook(audit)
sys.argv[1:] = ["serve"]
from lint.cli import main
main()
'''


def test_serve_opens_no_ip_socket(tmp_path: Path) -> None:
    report = tmp_path / "sockets.txt"
    srv = Server(tmp_path, [sys.executable, "-c", NO_NETWORK, str(report)])
    try:
        srv.start()
        uri = (tmp_path / "seed.md").as_uri()
        srv.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": "markdown", "version": 1, "text": SEED.read_text(encoding="utf-8")}})
        diagnostics = srv.diagnostics(uri, 1)
        att006 = next(d for d in diagnostics if d["code"] == "ATT006")
        assert srv.call("textDocument/hover", {"textDocument": {"uri": uri}, "position": att006["range"]["start"]})
        assert srv.call("textDocument/codeAction", {"textDocument": {"uri": uri}, "range": att006["range"],
                                                    "context": {"diagnostics": [att006]}})["result"]
        srv.notify("workspace/didChangeConfiguration", {"settings": {"copydesk": {"kind": "analysis"}}})
        close_doc(srv, uri)
        srv.diagnostics(uri, None)
        srv.call("shutdown", None)
        srv.notify("exit", None)
        assert srv.proc.wait(TIMEOUT) == 0
    finally:
        srv.close()
    assert report.read_text().splitlines() == ["audited"]

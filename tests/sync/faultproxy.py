"""A small HTTP proxy on 127.0.0.1 between a sync client and the real server, for fault tests.

    proxy = FaultProxy(server_port).start()
    rule = proxy.hold("POST", "/api/v1/sync/push", nth=1)   # forward, keep the answer back
    ... rule.answered.wait(30) ...                           # the server has answered (committed)
    rule.release.set()                                       # then: drop it (or answer it)
    proxy.fail("POST", "/api/v1/sync/push", nth=2, status=503)  # answer 503, never forward
    proxy.cut("GET", "/api/v1/sync/pull", nth=1)             # close the connection, no answer
    proxy.delay("GET", "/api/v1/sync/pull", nth=1, seconds=2)
    proxy.exchanges("POST", "/api/v1/sync/push")             # what went through, JSON decoded

Rules match a method and a path prefix; `nth` counts the matching requests from 1 (after the
rule was added). Every request goes to the server on a fresh connection; when the server is
down the proxy answers 502 like a real reverse proxy would. Bodies are passed on byte for byte
(gzip included); `exchanges` keeps a decoded copy for assertions.
"""

from __future__ import annotations

import gzip
import http.client
import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

HOP_HEADERS = {"connection", "keep-alive", "transfer-encoding", "content-length", "host"}


@dataclass
class Rule:
    method: str
    path: str
    nth: int
    action: str  # "fail" | "hold" | "cut" | "delay" | "drop"
    status: int = 503
    seconds: float = 0.0
    then: str = "drop"  # after a hold is released: "drop" the answer or "answer" it
    seen: int = 0
    fired: threading.Event = field(default_factory=threading.Event)  # the request came
    answered: threading.Event = field(default_factory=threading.Event)  # the server answered
    release: threading.Event = field(default_factory=threading.Event)


@dataclass
class Exchange:
    method: str
    path: str
    status: int | None  # None: the client got no answer (dropped or cut)
    request: Any
    response: Any
    forwarded: bool


def _decode(body: bytes, encoding: str | None) -> Any:
    if not body:
        return None
    if encoding == "gzip":
        body = gzip.decompress(body)
    try:
        return json.loads(body)
    except ValueError:
        return body


class FaultProxy:
    def __init__(self, upstream_port: int, upstream_host: str = "127.0.0.1") -> None:
        self.upstream = (upstream_host, upstream_port)
        self.rules: list[Rule] = []
        self.log: list[Exchange] = []
        self._guard = threading.Lock()
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                proxy._handle(self)

            def do_POST(self) -> None:
                proxy._handle(self)

            def log_message(self, format: str, *args: Any) -> None:
                return

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.port = int(self._server.server_address[1])
        self.url = f"http://127.0.0.1:{self.port}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    # -- set-up -------------------------------------------------------------------------
    def start(self) -> FaultProxy:
        self._thread.start()
        return self

    def stop(self) -> None:
        for rule in self.rules:
            rule.release.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=10)

    def __enter__(self) -> FaultProxy:
        return self.start()

    def __exit__(self, *_: object) -> None:
        self.stop()

    def _add(self, rule: Rule) -> Rule:
        with self._guard:
            self.rules.append(rule)
        return rule

    def hold(self, method: str, path: str, nth: int = 1, *, then: str = "drop") -> Rule:
        """Forward the nth request, keep the server's answer until `release` is set, then
        drop it (the client never reads it) or, with then="answer", pass it on."""
        return self._add(Rule(method, path, nth, "hold", then=then))

    def fail(self, method: str, path: str, nth: int = 1, *, status: int = 503) -> Rule:
        """Answer the nth request with `status` without forwarding it."""
        return self._add(Rule(method, path, nth, "fail", status=status))

    def cut(self, method: str, path: str, nth: int = 1) -> Rule:
        """Close the connection on the nth request without forwarding or answering it."""
        return self._add(Rule(method, path, nth, "cut"))

    def drop(self, method: str, path: str, nth: int = 1) -> Rule:
        """Forward the nth request, then close the connection instead of answering."""
        return self._add(Rule(method, path, nth, "drop"))

    def delay(self, method: str, path: str, nth: int = 1, *, seconds: float) -> Rule:
        """Forward the nth request and pass its answer on `seconds` later."""
        return self._add(Rule(method, path, nth, "delay", seconds=seconds))

    def exchanges(self, method: str | None = None, path: str | None = None) -> list[Exchange]:
        with self._guard:
            return [
                e
                for e in self.log
                if (method is None or e.method == method)
                and (path is None or e.path.startswith(path))
            ]

    # -- one request ----------------------------------------------------------------------
    def _match(self, method: str, path: str) -> Rule | None:
        with self._guard:
            chosen = None
            for rule in self.rules:
                if rule.method == method and path.startswith(rule.path):
                    rule.seen += 1
                    if rule.seen == rule.nth and chosen is None:
                        chosen = rule
            return chosen

    def _handle(self, handler: BaseHTTPRequestHandler) -> None:
        method, path = handler.command, handler.path
        length = int(handler.headers.get("Content-Length") or 0)
        body = handler.rfile.read(length) if length else b""
        request = _decode(body, handler.headers.get("Content-Encoding"))
        rule = self._match(method, path.split("?", 1)[0])
        if rule is not None:
            rule.fired.set()
        if rule is not None and rule.action in {"fail", "cut"}:
            if rule.action == "fail":
                detail = json.dumps({"detail": "Proxy: server sedang bermasalah"}).encode()
                self._answer(handler, rule.status, [("Content-Type", "application/json")], detail)
                self._record(method, path, rule.status, request, detail, None, forwarded=False)
            else:
                handler.close_connection = True
                self._record(method, path, None, request, b"", None, forwarded=False)
            return
        try:
            status, headers, answer = self._forward(handler, method, path, body)
        except OSError:
            detail = json.dumps({"detail": "Proxy: server tidak terjangkau"}).encode()
            self._answer(handler, 502, [("Content-Type", "application/json")], detail)
            self._record(method, path, 502, request, detail, None, forwarded=False)
            return
        encoding = next((v for k, v in headers if k.lower() == "content-encoding"), None)
        if rule is not None:
            rule.answered.set()
            if rule.action == "hold":
                rule.release.wait(120)
            if rule.action == "delay":
                time.sleep(rule.seconds)
            if rule.action == "drop" or (rule.action == "hold" and rule.then == "drop"):
                handler.close_connection = True
                self._record(method, path, None, request, answer, encoding, forwarded=True)
                return
        self._record(method, path, status, request, answer, encoding, forwarded=True)
        try:
            self._answer(handler, status, headers, answer)
        except OSError:  # the client is gone (killed while we held its answer)
            handler.close_connection = True

    def _forward(
        self, handler: BaseHTTPRequestHandler, method: str, path: str, body: bytes
    ) -> tuple[int, list[tuple[str, str]], bytes]:
        conn = http.client.HTTPConnection(*self.upstream, timeout=120)
        try:
            headers = {k: v for k, v in handler.headers.items() if k.lower() not in HOP_HEADERS}
            headers["Content-Length"] = str(len(body))
            conn.request(method, path, body=body or None, headers=headers)
            response = conn.getresponse()
            answer = response.read()
            kept = [(k, v) for k, v in response.getheaders() if k.lower() not in HOP_HEADERS]
            return response.status, kept, answer
        finally:
            conn.close()

    @staticmethod
    def _answer(
        handler: BaseHTTPRequestHandler, status: int, headers: list[tuple[str, str]], body: bytes
    ) -> None:
        handler.send_response(status)
        for key, value in headers:
            if key.lower() not in {"server", "date"}:
                handler.send_header(key, value)
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)
        handler.wfile.flush()

    def _record(  # noqa: PLR0917 - one call site per outcome, all spelled out
        self,
        method: str,
        path: str,
        status: int | None,
        request: Any,
        answer: bytes,
        encoding: str | None,
        *,
        forwarded: bool,
    ) -> None:
        exchange = Exchange(
            method, path, status, request, _decode(answer, encoding), forwarded=forwarded
        )
        with self._guard:
            self.log.append(exchange)

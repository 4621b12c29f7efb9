"""A loopback server that answers like the web does, and a guard against the network."""

from __future__ import annotations

import http.server
import importlib.util
import socket
import sys
import threading
import time
from collections.abc import Iterator
from types import ModuleType
from typing import Any

import pytest

from tests.helpers import ROOT

TIMEOUT = 0.5  # seconds the tests give each request; /slow answers after 3 x this


def load_script(name: str) -> ModuleType:
    """A script from scripts/ as a module (scripts/ is not a package)."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


class _Web(http.server.BaseHTTPRequestHandler):
    hits: dict[str, int] = {}  # noqa: RUF012  (shared on purpose: counts requests per path)

    def log_message(self, format: str, *args: object) -> None:
        pass

    def _answer(self, status: int, location: str | None = None) -> None:
        self.send_response(status)
        if location:
            self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _route(self) -> None:
        path = self.path
        self.hits[path] = self.hits.get(path, 0) + 1
        if path in ("/ok", "/pubmed/31322903/"):
            self._answer(200)
        elif path == "/moved":
            self._answer(301, "/ok")
        elif path == "/doi/10.4085/1062-6050-481-17":
            self._answer(302, "/ok")  # doi.org redirects to the publisher
        elif path == "/gone":
            self._answer(404)
        elif path == "/slow":
            time.sleep(TIMEOUT * 3)
            self._answer(200)
        elif path == "/no-head":
            self._answer(405 if self.command == "HEAD" else 200)
        elif path == "/flaky":
            self._answer(503 if self.hits[path] == 1 else 200)
        elif path == "/down":
            self._answer(503)
        elif path == "/forbidden":
            self._answer(403)
        elif path == "/loop":
            self._answer(302, "/loop")
        else:
            self._answer(500)

    def do_HEAD(self) -> None:
        self._route()

    def do_GET(self) -> None:
        self._route()


@pytest.fixture
def web() -> Iterator[str]:
    """Base URL of the loopback server; request counts reset for each test."""
    _Web.hits = {}
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Web)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any connection to a host other than loopback fails the test."""
    real = socket.create_connection

    def loopback_only(address: tuple[str, int], *args: Any, **kwargs: Any) -> socket.socket:
        assert address[0] in ("127.0.0.1", "localhost"), f"the test tried the network: {address}"
        return real(address, *args, **kwargs)

    monkeypatch.setattr(socket, "create_connection", loopback_only)

"""A loopback TCP relay in front of a test database that can cut or freeze its connections.

It stands for the network between a scanner and its database: :meth:`Proxy.drop_after` cuts every
connection once a number of bytes more have come from the server (mid-result) and refuses new
ones, as a server that went away; :meth:`Proxy.freeze` stops relaying without closing anything,
as a server that hangs or a network path that silently died.
"""

from __future__ import annotations

import contextlib
import socket
import threading
from typing import Any


class Proxy:
    """Relay 127.0.0.1:``port`` to the host and port of ``url`` until cut, frozen or closed."""

    def __init__(self, url: str) -> None:
        from sqlalchemy.engine import make_url

        parsed = make_url(url)
        self._upstream = (parsed.host or "127.0.0.1", int(parsed.port or 3306))
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port: int = self._listener.getsockname()[1]
        self._lock = threading.Lock()
        self._sockets: list[socket.socket] = []
        self._budget: int | None = None  # bytes from the server still relayed once armed
        #: Bytes relayed from the server so far.
        self.from_server = 0
        self._dropped = threading.Event()
        self._frozen = threading.Event()
        self._closed = threading.Event()
        threading.Thread(target=self._accept, daemon=True).start()

    def __enter__(self) -> Proxy:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def drop_after(self, nbytes: int) -> None:
        """Cut every connection once ``nbytes`` more bytes came from the server; refuse new ones."""
        with self._lock:
            self._budget = nbytes

    def freeze(self) -> None:
        """Stop relaying in both directions; connections stay open and new ones are accepted."""
        self._frozen.set()

    def close(self) -> None:
        """Close the listener and every connection (unblocks whoever waits on them)."""
        self._closed.set()
        self._cut()
        self._listener.close()

    def _cut(self) -> None:
        with self._lock:
            socks, self._sockets = self._sockets, []
        for s in socks:
            with contextlib.suppress(OSError):
                s.shutdown(socket.SHUT_RDWR)
            s.close()

    def _accept(self) -> None:
        while not self._closed.is_set():
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            if self._dropped.is_set():
                client.close()  # the server is gone: connection reset
                continue
            try:
                server = socket.socket()
                # Small buffers: what the server sends is what the client asked for, not
                # megabytes queued ahead in kernel buffers (see from_server).
                for s in (client, server):
                    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 65536)
                    s.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 65536)
                server.settimeout(10)
                server.connect(self._upstream)
            except OSError:
                client.close()
                server.close()
                continue
            with self._lock:
                self._sockets += [client, server]
            threading.Thread(target=self._pump, args=(client, server, False), daemon=True).start()
            threading.Thread(target=self._pump, args=(server, client, True), daemon=True).start()

    def _pump(self, src: socket.socket, dst: socket.socket, from_server: bool) -> None:
        src.settimeout(0.1)
        while not self._closed.is_set():
            if self._frozen.is_set():
                self._closed.wait(0.1)  # hold everything: nothing read, nothing sent
                continue
            try:
                data = src.recv(65536)
            except TimeoutError:
                continue
            except OSError:
                return
            if not data:
                self._close_pair(src, dst)
                return
            if from_server:
                with self._lock:
                    self.from_server += len(data)
            if from_server and self._over_budget(len(data)):
                self._dropped.set()
                self._cut()
                return
            try:
                dst.sendall(data)
            except OSError:
                return

    def _over_budget(self, n: int) -> bool:
        with self._lock:
            if self._budget is None:
                return False
            self._budget -= n
            return self._budget < 0

    def _close_pair(self, *socks: Any) -> None:
        for s in socks:
            with contextlib.suppress(OSError):
                s.shutdown(socket.SHUT_RDWR)


def scan_frozen_after_first_table(url: str, tables: list[str], **kwargs: Any) -> Any:
    """Scan ``tables`` through a relay that freezes once the first table is done.

    Runs the scan in a thread joined for 45 s, so a scan that hangs fails the calling test
    instead of hanging it. Returns the report, or the exception the scan raised; asserts that
    it did not hang.
    """
    from hegui.scanners.tabular import scan

    outcome: list[Any] = []
    with Proxy(url) as proxy:
        scheme, rest = url.split("://", 1)
        user, hostpart = rest.split("@", 1)
        through = f"{scheme}://{user}@127.0.0.1:{proxy.port}/{hostpart.split('/', 1)[1]}"

        def progress(name: str, index: int, total: int) -> None:
            if index == 1:
                proxy.freeze()

        def run() -> None:
            try:
                outcome.append(scan(through, tables=tables, progress=progress, **kwargs))
            except Exception as exc:  # recorded: the caller's assertions say which
                outcome.append(exc)

        worker = threading.Thread(target=run, daemon=True)
        worker.start()
        worker.join(45)
        hung = worker.is_alive()
    assert not hung, "the scan hung on a server that stopped answering"
    [result] = outcome
    return result

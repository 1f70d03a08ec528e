"""A bound on every wait for a PostgreSQL server (psycopg 3), so a frozen server cannot hang a scan.

libpq has no read timeout: a server that stops answering mid-query, or a network path that
silently died (a firewall dropping packets, a hung proxy), leaves psycopg waiting on its socket
forever, past the scan's own deadline, which is only checked between reads. Keepalives do not
help when something on the path still acknowledges packets, and ``statement_timeout`` only when
the server itself is alive. psycopg runs every blocking operation through
``Connection.wait(gen, interval, timeout)``; the connections made here pass the scan's timeout
where psycopg passes none, and close the connection when it runs out (its state is then unknown),
so the scan records the table as unread and goes on or ends, instead of hanging.
"""

from __future__ import annotations

import inspect
from typing import Any

_TIMEOUT_NAME = "timeout"


def _supported() -> bool:
    """True if this psycopg's ``Connection.wait`` takes a timeout (psycopg 3.2 and later)."""
    try:
        import psycopg
    except ImportError:  # pragma: no cover - psycopg is in the scan extra
        return False
    return _TIMEOUT_NAME in inspect.signature(psycopg.Connection.wait).parameters


def _connection_class(timeout_s: float) -> Any:
    import psycopg

    class TimedConnection(psycopg.Connection):  # type: ignore[type-arg]
        """A psycopg connection whose waits end after ``timeout_s`` seconds."""

        def wait(self, gen: Any, *args: Any, **kwargs: Any) -> Any:
            # Positional form is wait(gen, interval, timeout): fill the timeout only if unset.
            if len(args) < 2 and kwargs.get(_TIMEOUT_NAME) is None:
                kwargs[_TIMEOUT_NAME] = timeout_s
            try:
                return super().wait(gen, *args, **kwargs)
            except psycopg.OperationalError as exc:
                if type(exc).__name__ != "_WaitTimeout":
                    raise
                # Mid-protocol: the connection cannot be used again; the pool drops it.
                self.close()
                err = psycopg.OperationalError(f"no answer from the server within {timeout_s:g} s")
                # Our own words, safe to show (driver messages are not: see sql.db_error).
                err.hegui_reason = str(err)  # type: ignore[attr-defined]
                raise err from None

    return TimedConnection


def bound_waits(engine: Any, timeout_s: float) -> bool:
    """Make ``engine`` open psycopg connections whose every wait ends after ``timeout_s``.

    Returns False (and changes nothing) where psycopg's wait takes no timeout.
    """
    if not _supported():
        return False
    from sqlalchemy import event

    cls = _connection_class(timeout_s)

    @event.listens_for(engine, "do_connect")
    def _connect(dialect: Any, conn_rec: Any, cargs: Any, cparams: Any) -> Any:
        # The initial connection has its own bound: libpq's connect_timeout (whole seconds).
        cparams.setdefault("connect_timeout", max(1, int(min(timeout_s, 60))))
        return cls.connect(*cargs, **cparams)

    return True

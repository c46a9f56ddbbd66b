"""Options for the waitress server of `vanort serve`, from the environment.

Behind a TLS proxy, set VANORT_TRUSTED_PROXY to the proxy's address (e.g. 127.0.0.1): waitress
then takes the client address, scheme (https) and host from the proxy's X-Forwarded-* headers
— and only from that address; such headers from anyone else are removed. VANORT_THREADS sets
the worker threads (default 8).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

PROXY_HEADERS = frozenset({"x-forwarded-for", "x-forwarded-proto", "x-forwarded-host", "x-forwarded-port"})


class ServeConfigError(ValueError):
    pass


def waitress_options(environ: Mapping[str, str]) -> dict[str, Any]:
    raw_threads = environ.get("VANORT_THREADS", "8").strip() or "8"
    if not raw_threads.isdigit() or not 1 <= int(raw_threads) <= 64:
        raise ServeConfigError(f"VANORT_THREADS: expected a number from 1 to 64, got '{raw_threads}'")
    options: dict[str, Any] = {"threads": int(raw_threads)}
    proxy = environ.get("VANORT_TRUSTED_PROXY", "").strip()
    if proxy:
        options.update(
            trusted_proxy=proxy,
            trusted_proxy_count=1,
            trusted_proxy_headers=set(PROXY_HEADERS),
            clear_untrusted_proxy_headers=True,
        )
    return options


def processes_from(environ: Mapping[str, str]) -> int:
    """VANORT_PROCESSES: how many server processes share the listening socket (default 1).

    One waitress process runs Python on one core at a time; on a machine with more cores, more
    processes serve more requests at once."""
    raw = environ.get("VANORT_PROCESSES", "1").strip() or "1"
    if not raw.isdigit() or not 1 <= int(raw) <= 32:
        raise ServeConfigError(f"VANORT_PROCESSES: expected a number from 1 to 32, got '{raw}'")
    return int(raw)


def warm_up() -> None:
    """Do before the first request what Django otherwise does lazily on it: import every view
    (the URL configuration), compile every template and read every language's catalogue.

    Done once before `serve_processes` forks, the work is shared by all server processes, and
    no visitor waits a second for the first page of a fresh process (load test, issue 8)."""
    from django.conf import settings
    from django.template import TemplateDoesNotExist, TemplateSyntaxError, engines
    from django.urls import get_resolver
    from django.utils import translation

    get_resolver().url_patterns  # noqa: B018 - importing the views is the point
    for engine in engines.all():
        for name in _template_names(engine):
            try:
                engine.get_template(name)
            except (TemplateDoesNotExist, TemplateSyntaxError):
                continue  # an unused or broken template fails when it is used, as before
    for code, _label in settings.LANGUAGES:
        with translation.override(code):
            translation.gettext("Vänort")


#: How long a thread running Python keeps the interpreter before another may run (Python's
#: default is 5 ms). A request thread whose database answer has arrived waits for the
#: interpreter at every query; with 8 threads per process and ~10 queries per page, 5 ms waits
#: add up to the tail latency. 1 ms: p95 lower in the load test, CPU per request the same.
SWITCH_INTERVAL = 0.001


def share_the_interpreter() -> None:
    """Server threads hand the interpreter over sooner (see SWITCH_INTERVAL)."""
    import sys

    sys.setswitchinterval(SWITCH_INTERVAL)


def _template_names(engine: Any) -> list[str]:
    """The names of the templates in the engine's directories (apps' templates included)."""
    from pathlib import Path

    names = []
    for directory in engine.template_dirs:
        root = Path(directory)
        names += [path.relative_to(root).as_posix() for path in root.rglob("*.html")]
    return names


def serve_processes(
    app: Any, *, host: str, port: int, processes: int, options: dict[str, Any], ready: Callable[[], None]
) -> int:
    """Bind once, call `ready` (start-up work shared by the forks), fork `processes` waitress
    servers on the shared socket, and wait.

    SIGTERM/SIGINT to this process stop all servers; if one server dies, the others are stopped
    too and the exit status is non-zero, so a supervisor restarts the whole service."""
    import contextlib
    import os
    import signal
    import socket

    from django.db import connections
    from waitress import serve

    family, kind, proto, _name, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    listener = socket.socket(family, kind, proto)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(address)
    listener.listen(1024)
    ready()
    connections.close_all()  # no database connection may be shared across the fork
    children = []
    for _ in range(processes):
        pid = os.fork()
        if pid == 0:  # pragma: no cover - runs in the child
            code = 0
            try:
                serve(app, sockets=[listener], **options)
            except BaseException:
                code = 1
            os._exit(code)
        children.append(pid)

    requested = []

    def stop(signum: int, _frame: Any) -> None:
        if _frame is not None:
            requested.append(signum)
        for child in children:
            with contextlib.suppress(ProcessLookupError):
                os.kill(child, signal.SIGTERM)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    failed = False
    remaining = set(children)
    while remaining:
        try:
            pid, _code = os.wait()
        except ChildProcessError:
            break
        remaining.discard(pid)
        if not requested:  # a server died on its own: stop the others, report failure
            failed = True
            stop(signal.SIGTERM, None)
    return 1 if failed else 0

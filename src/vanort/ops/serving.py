"""Options for the waitress server of `vanort serve`, from the environment.

Behind a TLS proxy, set VANORT_TRUSTED_PROXY to the proxy's address (e.g. 127.0.0.1): waitress
then takes the client address, scheme (https) and host from the proxy's X-Forwarded-* headers
— and only from that address; such headers from anyone else are removed. VANORT_THREADS sets
the worker threads (default 8).
"""

from __future__ import annotations

from collections.abc import Mapping
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

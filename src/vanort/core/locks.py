"""Named locks held until the end of the current transaction.

For a number series (the diarienummer of a municipality and year) there is no row to lock
before the first number is handed out; a transaction-scoped advisory lock named by the
series serialises the allocations instead. SQLite needs none: its writers are serialised
already (settings: `transaction_mode IMMEDIATE`).
"""

from __future__ import annotations

import hashlib

from django.db import connection


def lock_key(*parts: object) -> int:
    """A stable signed 64-bit key for the lock named by `parts`."""
    digest = hashlib.blake2b("\x1f".join(map(str, parts)).encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def lock_series(*parts: object) -> None:
    """Wait for, then hold until commit or rollback, the lock named by `parts` (call inside atomic)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [lock_key(*parts)])

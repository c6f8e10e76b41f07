"""The write token: constant-time comparison of an ``Authorization: Bearer`` header."""

from __future__ import annotations

import hmac

REFUSED = "this write needs Authorization: Bearer <token> (printed by watchfloor serve)"


def bearer_ok(header: str | None, token: str) -> bool:
    """True when ``header`` is ``Bearer <token>`` (scheme case-insensitive, constant time)."""
    if not header or not token:
        return False
    scheme, _, given = header.strip().partition(" ")
    if scheme.lower() != "bearer":
        return False
    return hmac.compare_digest(given.strip().encode(), token.encode())

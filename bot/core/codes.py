"""One-time codes (agreement links, staff invites): only a hash of the code is ever stored."""

from __future__ import annotations

import hashlib


def code_hash(code: str) -> str:
    return hashlib.sha256(code.encode()).hexdigest()

#!/usr/bin/env python3
"""Checks a TradeBot webhook: verify-webhook.py SECRET "X-TradeBot-Signature value" < raw-body"""
import hashlib, hmac, sys, time

TOLERANCE = 300  # seconds: an older signature is refused, so a captured request cannot be replayed


def verify(secret: str, header: str, body: bytes) -> bool:
    fields = dict(part.split("=", 1) for part in header.split(",") if "=" in part)
    t, given = fields.get("t", ""), fields.get("v1", "")
    if not t.isdigit() or abs(time.time() - int(t)) > TOLERANCE:
        return False
    expected = hmac.new(secret.encode(), t.encode() + b"." + body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, given)


if __name__ == "__main__":
    ok = verify(sys.argv[1], sys.argv[2], sys.stdin.buffer.read())
    print("valid" if ok else "INVALID")
    sys.exit(0 if ok else 1)

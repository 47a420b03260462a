"""CERT rules."""

from __future__ import annotations

from onex.rules.cert import cert_001, cert_002, cert_003, cert_004, cert_005

RULES = (cert_001.RULE, cert_002.RULE, cert_003.RULE, cert_004.RULE, cert_005.RULE)

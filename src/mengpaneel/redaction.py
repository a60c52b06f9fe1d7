"""Keep secret tokens (invitations, password resets) out of every log line."""

from __future__ import annotations

import logging
import re

# The secret part of /uitnodiging/<token>/, /wachtwoord-herstellen/<uid>/<token>/ and the
# live round's QR address /l/<code>/.
_TOKEN_PATHS = re.compile(r"(/(?:uitnodiging|wachtwoord-herstellen|l)/)[^\s\"?]+")


def redact(text: str) -> str:
    return _TOKEN_PATHS.sub(r"\1[redacted]", text)


class RedactTokensFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True

"""Random tokens for private links and short check-in codes.

Tokens are unguessable (256 bits); check-in codes are short enough to read aloud at the desk, from
an alphabet without the letters people confuse, and are never enough on their own to act for
someone (see meetings' self check-in).
"""

import secrets

# Letters and digits people do not confuse when reading a code aloud or typing it: no 0/O, 1/I.
CHECKIN_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
CHECKIN_CODE_LENGTH = 8


def new_token():
    """A long random token for links (about 43 URL-safe characters, 256 bits)."""
    return secrets.token_urlsafe(32)


def new_checkin_code():
    """A short check-in code such as ``K7QX3M9A`` (8 characters from CHECKIN_ALPHABET)."""
    return "".join(secrets.choice(CHECKIN_ALPHABET) for _index in range(CHECKIN_CODE_LENGTH))

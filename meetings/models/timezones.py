"""Time zones of meetings and the way Indonesian documents print times ("09.30 WITA")."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

DEFAULT_TIMEZONE = "Asia/Makassar"

# Indonesia's three time zones by the names people write after a time ("09.00 WITA").
TIMEZONE_ABBREVIATIONS = {
    "Asia/Jakarta": "WIB",
    "Asia/Pontianak": "WIB",
    "Asia/Makassar": "WITA",
    "Asia/Jayapura": "WIT",
}
TIMEZONE_CHOICES = [
    ("Asia/Jakarta", _("WIB (Asia/Jakarta)")),
    ("Asia/Pontianak", _("WIB (Asia/Pontianak)")),
    ("Asia/Makassar", _("WITA (Asia/Makassar)")),
    ("Asia/Jayapura", _("WIT (Asia/Jayapura)")),
]


def clock(value, tz):
    """"09.30": the time of ``value`` in ``tz``, the way Indonesian documents print it."""
    return timezone.localtime(value, tz).strftime("%H.%M")


def timezone_label(name):
    """'WITA' for Asia/Makassar; other zones by their own name."""
    return TIMEZONE_ABBREVIATIONS.get(name, name)

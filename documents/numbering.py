"""Letter numbers: ``[kode klasifikasi]/[nomor urut]/[unit]``, one sequence per calendar year.

The pattern comes from a NumberingRule for the kind and the issuer; without one it is
DEFAULT_PATTERN ("{seq}/{year}"). In blank-number mode the sequence is left as a gap on the
paper ("400.10.2.2/      /DPMPD-II") and no number is taken.
"""

from django.db import transaction
from django.utils import timezone

from documents.models import BLANK_SEQUENCE, DEFAULT_PATTERN, NumberingRule, NumberSequence


def format_number(pattern, *, seq, year):
    """The pattern with {seq} and {year} filled in; other braces are printed as written."""
    return pattern.replace("{seq}", str(seq)).replace("{year}", str(year))


def take_next_number(*, kind, issuer_key, today=None):
    """Take the next number of the kind and issuer for this year: (number, by_hand).

    Must run inside the issuing transaction: the sequence row stays locked until it commits, so
    concurrent issues wait in turn, and a rolled-back issue gives its number back.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("take_next_number must run inside the issuing transaction.")
    year = (today or timezone.localdate()).year
    rule = NumberingRule.objects.filter(kind=kind, issuer_key=issuer_key).first()
    pattern = rule.pattern if rule else DEFAULT_PATTERN
    if rule and rule.blank_number:
        return format_number(pattern, seq=BLANK_SEQUENCE, year=year), True
    sequence, _created = NumberSequence.objects.get_or_create(kind=kind, issuer_key=issuer_key, year=year)
    # Lock and re-read: another transaction may have taken numbers since get_or_create read the row.
    sequence = NumberSequence.objects.select_for_update().get(pk=sequence.pk)
    sequence.last += 1
    sequence.save(update_fields=["last"])
    return format_number(pattern, seq=sequence.last, year=year), False

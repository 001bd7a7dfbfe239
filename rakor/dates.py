"""Dates people can mean: years a meeting, an agenda item or a registration window can be in.

A date such as 0001-01-01 typed into a form is stored by PostgreSQL as a BC timestamp that Python
cannot read back, and every page listing the row then fails. Forms refuse such years next to the
field (the model fields carry the validator) and the database refuses them too (CheckConstraints
built with ``within_sensible_years``).
"""

import datetime

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

FIRST_YEAR = 2000
LAST_YEAR = 2100

_EARLIEST = datetime.datetime(FIRST_YEAR, 1, 1, tzinfo=datetime.UTC)
_LATEST = datetime.datetime(LAST_YEAR + 1, 1, 1, tzinfo=datetime.UTC)


def validate_sensible_year(value):
    """A date or datetime whose year is FIRST_YEAR..LAST_YEAR."""
    if value is not None and not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise ValidationError(
            _("Tahun harus antara %(first)s dan %(last)s."),
            code="year_out_of_range",
            params={"first": FIRST_YEAR, "last": LAST_YEAR},
        )


def within_sensible_years(field, *, nullable=False):
    """A CheckConstraint condition keeping ``field`` within the sensible years (or NULL)."""
    condition = Q(**{f"{field}__gte": _EARLIEST, f"{field}__lt": _LATEST})
    return condition | Q(**{f"{field}__isnull": True}) if nullable else condition

"""The roles of Rakor's users, kept as Django groups (created by agencies' data migration)."""

from django.utils.translation import gettext_lazy as _

ORGANISER = "Penyelenggara"
NOTE_TAKER = "Notulis"
CHECKIN_CLERK = "Petugas Registrasi"
COORDINATOR = "Koordinator OPD"

ROLE_LABELS = {
    ORGANISER: _("Penyelenggara"),
    NOTE_TAKER: _("Notulis"),
    CHECKIN_CLERK: _("Petugas Registrasi"),
    COORDINATOR: _("Koordinator OPD"),
}


def group_names(user):
    """The user's group names, cached on the user object for the request."""
    if not user.is_authenticated:
        return frozenset()
    if not hasattr(user, "_rakor_groups"):
        user._rakor_groups = frozenset(user.groups.values_list("name", flat=True))
    return user._rakor_groups


def has_role(user, role):
    """Whether the user is in the role's group (superusers hold every role).

    Only rakor/permissions.py asks this: everything else asks a named permission.
    """
    return user.is_authenticated and (user.is_superuser or role in group_names(user))

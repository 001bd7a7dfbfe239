"""The roles of Rakor's users, kept as Django groups (created by agencies' data migration)."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import Http404
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
    return user.is_authenticated and (user.is_superuser or role in group_names(user))


def is_organiser(user):
    return has_role(user, ORGANISER)


def is_note_taker(user):
    return has_role(user, NOTE_TAKER) or is_organiser(user)


def is_checkin_clerk(user):
    return has_role(user, CHECKIN_CLERK) or is_organiser(user)


def is_coordinator(user):
    return user.is_authenticated and COORDINATOR in group_names(user)


def role_required(check):
    """A view decorator: anonymous users go to the login page; users failing ``check`` get a 404.

    A 404, not a 403: pages of a role the user does not have simply do not exist for them.
    """
    def decorator(view):
        @wraps(view)
        @login_required
        def wrapped(request, *args, **kwargs):
            if not check(request.user):
                raise Http404
            return view(request, *args, **kwargs)

        return wrapped

    return decorator

"""The one permission layer: who may do what, to which object, in which state.

Every check is a `rules` predicate on (user, object), composed here into named permissions that
views, services and templates ask through Django's ``user.has_perm(name, obj)`` (rules'
ObjectPermissionBackend is in AUTHENTICATION_BACKENDS). Nothing else decides access:

- class-based views: ``PermissionRequiredMixin`` with ``permission_required = "meetings.manage"``;
  the object checked is the view's ``get_object()`` (or ``get_permission_object()``);
- function views: ``@permission_required("meetings.check_in")``, optionally with ``fn`` returning
  the object from the view's arguments;
- templates: ``{% load rules %}{% has_perm "minutes.edit" user minutes as can_edit %}`` to show only
  the buttons a user may use.

Someone else's object is a 404, never a 403: views fetch objects through QuerySets scoped to the
user (``Meeting.objects.visible_to(user)``, ``Agency.objects.coordinated_by(user)``), and a failed
check of a signed-in user is a 404 too, so no page tells that something exists. Anonymous users go
to the login page.

Predicates read the user's groups and memberships once per request (cached on the user object)
and an object's state through its own attributes (``agency_id``, ``is_editable`` …), so this module
imports no app: apps depend on it, not the other way round.
"""

from functools import wraps

import rules
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.views.generic.detail import SingleObjectMixin
from django.views.generic.edit import BaseCreateView
from rules.contrib.views import PermissionRequiredMixin as RulesPermissionRequiredMixin

from rakor import roles

# --- who the user is --------------------------------------------------------------------------


@rules.predicate
def is_organiser(user):
    return roles.has_role(user, roles.ORGANISER)


@rules.predicate
def is_note_taker(user):
    """Note-takers, and organisers, who may do anything a note-taker does."""
    return roles.has_role(user, roles.NOTE_TAKER) or is_organiser(user)


@rules.predicate
def is_checkin_clerk(user):
    """Check-in clerks, and organisers."""
    return roles.has_role(user, roles.CHECKIN_CLERK) or is_organiser(user)


@rules.predicate
def is_coordinator(user):
    """Members of an agency in the coordinator role (a superuser is not one: they have no agency)."""
    return user.is_authenticated and roles.COORDINATOR in roles.group_names(user)


def agency_ids(user):
    """Ids of the agencies the user is a member of, cached on the user object for the request."""
    if not user.is_authenticated:
        return frozenset()
    if not hasattr(user, "_rakor_agency_ids"):
        user._rakor_agency_ids = frozenset(user.memberships.values_list("agency_id", flat=True))
    return user._rakor_agency_ids


# --- the object's agency and state --------------------------------------------------------------


@rules.predicate
def is_own_agency(user, obj):
    """The object belongs to one of the user's agencies (an Agency itself, or anything with
    an ``agency_id``: an invitation, a registration, an action item, a program)."""
    if obj is None:
        return False
    agency_id = obj.pk if obj._meta.model_name == "agency" else getattr(obj, "agency_id", None)
    return agency_id is not None and agency_id in agency_ids(user)


@rules.predicate
def is_editable(user, obj):
    """The object is in a state that allows changes (e.g. minutes in draft, a registration of a
    meeting that has not ended); objects without such a state are always editable."""
    return obj is not None and getattr(obj, "is_editable", True)


@rules.predicate
def is_final(user, obj):
    """The object is locked (e.g. final minutes): it has ``is_editable`` and that is False."""
    return obj is not None and not getattr(obj, "is_editable", True)


# --- the permissions ----------------------------------------------------------------------------

# Agencies and regions
rules.add_perm("agencies.browse", rules.is_authenticated)
rules.add_perm("agencies.view_agency", is_organiser | is_own_agency)
rules.add_perm("agencies.manage", is_organiser)

# Meetings: organisers plan them; clerks check delegates in; coordinators act for their agency.
rules.add_perm("meetings.manage", is_organiser)
rules.add_perm("meetings.check_in", is_checkin_clerk)
rules.add_perm("meetings.coordinate", is_coordinator)
rules.add_perm("meetings.change_registration", is_coordinator & is_own_agency & is_editable)
rules.add_perm("meetings.view_assignment_letter", is_organiser | (is_coordinator & is_own_agency))
# A coordinator imports delegates from CSV/XLSX through their own agency's invitation (the object).
rules.add_perm("meetings.import_agency_delegates", is_coordinator & is_own_agency)
# Registration questions: organisers edit a meeting's list (the object is the meeting or the
# question); answer files are read like assignment letters (the object is the registration).
rules.add_perm("meetings.edit_questions", is_organiser)
rules.add_perm("meetings.view_answer_file", is_organiser | (is_coordinator & is_own_agency))

# Minutes: note-takers (and organisers) write them; organisers review, finalise and publish.
# The object is the Minutes; its state is read through ``is_editable`` (False once final).
rules.add_perm("minutes.write", is_note_taker)
rules.add_perm("minutes.edit", is_note_taker & is_editable)
rules.add_perm("minutes.submit", is_note_taker & is_editable)
rules.add_perm("minutes.comment", is_organiser & is_editable)
rules.add_perm("minutes.finalise", is_organiser & is_editable)
# The progress page of a finalisation job: organisers, while it runs and once it is final.
rules.add_perm("minutes.follow_finalising", is_organiser)
rules.add_perm("minutes.reopen", is_organiser & is_final)
rules.add_perm("minutes.publish", is_organiser & is_final)
# Follow-up: coordinators report progress on their agency's actions (the object is the ActionItem,
# whose ``agency_id`` is the responsible agency); organisers on all, and they see the overview.
rules.add_perm("minutes.follow_up", is_coordinator | is_organiser)
rules.add_perm("minutes.report_progress", (is_coordinator & is_own_agency) | is_organiser)
rules.add_perm("minutes.view_followup", is_organiser)

# Programs: organisers manage them all (and the nomenclature); coordinators enter their own
# agency's programs and targets; both read the alignment matrix.
rules.add_perm("programs.view", is_organiser | is_coordinator)
rules.add_perm("programs.manage", is_organiser)
rules.add_perm("programs.add_program", is_organiser | is_coordinator)
rules.add_perm("programs.edit_program", is_organiser | (is_coordinator & is_own_agency))
# Agreements: the organiser records any regency/city's agreement, a coordinator their own agency's
# (the object is the Agency); only organisers issue the berita acara.
rules.add_perm("programs.sign_agreement", is_organiser | (is_coordinator & is_own_agency))
rules.add_perm("programs.issue_agreement", is_organiser)
# Realisation: reported per target (the object) by its agency's coordinator, or an organiser.
rules.add_perm("programs.report_realization", is_organiser | (is_coordinator & is_own_agency))
# Aspirations of kiprah desa visits: organisers record and update them; programs.view reads them.
rules.add_perm("programs.record_aspiration", is_organiser)


class LoginBackend(ModelBackend):
    """Signs users in by user name and password and grants nothing: no model permissions are
    granted or asked (superusers still pass every check, as Django's User.has_perm says)."""

    def has_perm(self, user_obj, perm, obj=None):
        return False

    def get_all_permissions(self, user_obj, obj=None):
        return set()

    def has_module_perms(self, user_obj, app_label):
        return False


# --- enforcement ------------------------------------------------------------------------------


class PermissionRequiredMixin(RulesPermissionRequiredMixin):
    """Class-based views: ``permission_required`` on ``get_permission_object()``.

    Anonymous users are sent to the login page; anyone else without the permission gets a 404.
    The object fetched for the check is kept, so the view does not fetch it twice.
    """

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:  # before fetching anything: the login page, not a 404
            return self.handle_no_permission()
        return super().dispatch(request, *args, **kwargs)

    def get_permission_object(self):
        if not isinstance(self, SingleObjectMixin) or isinstance(self, BaseCreateView):
            return None
        return self.get_object()

    def get_object(self, queryset=None):
        if queryset is not None:
            return super().get_object(queryset)
        if not hasattr(self, "_permission_object"):
            self._permission_object = super().get_object()
        return self._permission_object

    def handle_no_permission(self):
        if self.request.user.is_authenticated:
            raise Http404
        return redirect_to_login(self.request.get_full_path())


def permission_required(perm, fn=None):
    """Function views: require ``perm``, on the object ``fn(request, *args, **kwargs)`` if given.

    Anonymous users go to the login page; a signed-in user without the permission gets a 404.
    The object checked is handed to the view as ``request.permission_object`` (fetched once).
    """

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            obj = fn(request, *args, **kwargs) if fn else None
            if not request.user.has_perm(perm, obj):
                raise Http404
            request.permission_object = obj
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


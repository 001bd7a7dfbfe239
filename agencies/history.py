"""The change history shown on an agency's page: its own edits and its memberships, newest first."""

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agencies.models import Agency, Membership, Region
from rakor.history import Change, Entry, latest_edits

MEMBERSHIP_ACTIONS = {
    "+": gettext_lazy("Anggota ditambahkan"),
    "~": gettext_lazy("Anggota diubah"),
    "-": gettext_lazy("Anggota dihapus"),
}


def agency_history(agency, *, limit=50):
    """The last `limit` history entries of the agency and its memberships, in a fixed number of queries.

    Each edit lists the fields it changed with their old and new values (simple_history's
    diff_against between consecutive records, so one extra record is fetched for the oldest shown).
    """
    entries = []
    region_codes = set()
    for entry, changes in latest_edits(agency.history, limit=limit):
        for change in changes or []:
            if change.field == "region":
                region_codes.update({change.old, change.new} - {None})
            entry.changes.append(Change(change.field, change.old, change.new))
        entries.append(entry)

    # Region changes carry codes; show names, looked up in one query.
    names = dict(Region.objects.filter(code__in=region_codes).values_list("code", "name"))
    for entry in entries:
        entry.changes = [_display(change, names) for change in entry.changes]

    membership_records = list(
        Membership.history.filter(agency_id=agency.pk)
        .select_related("history_user")
        .order_by("-history_date", "-history_id")[:limit]
    )
    users = get_user_model().objects.in_bulk({r.user_id for r in membership_records})
    for record in membership_records:
        member = users.get(record.user_id)
        label = member.get_username() if member else f"#{record.user_id}"
        action = MEMBERSHIP_ACTIONS[record.history_type]
        role = Membership.Role(record.role).label if record.role in Membership.Role.values else record.role
        entries.append(
            Entry(
                record.history_date,
                record.history_user,
                action,
                [Change(_("anggota"), None, f"{label} ({role})")],
            )
        )
    entries.sort(key=lambda e: e.date, reverse=True)
    return entries[:limit]


def _display(change, region_names):
    model_field = Agency._meta.get_field(change.field)
    old, new = change.old, change.new
    if change.field == "region":
        old = region_names.get(old, old) if old else _("Pusat")
        new = region_names.get(new, new) if new else _("Pusat")
    elif model_field.choices or isinstance(old, bool):
        old, new = _yes_no(old), _yes_no(new)
    return Change(str(model_field.verbose_name), _text(old), _text(new))


def _text(value):
    return "" if value in (None, "") else str(value)


def _yes_no(value):
    if isinstance(value, bool):
        return _("Ya") if value else _("Tidak")
    return value

from django import template
from django.utils.translation import gettext as _

from meetings.letters import meeting_day

register = template.Library()


@register.filter
def minutes_label(minutes):
    """90 -> "1 jam 30 menit"; 45 -> "45 menit"."""
    if minutes in (None, ""):
        return ""
    minutes = int(minutes)
    hours, rest = divmod(minutes, 60)
    if hours and rest:
        return _("%(hours)d jam %(minutes)d menit") % {"hours": hours, "minutes": rest}
    if hours:
        return _("%(hours)d jam") % {"hours": hours}
    return _("%(minutes)d menit") % {"minutes": rest}


@register.filter
def meeting_days(meeting):
    """'Selasa, 24 April 2018', or 'Selasa, 24 April 2018 s.d. Rabu, 25 April 2018' for a meeting
    over several days (its own zone; ``meetings.letters.meeting_day``)."""
    return meeting_day(meeting)

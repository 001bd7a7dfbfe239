"""Template tags of the follow-up, for pages of other apps (meetings' staff page links here with
``{% url %}`` only: meetings imports nothing of minutes, templates may load this library)."""

from django import template

from minutes import followup

register = template.Library()


@register.simple_tag
def carry_over_count(meeting):
    """How many open actions of the organiser's previous final minutes could be added to
    ``meeting``'s agenda for evaluation: 0 when none, or when the item is already there (1 query)."""
    return followup.carry_over_count(meeting)

from rakor import roles


def user_roles(request):
    """What the navigation needs to know about the user's roles."""
    user = request.user
    return {
        "is_organiser": roles.is_organiser(user),
        "is_note_taker": roles.is_note_taker(user),
        "is_checkin_clerk": roles.is_checkin_clerk(user),
        "is_coordinator": roles.is_coordinator(user),
    }

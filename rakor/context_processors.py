def user_roles(request):
    """What the navigation needs to know: the named permissions of rakor/permissions.py it shows."""
    user = request.user
    return {
        "is_organiser": user.has_perm("meetings.manage"),
        "is_note_taker": user.has_perm("minutes.write"),
        "is_checkin_clerk": user.has_perm("meetings.check_in"),
        "is_coordinator": user.has_perm("meetings.coordinate"),
    }

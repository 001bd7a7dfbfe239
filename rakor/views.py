from django.shortcuts import render

from rakor import dashboard, roles


def home(request):
    """Anonymous visitors: upcoming public meetings and how to sign in; users: their dashboard."""
    user = request.user
    if not user.is_authenticated:
        return render(request, "home.html", {"upcoming": dashboard.upcoming_meetings()})
    role_labels = [label for name, label in roles.ROLE_LABELS.items() if name in roles.group_names(user)]
    return render(
        request,
        "home.html",
        {"sections": dashboard.sections_for(user), "role_labels": role_labels},
    )

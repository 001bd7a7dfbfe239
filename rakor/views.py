from django.shortcuts import render


def home(request):
    """Anonymous visitors: upcoming public meetings and how to sign in; users: their dashboard."""
    return render(request, "home.html", {})

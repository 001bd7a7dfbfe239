"""Views of meetings: staff.py (organisers), public.py and documents.py (no login)."""

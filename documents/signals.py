"""Signals of issued documents, for the apps that show them (documents imports none of them)."""

from django.dispatch import Signal

# Sent by documents.services.set_public after documents became public or private; arguments:
# ``documents``, the changed IssuedDocument rows (their subject is content_type/object_id).
visibility_changed = Signal()

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = _("Rapat")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from documents.signals import visibility_changed
        from meetings import dashboard, public_cache, registration_dashboard
        from meetings.models import AgendaItem, Material
        from rakor.dashboard import register_sections, register_upcoming

        register_sections(dashboard.sections)
        register_sections(registration_dashboard.sections)
        register_upcoming(dashboard.upcoming)
        # The public meeting page caches its live rows; these changes make it read them again.
        for signal in (post_save, post_delete):
            signal.connect(public_cache.forget_material, sender=Material, dispatch_uid="public-live-material")
            signal.connect(public_cache.forget_item, sender=AgendaItem, dispatch_uid="public-live-item")
        visibility_changed.connect(public_cache.forget_documents, dispatch_uid="public-live-documents")


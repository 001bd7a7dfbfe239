from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = _("Rapat")

    def ready(self):
        from meetings import dashboard, registration_dashboard
        from rakor.dashboard import register_sections, register_upcoming

        register_sections(dashboard.sections)
        register_sections(registration_dashboard.sections)
        register_upcoming(dashboard.upcoming)

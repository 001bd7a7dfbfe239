from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MinutesConfig(AppConfig):
    name = "minutes"
    verbose_name = _("Notula")

    def ready(self):
        from minutes import dashboard
        from rakor.dashboard import register_sections

        register_sections(dashboard.sections)

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgramsConfig(AppConfig):
    name = "programs"
    verbose_name = _("Program")

    def ready(self):
        from programs import dashboard
        from rakor.dashboard import register_sections

        register_sections(dashboard.sections)

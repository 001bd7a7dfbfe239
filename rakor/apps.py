from django.apps import AppConfig


class RakorConfig(AppConfig):
    name = "rakor"
    verbose_name = "Rakor"

    def ready(self):
        # Registers the named permissions with rules before any request or has_perm call.
        from rakor import permissions  # noqa: F401

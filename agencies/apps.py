from django.apps import AppConfig
from django.apps import apps as global_apps
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def ensure_role_groups(using="default", apps=None, **kwargs):
    """Re-create the role groups (rakor.roles) if they are missing.

    Migrations create them once; a flush (transactional tests, `manage.py flush`) empties the auth
    tables and then sends post_migrate, so the groups come back here. Groups carry no model
    permissions: every permission is a rules predicate (rakor/permissions.py).
    """
    from rakor import roles

    # migrate passes its project state; flush sends no apps, so the live registry is used.
    apps = apps or global_apps
    Group = apps.get_model("auth", "Group")
    for name in roles.ROLE_LABELS:
        Group.objects.using(using).get_or_create(name=name)


class AgenciesConfig(AppConfig):
    name = "agencies"
    verbose_name = _("Instansi dan Wilayah")

    def ready(self):
        from agencies import dashboard
        from rakor.dashboard import register_sections

        post_migrate.connect(ensure_role_groups, sender=self)
        register_sections(dashboard.sections)

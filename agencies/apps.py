from importlib import import_module

from django.apps import AppConfig
from django.apps import apps as global_apps
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def ensure_role_groups(using="default", apps=None, **kwargs):
    """Re-create the role groups of migration 0002 with their permissions, if they are missing.

    The migration creates them once; a flush (transactional tests, `manage.py flush`) empties the
    auth tables and then sends post_migrate, so the groups come back here.
    """
    # migrate passes its project state; flush sends no apps, so the live registry is used.
    apps = apps or global_apps
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    grants_by_role = import_module("agencies.migrations.0002_roles").ROLES
    for name, grants in grants_by_role.items():
        group, created = Group.objects.using(using).get_or_create(name=name)
        if not created:
            continue
        for app_label, model, actions in grants:
            group.permissions.add(
                *Permission.objects.using(using).filter(
                    content_type__app_label=app_label, codename__in=[f"{a}_{model}" for a in actions]
                )
            )


class AgenciesConfig(AppConfig):
    name = "agencies"
    verbose_name = _("Instansi dan Wilayah")

    def ready(self):
        post_migrate.connect(ensure_role_groups, sender=self)

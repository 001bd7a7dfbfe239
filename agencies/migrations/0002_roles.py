"""Create the four role groups and give each the model permissions it needs.

Later apps add their own permissions to these groups in their own migrations.
"""

from django.db import migrations

ROLES = {
    "Penyelenggara": [
        ("agencies", "region", ["view"]),
        ("agencies", "agency", ["add", "change", "delete", "view"]),
        ("agencies", "membership", ["add", "change", "delete", "view"]),
    ],
    "Notulis": [("agencies", "agency", ["view"])],
    "Petugas Registrasi": [("agencies", "agency", ["view"])],
    "Koordinator OPD": [("agencies", "agency", ["view"])],
}


def create_roles(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after migrate; make sure ours exist now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group_name, grants in ROLES.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        for app_label, model, actions in grants:
            codenames = [f"{action}_{model}" for action in actions]
            group.permissions.add(
                *Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
            )


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("agencies", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]

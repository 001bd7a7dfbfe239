"""Role groups keep their names and lose their model permissions.

Every permission is a rules predicate in rakor/permissions.py, asked through ``has_perm``; the
model permissions migration 0002 granted were never asked, so they go (no dead grants).
"""

from django.db import migrations

ROLE_GROUPS = ["Penyelenggara", "Notulis", "Petugas Registrasi", "Koordinator OPD"]


def clear_grants(apps, schema_editor):
    for group in apps.get_model("auth", "Group").objects.filter(name__in=ROLE_GROUPS):
        group.permissions.clear()


class Migration(migrations.Migration):
    dependencies = [("agencies", "0003_name_index_and_trigram_search")]

    operations = [migrations.RunPython(clear_grants, migrations.RunPython.noop)]

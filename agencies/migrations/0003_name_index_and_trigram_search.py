"""Indexes for the agency list at national scale (~20,000 agencies, docs/benchmarks.md).

- A B-tree on (name, id), the list's order: a page is read from the index instead of sorting all
  agencies (declared in Agency.Meta, so it exists on every database).
- On PostgreSQL only: trigram GIN indexes for the search box. Django's ``icontains`` is
  ``UPPER(col::text) LIKE UPPER('%…%')``, which no B-tree can serve; a ``gin_trgm_ops`` index on that
  same expression can. They are raw SQL behind a vendor check, not GinIndex in Meta, so migrations
  still run on SQLite (development, tests) and ``makemigrations --check`` stays clean.
  ``fastupdate = off``: agencies and regions are written rarely and searched often. With the GIN
  pending list, rows added since the last autovacuum (a bulk import, say) sit unindexed and the
  planner, costing that list, fell back to scanning every agency.

TrigramExtension creates pg_trgm if it is not there yet, which needs a role allowed to create
extensions (docs/deployment.md); on other databases it does nothing.
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations, models

TRIGRAM_INDEXES = [
    ("agency_name_trgm_idx", "agencies_agency", "name"),
    ("agency_short_name_trgm_idx", "agencies_agency", "short_name"),
    ("region_name_trgm_idx", "agencies_region", "name"),
]


def create_trigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, table, column in TRIGRAM_INDEXES:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} "
            f"USING gin (UPPER({column}::text) gin_trgm_ops) WITH (fastupdate = off)"
        )


def drop_trigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _table, _column in TRIGRAM_INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("agencies", "0002_roles"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="agency",
            index=models.Index(fields=["name", "id"], name="agency_name_id_idx"),
        ),
        TrigramExtension(),
        migrations.RunPython(create_trigram_indexes, drop_trigram_indexes, elidable=False),
    ]

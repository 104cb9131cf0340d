"""Trigram indexes for the person list's substring search (name, address, ID number, phone).

PostgreSQL only: pg_trgm is a trusted extension (PostgreSQL 13+), so the database owner may
create it. On SQLite (the zero-config demo) this migration does nothing.
"""

from django.db import migrations

COLUMNS = ["name", "current_address", "id_number", "phone"]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for column in COLUMNS:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS residents_person_{column}_trgm "
            f"ON residents_person USING gin ({column} gin_trgm_ops)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for column in COLUMNS:
        schema_editor.execute(f"DROP INDEX IF EXISTS residents_person_{column}_trgm")


class Migration(migrations.Migration):
    dependencies = [("residents", "0003_person_group_optional")]

    operations = [migrations.RunPython(create, drop)]

"""A GIN index over the characters of each person's name, address and phone, for list searches of
one or two characters (residents.models.search_characters(); trigram indexes need three).

PostgreSQL only, like 0004: on SQLite (the zero-config demo) this migration does nothing. Built
CONCURRENTLY, so a deployment with a million people keeps registering them meanwhile, then
ANALYZE gives the search the character frequencies it decides by.
"""

from django.db import migrations

# Written out rather than imported: a migration must keep meaning what it meant when it was written.
INDEX = "person_search_characters"
EXPRESSION = "string_to_array(translate(name || current_address || phone, '0123456789 ', ''), NULL)"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"CREATE INDEX CONCURRENTLY IF NOT EXISTS {INDEX} ON residents_person USING gin ({EXPRESSION})"
    )
    schema_editor.execute("ANALYZE residents_person")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX CONCURRENTLY IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    atomic = False

    dependencies = [("residents", "0006_past_stays")]

    operations = [migrations.RunPython(create, drop)]

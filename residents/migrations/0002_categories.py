from django.db import migrations

from residents.reference import CATEGORIES, ensure_default_categories


def seed_categories(apps, schema_editor):
    category_model = apps.get_model("residents", "Category")
    ensure_default_categories(category_model.objects.using(schema_editor.connection.alias))


def remove_categories(apps, schema_editor):
    apps.get_model("residents", "Category").objects.filter(code__in=[c[0] for c in CATEGORIES]).delete()


class Migration(migrations.Migration):
    dependencies = [("residents", "0001_initial")]

    operations = [migrations.RunPython(seed_categories, remove_categories)]

"""Seed 000's fine rules (D1, D1a, A1, A2, M1–M6) for every community that exists when this runs; communities
created later get them from ``committee.services.fines.finerules_ensure_defaults`` (a post_save receiver)."""

from django.db import migrations


def add_default_rules(apps, schema_editor):
    from committee.models.fines import DEFAULT_FINE_RULES

    Community = apps.get_model("governance", "Community")
    FineRule = apps.get_model("committee", "FineRule")
    with_rules = set(FineRule.objects.values_list("community_id", flat=True).distinct())
    FineRule.objects.bulk_create(
        FineRule(community_id=community_id, **rule)
        for community_id in Community.objects.exclude(pk__in=with_rules).values_list("pk", flat=True)
        for rule in DEFAULT_FINE_RULES
    )


class Migration(migrations.Migration):
    dependencies = [
        ("committee", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(add_default_rules, migrations.RunPython.noop, elidable=False),
    ]

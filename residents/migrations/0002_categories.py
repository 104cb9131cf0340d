from django.db import migrations

# (code, name, sensitive, needs disability detail)
CATEGORIES = [
    ("dibao", "低保对象", False, False),
    ("wubao", "五保/特困供养", False, False),
    ("sanwu", "三无老人", False, False),
    ("disabled", "残疾人", False, True),
    ("entitled", "优抚对象", False, False),
    ("lone_elderly", "孤寡/独居老人", False, False),
    ("empty_nest", "空巢老人", False, False),
    ("left_behind_child", "留守儿童", False, False),
    ("left_behind_woman", "留守妇女", False, False),
    ("left_behind_elderly", "留守老人", False, False),
    ("released", "刑释/解教人员", True, False),
    ("correction", "社区矫正人员", True, False),
    ("key_person", "重点人员", True, False),
    ("unemployed", "下岗失业人员", False, False),
    ("poor_student", "困难学生", False, False),
    ("serious_illness", "重特大病患者", False, False),
    ("orphan", "孤儿", False, False),
    ("family_planning_reward", "计生奖励扶助对象", False, False),
]


def seed_categories(apps, schema_editor):
    category_model = apps.get_model("residents", "Category")
    for order, (code, name, sensitive, disability) in enumerate(CATEGORIES, start=1):
        category_model.objects.get_or_create(
            code=code,
            defaults={"name": name, "is_sensitive": sensitive, "has_disability_detail": disability, "order": order},
        )


def remove_categories(apps, schema_editor):
    apps.get_model("residents", "Category").objects.filter(code__in=[c[0] for c in CATEGORIES]).delete()


class Migration(migrations.Migration):
    dependencies = [("residents", "0001_initial")]

    operations = [migrations.RunPython(seed_categories, remove_categories)]

"""The reference data every residents' register starts with: the special-population categories (特殊人群)."""

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


def ensure_default_categories(categories) -> None:
    """Create the categories that are missing (by code) through the manager ``categories``; existing ones,
    renamed or not, are left alone."""
    for order, (code, name, sensitive, disability) in enumerate(CATEGORIES, start=1):
        categories.get_or_create(
            code=code,
            defaults={"name": name, "is_sensitive": sensitive, "has_disability_detail": disability, "order": order},
        )

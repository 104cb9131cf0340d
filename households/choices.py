from django.db import models


class HouseholdKind(models.TextChoices):
    PERMANENT = "permanent", "常住户"
    FLOATING = "floating", "流动户"


class Housing(models.TextChoices):
    OWNED = "owned", "自有住房"
    RENTED = "rented", "租住"
    BORROWED = "borrowed", "借住"
    PUBLIC_RENTAL = "public_rental", "公租房"
    DILAPIDATED = "dilapidated", "危房"
    OTHER = "other", "其他"


class HouseholdStatus(models.TextChoices):
    ACTIVE = "active", "在册"
    CLOSED = "closed", "已注销"


class HouseholdTagKind(models.TextChoices):
    MINIMUM_ALLOWANCE = "dibao", "低保户"
    FIVE_GUARANTEES = "wubao", "五保户"
    POOR = "poor", "贫困户"
    EXTREMELY_POOR = "extremely_poor", "特困户"
    LOW_INCOME = "low_income", "低收入家庭"
    MIGRANT_WORKERS = "migrant_workers", "外出务工家庭"
    ENTITLED = "entitled", "优抚家庭"
    NO_EMPLOYMENT = "zero_employment", "零就业家庭"
    MODEL_FAMILY = "model_family", "五好文明家庭"

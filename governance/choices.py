from django.db import models


class StreetKind(models.TextChoices):
    STREET = "street", "街道"
    TOWN = "town", "镇"
    TOWNSHIP = "township", "乡"


class CommunityKind(models.TextChoices):
    URBAN = "urban", "城市社区"
    RURAL = "rural", "农村社区"


class UnitKind(models.TextChoices):
    ENTERPRISE = "enterprise", "企业"
    SCHOOL = "school", "学校"
    CLINIC = "clinic", "卫生所/医疗机构"
    GOVERNMENT = "government", "行政机关"
    INSTITUTION = "institution", "事业单位"
    MILITARY = "military", "部队"
    COLLEGE = "college", "院校"
    SMALL_BUSINESS = "small_business", "个体私营"
    PROPERTY_COMPANY = "property_company", "物业公司"
    SOCIAL_ORGANISATION = "social_organisation", "社会组织"


class UnitOwnership(models.TextChoices):
    PUBLIC = "public", "公有"
    NON_PUBLIC = "non_public", "非公"

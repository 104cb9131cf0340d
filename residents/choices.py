from django.db import models


class Sex(models.TextChoices):
    MALE = "M", "男"
    FEMALE = "F", "女"


class IdType(models.TextChoices):
    RESIDENT_ID = "resident_id", "居民身份证"
    PASSPORT = "passport", "护照"
    HK_MACAO_PERMIT = "hk_macao", "港澳居民来往内地通行证"
    TAIWAN_PERMIT = "taiwan", "台湾居民来往大陆通行证"
    FOREIGN_PERMANENT = "foreign_permanent", "外国人永久居留身份证"
    OTHER = "other", "其他证件"


# The 56 nationalities in the order of GB/T 3304, then 其他 (foreign-born, not identified).
ETHNICITIES = [
    "汉族", "蒙古族", "回族", "藏族", "维吾尔族", "苗族", "彝族", "壮族", "布依族", "朝鲜族",
    "满族", "侗族", "瑶族", "白族", "土家族", "哈尼族", "哈萨克族", "傣族", "黎族", "傈僳族",
    "佤族", "畲族", "高山族", "拉祜族", "水族", "东乡族", "纳西族", "景颇族", "柯尔克孜族", "土族",
    "达斡尔族", "仫佬族", "羌族", "布朗族", "撒拉族", "毛南族", "仡佬族", "锡伯族", "阿昌族", "普米族",
    "塔吉克族", "怒族", "乌孜别克族", "俄罗斯族", "鄂温克族", "德昂族", "保安族", "裕固族", "京族", "塔塔尔族",
    "独龙族", "鄂伦春族", "赫哲族", "门巴族", "珞巴族", "基诺族",
]  # fmt: skip
HAN = "汉族"
ETHNICITY_CHOICES = [(name, name) for name in [*ETHNICITIES, "其他"]]


class PoliticalStatus(models.TextChoices):
    PARTY_MEMBER = "party", "中共党员"
    PROBATIONARY = "probationary", "中共预备党员"
    LEAGUE_MEMBER = "league", "共青团员"
    DEMOCRATIC_PARTY = "democratic", "民主党派"
    INDEPENDENT = "independent", "无党派人士"
    MASSES = "masses", "群众"


class Education(models.TextChoices):
    NONE = "none", "未上学"
    PRESCHOOL = "preschool", "学龄前"
    PRIMARY = "primary", "小学"
    JUNIOR = "junior", "初中"
    SENIOR = "senior", "高中/中专"
    COLLEGE = "college", "大专"
    BACHELOR = "bachelor", "本科"
    POSTGRADUATE = "postgraduate", "研究生"


class MaritalStatus(models.TextChoices):
    SINGLE = "single", "未婚"
    MARRIED = "married", "已婚"
    DIVORCED = "divorced", "离婚"
    WIDOWED = "widowed", "丧偶"


class Relation(models.TextChoices):
    HEAD = "head", "户主"
    SPOUSE = "spouse", "配偶"
    SON = "son", "子"
    DAUGHTER = "daughter", "女"
    PARENT = "parent", "父母"
    GRANDPARENT = "grandparent", "祖父母"
    GRANDCHILD = "grandchild", "孙子女"
    SIBLING = "sibling", "兄弟姐妹"
    CHILD_IN_LAW = "child_in_law", "儿媳/女婿"
    OTHER = "other", "其他"


class ResidenceType(models.TextChoices):
    PERMANENT = "permanent", "常住"
    FLOATING = "floating", "流动"


class Separation(models.TextChoices):
    """人户分离: whether the person lives where their household registration (户籍) is."""

    NONE = "none", "否"
    LIVES_ELSEWHERE = "lives_elsewhere", "户在人不在"
    REGISTERED_ELSEWHERE = "registered_elsewhere", "人在户不在"


class HukouType(models.TextChoices):
    AGRICULTURAL = "agricultural", "农业"
    NON_AGRICULTURAL = "non_agricultural", "非农业"


class EmploymentStatus(models.TextChoices):
    EMPLOYED = "employed", "在职"
    RETIRED = "retired", "退休"
    LAID_OFF = "laid_off", "下岗"
    UNEMPLOYED = "unemployed", "失业"
    AWAITING = "awaiting", "待业"
    FARMING = "farming", "务农"
    MIGRANT_WORKER = "migrant_worker", "外出务工"
    SELF_EMPLOYED = "self_employed", "个体经营"
    NO_JOB = "no_job", "无业"
    STUDENT = "student", "学生"
    PRESCHOOL = "preschool", "学龄前"


class EmployerType(models.TextChoices):
    NONE = "none", "无"
    PUBLIC = "public", "公有单位"
    NON_PUBLIC = "non_public", "非公单位"


class MedicalInsurance(models.TextChoices):
    NONE = "none", "无"
    URBAN = "urban", "城镇职工医保"
    RESIDENT = "resident", "城乡居民医保/新农合"


class PersonStatus(models.TextChoices):
    ACTIVE = "active", "在册"
    MOVED_OUT = "moved_out", "迁出"
    DECEASED = "deceased", "死亡"
    CANCELLED = "cancelled", "注销"


class EventKind(models.TextChoices):
    REGISTER = "register", "登记"
    BIRTH = "birth", "出生"
    MOVE_IN = "move_in", "迁入"
    FLOAT_IN = "float_in", "流入"
    MOVE_OUT = "move_out", "迁出"
    FLOAT_OUT = "float_out", "流出"
    DEATH = "death", "死亡"
    SPLIT = "split", "分户"
    MERGE = "merge", "并户"
    HEAD_CHANGE = "head_change", "变更户主"
    TRANSFER = "transfer", "户间转移"
    CORRECTION = "correction", "信息更正"


class FloatingPurpose(models.TextChoices):
    WORK = "work", "务工"
    BUSINESS = "business", "经商"
    RELATIVES = "relatives", "投亲靠友"
    STUDY = "study", "就学"
    OTHER = "other", "其他"

"""Roles are Django groups; this module is the one place that says what each may do.

The permissions come from the model permissions of the register apps, so a model added by a
later app is granted to the roles automatically: ``sync_roles`` runs in the data migration
that creates the roles and again after every ``migrate``. Scope (street, community, groups)
is on the user, not on the role. Nothing is hard-deleted from a register, so no role gets
``delete_*`` permissions; that stays with superusers in the admin.
"""

from __future__ import annotations

from dataclasses import dataclass, field

STREET_LEADER = "街道领导"
COMMUNITY_HEAD = "书记/主任"
COMMUNITY_WORKER = "社区工作者"
GRID_WORKER = "网格员/小组长"
SAFETY_MEDIATOR = "治保调解"
AUDITOR = "只读审计"

REGISTER_APPS = ("governance", "households", "residents", "services", "safety", "committee", "reports")
ORGANISATION_MODELS = ("street", "community", "residentgroup", "grid", "residentunit")

EXPORT = "governance.export_register"
IMPORT = "governance.import_register"
# Permissions later apps define; a role lists them now and receives them once they exist.
VIEW_SENSITIVE = "residents.view_sensitive_category"
VIEW_FULL_ID = "residents.view_full_id_number"
# The 督办 list of overdue visits of key persons (黄牌/红牌) is for 书记/主任.
SUPERVISE_CARE = "safety.supervise_caretask"
# Distribution batches (发放批次) are approved by a head other than their preparer (four eyes).
APPROVE_DISTRIBUTION = "services.approve_distributionbatch"
# 帮教 and 矫正 registers leave Linli in Excel only through 书记/主任, with a reason (domain.md §6.2).
EXPORT_REHAB = "safety.export_rehabcase"
EXPORT_CORRECTION = "safety.export_correctioncase"
# Fines of the committee's ledger (罚款台账) are exempted, and their payment recorded, by 书记/主任 only.
EXEMPT_FINE = "committee.exempt_finerecord"


@dataclass(frozen=True)
class Grant:
    """``actions`` on the models of ``app`` (all of its register models when ``models`` is empty)."""

    app: str
    actions: tuple[str, ...]
    models: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()  # models of the app the grant leaves out


@dataclass(frozen=True)
class Role:
    name: str
    description: str
    grants: tuple[Grant, ...]
    extra: tuple[str, ...] = field(default=())


# The safety registers are seen in full by 治保调解, 书记/主任 and superusers only (issue 6); street
# leaders and auditors get their counts through the reports.
CONFINED_APPS = ("safety",)
# The log of views of sensitive records is read by 书记/主任 and written only by the code.
ACCESS_LOG = ("sensitiveaccess",)

# Reference tables the head of a community manages (the special-population categories).
REFERENCE_TABLES = ("category",)
# The committee's own rules (fine rules 罚款规则) are set by 书记/主任; workers read them.
COMMITTEE_RULES = ("finerule",)

READ = ("view",)
WRITE = ("view", "add", "change")

ROLES: tuple[Role, ...] = (
    Role(
        STREET_LEADER,
        "查看本街道所有社区的台账和报表,只读;平安台账只看统计数。",
        tuple(Grant(app, READ) for app in REGISTER_APPS if app not in CONFINED_APPS),
        extra=(EXPORT,),
    ),
    Role(
        COMMUNITY_HEAD,
        "本社区全部台账的查看和编辑,管理本社区工作人员账号。",
        (
            Grant("governance", READ, ("street",)),
            Grant("governance", ("view", "change"), ("community",)),
            Grant("governance", WRITE, ("residentgroup", "grid", "residentunit", "user")),
            *(Grant(app, WRITE, exclude=ACCESS_LOG) for app in REGISTER_APPS[1:]),
            Grant("safety", READ, ACCESS_LOG),
        ),
        extra=(
            EXPORT,
            IMPORT,
            VIEW_SENSITIVE,
            VIEW_FULL_ID,
            SUPERVISE_CARE,
            APPROVE_DISTRIBUTION,
            EXEMPT_FINE,
            EXPORT_REHAB,
            EXPORT_CORRECTION,
        ),
    ),
    Role(
        COMMUNITY_WORKER,
        "编辑本社区的人口、户籍和服务台账。",
        (
            Grant("governance", READ, ("street", "community", "residentgroup", "grid")),
            Grant("governance", WRITE, ("residentunit",)),
            Grant("households", WRITE),
            Grant("residents", WRITE, exclude=REFERENCE_TABLES),
            Grant("residents", READ, REFERENCE_TABLES),
            Grant("services", WRITE),
            Grant("committee", WRITE, exclude=COMMITTEE_RULES),
            Grant("committee", READ, COMMITTEE_RULES),
            Grant("reports", READ),
        ),
        extra=(EXPORT, IMPORT),
    ),
    Role(
        GRID_WORKER,
        "编辑所负责居民小组的人口、户籍和服务台账。",
        (
            Grant("governance", READ, ("street", "community", "residentgroup", "grid", "residentunit")),
            Grant("households", WRITE),
            Grant("residents", WRITE, exclude=REFERENCE_TABLES),
            Grant("residents", READ, REFERENCE_TABLES),
            Grant("services", WRITE),
            # Opinions collected in the group (社情民意收集箱, 登记本) are entered by its grid worker.
            Grant("committee", WRITE, ("suggestion",)),
        ),
        extra=(EXPORT,),
    ),
    Role(
        SAFETY_MEDIATOR,
        "调解、治保、帮教、矫正等平安台账及敏感人群。",
        (
            Grant("governance", READ, ORGANISATION_MODELS),
            Grant("households", READ),
            Grant("residents", READ),
            Grant("safety", WRITE, exclude=ACCESS_LOG),
        ),
        extra=(EXPORT, VIEW_SENSITIVE),
    ),
    Role(
        AUDITOR,
        "只读查看本辖区台账(平安台账除外),不能导出。",
        tuple(Grant(app, READ) for app in REGISTER_APPS if app not in CONFINED_APPS),
    ),
)

ROLE_NAMES = tuple(role.name for role in ROLES)
# Roles whose holders can be made responsible for a grid.
GRID_RESPONSIBLE_ROLE_NAMES = (COMMUNITY_HEAD, COMMUNITY_WORKER, GRID_WORKER)
# Roles a community head may hand out inside the community (never street-level ones).
COMMUNITY_ROLE_NAMES = (COMMUNITY_HEAD, COMMUNITY_WORKER, GRID_WORKER, SAFETY_MEDIATOR, AUDITOR)


def _permissions_for(role: Role, permission_model):
    """The model permissions a role's grants name, plus its ``extra`` permissions.

    Grants match Django's default codenames exactly (``view_<model>``): a custom permission
    such as ``residents.view_full_id_number`` is never granted by a pattern, only by ``extra``.
    """
    from django.db.models import Q

    wanted = Q(pk__in=[])
    for grant in role.grants:
        candidates = permission_model.objects.filter(content_type__app_label=grant.app).exclude(
            content_type__model__startswith="historical"
        )
        if grant.models:
            candidates = candidates.filter(content_type__model__in=grant.models)
        if grant.exclude:
            candidates = candidates.exclude(content_type__model__in=grant.exclude)
        pairs = candidates.values_list("pk", "codename", "content_type__model")
        wanted |= Q(
            pk__in=[pk for pk, codename, model in pairs for action in grant.actions if codename == f"{action}_{model}"]
        )
    for dotted in role.extra:
        app_label, codename = dotted.split(".")
        wanted |= Q(content_type__app_label=app_label, codename=codename)
    return permission_model.objects.filter(wanted)


def sync_roles(apps=None, using: str = "default") -> None:
    """Create the role groups and set exactly the permissions their definitions give."""
    if apps is None:
        from django.apps import apps
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    for role in ROLES:
        group, _ = group_model.objects.using(using).get_or_create(name=role.name)
        group.permissions.set(_permissions_for(role, permission_model).using(using))


def sync_roles_after_migrate(sender, apps=None, using="default", **kwargs):
    """Re-sync after ``migrate`` (new models) and after a test flush (which empties the groups).

    post_migrate fires once per app that has models, in INSTALLED_APPS order; the permissions
    of every app exist only once the last of them has been handled.
    """
    from django.apps import apps as global_apps

    with_models = [config for config in global_apps.get_app_configs() if config.models_module is not None]
    if sender is with_models[-1]:
        sync_roles(apps=apps, using=using)

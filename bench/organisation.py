"""District-scale organisation data and the benchmarks of the foundation's pages.

A district: 10 streets, 200 communities, 8 residents' groups and 8 grids each, 10 units
each, and a head, a worker and a grid worker per community. Generated once with
bulk_create (no history rows: benchmark data, not a register).
"""

from __future__ import annotations

from dataclasses import dataclass

SCALES = {"district": (10, 20), "small": (2, 5)}  # streets, communities per street


@dataclass
class BenchWorld:
    streets: int
    communities: int
    groups: int
    units: int
    users: int
    head: object
    worker: object
    grid_worker: object
    street_leader: object
    community: object

    def describe(self) -> str:
        return (
            f"{self.streets} streets, {self.communities} communities, {self.groups} groups, "
            f"{self.units} units, {self.users} users"
        )


def generate(*, scale: str) -> BenchWorld:
    from django.contrib.auth.models import Group
    from django.db import transaction

    from governance import roles
    from governance.models import Community, Grid, ResidentGroup, ResidentUnit, Street, User

    street_count, per_street = SCALES[scale]
    prefix = f"bench-{scale}"
    if not Street.objects.filter(name__startswith=prefix).exists():
        with transaction.atomic():
            streets = Street.objects.bulk_create(
                Street(name=f"{prefix}-街道{i:02d}", district="基准区") for i in range(street_count)
            )
            communities = Community.objects.bulk_create(
                Community(street=street, name=f"社区{s:02d}-{c:02d}", code=f"{prefix}-{s}-{c}", kind="urban")
                for s, street in enumerate(streets)
                for c in range(per_street)
            )
            groups = ResidentGroup.objects.bulk_create(
                ResidentGroup(community=community, name=f"第{g + 1}小组", order=g)
                for community in communities
                for g in range(8)
            )
            grids = Grid.objects.bulk_create(
                Grid(community=group.community, name=f"{group.name}网格") for group in groups
            )
            Grid.groups.through.objects.bulk_create(
                Grid.groups.through(grid=grid, residentgroup=group) for grid, group in zip(grids, groups, strict=True)
            )
            ResidentUnit.objects.bulk_create(
                ResidentUnit(community=community, name=f"单位{u}", kind="enterprise", ownership="non_public")
                for community in communities
                for u in range(10)
            )
            users = []
            for community in communities:
                for role in ("head", "worker", "grid"):
                    users.append(User(username=f"{prefix}-{community.code}-{role}", community=community))
            users.append(User(username=f"{prefix}-leader", street=streets[0]))
            User.objects.bulk_create(users)
            role_names = {"head": roles.COMMUNITY_HEAD, "worker": roles.COMMUNITY_WORKER, "grid": roles.GRID_WORKER}
            by_name = {group.name: group for group in Group.objects.all()}
            memberships = [
                User.groups.through(user=user, group=by_name[role_names[user.username.rsplit("-", 1)[1]]])
                for user in users[:-1]
            ]
            memberships.append(User.groups.through(user=users[-1], group=by_name[roles.STREET_LEADER]))
            User.groups.through.objects.bulk_create(memberships)
            first_groups = {group.community_id: group for group in reversed(groups)}
            User.resident_groups.through.objects.bulk_create(
                User.resident_groups.through(user=user, residentgroup=first_groups[user.community_id])
                for user in users
                if user.username.endswith("-grid")
            )

    community = Community.objects.filter(code__startswith=prefix).order_by("pk").first()
    return BenchWorld(
        streets=Street.objects.filter(name__startswith=prefix).count(),
        communities=Community.objects.filter(code__startswith=prefix).count(),
        groups=ResidentGroup.objects.filter(community__code__startswith=prefix).count(),
        units=ResidentUnit.objects.filter(community__code__startswith=prefix).count(),
        users=User.objects.filter(username__startswith=prefix).count(),
        head=User.objects.get(username=f"{prefix}-{community.code}-head"),
        worker=User.objects.get(username=f"{prefix}-{community.code}-worker"),
        grid_worker=User.objects.get(username=f"{prefix}-{community.code}-grid"),
        street_leader=User.objects.get(username=f"{prefix}-leader"),
        community=community,
    )


def benchmarks(world: BenchWorld):
    from django.test import Client
    from django.urls import reverse

    from governance.models import ResidentGroup, ResidentUnit
    from governance.scoping import scope_of

    def page(user, url):
        client = Client()
        client.force_login(user)

        def get():
            response = client.get(url)
            assert response.status_code == 200, response.status_code

        return get

    def fresh_scope(user, model):
        def run():
            user.__dict__.pop("_linli_scope", None)
            scope_of(user)
            list(model.objects.visible_to(user)[:25])

        return run

    yield "scope: worker, groups (resolve + 25 rows)", fresh_scope(world.worker, ResidentGroup)
    yield "scope: street leader, units (resolve + 25)", fresh_scope(world.street_leader, ResidentUnit)
    yield "page: community overview (head)", page(world.head, world.community.get_absolute_url())
    yield "page: community list (street leader)", page(world.street_leader, reverse("governance:community_list"))
    yield (
        "page: unit list (street leader, 200 rows/page 8)",
        page(world.street_leader, reverse("governance:residentunit_list") + "?page=8"),
    )
    yield "page: group list (grid worker)", page(world.grid_worker, reverse("governance:residentgroup_list"))
    yield "page: staff list (head)", page(world.head, reverse("governance:user_list"))

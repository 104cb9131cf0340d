"""District-scale population: 1,000,000 people in 400,000 households of 200 communities.

Generated once with PostgreSQL COPY (benchmark data: no history rows). The benchmarks time
the person list with search under concurrent clients against a real gunicorn, and the
population structure of a street of 100,000 people.
"""

from __future__ import annotations

import datetime
import io
import os
import random
import statistics
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCALES = {
    # streets, communities per street, households per community, people per community
    "district": (10, 20, 2000, 5000),
    "small": (2, 5, 200, 500),
}
ETHNIC_MIX = ["汉族"] * 12 + ["彝族"] * 4 + ["回族", "白族", "苗族", "哈尼族"]


@dataclass
class PopulationWorld:
    prefix: str
    people: int
    households: int
    street: object
    street_people: int
    head: object
    leader: object
    sample_names: list[str]
    sample_ids: list[str]


def _name_pool(size: int, rng: random.Random) -> list[tuple[str, str, str]]:
    from faker import Faker
    from pypinyin import Style, lazy_pinyin

    faker = Faker("zh_CN")
    faker.seed_instance(7)
    names = {faker.name() for _ in range(size * 2)}
    pool = []
    for name in sorted(names)[:size]:
        pool.append(
            (
                name,
                "".join(lazy_pinyin(name)).lower(),
                "".join(lazy_pinyin(name, style=Style.FIRST_LETTER)).lower(),
            )
        )
    rng.shuffle(pool)
    return pool


def _id_number(birth: datetime.date, sex: str, sequence: int) -> str:
    from stdnum.cn import ric

    # (region, order) is unique per sequence number, so no two people share a number whatever their birth dates.
    region = 110000 + sequence // 500
    order = (sequence % 500) * 2 + (1 if sex == "M" else 0)
    body = f"{region}{birth:%Y%m%d}{order:03d}"
    return body + ric.calc_check_digit(body + "0")


def _copy(cursor, table: str, columns: list[str], rows) -> None:
    buffer = io.StringIO()
    for row in rows:
        buffer.write("\t".join("\\N" if value is None else str(value) for value in row))
        buffer.write("\n")
    buffer.seek(0)
    cursor.copy_expert(f"COPY {table} ({', '.join(columns)}) FROM STDIN", buffer)


def generate(*, scale: str) -> PopulationWorld:
    from django.contrib.auth.models import Group
    from django.db import connection, transaction

    from governance import roles
    from governance.models import Community, ResidentGroup, Street, User
    from households.models import Household
    from residents.models import Person

    streets_n, per_street, households_per, people_per = SCALES[scale]
    prefix = f"pop-{scale}"
    rng = random.Random(2026)
    if not Street.objects.filter(name__startswith=prefix).exists():
        started = time.perf_counter()
        pool = _name_pool(3000, rng)
        with transaction.atomic():
            streets = Street.objects.bulk_create(Street(name=f"{prefix}-街道{i:02d}") for i in range(streets_n))
            communities = Community.objects.bulk_create(
                Community(street=street, name=f"人口社区{s:02d}-{c:02d}", code=f"{prefix}-{s}-{c}")
                for s, street in enumerate(streets)
                for c in range(per_street)
            )
            groups = ResidentGroup.objects.bulk_create(
                ResidentGroup(community=community, name=f"第{g + 1}小组", order=g)
                for community in communities
                for g in range(8)
            )
            groups_of = {}
            for group in groups:
                groups_of.setdefault(group.community_id, []).append(group.pk)
            head = User(username=f"{prefix}-head", community=communities[0], street=streets[0])
            leader = User(username=f"{prefix}-leader", street=streets[0])
            User.objects.bulk_create([head, leader])
            head.groups.add(Group.objects.get(name=roles.COMMUNITY_HEAD))
            leader.groups.add(Group.objects.get(name=roles.STREET_LEADER))

            today = datetime.date(2026, 11, 20)
            with connection.cursor() as cursor:
                cursor.execute("SELECT COALESCE(MAX(id), 0) FROM households_household")
                next_household = cursor.fetchone()[0] + 1
                cursor.execute("SELECT COALESCE(MAX(id), 0) FROM residents_person")
                next_person = cursor.fetchone()[0] + 1
                household_rows, person_rows = [], []
                # Numbered from the next person id, so several scales can share the bench database.
                sequence = next_person
                for community in communities:
                    community_groups = groups_of[community.pk]
                    first = next_household
                    for index in range(households_per):
                        group = community_groups[index % 8]
                        household_rows.append(
                            (next_household, community.pk, group, f"{index + 1:05d}", "permanent",
                             f"{index % 300 + 1}号", None, "owned", False, "", "active", "2010-01-01", None, "")
                        )  # fmt: skip
                        next_household += 1
                    for index in range(people_per):
                        household = first + index % households_per
                        head_of_household = index < households_per
                        name, pinyin, initials = pool[(sequence * 7) % len(pool)]
                        sex = "M" if rng.random() < 0.51 else "F"
                        birth = today - datetime.timedelta(days=rng.randint(0, 90 * 365))
                        if head_of_household and birth > datetime.date(2004, 1, 1):
                            birth = datetime.date(2004, 1, 1) - datetime.timedelta(days=rng.randint(0, 60 * 365))
                        person_rows.append(
                            (next_person, community.pk, community_groups[(index % households_per) % 8], None, household,
                             "head" if head_of_household else "other", name, pinyin, initials, sex, birth,
                             "resident_id", _id_number(birth, sex, sequence), rng.choice(ETHNIC_MIX), "masses", "", "",
                             "permanent", "none", "", f"{index % 300 + 1}号", "", "", "", "none",
                             f"13{sequence:09d}"[-11:], False, "none", False, "active", "2010-01-01", None, "")
                        )  # fmt: skip
                        next_person += 1
                        sequence += 1
                    if len(person_rows) >= 100_000:
                        _flush(cursor, household_rows, person_rows)
                _flush(cursor, household_rows, person_rows)
                for table in ("households_household", "residents_person"):
                    cursor.execute(
                        f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))"
                    )
        # As autovacuum would in production: the visibility map lets counts use index-only scans.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE households_household")
            cursor.execute("VACUUM ANALYZE residents_person")
        print(f"  generated {scale} population in {time.perf_counter() - started:.0f} s", flush=True)

    street = Street.objects.filter(name__startswith=prefix).order_by("pk").first()
    sample = list(Person.objects.filter(community__street=street).values_list("name", "id_number")[:200:10])
    return PopulationWorld(
        prefix=prefix,
        people=Person.objects.filter(community__code__startswith=prefix).count(),
        households=Household.objects.filter(community__code__startswith=prefix).count(),
        street=street,
        street_people=Person.objects.filter(community__street=street).count(),
        head=User.objects.get(username=f"{prefix}-head"),
        leader=User.objects.get(username=f"{prefix}-leader"),
        sample_names=[name for name, _ in sample],
        sample_ids=[number for _, number in sample],
    )


def _flush(cursor, household_rows, person_rows) -> None:
    household_columns = ["id", "community_id", "group_id", "number", "kind", "address", "dwelling_id", "housing",
                         "is_central", "phone", "status", "established_on", "closed_on", "note"]  # fmt: skip
    person_columns = ["id", "community_id", "group_id", "grid_id", "household_id", "relation", "name", "name_pinyin",
                      "name_initials", "sex", "birth_date", "id_type", "id_number", "ethnicity", "political_status",
                      "education", "marital_status", "residence_type", "separation", "hukou_address",
                      "current_address", "hukou_type", "employment_status", "employer", "employer_type", "phone",
                      "has_health_record", "medical_insurance", "has_pension_insurance", "status", "registered_on",
                      "left_on", "note"]  # fmt: skip
    _copy(cursor, "households_household", household_columns, household_rows)
    _copy(cursor, "residents_person", person_columns, person_rows)
    household_rows.clear()
    person_rows.clear()


DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/12"


def _redis_url() -> str:
    """The Redis the served site uses as its cache, as in production (docker compose); empty if none answers."""
    import redis

    url = os.environ.get("BENCH_REDIS_URL", DEFAULT_REDIS_URL)
    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except redis.RedisError:
        print(f"  no Redis at {url}: the site runs with its per-process memory cache", flush=True)
        return ""
    return url


class Server:
    """gunicorn serving the bench database on a free loopback port, for concurrent clients."""

    def __init__(self, database_url: str, workers: int = 2):
        self.port = 8765
        env = os.environ | {
            "DATABASE_URL": database_url,
            "DJANGO_SETTINGS_MODULE": "config.settings.dev",
            "DEBUG": "false",
            "ALLOWED_HOSTS": "127.0.0.1",
            "CONN_MAX_AGE": "60",
            "REDIS_URL": _redis_url(),
            # No Celery worker here: the pages timed send no tasks, and /healthz then asks only the database.
            "CELERY_TASK_ALWAYS_EAGER": "true",
        }
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "config.wsgi:application", "--bind", f"127.0.0.1:{self.port}",
             "--workers", str(workers), "--log-level", "warning"],
            cwd=ROOT, env=env,
        )  # fmt: skip
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{self.port}/healthz", timeout=1)
                return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("gunicorn did not start")

    def close(self):
        self.process.terminate()
        self.process.wait(timeout=10)


def _session_cookie(user) -> str:
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.save()
    return f"{settings.SESSION_COOKIE_NAME}={store.session_key}"


def concurrent_pages(server: Server, user, paths: list[str], clients: int = 8, requests: int = 400):
    """p50 and p95 (ms) of ``requests`` GETs spread over ``paths`` by ``clients`` threads."""
    from urllib.parse import quote

    cookie = _session_cookie(user)

    def fetch(index: int) -> float:
        path = paths[index % len(paths)]
        request = urllib.request.Request(
            f"http://127.0.0.1:{server.port}{quote(path, safe='/?=&')}", headers={"Cookie": cookie}
        )
        started = time.perf_counter()
        with urllib.request.urlopen(request, timeout=30) as response:
            response.read()
            assert response.status == 200
        return (time.perf_counter() - started) * 1000

    for index in range(len(paths)):
        fetch(index)  # warm every worker's caches and connections
    with ThreadPoolExecutor(clients) as pool:
        samples = sorted(pool.map(fetch, range(requests)))
    return statistics.median(samples), samples[int(len(samples) * 0.95) - 1]


def _vacuum() -> None:
    """As autovacuum would have done since the last writes (the bench server runs without it): the
    other suites import into and delete from these tables, and until a vacuum the search indexes
    (GIN) keep those rows in a pending list that every search reads through."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM residents_person")
        cursor.execute("VACUUM households_household")


def run(database_url: str, scale: str, report) -> None:
    from residents.selectors import population_structure

    world = generate(scale=scale)
    print(f"data: {world.people} people, {world.households} households; street of {world.street_people} people")
    _vacuum()

    def structure():
        population_structure(as_of=datetime.date(2026, 11, 20), street=world.street)

    report("population structure: street", structure)

    server = Server(database_url)
    try:
        name = world.sample_names[3]
        paths = [
            "/residents/",
            f"/residents/?page={SCALES[scale][3] // 25 // 2}",  # a page in the middle of one community
            f"/residents/?q={name}",
            f"/residents/?q={name[:1]}",
            "/residents/?q=zh",
            f"/residents/?q={world.sample_ids[1][-6:]}",
            "/residents/?age=60_plus&sex=F",
        ]
        for who, user in (("community head", world.head), ("street leader", world.leader)):
            for clients in (1, 4):
                p50, p95 = concurrent_pages(server, user, paths, clients=clients)
                report(f"person list + search, {clients} clients ({who}) p50", p50)
                report(f"person list + search, {clients} clients ({who}) p95", p95)
    finally:
        server.close()

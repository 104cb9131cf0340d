"""Excel import and export timings: `python -m bench.excel [--rows 10000] [--compare-writers 100000]`.

Uses the bench database of ``python -m bench`` (``BENCH_DATABASE_URL``, default ``linli_bench`` on
127.0.0.1, created if missing) and the first community of the small organisation. Each run first
removes the people an earlier run imported there, then, for ``--rows`` generated people:

* preview of a file of new people (read, validate, classify; nothing written);
* import of that file (bulk inserts with one history row and one 登记 event per person);
* re-import of the same file (every row unchanged);
* import with one cell changed in every tenth row (upsert + history + correction events);
* export of the community's register (streaming XlsxWriter).

``--compare-writers N`` also times openpyxl write-only against XlsxWriter constant-memory on N rows of
the persons sheet, the measurement behind the writer the export uses. Prints seconds and peak RSS.
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import resource
import tempfile
import time

from bench.__main__ import DEFAULT_URL, ensure_database, setup_django

REGION = "530112"


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def make_ids(count: int, seed: int = 7) -> list[str]:
    from stdnum.cn import ric

    rnd = random.Random(seed)
    numbers: set[str] = set()
    start = datetime.date(1930, 1, 1)
    while len(numbers) < count:
        birth = start + datetime.timedelta(days=rnd.randrange(30_000))
        body = f"{REGION}{birth:%Y%m%d}{rnd.randrange(1000):03d}"
        numbers.add(body + ric.calc_check_digit(body + "0"))
    return sorted(numbers)


def write_people_file(path: str, headers: list[str], groups: list[str], count: int, *, changed_every: int = 0) -> None:
    """A persons sheet of ``count`` generated people (the same people on every call)."""
    import xlsxwriter

    rnd = random.Random(11)
    surnames = "王李张刘陈杨黄赵周吴徐孙马朱胡郭何林罗高"
    given = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超霞平刚"
    ethnicities = ["汉族"] * 8 + ["哈尼族", "彝族"]
    workbook = xlsxwriter.Workbook(path, {"constant_memory": True, "strings_to_numbers": False})
    sheet = workbook.add_worksheet("人口台账")
    for column, header in enumerate(headers):
        sheet.write_string(0, column, header)
    for index, number in enumerate(make_ids(count)):
        row = {
            "姓名": rnd.choice(surnames) + rnd.choice(given) + rnd.choice(given),
            "证件号码": number,
            "民族": rnd.choice(ethnicities),
            "政治面貌": rnd.choice(["群众", "群众", "中共党员", "共青团员"]),
            "文化程度": rnd.choice(["小学", "初中", "高中/中专", "本科"]),
            "婚姻状况": rnd.choice(["未婚", "已婚"]),
            "居民小组": rnd.choice(groups),
            "居住类别": "常住",
            "现住址": f"基准路{rnd.randrange(1, 500)}号",
            "就业状况": rnd.choice(["在职", "退休", "无业"]),
            "联系电话": f"13{rnd.randrange(10**9):09d}",
            "已建健康档案": rnd.choice(["是", "否"]),
            "登记日期": "2020-01-01",
        }
        if changed_every and index % changed_every == 0:
            row["联系电话"] = "13900000000"
        for column, header in enumerate(headers):
            value = row.get(header)
            if value:
                sheet.write_string(index + 1, column, value)
    workbook.close()


def clean_community(community) -> int:
    """Remove the people an earlier run imported into the bench community (and what hangs off them)."""
    from django.db import transaction

    from residents.models import CategoryMembership, FloatingRegistration, HouseholdMembership, Person, PopulationEvent

    people = Person.objects.filter(community=community)
    with transaction.atomic():
        PopulationEvent.objects.filter(person__in=people).delete()
        HouseholdMembership.objects.filter(person__in=people).delete()
        FloatingRegistration.objects.filter(person__in=people).delete()
        CategoryMembership.objects.filter(person__in=people).delete()
        Person.history.filter(community_id=community.pk).delete()
        removed, _ = people.delete()
    return removed


def timed(label: str, function):
    start = time.perf_counter()
    result = function()
    print(f"{label:<58} {time.perf_counter() - start:>7.2f} s   peak RSS {peak_mb():>5.0f} MB", flush=True)
    return result


def compare_writers(headers: list[str], rows: int) -> None:
    """openpyxl write-only (with lxml) against XlsxWriter constant-memory on the same rows."""
    import xlsxwriter
    from openpyxl import Workbook

    sample = ["张伟", "男", datetime.date(1980, 1, 1), "居民身份证", "530112198001011234", "汉族", "群众", "初中",
              "已婚", "第1小组", "H1", "户主", "常住", "否", "云南省昆明市某路12号", "云南省昆明市某路12号", "农业",
              "在职", "某公司", "非公单位", "13812345678", "是", "无", "否", datetime.date(2020, 1, 1), ""]  # fmt: skip
    with tempfile.TemporaryDirectory() as directory:

        def with_openpyxl():
            workbook = Workbook(write_only=True)
            sheet = workbook.create_sheet("人口台账")
            sheet.append(headers)
            for _ in range(rows):
                sheet.append(sample)
            workbook.save(os.path.join(directory, "openpyxl.xlsx"))

        def with_xlsxwriter():
            from governance.excel import _open_workbook, _write_row

            workbook = _open_workbook(os.path.join(directory, "xlsxwriter.xlsx"))
            sheet = workbook.add_worksheet("人口台账")
            _write_row(sheet, 0, headers)
            for number in range(1, rows + 1):
                _write_row(sheet, number, sample)
            workbook.close()

        assert xlsxwriter
        timed(f"writer: openpyxl write_only + lxml, {rows} rows", with_openpyxl)
        timed(f"writer: XlsxWriter constant_memory, {rows} rows", with_xlsxwriter)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=10_000, help="people to import and export (default 10000)")
    parser.add_argument("--compare-writers", type=int, default=0, metavar="N", help="also time both writers on N rows")
    args = parser.parse_args()

    url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
    ensure_database(url)
    setup_django(url)

    from bench import organisation
    from governance.excel import registry, run_import, write_export
    from governance.models import ResidentGroup
    from residents.models import Person, PopulationEvent

    world = organisation.generate(scale="small")
    community, actor = world.community, world.head
    removed = clean_community(community)
    groups = list(ResidentGroup.objects.filter(community=community).values_list("name", flat=True))
    sheet_class = registry.get("persons")
    headers = sheet_class(community=community, user=actor).headers
    print(f"community {community.code} ({len(groups)} groups), actor {actor.username}; removed {removed} old rows")

    with tempfile.TemporaryDirectory() as directory:
        fresh = os.path.join(directory, "people.xlsx")
        edited = os.path.join(directory, "people-edited.xlsx")
        write_people_file(fresh, headers, groups, args.rows)
        write_people_file(edited, headers, groups, args.rows, changed_every=10)
        print(f"files: {args.rows} rows, {os.path.getsize(fresh) / 1024 / 1024:.1f} MB")

        def run(path: str, *, commit: bool):
            sheet = sheet_class(community=community, user=actor)
            with open(path, "rb") as handle:
                report = run_import(sheet, handle, commit=commit)
            assert not report.has_errors, list(report.lines())[:20]
            return report

        report = timed(f"import preview, {args.rows} new rows (nothing written)", lambda: run(fresh, commit=False))
        print(f"    {report.summary()}")
        report = timed(f"import commit, {args.rows} new rows", lambda: run(fresh, commit=True))
        print(f"    {report.summary()}")
        assert Person.objects.filter(community=community).count() == args.rows
        assert PopulationEvent.objects.filter(community=community).count() == args.rows
        report = timed(f"re-import of the same file, {args.rows} rows unchanged", lambda: run(fresh, commit=True))
        print(f"    {report.summary()}")
        report = timed(f"import commit, {args.rows} rows, every 10th changed", lambda: run(edited, commit=True))
        print(f"    {report.summary()}")

        def export():
            return write_export(sheet_class(community=community, user=actor), os.path.join(directory, "export.xlsx"))

        count = timed(f"export, {args.rows} rows", export)
        print(f"    {count} rows, {os.path.getsize(os.path.join(directory, 'export.xlsx')) / 1024 / 1024:.1f} MB")
        if args.compare_writers:
            compare_writers(headers, args.compare_writers)
    print(f"peak RSS {peak_mb():.0f} MB")


if __name__ == "__main__":
    main()

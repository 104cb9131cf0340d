"""Excel import and export timings: the `excel` suite of `python -m bench`, and `python -m bench.excel`.

Both use the bench database of ``python -m bench`` (``BENCH_DATABASE_URL``, default ``linli_bench`` on
127.0.0.1, created if missing). People are imported into the first community of the small organisation
(as its head) and removed again afterwards; exports read the generated population (``bench/population.py``).

``python -m bench excel [--scale district]`` runs every heavy step below in a fresh process
(``python -m bench.excel --step …``), so each figure comes with that step's own peak RSS:

* import of 10k and 100k new people through our engine, preview then confirm as the web page does
  (validation, bulk inserts, one history row and one 登记 event per person);
* django-import-export's default ``import_data(dataset, dry_run=False)`` on the same 10k file, and on
  100k when that would take under 3 minutes, else extrapolated from 10k and marked so;
* export of a street (100k people) and of the whole district (1M) with ``export_register``, once per
  community (the register is a community's: there is no entry point across communities), and of the
  district into one workbook through the engine's own writer (``open_export_sheet``).

``python -m bench.excel [--rows 10000] [--compare-writers 100000]`` (no ``--step``) is a walkthrough
in one process, on ``--rows`` generated people: preview; import; re-import of the same file (every row
unchanged); import with one cell changed in every tenth row (upsert + history + correction events);
export of the community's register. ``--compare-writers N`` also times openpyxl write-only, XlsxWriter
constant-memory and the engine's own ``SheetWriter`` on N rows of the persons sheet. Prints seconds and peak RSS.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

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
    """Remove the people an earlier run imported into the bench community (and what hangs off them).

    Plain SQL DELETEs: ``QuerySet.delete()`` would load every person and write a ``-`` history row for
    each (simple-history's post_delete), minutes for 100,000 people, and leave those rows behind."""
    from django.db import connection, transaction

    from residents.models import Person

    people = f"SELECT id FROM {Person._meta.db_table} WHERE community_id = %s"
    with transaction.atomic(), connection.cursor() as cursor:
        for relation in Person._meta.related_objects:  # events, household periods, memberships …
            if relation.many_to_many:
                continue
            table, column = relation.related_model._meta.db_table, relation.field.column
            cursor.execute(f"DELETE FROM {table} WHERE {column} IN ({people})", [community.pk])
        cursor.execute(f"DELETE FROM {Person.history.model._meta.db_table} WHERE community_id = %s", [community.pk])
        cursor.execute(f"DELETE FROM {Person._meta.db_table} WHERE community_id = %s", [community.pk])
        removed = cursor.rowcount
    return removed


def timed(label: str, function):
    start = time.perf_counter()
    result = function()
    print(f"{label:<58} {time.perf_counter() - start:>7.2f} s   peak RSS {peak_mb():>5.0f} MB", flush=True)
    return result


def compare_writers(headers: list[str], rows: int) -> None:
    """openpyxl write-only (with lxml), XlsxWriter constant-memory and the engine's own writer on the same rows."""
    import xlsxwriter
    from openpyxl import Workbook

    from governance.excel import SheetWriter

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
            options = {"constant_memory": True, "strings_to_numbers": False, "default_date_format": "yyyy-mm-dd"}
            workbook = xlsxwriter.Workbook(os.path.join(directory, "xlsxwriter.xlsx"), options)
            sheet = workbook.add_worksheet("人口台账")
            sheet.write_row(0, 0, headers)
            for number in range(1, rows + 1):
                sheet.write_row(number, 0, sample)
            workbook.close()

        def with_engine():
            path = os.path.join(directory, "engine.xlsx")
            writer = SheetWriter(
                path, title="人口台账", headers=headers, widths=[10] * len(headers), text_columns=[True] * len(headers)
            )
            for _ in range(rows):
                writer.write_row(sample)
            writer.close()

        timed(f"writer: openpyxl write_only + lxml, {rows} rows", with_openpyxl)
        timed(f"writer: XlsxWriter constant_memory write_row, {rows} rows", with_xlsxwriter)
        timed(f"writer: governance.excel.SheetWriter, {rows} rows", with_engine)


#
# The `python -m bench excel` suite: each heavy step in a fresh process, so that its peak RSS is its own
#

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# Rows imported per scale (the district population's communities hold 5,000 people each).
IMPORT_ROWS = {"district": (10_000, 100_000), "small": (1_000, 10_000)}
# Above this a run of django-import-export's default import is extrapolated from the smallest file.
DEFAULT_IMPORT_LIMIT_S = 180
EXPORT_ADMIN = "bench-excel-admin"


def kilo(rows: int) -> str:
    if rows >= 1_000_000 and rows % 1_000_000 == 0:
        return f"{rows // 1_000_000}M"
    return f"{rows // 1000}k" if rows % 1000 == 0 else str(rows)


def import_world():
    """The import target: the first community of the small organisation, imported into by its head (as the
    web page would be), with the names of its residents' groups for the generated files."""
    from bench import organisation
    from governance.models import ResidentGroup

    world = organisation.generate(scale="small")
    groups = list(ResidentGroup.objects.filter(community=world.community).values_list("name", flat=True))
    return world.community, world.head, groups


def export_communities(scale: str, scope: str) -> list:
    """The communities of the generated population: the first street's, or every one ("district")."""
    from governance.models import Community, Street

    prefix = f"pop-{scale}"
    communities = Community.objects.filter(code__startswith=f"{prefix}-").order_by("pk")
    if scope == "street":
        street = Street.objects.filter(name__startswith=prefix).order_by("pk").first()
        communities = communities.filter(street=street)
    return list(communities)


def export_admin():
    """A superuser: full scope and full ID numbers, the widest (and heaviest) export there is."""
    from governance.models import User

    user = User.objects.filter(username=EXPORT_ADMIN).first()
    return user or User.objects.create_superuser(EXPORT_ADMIN, password=None)


def default_resource_class(community):
    """django-import-export at its defaults over ``residents.Person``: the 26 columns of the persons sheet,
    mapped to the same attributes and parsed by the same widgets (a blank cell gives the field's empty
    value), 居民小组/户号 by ``ForeignKeyWidget`` inside the community. Everything else is the library's:
    one savepoint, one SELECT by 证件号码 and one ``save()`` (with its history row) per row, and a diff."""
    from import_export import fields, resources, widgets

    from governance.excel import LookupWidget
    from residents.models import Person
    from residents.resources import PersonResource

    class InCommunity(widgets.ForeignKeyWidget):
        def get_queryset(self, value, row, *args, **kwargs):
            return self.model.objects.filter(community=community)

    class BlankAs(widgets.Widget):
        def __init__(self, widget, blank):
            super().__init__()
            self.widget, self.blank = widget, blank

        def clean(self, value, row=None, **kwargs):
            if value is None or (isinstance(value, str) and not value.strip()):
                return self.blank
            return self.widget.clean(value, row=row, **kwargs)

        def render(self, value, obj=None, **kwargs):
            return self.widget.render(value, obj)

    declared = {}
    for name, field_ in PersonResource(community=community).fields.items():
        if isinstance(field_.widget, LookupWidget):
            related = Person._meta.get_field(field_.attribute).related_model
            widget = InCommunity(related, field=field_.widget.render_attr)
        else:
            widget = BlankAs(field_.widget, field_.blank)
        declared[name] = fields.Field(attribute=field_.attribute, column_name=field_.column_name, widget=widget)

    class Meta:
        model = Person
        fields = tuple(declared)
        import_id_fields = ("id_number",)

    def init_instance(self, row=None):
        return Person(community=community)

    def before_save_instance(self, instance, row, **kwargs):
        instance.fill_from_id_number()  # 性别 and 出生日期 are blank in the file, as our engine allows

    body = {**declared, "Meta": Meta, "init_instance": init_instance, "before_save_instance": before_save_instance}
    return type("DefaultPersonResource", (resources.ModelResource,), body)


def step_file(args) -> dict:
    community, head, groups = import_world()
    from governance.excel import registry

    headers = registry.get("persons")(community=community, user=head).headers
    write_people_file(args.file, headers, groups, args.rows)
    return {"bytes": os.path.getsize(args.file)}


def step_clean(args) -> dict:
    """Remove the imported people, then vacuum what they touched: autovacuum is off on the bench server, and
    without this every run leaves 100,000s of dead rows and a long GIN pending list behind, on which the
    planner's choices for the import's ``id_number IN (…)`` lookups drift from run to run (seconds to minutes)."""
    from django.db import connection

    from residents.models import Person

    community, _, _ = import_world()
    removed = clean_community(community)
    if removed:
        tables = [Person._meta.db_table, Person.history.model._meta.db_table]
        tables += [relation.related_model._meta.db_table for relation in Person._meta.related_objects]
        with connection.cursor() as cursor:
            for table in tables:
                cursor.execute(f"VACUUM (ANALYZE) {table}")
    return {"removed": removed}


def step_import(args) -> dict:
    """Our engine as the web page runs it: the preview (read, validate, classify) then the confirm (the same
    again, then the bulk writes with a history row and a 登记 event per person), each on the stored file."""
    from governance.excel import WEB_MAX_ROWS, registry, run_import
    from residents.models import Person

    community, head, _ = import_world()
    register_class = registry.get("persons")
    max_rows = WEB_MAX_ROWS if args.rows <= WEB_MAX_ROWS else None  # beyond that: manage.py import_xlsx
    assert not Person.objects.filter(community=community).exists(), "run --step clean first"
    result = {"base_mb": peak_mb()}

    def run(commit: bool) -> tuple[str, dict, bool]:
        """One request's work; only the summary outlives it (the web page keeps no rows between requests)."""
        with open(args.file, "rb") as handle:
            report = run_import(
                register_class(community=community, user=head), handle, commit=commit, max_rows=max_rows
            )
        assert not report.has_errors, list(report.lines())[:20]
        return report.summary(), report.counts, report.committed

    start = time.perf_counter()
    run(False)
    middle = time.perf_counter()
    result["preview_peak_mb"] = peak_mb()
    summary, counts, committed = run(True)
    end = time.perf_counter()
    assert committed, summary
    assert counts["new"] == args.rows, summary
    assert Person.history.filter(community_id=community.pk).count() == args.rows
    return result | {
        "ms": (end - start) * 1000,
        "preview_ms": (middle - start) * 1000,
        "confirm_ms": (end - middle) * 1000,
        "peak_mb": peak_mb(),
        "summary": summary,
    }


def step_default_import(args) -> dict:
    """django-import-export's default: ``tablib`` reads the file, ``import_data(dataset, dry_run=False)``."""
    import tablib

    from residents.models import Person

    community, _, _ = import_world()
    resource = default_resource_class(community)()
    assert not Person.objects.filter(community=community).exists(), "run --step clean first"
    result = {"base_mb": peak_mb()}
    start = time.perf_counter()
    with open(args.file, "rb") as handle:
        dataset = tablib.Dataset().load(handle.read(), format="xlsx")
    middle = time.perf_counter()
    outcome = resource.import_data(dataset, dry_run=False)
    end = time.perf_counter()
    assert not outcome.has_errors(), [error.error for row in outcome.error_rows for error in row.errors][:5]
    assert not outcome.has_validation_errors(), [row.error for row in outcome.invalid_rows][:5]
    assert outcome.totals["new"] == args.rows, outcome.totals
    assert Person.history.filter(community_id=community.pk).count() == args.rows
    return result | {
        "ms": (end - start) * 1000,
        "load_ms": (middle - start) * 1000,
        "import_ms": (end - middle) * 1000,
        "peak_mb": peak_mb(),
        "summary": f"new {outcome.totals['new']}",
    }


def step_export(args) -> dict:
    """The engine's export entry point, ``export_register``, once per community: the register is a community's
    (its ``export_queryset`` filters on ``community=register.community``), so a street or the district is the
    sum of its communities' files. ``--one-workbook`` instead writes every community's ``export_rows()`` into
    one sheet with the engine's own writer (``open_export_sheet``), what a district-wide export would do."""
    from governance.excel import export_register, open_export_sheet, registry

    register_class = registry.get("persons")
    communities = export_communities(args.scale, args.scope)
    user = export_admin()
    result = {"base_mb": peak_mb(), "communities": len(communities)}
    rows = size = 0
    with tempfile.TemporaryDirectory() as directory:
        start = time.perf_counter()
        if args.one_workbook:
            registers = [register_class(community=community, user=user) for community in communities]
            path = os.path.join(directory, "all.xlsx")
            writer = open_export_sheet(registers[0], path)
            for register in registers:
                for values in register.export_rows():
                    writer.write_row(values)
            writer.close()
            rows = writer.rows
            size = os.path.getsize(path)
        else:
            for community in communities:
                path = os.path.join(directory, f"{community.code}.xlsx")
                rows += export_register(register_class(community=community, user=user), path)
                size += os.path.getsize(path)
                os.unlink(path)
        elapsed = time.perf_counter() - start
    return result | {"ms": elapsed * 1000, "rows": rows, "bytes": size, "peak_mb": peak_mb()}


STEPS = {
    "file": step_file,
    "clean": step_clean,
    "import": step_import,
    "default-import": step_default_import,
    "export": step_export,
}


def run_step(args) -> None:
    """One step in this (fresh) process; its figures go to stdout as one JSON line for the suite."""
    if args.profile:
        import cProfile

        profiler = cProfile.Profile()
        result = profiler.runcall(STEPS[args.step], args)
        profiler.dump_stats(args.profile)
    else:
        result = STEPS[args.step](args)
    print(RESULT_MARK + json.dumps(result, ensure_ascii=False), flush=True)


RESULT_MARK = "RESULT "


def child(url: str, step: str, *options: str) -> dict:
    """Run ``python -m bench.excel --step STEP OPTIONS`` and return its figures."""
    command = [sys.executable, "-m", "bench.excel", "--step", step, *options]
    done = subprocess.run(
        command, cwd=ROOT, env=os.environ | {"BENCH_DATABASE_URL": url}, stdout=subprocess.PIPE, text=True
    )
    lines = done.stdout.splitlines()
    for line in lines:
        if not line.startswith(RESULT_MARK):
            print(f"    {line}")
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command[2:])} failed with exit status {done.returncode}")
    return json.loads(next(line for line in lines if line.startswith(RESULT_MARK))[len(RESULT_MARK) :])


def verdicts(name: str, result: dict) -> str:
    """Whether the figure meets the targets that ``bench/baselines.json`` sets for ``name``."""
    baseline = json.loads((Path(ROOT) / "bench" / "baselines.json").read_text()).get(name, {})
    parts = []
    if "target_ms" in baseline:
        parts.append(f"time target {'met' if result['ms'] <= baseline['target_ms'] else 'MISSED'}")
    if "target_peak_mb" in baseline and "peak_mb" in result:
        limit = baseline["target_peak_mb"]
        parts.append(f"memory target ≤ {limit} MB {'met' if result['peak_mb'] <= limit else 'MISSED'}")
    return "; ".join(parts)


def run(url: str, scale: str, report) -> None:
    """The suite: imports of new people (ours against django-import-export's default), and exports of a
    street and of the whole district of the generated population. One process per step."""
    from bench import population

    def figure(name: str, result: dict, detail: str) -> None:
        report(name, result["ms"])
        memory = (
            f"peak RSS {result['peak_mb']:.0f} MB ({result['base_mb']:.0f} after start-up)"
            if "peak_mb" in result
            else ""
        )
        print(f"{'':<4}" + "; ".join(part for part in (memory, detail, verdicts(name, result)) if part))

    world = population.generate(scale=scale)
    community, head, groups = import_world()
    print(f"data: {world.people} people in {world.households} households; street of {world.street_people}")
    print(f"imports into {community.code} ({len(groups)} groups) as {head.username}; exports as superuser")
    sizes = IMPORT_ROWS[scale]
    with tempfile.TemporaryDirectory() as directory:
        files = {}
        for rows in sizes:
            files[rows] = os.path.join(directory, f"people-{rows}.xlsx")
            made = child(url, "file", "--rows", str(rows), "--file", files[rows])
            print(f"{'':<4}file of {kilo(rows)} new people: {made['bytes'] / 1024 / 1024:.1f} MB")

        def import_step(step: str, rows: int) -> dict:
            child(url, "clean")
            try:
                return child(url, step, "--rows", str(rows), "--file", files[rows])
            finally:
                child(url, "clean")

        for rows in sizes:
            result = import_step("import", rows)
            detail = (
                f"preview {result['preview_ms'] / 1000:.1f} s (peak {result['preview_peak_mb']:.0f} MB)"
                f" + confirm {result['confirm_ms'] / 1000:.1f} s"
            )
            figure(f"excel import: {kilo(rows)} new people, preview+confirm", result, detail)

        smallest = sizes[0]
        result = import_step("default-import", smallest)
        detail = f"tablib load {result['load_ms'] / 1000:.1f} s + import_data {result['import_ms'] / 1000:.1f} s"
        figure(f"excel import: {kilo(smallest)} new people, import-export default", result, detail)
        for rows in sizes[1:]:
            estimate = result["ms"] * rows / smallest
            if estimate / 1000 > DEFAULT_IMPORT_LIMIT_S:
                detail = (
                    f"EXTRAPOLATED, not measured: {kilo(smallest)} × {rows // smallest}, "
                    f"as a real run would take over {DEFAULT_IMPORT_LIMIT_S} s"
                )
                figure(f"excel import: {kilo(rows)}, import-export default EXTRAPOLATED", {"ms": estimate}, detail)
            else:
                figure(
                    f"excel import: {kilo(rows)} new people, import-export default",
                    import_step("default-import", rows),
                    "",
                )

    for scope in ("street", "district"):
        result = child(url, "export", "--scale", scale, "--scope", scope)
        detail = (
            f"export_register × {result['communities']} communities, {result['bytes'] / 1024 / 1024:.0f} MB of files"
        )
        figure(f"excel export: {scope} {kilo(result['rows'])} people, per community", result, detail)
    result = child(url, "export", "--scale", scale, "--scope", "district", "--one-workbook")
    detail = f"1 file of {result['bytes'] / 1024 / 1024:.0f} MB through the engine's writer (open_export_sheet)"
    figure(f"excel export: district {kilo(result['rows'])} people, one workbook", result, detail)


def walkthrough(args) -> None:
    """The default run of ``python -m bench.excel``: every import case and an export on ``--rows`` people."""
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=10_000, help="people to import and export (default 10000)")
    parser.add_argument("--compare-writers", type=int, default=0, metavar="N", help="also time both writers on N rows")
    parser.add_argument("--step", choices=list(STEPS), help="run one step of `python -m bench excel` and print JSON")
    parser.add_argument("--file", help="--step file/import/default-import: the .xlsx of --rows new people")
    parser.add_argument("--scale", choices=["district", "small"], default="district", help="--step export")
    parser.add_argument("--scope", choices=["street", "district"], default="street", help="--step export")
    parser.add_argument("--one-workbook", action="store_true", help="--step export: every community in one sheet")
    parser.add_argument("--profile", metavar="PATH", help="--step: write cProfile stats of the step to PATH")
    args = parser.parse_args()

    url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
    ensure_database(url)
    setup_django(url)
    if args.step:
        run_step(args)
    else:
        walkthrough(args)


if __name__ == "__main__":
    main()

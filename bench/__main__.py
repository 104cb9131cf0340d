"""Benchmarks: `python -m bench [SUITE ...] [--scale district|small] [--only NAME]`.

Runs against PostgreSQL (``BENCH_DATABASE_URL``, default a ``linli_bench`` database on
127.0.0.1 that it creates), fills it with generated data once, then prints each figure
beside its baseline from ``bench/baselines.json``. Timings are medians of repeated runs
in this process; nothing here is asserted by the test suite.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/linli_bench"


def ensure_database(url: str) -> None:
    import psycopg2
    from psycopg2 import sql

    name = url.rsplit("/", 1)[1]
    admin = psycopg2.connect(url.rsplit("/", 1)[0] + "/postgres")
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone() is None:
            cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    admin.close()


def setup_django(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    os.environ["DEBUG"] = "false"
    os.environ["ALLOWED_HOSTS"] = "testserver"
    sys.path.insert(0, str(HERE.parent))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def timed(function, repeat: int) -> float:
    """Median wall time of ``function`` in milliseconds, after one warm-up call."""
    function()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("suites", nargs="*", default=list(SUITES), help=f"which suites to run: {', '.join(SUITES)}")
    parser.add_argument("--scale", choices=["district", "small"], default="district")
    parser.add_argument("--only", help="run only benchmarks whose name contains this")
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()

    url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
    ensure_database(url)
    setup_django(url)
    baselines = json.loads((HERE / "baselines.json").read_text())

    def report(name: str, measured) -> None:
        """Print one figure beside its baseline; a callable is timed (median of --repeat runs)."""
        if args.only and args.only not in name:
            return
        value = timed(measured, args.repeat) if callable(measured) else measured
        baseline = baselines.get(name, {})
        print(f"{name:<56} {value:>9.1f}ms {baseline.get('median_ms', '—'):>9}ms {baseline.get('target_ms', '—'):>8}ms")

    for suite in args.suites:
        print(f"== {suite} ({args.scale})")
        print(f"{'benchmark':<56} {'measured':>11} {'baseline':>11} {'target':>10}")
        SUITES[suite](url, args.scale, report)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS {peak:.0f} MB")


def _organisation(url, scale, report):
    from bench import organisation

    start = time.perf_counter()
    world = organisation.generate(scale=scale)
    print(f"data: {world.describe()} (ready in {time.perf_counter() - start:.1f} s)")
    for name, function in organisation.benchmarks(world):
        report(name, function)


def _population(url, scale, report):
    from bench import population

    population.run(url, scale, report)


def _excel(url, scale, report):
    from bench import excel

    excel.run(url, scale, report)


SUITES = {"organisation": _organisation, "population": _population, "excel": _excel}


if __name__ == "__main__":
    main()

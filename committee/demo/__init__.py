"""Demo records of the committee registers for ``seed_demo``, one module per area (see ``committee.models``)."""

from importlib import import_module

AREAS: tuple[str, ...] = ("staff", "party", "meetings", "participation", "projects")


def seed(demo: dict) -> None:
    for area in AREAS:
        import_module(f"committee.demo.{area}").seed(demo)

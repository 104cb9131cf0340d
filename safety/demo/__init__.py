"""Demo records of the safety registers for ``seed_demo``, one module per area (see ``safety.models``)."""

from importlib import import_module

AREAS = ("mediation", "care", "records")


def seed(demo: dict) -> None:
    for area in AREAS:
        import_module(f"safety.demo.{area}").seed(demo)

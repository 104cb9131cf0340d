"""Demo records of the service registers for ``seed_demo``, one module per area (see ``services.models``)."""

from importlib import import_module

AREAS: tuple[str, ...] = ("windows", "volunteers", "facilities", "welfare", "employment", "care", "duty")


def seed(demo: dict) -> None:
    for area in AREAS:
        import_module(f"services.demo.{area}").seed(demo)

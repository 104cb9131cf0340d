"""Celery tasks of the safety registers: thin wrappers that call a service."""

from celery import shared_task
from django.utils import timezone


@shared_task
def generate_care_tasks_task() -> int:
    """Daily: turn every community's care rules into visit tasks for key persons (重点人员走访)."""
    from safety.services.care import care_tasks_generate_all

    return care_tasks_generate_all(on=timezone.localdate())

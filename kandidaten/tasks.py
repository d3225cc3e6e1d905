"""Background work on candidates: thin wrappers around the follow-up services."""

from celery import shared_task

from . import opvolging


@shared_task
def mark_stalled() -> dict[str, int]:
    """Daily: mark stalled candidates and send the reminders that are due (idempotent)."""
    return opvolging.opvolging_run()

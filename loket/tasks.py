"""Background work of the desk: thin wrappers around services, taking primary keys."""

from celery import shared_task

from . import services


@shared_task
def render_rapport(rapport_id: int) -> None:
    try:
        services.rapport_render(rapport_id=rapport_id)
    except Exception as exc:
        # A failure of our own is final: show it instead of retrying it forever.
        services.rapport_mark_failed(rapport_id=rapport_id, error=repr(exc))
        raise


@shared_task
def requeue_stuck_rapporten() -> int:
    return services.rapporten_requeue_stuck()

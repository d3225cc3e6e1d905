"""Background work of the desk: thin wrappers around services, taking primary keys."""

from celery import shared_task

from .services import rapporten


@shared_task
def render_rapport(rapport_id: int) -> None:
    try:
        rapporten.rapport_render(rapport_id=rapport_id)
    except Exception as exc:
        # A failure of our own is final: show it instead of retrying it forever.
        rapporten.rapport_mark_failed(rapport_id=rapport_id, error=repr(exc))
        raise


@shared_task
def requeue_stuck_rapporten() -> int:
    return rapporten.rapporten_requeue_stuck()

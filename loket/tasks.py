"""Background work of the desk: thin wrappers around services, taking primary keys."""

from celery import shared_task

from .services import advies_mail, evenementen, privacy, rapporten


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


@shared_task(autoretry_for=(OSError,), retry_backoff=60, max_retries=5)
def send_advies_mail(soort: str, boeking_id: int, oude_boeking_id: int | None = None) -> bool:
    """One e-mail about a booking; a mail server that is down is retried, with back-off."""
    return advies_mail.advies_mail_send(soort, boeking_id, oude_boeking_id)


@shared_task(autoretry_for=(OSError,), retry_backoff=60, max_retries=5)
def send_aanmelding_mail(soort: str, aanmelding_ids: list[int]) -> None:
    """The e-mails about event sign-ups; a mail server that is down is retried, with back-off."""
    evenementen.aanmelding_mail_send(soort, aanmelding_ids)


@shared_task
def send_advies_herinneringen() -> int:
    """Remind tomorrow's advice conversations; safe to run often (each is claimed once)."""
    return advies_mail.herinneringen_send()


@shared_task
def erase_expired_kandidaten() -> int:
    """Daily: erase the personal data of candidates whose retention period has passed."""
    return privacy.kandidaten_erase_expired()

"""Background work of the desk: thin wrappers around services, taking primary keys."""

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.utils.translation import gettext as _

from .services import advies_mail, evenementen, kwartaalrapportages, privacy, rapporten
from .uitgaand import uitgaand_flush


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
    return rapporten.rapporten_requeue_stuck() + (
        kwartaalrapportages.kwartaalrapportages_opnieuw_versturen()
    )


@shared_task
def maak_kwartaalrapportage(pk: int) -> bool:
    """Make one quarterly report. acks_late (settings): a worker that dies halfway leaves the
    task with the broker, which hands it to another worker; the service starts over and
    completes the report once."""
    try:
        return kwartaalrapportages.kwartaalrapportage_maken(pk=pk)
    except SoftTimeLimitExceeded:
        kwartaalrapportages.kwartaalrapportage_mislukt(
            pk=pk, melding=_("Het maken duurde te lang en is afgebroken.")
        )
        raise
    except Exception as exc:
        # A failure of our own is final: show it instead of retrying it forever.
        kwartaalrapportages.kwartaalrapportage_mislukt(
            pk=pk,
            melding=_("Er ging iets mis bij het maken (%(fout)s).") % {"fout": type(exc).__name__},
        )
        raise


@shared_task(autoretry_for=(OSError,), retry_backoff=60, max_retries=5)
def mail_kwartaalrapportage(pk: int) -> int:
    """Tell the project leaders a report is ready; a mail server that is down is retried."""
    return kwartaalrapportages.kwartaalrapportage_mail(pk=pk)


@shared_task
def kwartaalrapportages_nieuw_kwartaal() -> int:
    """First day of a quarter: every region's and group's report of the quarter just ended."""
    return kwartaalrapportages.kwartaalrapportages_nieuw_kwartaal()


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


@shared_task
def uitgaand_versturen() -> int:
    """Every minute, and after a send that found tasks waiting: send what the outbox kept
    while Redis was down (each under its own task id, so sending twice is harmless)."""
    return uitgaand_flush()

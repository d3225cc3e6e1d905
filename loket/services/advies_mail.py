"""The e-mails about advice bookings (confirmation, cancellation, reschedule, reminder), each
with its calendar invitation, and the day-before reminders."""

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from ..ics import boeking_ics
from ..models import Boeking, Gespreksvorm
from .advies import AMSTERDAM, boeking_beheren_url, moment_label, site_url

log = logging.getLogger(__name__)

MAIL_SUBJECTS = {
    "bevestiging": "advies_bevestiging",
    "annulering": "advies_annulering",
    "annulering_loket": "advies_annulering",
    "verzet": "advies_verzet",
    "herinnering": "advies_herinnering",
}


def advies_mail_send(soort: str, boeking_id: int, oude_boeking_id: int | None = None) -> bool:
    """Send one of the booking e-mails (text with an HTML alternative, and the invitation).

    Re-fetches the booking; a candidate whose data was erased meanwhile gets nothing.
    """
    boeking = (
        Boeking.objects.select_related("slot__regio", "slot__adviseur", "kandidaat__user")
        .filter(pk=boeking_id)
        .first()
    )
    if boeking is None or boeking.kandidaat.user is None:
        return False
    oude = (
        Boeking.objects.select_related("slot").filter(pk=oude_boeking_id).first()
        if oude_boeking_id
        else None
    )
    user = boeking.kandidaat.user
    slot = boeking.slot
    context = {
        "boeking": boeking,
        "slot": slot,
        "oude_slot": oude.slot if oude else None,
        "naam": user.get_short_name(),
        "moment": moment_label(slot),
        "oude_moment": moment_label(oude.slot) if oude else "",
        "vorm": Gespreksvorm(slot.vorm).label,
        "telefoon": boeking.kandidaat.telefoon,
        "regio": slot.regio.naam,
        "adviseur": slot.adviseur.get_full_name(),
        "door_loket": soort == "annulering_loket",
        "beheren_url": boeking_beheren_url(boeking),
        "login_url": site_url(reverse("account_login")),
        "boeken_url": site_url(reverse("advies_boeken") + f"?regio={slot.regio.slug}"),
    }
    prefix = f"loket/email/{MAIL_SUBJECTS[soort]}"
    subject = " ".join(render_to_string(f"{prefix}_onderwerp.txt", context).split())
    message = EmailMultiAlternatives(
        subject=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject,
        body=render_to_string(f"{prefix}.txt", context),
        to=[user.email],
    )
    message.attach_alternative(render_to_string(f"{prefix}.html", context), "text/html")
    if soort in ("bevestiging", "verzet", "herinnering"):
        ics = boeking_ics(boeking, beheren_url=context["beheren_url"])
        message.attach("adviesgesprek.ics", ics, "text/calendar; method=REQUEST")
    if soort in ("annulering", "annulering_loket"):
        ics = boeking_ics(boeking, method="CANCEL")
        message.attach("adviesgesprek-geannuleerd.ics", ics, "text/calendar; method=CANCEL")
    if soort == "verzet" and oude is not None:
        ics = boeking_ics(oude, method="CANCEL")
        message.attach("oude-afspraak-geannuleerd.ics", ics, "text/calendar; method=CANCEL")
    message.send()
    return True


def herinneringen_send(*, now: datetime | None = None) -> int:
    """Remind every booked conversation that starts tomorrow (Amsterdam's date), once.

    Each booking is claimed with a conditional UPDATE (… WHERE herinnering_verstuurd_op IS
    NULL) before its mail goes out, so two runs at once never both send it. If sending
    fails the claim is released, and the next hourly run tries again.
    """
    now = now or timezone.now()
    morgen = timezone.localtime(now, AMSTERDAM).date() + timedelta(days=1)
    van = timezone.make_aware(datetime.combine(morgen, datetime.min.time()), AMSTERDAM)
    tot = timezone.make_aware(
        datetime.combine(morgen + timedelta(days=1), datetime.min.time()), AMSTERDAM
    )
    kandidaten = Boeking.objects.filter(
        status=Boeking.Status.GEBOEKT,
        herinnering_verstuurd_op__isnull=True,
        slot__start__gte=van,
        slot__start__lt=tot,
    ).values_list("pk", flat=True)
    verstuurd = 0
    for pk in list(kandidaten):
        claimed = Boeking.objects.filter(
            pk=pk, status=Boeking.Status.GEBOEKT, herinnering_verstuurd_op__isnull=True
        ).update(herinnering_verstuurd_op=timezone.now())
        if not claimed:
            continue
        try:
            if advies_mail_send("herinnering", pk):
                verstuurd += 1
        except Exception:
            log.exception("Reminder for booking %s failed; the next run tries again", pk)
            Boeking.objects.filter(pk=pk).update(herinnering_verstuurd_op=None)
    return verstuurd

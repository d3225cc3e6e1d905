"""Advice conversations: publishing slots, booking, cancelling and recording the outcome."""

import logging
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import partial
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext as _

from kandidaten.models import EventSoort, Fase, Kandidaat, RouteSoort, Uitvalreden
from kandidaten.services import (
    event_record,
    kandidaat_for_email,
    kandidaat_move,
    kandidaat_refer,
)
from regio.models import Organisatie, OrganisatieSoort, Regio, Role

from ..models import Adviesslot, Boeking, Gespreksvorm, GesprekUitkomst, Route
from ..uitgaand import versturen

log = logging.getLogger(__name__)

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
TOKEN_SALT = "loket.boeking"
# Slots are published at most MAX_WEKEN weeks ahead, so a link this old has no use left.
TOKEN_MAX_AGE = timedelta(days=200)
MAX_WEKEN = 26
# The journey's timeline is the desk's record: written in the desk's language.
DESK_LANGUAGE = "nl"


# --- Formatting shared by pages, mails and the timeline ------------------------------------


def moment_label(slot: Adviesslot) -> str:
    """'maandag 30 maart 2026 om 10:00' in the active language, on Amsterdam's clock."""
    start = timezone.localtime(slot.start, AMSTERDAM)
    return _("%(dag)s om %(tijd)s") % {
        "dag": formats.date_format(start, "l j F Y"),
        "tijd": formats.time_format(start, "H:i"),
    }


def slot_einde(slot: Adviesslot) -> datetime:
    return slot.start + timedelta(minutes=slot.duur_minuten)


def site_url(path: str) -> str:
    """An absolute URL for links in e-mails and invitations, which have no request to ask
    (see LOKET_BASE_URL)."""
    return settings.LOKET_BASE_URL + path


# --- The signed link to cancel or reschedule -----------------------------------------------


class BoekingLinkError(Exception):
    """A cancel/reschedule link that is forged, damaged, expired or points to nothing."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def boeking_token(boeking: Boeking) -> str:
    """The signed token in a booking's cancel/reschedule link (no login needed to use it).

    It carries only the booking's id; whether the booking can still be changed is checked
    when the link is used, so a link of a cancelled or finished booking changes nothing.
    """
    return signing.dumps({"b": boeking.pk}, salt=TOKEN_SALT)


def boeking_beheren_url(boeking: Boeking) -> str:
    return site_url(reverse("advies_beheren", kwargs={"token": boeking_token(boeking)}))


def boeking_from_token(token: str) -> Boeking:
    """The booking a link points to, or a BoekingLinkError with a Dutch message."""
    try:
        data = signing.loads(token, salt=TOKEN_SALT, max_age=TOKEN_MAX_AGE)
    except signing.SignatureExpired as exc:
        raise BoekingLinkError(
            _(
                "Deze link is verlopen. Neem contact op met het loket of plan een nieuw "
                "adviesgesprek."
            )
        ) from exc
    except (signing.BadSignature, ValueError) as exc:
        raise BoekingLinkError(
            _(
                "Deze link is ongeldig. Gebruik de volledige link uit je bevestigingsmail; "
                "kopieer hem eventueel in zijn geheel naar je browser."
            )
        ) from exc
    pk = data.get("b") if isinstance(data, dict) else None
    boeking = None
    if isinstance(pk, int):
        boeking = (
            Boeking.objects.select_related("slot__regio", "slot__adviseur", "kandidaat__user")
            .filter(pk=pk)
            .first()
        )
    if boeking is None:
        raise BoekingLinkError(_("Deze afspraak bestaat niet (meer)."))
    return boeking


# --- Publishing and withdrawing slots ------------------------------------------------------


def slots_publish(
    *,
    adviseur,
    start: datetime,
    duur_minuten: int,
    vorm: str,
    locatie: str = "",
    weken: int = 1,
) -> list[Adviesslot]:
    """Publish one slot, or a weekly series: the same weekday and time for `weken` weeks.

    The series repeats on Amsterdam's wall clock, so 10:00 stays 10:00 across the change to
    or from summer time. Slots of a series share a `reeks` id so they can be withdrawn as one.
    An overlap with the adviser's own published slots is refused, with the first clash named.
    """
    if adviseur.role != Role.LOKETADVISEUR or not adviseur.regio_id:
        raise ValidationError(_("Alleen een loketadviseur van een regio kan momenten publiceren."))
    errors = {}
    if not 1 <= weken <= MAX_WEKEN:
        errors["weken"] = _("Kies tussen 1 en %(max)s weken.") % {"max": MAX_WEKEN}
    if not 10 <= duur_minuten <= 240:
        errors["duur_minuten"] = _("Een gesprek duurt tussen 10 en 240 minuten.")
    if vorm not in Gespreksvorm.values:
        errors["vorm"] = _("Kies hoe het gesprek gaat.")
    locatie = locatie.strip()
    if vorm == Gespreksvorm.LOCATIE and not locatie:
        errors["locatie"] = _("Vul het adres in voor een gesprek op locatie.")
    if start <= timezone.now():
        errors["datum"] = _("Kies een moment in de toekomst.")
    if errors:
        raise ValidationError(errors)
    if vorm != Gespreksvorm.LOCATIE:
        locatie = ""

    local = timezone.localtime(start, AMSTERDAM)
    starts = [
        timezone.make_aware(
            datetime.combine(local.date() + timedelta(weeks=week), local.time()), AMSTERDAM
        )
        for week in range(weken)
    ]
    duur = timedelta(minutes=duur_minuten)
    reeks = uuid.uuid4() if weken > 1 else None
    with transaction.atomic():
        # One publisher at a time per adviser, so two tabs cannot publish overlapping slots.
        get_user_model().objects.select_for_update().filter(pk=adviseur.pk).first()
        nearby = Adviesslot.objects.filter(
            adviseur=adviseur,
            geannuleerd=False,
            start__gt=starts[0] - timedelta(minutes=240),
            start__lt=starts[-1] + duur,
        ).order_by("start")
        for bestaand in nearby:
            for nieuw in starts:
                if bestaand.start < nieuw + duur and nieuw < slot_einde(bestaand):
                    raise ValidationError(
                        _("Dit overlapt met je moment van %(moment)s.")
                        % {"moment": moment_label(bestaand)}
                    )
        slots = [
            Adviesslot(
                adviseur=adviseur,
                regio_id=adviseur.regio_id,
                start=moment,
                duur_minuten=duur_minuten,
                vorm=vorm,
                locatie=locatie,
                reeks=reeks,
            )
            for moment in starts
        ]
        return Adviesslot.objects.bulk_create(slots)


@dataclass
class Intrekking:
    """What withdrawing did: how many slots went, and the booked ones that stayed."""

    ingetrokken: int = 0
    geboekt: list[Adviesslot] = field(default_factory=list)


def slot_withdraw(*, slot: Adviesslot, reeks: bool = False) -> Intrekking:
    """Withdraw a free future slot, or it and the rest of its series.

    A booked slot is never withdrawn here, not even as part of a series: cancelling
    someone's conversation is a deliberate act on that conversation's own page, which
    e-mails the candidate. Booked slots are left standing and reported back instead.
    The slots are locked first, the same lock a booking takes, so a booking arriving
    meanwhile either lands before (and the slot stays) or finds the slot withdrawn.
    """
    with transaction.atomic():
        slots = Adviesslot.objects.filter(pk=slot.pk)
        if reeks and slot.reeks:
            slots = Adviesslot.objects.filter(
                reeks=slot.reeks, adviseur_id=slot.adviseur_id, start__gte=slot.start
            )
        locked = list(
            slots.filter(geannuleerd=False, start__gt=timezone.now())
            .select_for_update()
            .order_by("start", "pk")
        )
        booked = set(
            Boeking.objects.filter(slot__in=locked)
            .exclude(status=Boeking.Status.GEANNULEERD)
            .values_list("slot_id", flat=True)
        )
        vrij = [s.pk for s in locked if s.pk not in booked]
        Adviesslot.objects.filter(pk__in=vrij).update(geannuleerd=True)
    return Intrekking(ingetrokken=len(vrij), geboekt=[s for s in locked if s.pk in booked])


# --- Booking, cancelling, rescheduling -----------------------------------------------------


def slot_book(
    *,
    slot: Adviesslot,
    kandidaat,
    vraag: str = "",
    route: Route | None = None,
    toestemming_op: datetime | None = None,
) -> Boeking:
    """Book a free future slot for a candidate.

    The slot row is locked so concurrent bookings queue up; the partial unique constraint
    on Boeking is the last word even if a caller skips this function. Whoever comes second
    gets a Dutch ValidationError and nothing is written.
    """
    try:
        with transaction.atomic():
            locked = Adviesslot.objects.select_for_update().get(pk=slot.pk)
            if locked.geannuleerd:
                raise ValidationError(_("Dit moment is geannuleerd; kies een ander moment."))
            if locked.start <= timezone.now():
                raise ValidationError(_("Dit moment is al voorbij; kies een ander moment."))
            if locked.boekingen.exclude(status=Boeking.Status.GEANNULEERD).exists():
                raise ValidationError(_("Dit moment is net door iemand anders geboekt."))
            return Boeking.objects.create(
                slot=locked,
                kandidaat=kandidaat,
                vraag=vraag,
                route=route,
                toestemming_op=toestemming_op,
            )
    except IntegrityError as exc:
        raise ValidationError(_("Dit moment is net door iemand anders geboekt.")) from exc


def boeking_create(
    *,
    slot: Adviesslot,
    naam: str,
    email: str,
    telefoon: str,
    vraag: str = "",
    route: Route | None = None,
) -> tuple[Boeking, bool]:
    """A candidate books a slot from the public form, with their consent given now.

    In one transaction: the account is found or made by e-mail (in the slot's region), the
    slot is booked, a candidate in orientation moves to advice, and the planned conversation
    is recorded on the timeline; the confirmation is sent once that is committed. Anything
    refused leaves nothing behind. The same form sent twice (a double click, a reload) finds
    the booking it made the first time: it returns that booking with False and sends no
    second e-mail.
    """
    try:
        with transaction.atomic():
            kandidaat = kandidaat_for_email(
                email=email,
                naam=naam,
                regio=slot.regio,
                telefoon=telefoon,
                toelichting=_desk(gettext_noop("Aangemeld bij het boeken van een adviesgesprek.")),
            )
            if kandidaat.regio_id != slot.regio_id:
                raise ValidationError(
                    _(
                        "Je staat al ingeschreven bij het loket van een andere regio. Kies een "
                        "moment bij dat loket; log in om te zien welk loket je begeleidt."
                    )
                )
            # Locks are taken candidate first, then slot, in every operation here, so two of
            # them on the same candidate and slot queue up instead of deadlocking.
            Kandidaat.objects.select_for_update().filter(pk=kandidaat.pk).first()
            if kandidaat.boekingen.filter(
                status=Boeking.Status.GEBOEKT, slot__start__gt=timezone.now()
            ).exists():
                # One conversation at a time: a second one is a reschedule, which the link
                # in the confirmation does (and it frees the first slot for someone else).
                raise ValidationError(
                    _(
                        "Je hebt al een adviesgesprek gepland. Wil je een ander moment? Verzet "
                        "je afspraak met de link in je bevestigingsmail."
                    )
                )
            boeking = slot_book(
                slot=slot,
                kandidaat=kandidaat,
                vraag=vraag,
                route=route,
                toestemming_op=timezone.now(),
            )
            _journey_on_booking(boeking)
            transaction.on_commit(partial(_send_later, "bevestiging", boeking.pk))
    except ValidationError:
        dubbel = _same_persons_booking(slot=slot, email=email)
        if dubbel is None:
            raise
        return dubbel, False
    return boeking, True


def _same_persons_booking(*, slot: Adviesslot, email: str) -> Boeking | None:
    email = get_user_model().objects.normalize_email(email).strip().lower()
    return (
        Boeking.objects.filter(
            slot=slot, status=Boeking.Status.GEBOEKT, kandidaat__user__email__iexact=email
        )
        .select_related("slot")
        .first()
    )


def _journey_on_booking(boeking: Boeking) -> None:
    kandidaat = Kandidaat.objects.select_for_update().get(pk=boeking.kandidaat_id)
    wanneer = _desk_moment(boeking.slot)
    if kandidaat.fase == Fase.ORIENTATIE:
        kandidaat_move(
            kandidaat=kandidaat,
            naar=Fase.ADVIES,
            door=None,
            toelichting=_desk(
                gettext_noop("Adviesgesprek geboekt voor %(wanneer)s."), wanneer=wanneer
            ),
        )
    event_record(
        kandidaat=kandidaat,
        soort=EventSoort.GESPREK,
        toelichting=_desk(
            gettext_noop("Adviesgesprek gepland op %(wanneer)s (%(vorm)s)."),
            wanneer=wanneer,
            vorm=Gespreksvorm(boeking.slot.vorm).label,
        ),
    )
    boeking.kandidaat = kandidaat


def _check_changeable(boeking: Boeking) -> None:
    if boeking.status == Boeking.Status.GEANNULEERD:
        raise ValidationError(_("Deze afspraak is al geannuleerd of verzet."))
    if boeking.status == Boeking.Status.AFGEROND:
        raise ValidationError(_("Dit gesprek is al gevoerd."))
    if boeking.slot.start <= timezone.now():
        raise ValidationError(
            _("Dit gesprek is al begonnen of voorbij; neem contact op met het loket.")
        )


def _lock_booking(boeking: Boeking) -> Boeking:
    return (
        Boeking.objects.select_for_update(of=("self",))
        .select_related("slot", "kandidaat")
        .get(pk=boeking.pk)
    )


def boeking_cancel(*, boeking: Boeking, door=None) -> Boeking:
    """Cancel a booked conversation, by the candidate (door=None) or by the desk.

    The slot is free again at once; the timeline records it and the candidate gets an
    e-mail with a cancellation for their calendar.
    """
    with transaction.atomic():
        locked = _lock_booking(boeking)
        _check_changeable(locked)
        locked.status = Boeking.Status.GEANNULEERD
        locked.geannuleerd_op = timezone.now()
        locked.save(update_fields=["status", "geannuleerd_op"])
        tekst = (
            gettext_noop("Adviesgesprek van %(wanneer)s geannuleerd door het loket.")
            if door is not None
            else gettext_noop("Adviesgesprek van %(wanneer)s geannuleerd door de kandidaat.")
        )
        event_record(
            kandidaat=locked.kandidaat,
            soort=EventSoort.GESPREK,
            door=door,
            toelichting=_desk(tekst, wanneer=_desk_moment(locked.slot)),
        )
        soort = "annulering_loket" if door is not None else "annulering"
        transaction.on_commit(partial(_send_later, soort, locked.pk))
    return locked


def boeking_reschedule(*, boeking: Boeking, slot: Adviesslot) -> Boeking:
    """Move a booking to another slot of the same desk, all or nothing.

    The old booking is locked first, so two reschedules of one booking cannot both win.
    The new slot is booked by the same rules as a new booking; if it was just taken, the
    ValidationError undoes everything and the old appointment stands.
    """
    with transaction.atomic():
        oud = _lock_booking(boeking)
        _check_changeable(oud)
        if slot.pk == oud.slot_id:
            raise ValidationError(_("Dit is al het moment van je afspraak."))
        if slot.regio_id != oud.slot.regio_id:
            raise ValidationError(_("Kies een moment bij hetzelfde loket."))
        Kandidaat.objects.select_for_update().filter(pk=oud.kandidaat_id).first()
        nieuw = slot_book(
            slot=slot,
            kandidaat=oud.kandidaat,
            vraag=oud.vraag,
            route=oud.route,
            toestemming_op=oud.toestemming_op,
        )
        oud.status = Boeking.Status.GEANNULEERD
        oud.geannuleerd_op = timezone.now()
        oud.save(update_fields=["status", "geannuleerd_op"])
        event_record(
            kandidaat=oud.kandidaat,
            soort=EventSoort.GESPREK,
            toelichting=_desk(
                gettext_noop("Adviesgesprek verzet van %(van)s naar %(naar)s."),
                van=_desk_moment(oud.slot),
                naar=_desk_moment(nieuw.slot),
            ),
        )
        transaction.on_commit(partial(_send_later, "verzet", nieuw.pk, oud.pk))
    return nieuw


# --- After the conversation ----------------------------------------------------------------


def boeking_record_outcome(
    boeking: Boeking,
    uitkomst: str,
    notities: str = "",
    door=None,
    route: str | None = None,
    opleiding: Organisatie | None = None,
    reden: Uitvalreden | None = None,
    naar_regio: Regio | None = None,
):
    """Record what a conversation led to and move the journey to match, all or nothing.

    route_gekozen: to route & toelating, with the route and the teacher-training institute;
    verder_orienteren and niet_verschenen: stays put (a milestone only); doorverwezen:
    referred (to `naar_regio` if given); geen_vervolg: dropped out with an active reason.
    The candidate gets this adviser if they had none. A move the journey does not allow
    raises the ValidationError of kandidaat_move and nothing is written.
    """
    errors = {}
    if uitkomst not in GesprekUitkomst.values:
        errors["uitkomst"] = _("Kies de uitkomst van het gesprek.")
    if uitkomst == GesprekUitkomst.ROUTE_GEKOZEN:
        if route not in RouteSoort.values:
            errors["route"] = _("Kies de route die de kandidaat gaat volgen.")
        if (
            opleiding is None
            or opleiding.soort != OrganisatieSoort.LERARENOPLEIDING
            or opleiding.regio_id != boeking.slot.regio_id
        ):
            errors["opleiding"] = _(
                "Kies de lerarenopleiding uit de regio waarnaar je de kandidaat verwijst."
            )
    if uitkomst == GesprekUitkomst.GEEN_VERVOLG:
        if reden is None:
            errors["reden"] = _("Kies een reden waarom de kandidaat stopt.")
        elif not reden.actief:
            errors["reden"] = _("Deze reden is niet meer te kiezen.")
    if len(notities) > 4000:
        errors["notities"] = _("Houd de notities korter dan 4000 tekens.")
    if errors:
        raise ValidationError(errors)

    with transaction.atomic():
        locked = _lock_booking(boeking)
        if locked.status == Boeking.Status.GEANNULEERD:
            raise ValidationError(_("Dit gesprek is geannuleerd."))
        if locked.status == Boeking.Status.AFGEROND:
            raise ValidationError(_("De uitkomst van dit gesprek is al vastgelegd."))
        if locked.slot.start > timezone.now():
            raise ValidationError(_("Leg de uitkomst vast nadat het gesprek is begonnen."))
        kandidaat = Kandidaat.objects.select_for_update().get(pk=locked.kandidaat_id)
        label = GesprekUitkomst(uitkomst).label
        wanneer = _desk_moment(locked.slot)
        toelichting = _desk(
            gettext_noop("Uitkomst van het adviesgesprek van %(wanneer)s: %(uitkomst)s."),
            wanneer=wanneer,
            uitkomst=label,
        )
        naar = {
            GesprekUitkomst.ROUTE_GEKOZEN: Fase.ROUTE_TOELATING,
            GesprekUitkomst.DOORVERWEZEN: Fase.DOORVERWEZEN,
            GesprekUitkomst.GEEN_VERVOLG: Fase.UITGEVALLEN,
        }.get(uitkomst)
        if naar is None:
            event_record(
                kandidaat=kandidaat, soort=EventSoort.GESPREK, door=door, toelichting=toelichting
            )
        else:
            kandidaat_move(
                kandidaat=kandidaat,
                naar=naar,
                door=door,
                reden=reden,
                naar_regio=naar_regio,
                toelichting=toelichting,
            )
        if uitkomst == GesprekUitkomst.ROUTE_GEKOZEN:
            # The referral the institute works from: sets route and opleiding, and lets
            # that institute see the candidate and record admissibility.
            kandidaat_refer(kandidaat=kandidaat, route=route, opleiding=opleiding, door=door)
        if kandidaat.adviseur_id is None and door is not None:
            Kandidaat.objects.filter(pk=kandidaat.pk).update(adviseur=door)
        locked.status = Boeking.Status.AFGEROND
        locked.uitkomst = uitkomst
        locked.notities = notities
        locked.afgerond_op = timezone.now()
        locked.save(update_fields=["status", "uitkomst", "notities", "afgerond_op"])
    return locked


def _desk(msgid: str, **params) -> str:
    """A text for the timeline, in the desk's language whatever the visitor's language.

    `msgid` is marked with gettext_noop and translated here, inside the override.
    """
    with translation.override(DESK_LANGUAGE):
        return gettext(msgid) % {name: str(value) for name, value in params.items()}


def _desk_moment(slot: Adviesslot) -> str:
    with translation.override(DESK_LANGUAGE):
        return moment_label(slot)


def _send_later(soort: str, boeking_id: int, oude_boeking_id: int | None = None) -> None:
    from ..tasks import send_advies_mail

    versturen(send_advies_mail, soort, boeking_id, oude_boeking_id)

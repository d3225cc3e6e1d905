"""Information events: sign-ups with a capacity, cancelling by e-mailed link, staff changes."""

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Q
from django.db.models.functions import Greatest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from kandidaten.models import EventSoort, Inzage
from kandidaten.services import event_record, kandidaat_for_email

from ..models import Aanmelding, Evenement
from ..uitgaand import versturen

SALT = "loket.aanmelding"
# A sign-up link is of no use once its event is over; events are rarely planned further ahead.
TOKEN_MAX_AGE = timedelta(days=400)


def met_aantallen(evenementen):
    """Events annotated with their live sign-ups (`aantal_aangemeld`) and the places left
    (`plaatsen_over`), in one query."""
    return evenementen.annotate(
        aantal_aangemeld=Count(
            "aanmeldingen", filter=Q(aanmeldingen__status=Aanmelding.Status.AANGEMELD)
        )
    ).annotate(plaatsen_over=Greatest(F("capaciteit") - F("aantal_aangemeld"), 0))


def wanneer(evenement) -> str:
    start = timezone.localtime(evenement.start)
    eind = timezone.localtime(evenement.eind)
    return f"{date_format(start, 'l j F Y')}, {start:%H:%M}–{eind:%H:%M}"


def aanmelding_token(aanmelding: Aanmelding) -> str:
    """The signed token in the e-mailed link that cancels a sign-up without logging in."""
    return signing.dumps({"a": aanmelding.pk}, salt=SALT)


def aanmelding_for_token(token: str) -> Aanmelding:
    """The sign-up a token was made for; a forged, damaged or expired token raises
    BadSignature (SignatureExpired is one)."""
    data = signing.loads(token, salt=SALT, max_age=TOKEN_MAX_AGE)
    if not isinstance(data, dict) or not isinstance(data.get("a"), int):
        raise signing.BadSignature("unexpected payload")
    try:
        return Aanmelding.objects.select_related("evenement__regio", "kandidaat__user").get(
            pk=data["a"]
        )
    except Aanmelding.DoesNotExist as exc:
        raise signing.BadSignature("no such sign-up") from exc


def _check_open(evenement: Evenement) -> None:
    if evenement.geannuleerd:
        raise ValidationError(_("Deze bijeenkomst gaat niet door; aanmelden kan niet meer."))
    if not evenement.gepubliceerd:
        raise ValidationError(_("Voor deze bijeenkomst kun je je (nog) niet aanmelden."))
    if evenement.start <= timezone.now():
        raise ValidationError(_("Deze bijeenkomst is al begonnen of voorbij."))


def aanmelding_create(
    *, evenement: Evenement, naam: str, email: str, telefoon: str = ""
) -> Aanmelding:
    """Sign someone up for an event, creating or linking their candidate account by e-mail.

    The event row is locked, so concurrent sign-ups are counted one after the other and an
    event never takes more people than it has places. Everything happens in one transaction:
    a refusal (past, cancelled, full, already signed up, a staff address) raises a Dutch
    ValidationError and leaves no trace, not even a new account. The confirmation e-mail
    with the cancel link goes out once the sign-up is committed.
    """
    try:
        with transaction.atomic():
            locked = (
                Evenement.objects.select_for_update().select_related("regio").get(pk=evenement.pk)
            )
            _check_open(locked)
            toelichting = _("Aangemeld voor %(titel)s (%(wanneer)s)") % {
                "titel": locked.titel,
                "wanneer": wanneer(locked),
            }
            kandidaat = kandidaat_for_email(
                email=email, naam=naam, regio=locked.regio, telefoon=telefoon
            )
            live = locked.aanmeldingen.filter(status=Aanmelding.Status.AANGEMELD)
            if live.filter(kandidaat=kandidaat).exists():
                raise ValidationError(_("Je bent al aangemeld voor deze bijeenkomst."))
            if live.count() >= locked.capaciteit:
                raise ValidationError(_("Deze bijeenkomst is vol."))
            aanmelding = Aanmelding.objects.create(evenement=locked, kandidaat=kandidaat)
            event_record(kandidaat=kandidaat, soort=EventSoort.EVENEMENT, toelichting=toelichting)
            transaction.on_commit(lambda: _send_later("bevestiging", [aanmelding.pk]))
    except IntegrityError as exc:  # the same person in two tabs at once
        raise ValidationError(_("Je bent al aangemeld voor deze bijeenkomst.")) from exc
    return aanmelding


def aanmelding_annuleren(*, aanmelding: Aanmelding) -> bool:
    """Cancel a sign-up, freeing its place; False if it was cancelled already.

    Once the event has started there is no place left to free: cancelling then would only
    rewrite who was expected, so it is refused with a Dutch ValidationError.
    """
    if aanmelding.evenement.start <= timezone.now():
        raise ValidationError(
            _("Deze bijeenkomst is al begonnen of voorbij; afmelden kan niet meer.")
        )
    with transaction.atomic():
        updated = Aanmelding.objects.filter(
            pk=aanmelding.pk, status=Aanmelding.Status.AANGEMELD
        ).update(status=Aanmelding.Status.AFGEMELD)
        if updated:
            event_record(
                kandidaat=aanmelding.kandidaat,
                soort=EventSoort.EVENEMENT,
                toelichting=_("Afgemeld voor %(titel)s (%(wanneer)s)")
                % {"titel": aanmelding.evenement.titel, "wanneer": wanneer(aanmelding.evenement)},
            )
    aanmelding.status = Aanmelding.Status.AFGEMELD
    return bool(updated)


def evenement_save(*, evenement: Evenement) -> Evenement:
    """Save an event (new or changed); fewer places than sign-ups is refused."""
    with transaction.atomic():
        if evenement.pk:
            # Locked like a sign-up does, so none slips in between counting and saving.
            Evenement.objects.select_for_update().filter(pk=evenement.pk).first()
            aangemeld = evenement.aanmeldingen.filter(status=Aanmelding.Status.AANGEMELD).count()
            if evenement.capaciteit < aangemeld:
                raise ValidationError(
                    {
                        "capaciteit": _(
                            "Er zijn al %(aantal)s aanmeldingen; kies minstens zoveel plaatsen."
                        )
                        % {"aantal": aangemeld}
                    }
                )
        evenement.full_clean()
        evenement.save()
    return evenement


def evenement_annuleren(*, evenement: Evenement) -> int:
    """Cancel an event and tell everyone who signed up; returns how many were told.

    Only the call that actually flips the flag sends the e-mails, so a double click does
    not mail everyone twice.
    """
    with transaction.atomic():
        updated = Evenement.objects.filter(pk=evenement.pk, geannuleerd=False).update(
            geannuleerd=True
        )
        evenement.geannuleerd = True
        if not updated:
            return 0
        pks = list(
            evenement.aanmeldingen.filter(status=Aanmelding.Status.AANGEMELD).values_list(
                "pk", flat=True
            )
        )
        transaction.on_commit(lambda: _send_later("geannuleerd", pks))
    return len(pks)


def deelnemers_inzien(*, evenement: Evenement, door) -> list[Aanmelding]:
    """The people signed up for an event, for the staff of its region; the read is logged
    per candidate (personal data), in one query whatever the number."""
    aanmeldingen = list(
        evenement.aanmeldingen.filter(status=Aanmelding.Status.AANGEMELD).select_related(
            "kandidaat__user"
        )
    )
    wat = _("deelnemerslijst van %(titel)s") % {"titel": evenement.titel}
    Inzage.objects.bulk_create(
        [Inzage(door=door, kandidaat=a.kandidaat, wat=wat[:200]) for a in aanmeldingen]
    )
    return aanmeldingen


def _send_later(soort: str, aanmelding_pks: list[int]) -> None:
    from ..tasks import send_aanmelding_mail

    versturen(send_aanmelding_mail, soort, aanmelding_pks)


def aanmelding_mail_send(soort: str, aanmelding_pks: list[int]) -> None:
    """Send the sign-up e-mails of one kind (called by a task, which retries a mail server
    that is down; the sign-up itself stands either way)."""
    {"bevestiging": _bevestiging_versturen, "geannuleerd": _annulering_versturen}[soort](
        aanmelding_pks
    )


def _send(*, onderwerp: str, template: str, context: dict, to: str) -> None:
    """One e-mail, plain text with an HTML alternative."""
    text = render_to_string(f"loket/email/{template}.txt", context)
    html = render_to_string(f"loket/email/{template}.html", context)
    message = EmailMultiAlternatives(
        subject=f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{onderwerp}",
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
    )
    message.attach_alternative(html, "text/html")
    message.send()


def _bevestiging_versturen(aanmelding_pks: list[int]) -> None:
    aanmelding = (
        Aanmelding.objects.select_related("evenement", "kandidaat__user")
        .filter(pk__in=aanmelding_pks)
        .first()
    )
    if aanmelding is None or aanmelding.kandidaat.user is None:
        return  # withdrawn or erased before the mail went out
    user = aanmelding.kandidaat.user
    pad = reverse("aanmelding_annuleren", args=[aanmelding_token(aanmelding)])
    context = {
        "naam": user.naam,
        "evenement": aanmelding.evenement,
        "wanneer": wanneer(aanmelding.evenement),
        "afmeld_url": settings.LOKET_BASE_URL + pad,
    }
    _send(
        onderwerp=_("Je bent aangemeld: %(titel)s") % {"titel": aanmelding.evenement.titel},
        template="aanmelding_bevestiging",
        context=context,
        to=user.email,
    )


def _annulering_versturen(aanmelding_pks: list[int]) -> None:
    for aanmelding in Aanmelding.objects.filter(pk__in=aanmelding_pks).select_related(
        "evenement", "kandidaat__user"
    ):
        user = aanmelding.kandidaat.user
        if user is None:  # personal data erased: nobody to tell
            continue
        _send(
            onderwerp=_("Gaat niet door: %(titel)s") % {"titel": aanmelding.evenement.titel},
            template="aanmelding_geannuleerd",
            context={
                "naam": user.naam,
                "evenement": aanmelding.evenement,
                "wanneer": wanneer(aanmelding.evenement),
            },
            to=user.email,
        )

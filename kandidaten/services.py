"""Operations on candidates that touch several rows: registering, finding a candidate by
e-mail, moving along the journey and recording milestones."""

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from regio.models import Regio, Role

from .journey import EINDFASEN, allowed_moves, needs_reason
from .models import EventSoort, Fase, Kandidaat, TrajectEvent, Uitvalreden


def kandidaat_register(*, user, regio: Regio, door=None, toelichting: str = "") -> Kandidaat:
    """Start a candidate's journey at orientation, with the first event of their timeline."""
    with transaction.atomic():
        kandidaat = Kandidaat(user=user, regio=regio)
        kandidaat.full_clean()
        kandidaat.save()
        TrajectEvent.objects.create(
            kandidaat=kandidaat, door=door, van="", naar=Fase.ORIENTATIE, toelichting=toelichting
        )
    return kandidaat


def kandidaat_for_email(
    *, email: str, naam: str, regio: Regio, telefoon: str = "", toelichting: str = ""
) -> Kandidaat:
    """The candidate with this e-mail address, registered now if they are new.

    Public forms (booking advice, signing up for an event) create or link an account by
    e-mail; the candidate logs in later with a code sent to that address. An address that
    belongs to staff is refused: a staff account is never turned into a candidate.
    """
    email = get_user_model().objects.normalize_email(email).strip().lower()
    User = get_user_model()
    try:
        with transaction.atomic():
            user, created = User.objects.get_or_create(
                email=email, defaults={"naam": naam, "role": Role.KANDIDAAT}
            )
            if created:
                user.set_unusable_password()
                user.save(update_fields=["password"])
                # Unverified until the candidate logs in with a code sent to it; allauth
                # then marks it verified (it only verifies addresses it knows).
                EmailAddress.objects.create(user=user, email=email, primary=True, verified=False)
    except IntegrityError:  # a concurrent form created it first
        user = User.objects.get(email=email)
    if user.role != Role.KANDIDAAT:
        raise ValidationError(
            _("Dit e-mailadres hoort bij een medewerker; gebruik een persoonlijk adres.")
        )
    kandidaat = Kandidaat.objects.filter(user=user).first()
    if kandidaat is None:
        try:
            kandidaat = kandidaat_register(user=user, regio=regio, toelichting=toelichting)
        except IntegrityError:
            kandidaat = Kandidaat.objects.get(user=user)
    changed = []
    if naam and not user.naam:
        user.naam = naam
        user.save(update_fields=["naam"])
    if telefoon and kandidaat.telefoon != telefoon:
        kandidaat.telefoon = telefoon
        changed.append("telefoon")
    if changed:
        kandidaat.save(update_fields=changed)
    return kandidaat


def event_record(
    *, kandidaat: Kandidaat, soort: str, door=None, toelichting: str = ""
) -> TrajectEvent:
    """Record a milestone that does not change the stage (a conversation, an admissibility
    outcome, an introduction). It counts as activity, so a stalled candidate is live again."""
    now = timezone.now()
    with transaction.atomic():
        event = TrajectEvent.objects.create(
            kandidaat=kandidaat,
            soort=soort,
            door=door,
            van=kandidaat.fase,
            naar=kandidaat.fase,
            op=now,
            toelichting=toelichting,
        )
        Kandidaat.objects.filter(pk=kandidaat.pk).update(laatste_activiteit=now, stil_sinds=None)
    kandidaat.laatste_activiteit, kandidaat.stil_sinds = now, None
    return event


def kandidaat_move(
    *,
    kandidaat: Kandidaat,
    naar: str,
    door,
    reden: Uitvalreden | None = None,
    toelichting: str = "",
    naar_regio: Regio | None = None,
) -> TrajectEvent:
    """Move a candidate to another stage and record who did it, when and why.

    The row is locked first, so two advisers moving the same candidate at once are applied
    one after the other, each checked against the stage the other left. A move that is not
    allowed raises a ValidationError with a Dutch message and changes nothing.
    """
    with transaction.atomic():
        current = Kandidaat.objects.select_for_update().get(pk=kandidaat.pk)
        voor_pauze = _stage_before_pause(current) if current.fase == Fase.GEPAUZEERD else None
        if naar not in allowed_moves(current.fase, voor_pauze=voor_pauze):
            raise ValidationError(
                _("Van %(van)s naar %(naar)s is geen toegestane stap.")
                % {"van": Fase(current.fase).label, "naar": Fase(naar).label}
            )
        if needs_reason(naar) and reden is None:
            raise ValidationError(_("Kies een reden voor het uitvallen."))
        if reden is not None and not reden.actief:
            raise ValidationError(_("Deze reden is niet meer te kiezen."))
        now = timezone.now()
        event = TrajectEvent.objects.create(
            kandidaat=current,
            soort=EventSoort.STAP,
            door=door,
            van=current.fase,
            naar=naar,
            op=now,
            reden=reden if needs_reason(naar) else None,
            naar_regio=naar_regio if naar == Fase.DOORVERWEZEN else None,
            toelichting=toelichting,
        )
        # The procedure ends on dropping out or a referral away; retention counts from here.
        afgerond_op = now if naar in EINDFASEN else None
        Kandidaat.objects.filter(pk=current.pk).update(
            fase=naar,
            fase_sinds=now,
            laatste_activiteit=now,
            stil_sinds=None,
            afgerond_op=afgerond_op,
        )
    kandidaat.fase, kandidaat.fase_sinds, kandidaat.laatste_activiteit = naar, now, now
    kandidaat.stil_sinds, kandidaat.afgerond_op = None, afgerond_op
    return event


def _stage_before_pause(kandidaat: Kandidaat) -> str:
    last_pause = (
        kandidaat.events.filter(naar=Fase.GEPAUZEERD).order_by("-op", "-pk").values("van").first()
    )
    return last_pause["van"] if last_pause else Fase.ORIENTATIE

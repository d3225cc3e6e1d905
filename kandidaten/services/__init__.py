"""Operations on candidates that touch several rows: registering, finding a candidate by
e-mail, moving along the journey and recording milestones."""

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from regio.models import Organisatie, OrganisatieSoort, Regio, Role, Vacature

from ..journey import EINDFASEN, allowed_moves_for, needs_reason, with_voor_pauze
from ..models import (
    EventSoort,
    Fase,
    Introductie,
    IntroductieStatus,
    Inzage,
    Kandidaat,
    RouteSoort,
    Toelating,
    TrajectEvent,
    Uitvalreden,
)


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
    # Anyone can type anyone's address into a public form, so a form only fills in what is
    # missing; it never overwrites what the candidate told us before.
    if telefoon and not kandidaat.telefoon:
        kandidaat.telefoon = telefoon
        changed.append("telefoon")
    if changed:
        kandidaat.save(update_fields=changed)
    return kandidaat


def event_record(
    *,
    kandidaat: Kandidaat,
    soort: str,
    door=None,
    toelichting: str = "",
    organisatie: Organisatie | None = None,
    toelating: str = "",
    route: str = "",
    vacature: Vacature | None = None,
) -> TrajectEvent:
    """Record a milestone that does not change the stage (a conversation, a referral, an
    admissibility outcome, an introduction, an interview, an appointment), with the institute
    or board (and vacancy) it concerns. It counts as activity, so a stalled candidate is live
    again."""
    now = timezone.now()
    with transaction.atomic():
        event = TrajectEvent.objects.create(
            kandidaat=kandidaat,
            soort=soort,
            door=door,
            van=kandidaat.fase,
            naar=kandidaat.fase,
            op=now,
            organisatie=organisatie,
            toelating=toelating,
            route=route,
            vacature=vacature,
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
        current = with_voor_pauze(Kandidaat.objects.select_for_update()).get(pk=kandidaat.pk)
        if naar not in allowed_moves_for(current):
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


# --- The journey page: reads are logged, and what the desk, the institute and the candidate do


def inzage_log(*, user, kandidaat: Kandidaat, wat: str) -> Inzage | None:
    """Log that a staff member read a candidate's record (the audit trail the data-protection
    rules ask for). A candidate reading their own record is not logged."""
    if not user.is_authenticated or (kandidaat.user_id and kandidaat.user_id == user.pk):
        return None
    return Inzage.objects.create(door=user, kandidaat=kandidaat, wat=wat[:200])


def _refuse_if_erased(kandidaat: Kandidaat) -> None:
    if kandidaat.gewist_op is not None:
        raise ValidationError(
            _("De gegevens van deze kandidaat zijn gewist; het traject kan niet meer veranderen.")
        )


def _lock(kandidaat: Kandidaat) -> Kandidaat:
    """The candidate's row, locked until the transaction ends, as it is now."""
    current = Kandidaat.objects.select_for_update().get(pk=kandidaat.pk)
    _refuse_if_erased(current)
    return current


def kandidaat_move_from(
    *,
    kandidaat: Kandidaat,
    van: str,
    naar: str,
    door,
    reden: Uitvalreden | None = None,
    toelichting: str = "",
    naar_regio: Regio | None = None,
) -> TrajectEvent:
    """kandidaat_move for a form that was filled in while the candidate was in stage `van`.

    When someone else moved the candidate in the meantime, the form is stale: even a move
    that is still allowed is refused, because the adviser decided on what they saw.
    """
    with transaction.atomic():
        current = _lock(kandidaat)
        if current.fase != van:
            raise ValidationError(
                _(
                    "Iemand anders heeft deze kandidaat intussen naar %(fase)s gezet. "
                    "Er is niets gewijzigd; bekijk de nieuwe stand en probeer het opnieuw."
                )
                % {"fase": Fase(current.fase).label}
            )
        return kandidaat_move(
            kandidaat=kandidaat,
            naar=naar,
            door=door,
            reden=reden,
            toelichting=toelichting,
            naar_regio=naar_regio,
        )


def kandidaat_take_over(*, kandidaat: Kandidaat, adviseur) -> None:
    """An adviser of the candidate's region becomes their adviser, and the timeline says so.

    The handover is the desk's own business, not activity with the candidate, so it leaves
    the follow-up alone: a stalled candidate stays on the new adviser's list.
    """
    if adviseur.role != Role.LOKETADVISEUR or adviseur.regio_id != kandidaat.regio_id:
        raise ValidationError(_("Alleen een adviseur van de regio kan de kandidaat overnemen."))
    with transaction.atomic():
        current = _lock(kandidaat)
        if current.adviseur_id != adviseur.pk:
            Kandidaat.objects.filter(pk=current.pk).update(adviseur=adviseur)
            TrajectEvent.objects.create(
                kandidaat=current,
                soort=EventSoort.ADVISEUR,
                door=adviseur,
                van=current.fase,
                naar=current.fase,
            )
    kandidaat.adviseur = adviseur


def kandidaat_refer(
    *, kandidaat: Kandidaat, route: str, opleiding: Organisatie, door, toelichting: str = ""
) -> TrajectEvent:
    """Refer the candidate to a teacher-training institute of their region for a route.

    From then on that institute sees the candidate and records the admissibility outcome;
    an outcome recorded for an earlier referral no longer counts.
    """
    if route not in RouteSoort.values:
        raise ValidationError({"route": _("Kies een route uit de lijst.")})
    if (
        opleiding.soort != OrganisatieSoort.LERARENOPLEIDING
        or opleiding.regio_id != kandidaat.regio_id
    ):
        raise ValidationError({"opleiding": _("Kies een lerarenopleiding uit de regio.")})
    with transaction.atomic():
        current = _lock(kandidaat)
        changed = {"route": route, "opleiding": opleiding}
        if current.opleiding_id != opleiding.pk:
            changed.update(toelating="", toelating_op=None)
        Kandidaat.objects.filter(pk=current.pk).update(**changed)
        event = event_record(
            kandidaat=current,
            soort=EventSoort.VERWIJZING,
            door=door,
            organisatie=opleiding,
            route=route,
            toelichting=toelichting,
        )
    for name, value in changed.items():
        setattr(kandidaat, name, value)
    kandidaat.laatste_activiteit, kandidaat.stil_sinds = current.laatste_activiteit, None
    return event


def toelating_record(
    *, kandidaat: Kandidaat, toelating: str, door, toelichting: str = ""
) -> TrajectEvent:
    """The institute's adviser records the outcome of the suitability assessment (seed 003's
    outcomes) for a candidate referred to their institute."""
    if toelating not in Toelating.values:
        raise ValidationError({"toelating": _("Kies een uitkomst uit de lijst.")})
    with transaction.atomic():
        current = _lock(kandidaat)
        if (
            door.role != Role.OPLEIDER
            or current.opleiding_id is None
            or door.organisatie_id != current.opleiding_id
        ):
            raise ValidationError(
                _("Alleen de opleiding waarnaar de kandidaat verwezen is, legt de toelating vast.")
            )
        now = timezone.now()
        Kandidaat.objects.filter(pk=current.pk).update(toelating=toelating, toelating_op=now)
        event = event_record(
            kandidaat=current,
            soort=EventSoort.TOELATING,
            door=door,
            organisatie=current.opleiding,
            toelating=toelating,
            toelichting=toelichting,
        )
    kandidaat.toelating, kandidaat.toelating_op = toelating, now
    kandidaat.laatste_activiteit, kandidaat.stil_sinds = current.laatste_activiteit, None
    return event


def introductie_propose(*, kandidaat: Kandidaat, bestuur: Organisatie, door) -> Introductie:
    """Propose to introduce the candidate to a school board of their region. The board sees
    nothing of the candidate until the candidate accepts (introductie_answer)."""
    if bestuur.soort != OrganisatieSoort.SCHOOLBESTUUR or bestuur.regio_id != kandidaat.regio_id:
        raise ValidationError({"bestuur": _("Kies een schoolbestuur uit de regio.")})
    already = _("Deze kandidaat is al aan dit bestuur voorgesteld.")
    try:
        with transaction.atomic():
            current = _lock(kandidaat)
            if Introductie.objects.filter(
                kandidaat=current, bestuur=bestuur, vacature__isnull=True
            ).exists():
                raise ValidationError({"bestuur": already})
            event = event_record(
                kandidaat=current, soort=EventSoort.INTRODUCTIE, door=door, organisatie=bestuur
            )
            introductie = Introductie.objects.create(
                kandidaat=current, bestuur=bestuur, door=door, voorgesteld_op=event.op
            )
    except IntegrityError as error:  # the unique constraint, should the lock be bypassed
        raise ValidationError({"bestuur": already}) from error
    return introductie


def introductie_answer(*, introductie: Introductie, door, accepteren: bool) -> Introductie:
    """The candidate accepts or declines a proposed introduction; on accepting, the board's
    HR sees the candidate (see KandidaatQuerySet.visible_to) and the journey moves to
    matching."""
    from .matching import naar_matching  # matching builds on this module, not the reverse

    with transaction.atomic():
        current = Introductie.objects.select_for_update().get(pk=introductie.pk)
        kandidaat = _lock(current.kandidaat)
        if kandidaat.user_id is None or kandidaat.user_id != door.pk:
            raise ValidationError(_("Alleen de kandidaat zelf beantwoordt een introductie."))
        if current.status != IntroductieStatus.VOORGESTELD:
            raise ValidationError(_("Je hebt deze introductie al beantwoord."))
        status = IntroductieStatus.GEACCEPTEERD if accepteren else IntroductieStatus.AFGEWEZEN
        # The answer's outcome lives on the Introductie row; the timeline reads it there
        # (journey.timeline_for).
        event = event_record(
            kandidaat=kandidaat,
            soort=EventSoort.INTRODUCTIE,
            door=door,
            organisatie=current.bestuur,
            vacature=current.vacature,
        )
        current.status, current.beantwoord_op = status, event.op
        current.save(update_fields=["status", "beantwoord_op"])
        if accepteren:
            naar_matching(kandidaat, door=door)
    introductie.status, introductie.beantwoord_op = current.status, current.beantwoord_op
    return introductie

"""Operations between candidates and vacancies: HR's shortlist and invitations, a candidate
asking for an introduction, interviews and trial lessons, and the appointment that moves the
journey on and fills the vacancy."""

from datetime import date, datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from regio.models import MAX_FTE, Role, Vacature, VacatureStatus, Vestiging
from regio.vacatures import publicatie_einde

from ..journey import HOOFDPAD
from ..models import (
    Aanstelling,
    EventSoort,
    Fase,
    Introductie,
    IntroductieStatus,
    Kandidaat,
    Shortlist,
    Sollicitatiestap,
    TrajectEvent,
)
from . import _lock, event_record

# An accepted introduction means the candidate is in matching; an appointment means
# aanstelling. Candidates earlier on the main path jump there: the school and the candidate
# decided, the desk need not walk them through each step first.
_VOOR_MATCHING = set(HOOFDPAD[: HOOFDPAD.index(Fase.MATCHING)])
_VOOR_AANSTELLING = set(HOOFDPAD[: HOOFDPAD.index(Fase.AANSTELLING)])


def _jump(kandidaat: Kandidaat, naar: str, *, door, now: datetime) -> None:
    """Move a locked candidate forward to `naar`, recording the step."""
    TrajectEvent.objects.create(
        kandidaat=kandidaat, soort=EventSoort.STAP, door=door, van=kandidaat.fase, naar=naar, op=now
    )
    Kandidaat.objects.filter(pk=kandidaat.pk).update(
        fase=naar, fase_sinds=now, laatste_activiteit=now, stil_sinds=None
    )
    kandidaat.fase, kandidaat.fase_sinds = naar, now


def naar_matching(kandidaat: Kandidaat, *, door) -> None:
    """After an accepted introduction: a candidate before matching moves to matching. Called
    inside the caller's transaction, with the candidate locked."""
    if kandidaat.fase in _VOOR_MATCHING:
        _jump(kandidaat, Fase.MATCHING, door=door, now=timezone.now())


def _hr_vacature(vacature: Vacature, door) -> Vacature:
    """The vacancy, locked, if `door` may work on it (HR of its board, or the operator)."""
    try:
        return Vacature.objects.editable_by(door).select_for_update().get(pk=vacature.pk)
    except Vacature.DoesNotExist as error:
        raise ValidationError(_("Deze vacature is niet van jouw schoolbestuur.")) from error


def _matchable(kandidaat: Kandidaat, vacature: Vacature) -> None:
    """HR may act only on candidates it may see pseudonymised for this board (consent)."""
    if not Kandidaat.objects.deelbaar_met(vacature.bestuur).filter(pk=kandidaat.pk).exists():
        raise ValidationError(
            _("Deze kandidaat deelt zijn profiel niet (meer) met scholen van dit bestuur.")
        )


def shortlist_set(*, vacature: Vacature, kandidaat: Kandidaat, door, op_lijst: bool) -> bool:
    """Put a candidate on a vacancy's shortlist or take them off; returns whether they are on
    it now. Idempotent."""
    with transaction.atomic():
        vacature = _hr_vacature(vacature, door)
        if not op_lijst:
            Shortlist.objects.filter(vacature=vacature, kandidaat=kandidaat).delete()
            return False
        _matchable(kandidaat, vacature)
        Shortlist.objects.get_or_create(
            vacature=vacature, kandidaat=kandidaat, defaults={"door": door}
        )
        return True


def _introductie_create(*, kandidaat, vacature, door, status) -> Introductie:
    already = _("Deze kandidaat is al voor deze vacature voorgesteld.")
    if Introductie.objects.filter(kandidaat=kandidaat, vacature=vacature).exists():
        raise ValidationError(already)
    event = event_record(
        kandidaat=kandidaat,
        soort=EventSoort.INTRODUCTIE,
        door=door,
        organisatie=vacature.bestuur,
        vacature=vacature,
    )
    try:
        with transaction.atomic():  # a savepoint: the constraint, should the lock be bypassed
            return Introductie.objects.create(
                kandidaat=kandidaat,
                bestuur=vacature.bestuur,
                vacature=vacature,
                door=door,
                status=status,
                voorgesteld_op=event.op,
                beantwoord_op=event.op if status == IntroductieStatus.GEACCEPTEERD else None,
            )
    except IntegrityError as error:
        raise ValidationError(already) from error


def introductie_invite(*, vacature: Vacature, kandidaat: Kandidaat, door) -> Introductie:
    """HR invites a (pseudonymised) candidate for a vacancy. The candidate decides: until
    they accept, HR sees nothing more of them."""
    with transaction.atomic():
        vacature = _hr_vacature(vacature, door)
        if not vacature.is_open:
            raise ValidationError(_("Deze vacature staat niet (meer) open."))
        current = _lock(kandidaat)
        _matchable(current, vacature)
        return _introductie_create(
            kandidaat=current, vacature=vacature, door=door, status=IntroductieStatus.VOORGESTELD
        )


def vacatures_for_kandidaat(kandidaat: Kandidaat):
    """The open vacancies a candidate may be matched to, as far as their consent reaches:
    their own region's if they share their profile with it, and also the neighbouring
    regions' if they share it with those too."""
    if not kandidaat.deel_met_regio:
        return Vacature.objects.none()
    regio_ids = [kandidaat.regio_id]
    if kandidaat.deel_met_buurregios:
        regio_ids += list(kandidaat.regio.buurregios.values_list("pk", flat=True))
    return Vacature.objects.openbaar().filter(bestuur__regio_id__in=regio_ids)


def introductie_request(*, vacature: Vacature, kandidaat: Kandidaat, door) -> Introductie:
    """The candidate asks to be introduced for a vacancy: that is their consent, so the
    introduction is accepted at once and the journey moves to matching. A vacancy in a
    neighbouring region makes the candidate visible to that region's advisers too (see
    KandidaatQuerySet.visible_to)."""
    with transaction.atomic():
        current = _lock(kandidaat)
        if current.user_id is None or current.user_id != door.pk:
            raise ValidationError(_("Alleen de kandidaat zelf vraagt een introductie aan."))
        if not current.deel_met_regio:
            raise ValidationError(
                _(
                    "Geef eerst toestemming om je profiel te delen met scholen; "
                    "anders kan een school je niet leren kennen."
                )
            )
        vacature = (
            vacatures_for_kandidaat(current)
            .select_for_update(of=("self",))
            .filter(pk=vacature.pk)
            .first()
        )
        if vacature is None:
            raise ValidationError(
                _("Deze vacature staat niet (meer) open of valt buiten wat je deelt.")
            )
        introductie = _introductie_create(
            kandidaat=current, vacature=vacature, door=door, status=IntroductieStatus.GEACCEPTEERD
        )
        naar_matching(current, door=door)
    kandidaat.fase = current.fase
    return introductie


def _hr_kandidaat(kandidaat: Kandidaat, vacature: Vacature, door) -> Kandidaat:
    """The candidate, locked, if they accepted an introduction to the vacancy's board."""
    current = _lock(kandidaat)
    if not (
        door.role == Role.BEHEERDER
        or Introductie.objects.filter(
            kandidaat=current, bestuur_id=vacature.bestuur_id, status=IntroductieStatus.GEACCEPTEERD
        ).exists()
    ):
        raise ValidationError(
            _("Deze kandidaat heeft (nog) geen introductie bij jullie bestuur geaccepteerd.")
        )
    return current


def sollicitatiestap_record(
    *,
    vacature: Vacature,
    kandidaat: Kandidaat,
    soort: str,
    op: datetime,
    uitkomst: str,
    notitie: str = "",
    door,
) -> Sollicitatiestap:
    """HR records an interview or a trial lesson (planned or held) with a candidate who
    accepted an introduction to the board; the candidate and the desk see it on the
    timeline."""
    with transaction.atomic():
        vacature = _hr_vacature(vacature, door)
        current = _hr_kandidaat(kandidaat, vacature, door)
        stap = Sollicitatiestap(
            kandidaat=current,
            vacature=vacature,
            soort=soort,
            op=op,
            uitkomst=uitkomst,
            notitie=notitie,
            door=door,
        )
        stap.full_clean()
        stap.save()
        event_record(
            kandidaat=current,
            soort=EventSoort.PROEFLES if soort == "proefles" else EventSoort.SOLLICITATIE,
            door=door,
            organisatie=vacature.bestuur,
            vacature=vacature,
        )
    return stap


def sollicitatiestap_uitkomst(*, stap: Sollicitatiestap, uitkomst: str, door) -> Sollicitatiestap:
    """HR sets the outcome of an interview or trial lesson recorded earlier."""
    with transaction.atomic():
        vacature = _hr_vacature(stap.vacature, door)
        current = Sollicitatiestap.objects.select_for_update().get(pk=stap.pk, vacature=vacature)
        current.uitkomst = uitkomst
        current.full_clean()
        current.save(update_fields=["uitkomst"])
    return current


def aanstelling_record(
    *,
    vacature: Vacature,
    kandidaat: Kandidaat,
    vestiging: Vestiging | None = None,
    startdatum: date,
    fte: Decimal,
    contractsoort: str,
    door,
) -> Aanstelling:
    """HR records that the candidate is appointed: the journey moves to aanstelling (from
    wherever on the main path before it), and the vacancy's open fte goes down by the
    appointed fte; at zero it is filled. Both rows are locked, so two appointments on the
    last open fte cannot both take it."""
    with transaction.atomic():
        vacature = _hr_vacature(vacature, door)
        current = _hr_kandidaat(kandidaat, vacature, door)
        if current.fase not in HOOFDPAD:
            raise ValidationError(
                _("Deze kandidaat is %(fase)s; een aanstelling kan nu niet worden vastgelegd.")
                % {"fase": Fase(current.fase).label.lower()}
            )
        if vacature.status != VacatureStatus.GEPUBLICEERD or vacature.fte_open <= 0:
            raise ValidationError(_("Deze vacature staat niet meer open."))
        if fte is None or not (0 < fte <= MAX_FTE):
            raise ValidationError({"fte": _("Het aantal fte is meer dan 0 en hoogstens 1,2.")})
        vestiging = vestiging or vacature.vestiging
        if vestiging.bestuur_id != vacature.bestuur_id:
            raise ValidationError({"vestiging": _("Kies een school van het eigen bestuur.")})
        aanstelling = Aanstelling(
            kandidaat=current,
            bestuur_id=vacature.bestuur_id,
            vestiging=vestiging,
            vacature=vacature,
            startdatum=startdatum,
            fte=fte,
            contractsoort=contractsoort,
            door=door,
        )
        aanstelling.full_clean()
        aanstelling.save()
        now = aanstelling.vastgelegd_op
        vacature.fte_open = max(Decimal("0"), vacature.fte_open - fte)
        update = ["fte_open"]
        if vacature.fte_open == 0:
            # Filled: its publication ends now (and stays in the vacancy's history).
            vacature.status = VacatureStatus.VERVULD
            publicatie_einde(vacature, moment=now)
            update += ["status", "afgesloten_op"]
        vacature.save(update_fields=update)
        event_record(
            kandidaat=current,
            soort=EventSoort.AANSTELLING,
            door=door,
            organisatie=vacature.bestuur,
            vacature=vacature,
        )
        if current.fase in _VOOR_AANSTELLING:
            _jump(current, Fase.AANSTELLING, door=door, now=timezone.now())
    kandidaat.fase = current.fase
    return aanstelling

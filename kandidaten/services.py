"""Operations on candidates that touch several rows: registering and moving along the journey."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from regio.models import Regio

from .journey import allowed_moves, needs_reason
from .models import Fase, Kandidaat, TrajectEvent, Uitvalreden


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


def kandidaat_move(
    *,
    kandidaat: Kandidaat,
    naar: str,
    door,
    reden: Uitvalreden | None = None,
    toelichting: str = "",
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
            door=door,
            van=current.fase,
            naar=naar,
            op=now,
            reden=reden if needs_reason(naar) else None,
            toelichting=toelichting,
        )
        Kandidaat.objects.filter(pk=current.pk).update(fase=naar, fase_sinds=now)
    kandidaat.fase, kandidaat.fase_sinds = naar, now
    return event


def _stage_before_pause(kandidaat: Kandidaat) -> str:
    last_pause = (
        kandidaat.events.filter(naar=Fase.GEPAUZEERD).order_by("-op", "-pk").values("van").first()
    )
    return last_pause["van"] if last_pause else Fase.ORIENTATIE

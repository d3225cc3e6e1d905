"""The region overview and the reports made of it: requesting, rendering, requeueing."""

import logging
from dataclasses import dataclass
from datetime import timedelta
from uuid import uuid4

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from opleidingsscholen.coverage import Opleidingsaandeel, opleidingsaandeel_for
from regio.coverage import Dekking, dekking_for
from regio.models import Organisatie, OrganisatieSoort, Regio, Vestiging

from ..models import Rapport
from ..pdf import render_to_pdf
from ..uitgaand import versturen

log = logging.getLogger(__name__)

# A report still waiting after this long lost its task (broker flushed, say): send it again.
STUCK_AFTER = timedelta(minutes=30)


@dataclass
class RegioOverzicht:
    """The region's figures for its dashboard and overview PDF: computed, never typed.

    Board totals (fte, pupils) are in `dekking`; the PDF's per-board table is loaded
    separately (regio_besturen), so the dashboard does not fetch every board.
    """

    regio: Regio
    gemaakt_op: object
    per_soort: list[tuple[str, int]]
    vestigingen: int
    dekking: Dekking
    aandeel: Opleidingsaandeel


def regio_overzicht_build(*, regio: Regio) -> RegioOverzicht:
    counts = dict(
        Organisatie.objects.filter(regio=regio)
        .values_list("soort")
        .annotate(n=Count("id"))
        .values_list("soort", "n")
    )
    return RegioOverzicht(
        regio=regio,
        gemaakt_op=timezone.now(),
        per_soort=[(soort.label, counts.get(soort.value, 0)) for soort in OrganisatieSoort],
        vestigingen=Vestiging.objects.filter(bestuur__regio=regio).count(),
        dekking=dekking_for(regio),
        aandeel=opleidingsaandeel_for(regio),
    )


def regio_besturen(*, regio: Regio) -> list[Organisatie]:
    """The region's school boards with their number of schools, for the overview's table."""
    return list(
        Organisatie.objects.besturen()
        .filter(regio=regio)
        .annotate(aantal_vestigingen=Count("vestigingen"))
        .order_by("naam")
    )


def rapport_request(*, regio: Regio, soort: str, user) -> Rapport:
    """Record a report request and have a worker render it once the row is committed."""
    from ..tasks import render_rapport

    with transaction.atomic():
        rapport = Rapport.objects.create(regio=regio, soort=soort, aangevraagd_door=user)
        transaction.on_commit(lambda: _enqueue(render_rapport, rapport))
    return rapport


def _enqueue(task, rapport: Rapport) -> None:
    # The id is stored before sending, so a fast worker never finds a row without it.
    task_id = str(uuid4())
    Rapport.objects.filter(pk=rapport.pk).update(task_id=task_id)
    versturen(task, rapport.pk, task_id=task_id)


def rapport_render(*, rapport_id: int) -> None:
    """Render a waiting report to PDF; does nothing if it is already done.

    Safe to run twice (acks_late re-delivers a task whose worker died): the result is
    stored with a conditional UPDATE, so only the first finisher's file is kept.
    """
    rapport = Rapport.objects.select_related("regio").filter(pk=rapport_id).first()
    if rapport is None or rapport.status != Rapport.Status.WACHT:
        return
    context = {
        "overzicht": regio_overzicht_build(regio=rapport.regio),
        "besturen": regio_besturen(regio=rapport.regio),
    }
    _html, pdf = render_to_pdf("loket/pdf/regio_overzicht.html", context)
    name = rapport.bestand.storage.save(
        f"rapporten/{timezone.now():%Y}/{rapport.bestandsnaam}", ContentFile(pdf)
    )
    claimed = Rapport.objects.filter(pk=rapport.pk, status=Rapport.Status.WACHT).update(
        status=Rapport.Status.KLAAR, bestand=name, klaar_op=timezone.now()
    )
    if not claimed:
        rapport.bestand.storage.delete(name)


def rapport_mark_failed(*, rapport_id: int, error: str) -> None:
    Rapport.objects.filter(pk=rapport_id, status=Rapport.Status.WACHT).update(
        status=Rapport.Status.MISLUKT, foutmelding=error[:2000]
    )


def rapporten_requeue_stuck() -> int:
    """Send reports that waited too long to a worker again; returns how many."""
    from ..tasks import render_rapport

    cutoff = timezone.now() - STUCK_AFTER
    stuck = list(Rapport.objects.filter(status=Rapport.Status.WACHT, aangevraagd_op__lt=cutoff))
    for rapport in stuck:
        log.warning("Requeueing report %s that waited since %s", rapport.pk, rapport.aangevraagd_op)
        _enqueue(render_rapport, rapport)
    return len(stuck)

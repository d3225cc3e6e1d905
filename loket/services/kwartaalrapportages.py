"""Quarterly reports: asking for one, having a worker make it, telling the project leaders.

A report is made by a Celery task with acks_late: if the worker dies halfway, the broker
hands the task to another worker, which starts over. Making is idempotent: the result is
stored with a conditional UPDATE, so however often the task runs, a version is completed
once and its project leaders are mailed once.
"""

import logging
from datetime import date, timedelta
from uuid import uuid4

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import F, Max, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from regio.models import Regio, Regiogroep, Role, User, kwartaal_van
from regio.tekorten import kwartaal_label, recente_kwartalen, vorig_kwartaal

from ..kwartaalrapportage.gegevens import rapportage_gegevens
from ..models import Kwartaalrapportage
from ..uitgaand import versturen
from .advies import site_url

log = logging.getLogger(__name__)

# How many completed quarters a project leader can choose from.
KIESBARE_KWARTALEN = 8
# How often a worker may start on one report before it counts as failed.
MAX_POGINGEN = 3
# A report still waiting or being made after this long lost its task (the broker was
# flushed, say): it is sent again. Longer than the task's hard time limit.
VASTGELOPEN_NA = timedelta(minutes=30)

Status = Kwartaalrapportage.Status


def kiesbare_kwartalen(vandaag: date | None = None) -> list[tuple[int, int]]:
    """The completed quarters a report can be asked for, the latest first."""
    return recente_kwartalen(KIESBARE_KWARTALEN + 1, vandaag)[1:]


def kwartaalrapportage_aanvragen(
    *,
    regio: Regio | None = None,
    groep: Regiogroep | None = None,
    jaar: int,
    kwartaal: int,
    door: User | None,
) -> tuple[Kwartaalrapportage, bool]:
    """Ask for a new version of a region's (or group's) report for a completed quarter.

    Returns (report, True) for a new request, or (the one already on its way, False): asking
    twice while one is being made does not start a second. The task is sent once the row is
    committed.
    """
    if (regio is None) == (groep is None):
        raise ValueError("Give a region or a group of regions.")
    if (jaar, kwartaal) not in kiesbare_kwartalen():
        raise ValidationError(
            _("Kies een afgelopen kwartaal; een rapport gaat over een kwartaal dat voorbij is.")
        )
    if groep is not None and not groep.regios.exists():
        raise ValidationError(_("Deze groep heeft nog geen regio's; voeg die eerst toe."))
    scope = {"regio": regio} if regio is not None else {"groep": groep}
    try:
        with transaction.atomic():
            # The region's (or group's) row serialises requests, so versions count up by one.
            type(regio or groep).objects.select_for_update().get(pk=(regio or groep).pk)
            rapportages = Kwartaalrapportage.objects.filter(jaar=jaar, kwartaal=kwartaal, **scope)
            lopend = rapportages.lopend().first()
            if lopend is not None:
                return lopend, False
            versie = (rapportages.aggregate(m=Max("versie"))["m"] or 0) + 1
            rapportage = Kwartaalrapportage.objects.create(
                jaar=jaar, kwartaal=kwartaal, versie=versie, aangevraagd_door=door, **scope
            )
            transaction.on_commit(lambda: _versturen(rapportage))
    except IntegrityError:
        # Someone else's request won the race: theirs is the one on its way.
        return Kwartaalrapportage.objects.filter(
            jaar=jaar, kwartaal=kwartaal, **scope
        ).lopend().get(), False
    return rapportage, True


def _versturen(rapportage: Kwartaalrapportage) -> None:
    from ..tasks import maak_kwartaalrapportage

    # The id is stored before sending, so a fast worker never finds a row without it.
    task_id = str(uuid4())
    Kwartaalrapportage.objects.filter(pk=rapportage.pk).update(task_id=task_id)
    versturen(maak_kwartaalrapportage, rapportage.pk, task_id=task_id)


def kwartaalrapportage_maken(*, pk: int) -> bool:
    """Compute the figures, render the PDF, store both; True if this run completed it.

    Runs again from the start after a worker died halfway (the report is then still
    "being made"); a report that is done or failed is left alone.
    """
    from ..kwartaalrapportage.weergave import pdf_maken

    lopend = Kwartaalrapportage.objects.filter(pk=pk, status__in=Kwartaalrapportage.LOPEND)
    gestart = lopend.filter(pogingen__lt=MAX_POGINGEN).update(
        status=Status.BEZIG, gestart_op=timezone.now(), pogingen=F("pogingen") + 1
    )
    if not gestart:
        # A report that kills its worker every time (out of memory, say) must not loop forever.
        lopend.update(
            status=Status.MISLUKT,
            foutmelding=_("Het maken is %(n)s keer begonnen maar nooit afgekomen.")
            % {"n": MAX_POGINGEN},
        )
        return False
    rapportage = Kwartaalrapportage.objects.select_related("regio", "groep").get(pk=pk)
    if rapportage.groep_id:
        regios = list(rapportage.groep.regios.all())
        titel, groep = rapportage.groep.naam, rapportage.groep.naam
    else:
        regios, titel, groep = [rapportage.regio], rapportage.regio.naam, None
    gegevens = rapportage_gegevens(
        regios=regios, jaar=rapportage.jaar, kwartaal=rapportage.kwartaal, titel=titel, groep=groep
    )
    gemaakt_op = timezone.now()
    pdf = pdf_maken(gegevens, versie=rapportage.versie, gemaakt_op=gemaakt_op)
    storage = rapportage.pdf.storage
    # A unique name: a run that loses the race below deletes its own file, never the winner's.
    # Shortened if it would not fit the column (a group's slug can be long).
    naam = storage.save(
        f"kwartaalrapportages/{rapportage.jaar}/{uuid4().hex[:8]}-{rapportage.bestandsnaam('pdf')}",
        ContentFile(pdf),
        max_length=rapportage.pdf.field.max_length,
    )
    with transaction.atomic():
        klaar = Kwartaalrapportage.objects.filter(
            pk=pk, status__in=Kwartaalrapportage.LOPEND
        ).update(status=Status.KLAAR, pdf=naam, gegevens=gegevens, klaar_op=gemaakt_op)
        if klaar:
            transaction.on_commit(lambda: _mail_versturen(pk))
    if not klaar:
        storage.delete(naam)
    return bool(klaar)


def kwartaalrapportage_mislukt(*, pk: int, melding: str) -> None:
    Kwartaalrapportage.objects.filter(pk=pk, status__in=Kwartaalrapportage.LOPEND).update(
        status=Status.MISLUKT, foutmelding=melding[:2000]
    )


def _mail_versturen(pk: int) -> None:
    from ..tasks import mail_kwartaalrapportage

    versturen(mail_kwartaalrapportage, pk)


def ontvangers(rapportage: Kwartaalrapportage) -> list[str]:
    """The project leaders of the report's region, or of every region of its group."""
    regios = rapportage.groep.regios.all() if rapportage.groep_id else [rapportage.regio_id]
    return list(
        User.objects.filter(role=Role.PROJECTLEIDER, regio__in=regios, is_active=True)
        .exclude(email="")
        .order_by("email")
        .values_list("email", flat=True)
    )


def kwartaalrapportage_mail(*, pk: int) -> int:
    """Tell the project leaders that the report is ready; once per report.

    Claimed with a conditional UPDATE before sending; if sending fails the claim is released
    and the error raised, so the task's retry tries again.
    """
    claimed = Kwartaalrapportage.objects.filter(
        pk=pk, status=Status.KLAAR, gemaild_op__isnull=True
    ).update(gemaild_op=timezone.now())
    if not claimed:
        return 0
    rapportage = Kwartaalrapportage.objects.select_related("regio", "groep").get(pk=pk)
    aan = ontvangers(rapportage)
    try:
        if aan:
            with translation.override(settings.LANGUAGE_CODE):
                context = {
                    "rapportage": rapportage,
                    "onderwerp": str(rapportage.onderwerp),
                    "kwartaal": kwartaal_label(rapportage.jaar, rapportage.kwartaal),
                    "url": site_url(reverse("kwartaalrapportages")),
                }
                onderwerp = (
                    _("Kwartaalrapportage %(kwartaal)s van %(onderwerp)s staat klaar") % context
                )
                bericht = EmailMultiAlternatives(
                    subject=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + onderwerp,
                    body=render_to_string("loket/email/kwartaalrapportage_klaar.txt", context),
                    to=aan,
                )
                bericht.attach_alternative(
                    render_to_string("loket/email/kwartaalrapportage_klaar.html", context),
                    "text/html",
                )
                bericht.send()
    except Exception:
        Kwartaalrapportage.objects.filter(pk=pk).update(gemaild_op=None)
        raise
    return len(aan)


def kwartaalrapportages_nieuw_kwartaal(*, vandaag: date | None = None) -> int:
    """At the start of a quarter: every region's and group's report for the quarter that just
    ended, unless one was already made automatically (beat may fire twice). Returns how many
    were asked for."""
    jaar, kwartaal = vorig_kwartaal(*kwartaal_van(vandaag or timezone.localdate()))
    automatisch = Kwartaalrapportage.objects.filter(
        jaar=jaar, kwartaal=kwartaal, aangevraagd_door__isnull=True
    )
    gedaan_regios = set(automatisch.values_list("regio_id", flat=True))
    gedaan_groepen = set(automatisch.values_list("groep_id", flat=True))
    aantal = 0
    for regio in Regio.objects.exclude(pk__in=[pk for pk in gedaan_regios if pk]):
        aantal += kwartaalrapportage_aanvragen(
            regio=regio, jaar=jaar, kwartaal=kwartaal, door=None
        )[1]
    groepen = Regiogroep.objects.filter(regios__isnull=False).distinct()
    for groep in groepen.exclude(pk__in=[pk for pk in gedaan_groepen if pk]):
        aantal += kwartaalrapportage_aanvragen(
            groep=groep, jaar=jaar, kwartaal=kwartaal, door=None
        )[1]
    return aantal


def kwartaalrapportages_opnieuw_versturen(*, nu=None) -> int:
    """Send reports whose task was lost (still waiting or being made long after they were
    asked for) to a worker again; returns how many. A second delivery of a task that was not
    lost does no harm: only one run completes the report."""
    grens = (nu or timezone.now()) - VASTGELOPEN_NA
    vast = list(
        Kwartaalrapportage.objects.filter(
            Q(status=Status.WACHT, aangevraagd_op__lt=grens)
            | Q(status=Status.BEZIG, gestart_op__lt=grens)
        )
    )
    for rapportage in vast:
        log.warning(
            "Sending quarterly report %s again (asked for %s)",
            rapportage.pk,
            rapportage.aangevraagd_op,
        )
        _versturen(rapportage)
    return len(vast)

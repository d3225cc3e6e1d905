"""The region's plan: keeping its lines of work and activities, reporting each activity's
progress per quarter, and the read the quarterly report uses (plan_voortgang).

Writes raise ValidationError with a Dutch message on bad input and change nothing then.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import BooleanField, ExpressionWrapper, F, FilteredRelation, Q
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .models import (
    Activiteit,
    Ontwikkellijn,
    Regio,
    Voortgang,
    VoortgangStatus,
    eerste_dag,
    laatste_dag,
)
from .models.plan import TOELICHTING_MAX
from .services import full_clean_and_save
from .tekorten import kwartaal_label, recente_kwartalen

# Quarters ------------------------------------------------------------------------------------


def voortgang_kwartalen(vandaag: datetime.date | None = None) -> list[tuple[int, int]]:
    """The quarters progress may be given for, newest first: the current one, and the one
    before it because a project leader reports just after a quarter ends."""
    return recente_kwartalen(2, vandaag)


def loopt_in(activiteit: Activiteit, jaar: int, kwartaal: int) -> bool:
    """Whether the activity's period overlaps the quarter."""
    return activiteit.begin <= laatste_dag(jaar, kwartaal) and activiteit.einde >= eerste_dag(
        jaar, kwartaal
    )


def _periode(activiteit: Activiteit) -> str:
    return _("%(begin)s tot en met %(einde)s") % {
        "begin": date_format(activiteit.begin, "j F Y"),
        "einde": date_format(activiteit.einde, "j F Y"),
    }


# Writes --------------------------------------------------------------------------------------


def _raise_as_message(error: IntegrityError):
    # The validation before a save covers the constraints; this is only reached in a race
    # (someone saved the same name or removed the row just now), and the user gets a message.
    raise ValidationError(
        _("Iemand anders wijzigde het plan net. Laad de pagina opnieuw en probeer het nog eens.")
    ) from error


@transaction.atomic
def ontwikkellijn_save(
    *,
    regio: Regio,
    naam: str,
    omschrijving: str = "",
    volgorde: int = 0,
    ontwikkellijn: Ontwikkellijn | None = None,
) -> Ontwikkellijn:
    """Add a line of work to `regio`'s plan, or change `ontwikkellijn` (of that region)."""
    if ontwikkellijn is None:
        ontwikkellijn = Ontwikkellijn(regio=regio)
    else:
        if ontwikkellijn.regio_id != regio.pk:
            raise ValueError("A line of work stays in its own region.")
        # A fresh copy: a form may already have changed the instance it was given.
        ontwikkellijn = Ontwikkellijn.objects.select_for_update().get(pk=ontwikkellijn.pk)
    ontwikkellijn.naam = " ".join(naam.split())
    ontwikkellijn.omschrijving = omschrijving.strip()
    ontwikkellijn.volgorde = volgorde
    full_clean_and_save(ontwikkellijn)
    return ontwikkellijn


@transaction.atomic
def ontwikkellijn_delete(*, ontwikkellijn: Ontwikkellijn) -> None:
    """Remove a line of work that has no activities (any more).

    Refused while it has some: their progress was reported in earlier quarters, and removing
    a whole line should not take that with it by accident.
    """
    locked = Ontwikkellijn.objects.select_for_update().filter(pk=ontwikkellijn.pk).first()
    if locked is None:
        return
    if locked.activiteiten.exists():
        raise ValidationError(
            _(
                "Deze ontwikkellijn heeft nog activiteiten. Verwijder die eerst of zet ze "
                "onder een andere ontwikkellijn."
            )
        )
    locked.delete()


@transaction.atomic
def activiteit_save(
    *,
    ontwikkellijn: Ontwikkellijn,
    naam: str,
    begin: datetime.date,
    einde: datetime.date,
    beoogd_resultaat: str,
    eigenaar: str,
    producten: str = "",
    volgorde: int = 0,
    activiteit: Activiteit | None = None,
) -> Activiteit:
    """Add an activity under `ontwikkellijn`, or change `activiteit` (and maybe move it to
    another line of work of the same region)."""
    if activiteit is None:
        activiteit = Activiteit()
    else:
        activiteit = (
            Activiteit.objects.select_for_update()
            .select_related("ontwikkellijn")
            .get(pk=activiteit.pk)
        )
        if activiteit.ontwikkellijn.regio_id != ontwikkellijn.regio_id:
            raise ValidationError(
                {"ontwikkellijn": _("Kies een ontwikkellijn van het plan van deze regio.")}
            )
    if begin and einde and einde < begin:
        raise ValidationError({"einde": _("Het einde ligt vóór het begin.")})
    activiteit.ontwikkellijn = ontwikkellijn
    activiteit.naam = " ".join(naam.split())
    activiteit.begin = begin
    activiteit.einde = einde
    activiteit.beoogd_resultaat = beoogd_resultaat.strip()
    activiteit.producten = producten.strip()
    activiteit.eigenaar = " ".join(eigenaar.split())
    activiteit.volgorde = volgorde
    full_clean_and_save(activiteit)
    return activiteit


def activiteit_delete(*, activiteit: Activiteit) -> None:
    """Remove an activity with its progress."""
    Activiteit.objects.filter(pk=activiteit.pk).delete()


def voortgang_save(
    *,
    activiteit: Activiteit,
    jaar: int,
    kwartaal: int,
    status: str,
    toelichting: str = "",
    door,
) -> Voortgang:
    """Report how an activity stands in a quarter, or correct that report.

    Only for the current quarter and the one before it, and only for a quarter in which the
    activity runs.
    """
    if kwartaal not in (1, 2, 3, 4):
        raise ValidationError(_("Een kwartaal is 1, 2, 3 of 4."))
    kwartalen = voortgang_kwartalen()
    if (jaar, kwartaal) not in kwartalen:
        raise ValidationError(
            _(
                "Voortgang geef je op voor het huidige kwartaal (%(huidig)s) of het vorige "
                "(%(vorig)s)."
            )
            % {"huidig": kwartaal_label(*kwartalen[0]), "vorig": kwartaal_label(*kwartalen[1])}
        )
    if not loopt_in(activiteit, jaar, kwartaal):
        raise ValidationError(
            _(
                "Deze activiteit loopt van %(periode)s, dus niet in %(kwartaal)s. Pas zo nodig "
                "eerst de periode van de activiteit aan."
            )
            % {"periode": _periode(activiteit), "kwartaal": kwartaal_label(jaar, kwartaal)}
        )
    fouten = {}
    if status not in VoortgangStatus.values:
        fouten["status"] = _("Kies een status: op koers, risico, achter op schema of afgerond.")
    toelichting = (toelichting or "").strip()
    if len(toelichting) > TOELICHTING_MAX:
        fouten["toelichting"] = _(
            "Een toelichting is hoogstens %(max)s tekens lang; deze is %(lengte)s tekens."
        ) % {"max": TOELICHTING_MAX, "lengte": len(toelichting)}
    if fouten:
        raise ValidationError(fouten)
    try:
        with transaction.atomic():
            voortgang, _created = Voortgang.objects.update_or_create(
                activiteit=activiteit,
                jaar=jaar,
                kwartaal=kwartaal,
                defaults={"status": status, "toelichting": toelichting, "bijgewerkt_door": door},
            )
    except IntegrityError as error:
        _raise_as_message(error)
    return voortgang


# Reads ---------------------------------------------------------------------------------------


def met_voortgang(queryset, jaar: int, kwartaal: int):
    """`queryset` of activities with that quarter's progress as `voortgang_status` (a
    VoortgangStatus value, or None), `voortgang_toelichting` and `voortgang_bijgewerkt_op`
    (None without progress), and `loopt` (whether the period overlaps the quarter).

    A filtered join, not a query per activity: there is at most one progress row per quarter.
    """
    return queryset.alias(
        kwartaalvoortgang=FilteredRelation(
            "voortgang", condition=Q(voortgang__jaar=jaar, voortgang__kwartaal=kwartaal)
        )
    ).annotate(
        voortgang_status=F("kwartaalvoortgang__status"),
        voortgang_toelichting=F("kwartaalvoortgang__toelichting"),
        voortgang_bijgewerkt_op=F("kwartaalvoortgang__bijgewerkt_op"),
        loopt=ExpressionWrapper(
            Q(begin__lte=laatste_dag(jaar, kwartaal), einde__gte=eerste_dag(jaar, kwartaal)),
            output_field=BooleanField(),
        ),
    )


def plan_voortgang(regios: Iterable[Regio | int], jaar: int, kwartaal: int) -> list[Activiteit]:
    """Every activity of `regios` that runs in the quarter, with that quarter's progress
    (see met_voortgang) and its line of work and region at hand, in one query.

    Ordered by region name, then as the plan orders lines of work and activities. `regios`
    may be a queryset or a list of regions or of their ids; the caller decides who may see them.
    """
    if kwartaal not in (1, 2, 3, 4):
        raise ValueError(f"A quarter is 1, 2, 3 or 4, not {kwartaal!r}.")
    queryset = Activiteit.objects.filter(
        ontwikkellijn__regio__in=regios,
        begin__lte=laatste_dag(jaar, kwartaal),
        einde__gte=eerste_dag(jaar, kwartaal),
    ).select_related("ontwikkellijn__regio")
    return list(
        met_voortgang(queryset, jaar, kwartaal).order_by(
            "ontwikkellijn__regio__naam",
            "ontwikkellijn__volgorde",
            "ontwikkellijn__naam",
            "volgorde",
            "naam",
            "pk",
        )
    )

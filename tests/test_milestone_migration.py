"""The data step of kandidaten migration 0006: milestones' coded first lines become fields."""

import importlib

from django.apps import apps

from kandidaten.journey import timeline_for
from kandidaten.models import (
    EventSoort,
    Fase,
    Introductie,
    IntroductieStatus,
    RouteSoort,
    Toelating,
    TrajectEvent,
)

migration = importlib.import_module("kandidaten.migrations.0006_milestone_fields")


def legacy(kandidaat, soort, toelichting, door=None):
    """An event as the services wrote it before the migration."""
    return TrajectEvent.objects.create(
        kandidaat=kandidaat,
        soort=soort,
        door=door,
        van=Fase.ADVIES,
        naar=Fase.ADVIES,
        toelichting=toelichting,
    )


def test_coded_first_lines_become_fields_and_leave_the_note(
    traject, adviseur, opleider, kandidaat, opleiding, bestuur
):
    verwezen = legacy(
        traject,
        EventSoort.TOELATING,
        f"[verwezen:{opleiding.pk}:zij_instroom]\nPast goed",
        adviseur,
    )
    uitkomst = legacy(
        traject, EventSoort.TOELATING, f"[toelating:met_baan:{opleiding.pk}]\nSterk", opleider
    )
    voorstel = legacy(
        traject, EventSoort.INTRODUCTIE, f"[introductie:{bestuur.pk}:voorgesteld]\n", adviseur
    )
    antwoord = legacy(
        traject, EventSoort.INTRODUCTIE, f"[introductie:{bestuur.pk}:geaccepteerd]\n", kandidaat
    )
    Introductie.objects.create(
        kandidaat=traject, bestuur=bestuur, door=adviseur, status=IntroductieStatus.GEACCEPTEERD
    )
    # An institute deleted since, and notes that only look like a coded line: left alone.
    verdwenen = legacy(traject, EventSoort.TOELATING, "[toelating:vaktoets:999999]\n")
    gesprek = legacy(traject, EventSoort.GESPREK, "[verwezen:1:zij_instroom]\nKim vroeg ernaar")
    onbekend = legacy(traject, EventSoort.TOELATING, "[later] nog bellen")

    migration.split_milestone_lines(apps, None)

    def fields(event):
        return TrajectEvent.objects.filter(pk=event.pk).values_list(
            "soort", "organisatie", "route", "toelating", "toelichting"
        )[0]

    assert fields(verwezen) == (
        EventSoort.VERWIJZING,
        opleiding.pk,
        RouteSoort.ZIJ_INSTROOM,
        "",
        "Past goed",
    )
    assert fields(uitkomst) == (EventSoort.TOELATING, opleiding.pk, "", Toelating.MET_BAAN, "Sterk")
    assert fields(voorstel) == (EventSoort.INTRODUCTIE, bestuur.pk, "", "", "")
    assert fields(antwoord) == (EventSoort.INTRODUCTIE, bestuur.pk, "", "", "")
    assert fields(verdwenen) == (EventSoort.TOELATING, None, "", Toelating.VAKTOETS, "")
    assert fields(gesprek)[-1] == "[verwezen:1:zij_instroom]\nKim vroeg ernaar"
    assert fields(onbekend) == (EventSoort.TOELATING, None, "", "", "[later] nog bellen")
    # The converted journey reads as it did before.
    titels = [regel.titel for regel in timeline_for(traject, adviseur)]
    assert titels[1:5] == [
        "Verwezen naar Pabo Twente (Zij-instroom)",
        "Toelating: Toelaatbaar, met baan",
        "Voorgesteld aan Stichting Tweede Kans",
        "Introductie bij Stichting Tweede Kans geaccepteerd",
    ]

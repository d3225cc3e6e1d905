"""Helpers for the matching tests: a candidate with a matching profile, and a vacancy at a
school of its own with a postcode (for distances)."""

import datetime
from decimal import Decimal

from django.utils import timezone

from kandidaten.models import Fase, Toelating
from regio.models import Functie, Sector

from .factories import KandidaatFactory, VestigingFactory
from .factories_vacatures import VacatureFactory, vak

START = timezone.localdate() + datetime.timedelta(days=60)


def zoekende(regio, *, vakken=("Wiskunde",), user=None, **fields):
    """A candidate who shares their profile with the region and is looking for a school:
    by default the perfect maths teacher for a vo vacancy in Enschede (see vacature_in)."""
    profiel = {
        "fase": Fase.ADVIES,
        "deel_met_regio": True,
        "sectoren": [Sector.VO],
        "functies": [Functie.LERAAR],
        "postcode": "7511 AB",
        "max_afstand_km": 25,
        "fte_gewenst": Decimal("0.8"),
        "beschikbaar_vanaf": START - datetime.timedelta(days=10),
        "toelating": Toelating.MET_BAAN,
    }
    profiel.update(fields)
    if user is not None:
        profiel["user"] = user
    kandidaat = KandidaatFactory(regio=regio, **profiel)
    kandidaat.vakken.set([vak(naam) for naam in vakken])
    return kandidaat


def profiel_van(kandidaat, *, vakken=("Wiskunde",), **fields):
    """Give an existing candidate (e.g. a persona's journey) the matching profile."""
    profiel = {
        "fase": Fase.ADVIES,
        "deel_met_regio": True,
        "sectoren": [Sector.VO],
        "functies": [Functie.LERAAR],
        "postcode": "7511 AB",
        "max_afstand_km": 25,
        "fte_gewenst": Decimal("0.8"),
        "beschikbaar_vanaf": START - datetime.timedelta(days=10),
        "toelating": Toelating.MET_BAAN,
    }
    profiel.update(fields)
    for name, value in profiel.items():
        setattr(kandidaat, name, value)
    kandidaat.save(update_fields=list(profiel))
    kandidaat.vakken.set([vak(naam) for naam in vakken])
    return kandidaat


def vacature_in(bestuur, *, postcode="7511 AB", **fields):
    vestiging = VestigingFactory(bestuur=bestuur, sector=Sector.VO, postcode=postcode)
    fields.setdefault("startdatum", START)
    return VacatureFactory(bestuur=bestuur, vestiging=vestiging, **fields)

"""Sections 3–5 of the quarterly report: matching, training in opleidingsscholen, and the
coverage of the region's partners, each as of the quarter's last day."""

from django.db.models import Count, Exists, OuterRef, Q, Subquery, Sum

from kandidaten.models import Aanstelling, Introductie, IntroductieStatus
from opleidingsscholen.coverage import AMBITIE_PCT
from opleidingsscholen.models import (
    Opleidingsplaatsen,
    Plaatsingen,
    StudentSoort,
    schooljaar_label,
)
from regio.coverage import dekking_for
from regio.models import Vacature, VacatureStatus

from .periode import Periode, getal, procent
from .tekorten import open_fte_op


def matching(regios, periode: Periode) -> dict:
    """Introductions to and appointments at the regions' boards in the quarter."""
    in_kwartaal = {"__gte": periode.begin, "__lt": periode.einde}

    def binnen(veld):
        return {veld + k: v for k, v in in_kwartaal.items()}

    introducties = Introductie.objects.filter(bestuur__regio__in=regios).aggregate(
        voorgesteld=Count("pk", filter=Q(**binnen("voorgesteld_op"))),
        geaccepteerd=Count(
            "pk", filter=Q(status=IntroductieStatus.GEACCEPTEERD, **binnen("beantwoord_op"))
        ),
        afgewezen=Count(
            "pk", filter=Q(status=IntroductieStatus.AFGEWEZEN, **binnen("beantwoord_op"))
        ),
    )
    aanstellingen = Aanstelling.objects.filter(
        bestuur__regio__in=regios, **binnen("vastgelegd_op")
    ).aggregate(aantal=Count("pk"), fte=Sum("fte"))
    met_kandidaat = Exists(
        Aanstelling.objects.filter(vacature=OuterRef("pk"), vastgelegd_op__lt=periode.einde)
    )
    vervuld = (
        Vacature.objects.filter(
            bestuur__regio__in=regios, status=VacatureStatus.VERVULD, **binnen("afgesloten_op")
        )
        .alias(met_kandidaat=met_kandidaat)
        .aggregate(
            totaal=Count("pk"),
            door_kandidaten=Count("pk", filter=Q(met_kandidaat=True)),
            zij_instroom=Count("pk", filter=Q(met_kandidaat=True, zij_instroom=True)),
        )
    )
    open_op_einde = open_fte_op(Vacature.objects.filter(bestuur__regio__in=regios), periode.einde)
    open_fte = open_op_einde.aggregate(n=Count("pk"), fte=Sum("open_fte"))
    return {
        "introducties_voorgesteld": introducties["voorgesteld"],
        "introducties_geaccepteerd": introducties["geaccepteerd"],
        "introducties_afgewezen": introducties["afgewezen"],
        "aanstellingen": aanstellingen["aantal"],
        "aanstellingen_fte": getal(aanstellingen["fte"]),
        "vacatures_vervuld": vervuld["totaal"],
        "vacatures_vervuld_door_kandidaten": vervuld["door_kandidaten"],
        "zij_instroom_vacatures_vervuld": vervuld["zij_instroom"],
        "open_vacatures": open_fte["n"],
        "open_vacatures_fte": getal(open_fte["fte"]),
    }


PLAATSINGEN_VELDEN = (
    "studenten_binnen",
    "studenten_buiten",
    "zij_instromers_binnen",
    "zij_instromers_buiten",
)


def schooljaar_van(periode: Periode) -> int:
    """The school year (starting in August) the quarter's last day falls in."""
    dag = periode.tot_en_met
    return dag.year if dag.month >= 8 else dag.year - 1


def opleiding(regios, periode: Periode) -> dict:
    """Trained inside vs outside the opleidingsscholen, and training places now vs wanted.

    Each opleidingsschool counts with its figures for the school year of the quarter's last
    day, or, if it has none yet, its latest year before that: one partnership that is late
    entering the new year does not drop out of the region's totals.
    """
    schooljaar = schooljaar_van(periode)
    plaatsingen = _laatste_per_school(Plaatsingen.objects, regios, schooljaar)
    som = plaatsingen.aggregate(**{veld: Sum(veld) for veld in PLAATSINGEN_VELDEN})
    som = {veld: som[veld] or 0 for veld in PLAATSINGEN_VELDEN}
    capaciteit = _laatste_per_school(Opleidingsplaatsen.objects, regios, schooljaar)
    per_soort = {
        rij["soort"]: rij
        for rij in capaciteit.values("soort")
        .annotate(nu=Sum("capaciteit_nu"), gewenst=Sum("capaciteit_gewenst"))
        .order_by()
    }
    plaatsen = [
        {"naam": str(soort.label), "nu": rij["nu"], "gewenst": rij["gewenst"]}
        for soort in StudentSoort
        if (rij := per_soort.get(soort.value))
    ]
    studenten = som["studenten_binnen"] + som["studenten_buiten"]
    zij_instromers = som["zij_instromers_binnen"] + som["zij_instromers_buiten"]
    return {
        "schooljaar_label": _schooljaren(plaatsingen),
        "plaatsen_schooljaar_label": _schooljaren(capaciteit),
        **som,
        "pct_studenten": procent(som["studenten_binnen"], studenten),
        "pct_zij_instromers": procent(som["zij_instromers_binnen"], zij_instromers),
        "ambitie_pct": getal(AMBITIE_PCT),
        "plaatsen": plaatsen,
        "plaatsen_nu": sum(r["nu"] for r in plaatsen),
        "plaatsen_gewenst": sum(r["gewenst"] for r in plaatsen),
    }


def _laatste_per_school(rijen, regios, schooljaar: int):
    """The rows of each of the regions' opleidingsscholen for its latest school year up to
    `schooljaar`."""
    laatste = (
        rijen.filter(opleidingsschool=OuterRef("opleidingsschool"), schooljaar__lte=schooljaar)
        .order_by("-schooljaar")
        .values("schooljaar")[:1]
    )
    return rijen.filter(opleidingsschool__regio__in=regios, schooljaar=Subquery(laatste))


def _schooljaren(rijen) -> str | None:
    """The school year(s) the figures are of, e.g. "2025/26" or "2024/25, 2025/26"."""
    jaren = sorted(set(rijen.values_list("schooljaar", flat=True)))
    if not jaren:
        return None
    return ", ".join(schooljaar_label(jaar) for jaar in jaren)


def dekking(regios, periode: Periode) -> dict:
    """Boards, fte and pupils taking part on the quarter's last day, per region and in all."""
    per_regio = [dekking_for(regio, peildatum=periode.tot_en_met) for regio in regios]
    rijen = []
    for regio, d in zip(regios, per_regio, strict=True):
        rijen.append(
            {
                "naam": regio.naam,
                "besturen_deelnemend": d.besturen_deelnemend,
                "besturen_totaal": d.besturen_totaal,
                "pct_besturen": _tekst(d.pct_besturen),
                "eis_besturen_pct": _tekst(d.eis_besturen_pct),
                "besturen_gehaald": d.besturen_gehaald,
                "fte_deelnemend": getal(d.fte_deelnemend),
                "fte_totaal": getal(d.fte_totaal),
                "pct_fte": _tekst(d.pct_fte),
                "eis_minimum_fte": getal(d.eis_minimum_fte),
                "fte_gehaald": d.fte_gehaald,
                "leerlingen_deelnemend": d.leerlingen_deelnemend,
                "leerlingen_totaal": d.leerlingen_totaal,
                "pct_leerlingen": _tekst(d.pct_leerlingen),
                "eisen_gehaald": d.eisen_gehaald,
            }
        )
    som = {
        veld: sum(getattr(d, veld) for d in per_regio)
        for veld in (
            "besturen_deelnemend",
            "besturen_totaal",
            "fte_deelnemend",
            "fte_totaal",
            "leerlingen_deelnemend",
            "leerlingen_totaal",
        )
    }
    totaal = {
        **som,
        "fte_deelnemend": getal(som["fte_deelnemend"]),
        "fte_totaal": getal(som["fte_totaal"]),
        "pct_besturen": procent(som["besturen_deelnemend"], som["besturen_totaal"]),
        "pct_fte": procent(som["fte_deelnemend"], som["fte_totaal"]),
        "pct_leerlingen": procent(som["leerlingen_deelnemend"], som["leerlingen_totaal"]),
    }
    return {"regios": rijen, "totaal": totaal}


def _tekst(waarde) -> str | None:
    """A Decimal figure of the coverage as the snapshot stores it."""
    return None if waarde is None else str(waarde)

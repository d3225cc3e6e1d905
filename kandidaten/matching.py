"""Matching candidates and vacancies: the score of each pair, computed in the database, the
reasons behind it in words, HR's pseudonyms, and the cross-region suggestions."""

import base64
import math
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import (
    BooleanField,
    Case,
    CharField,
    DateField,
    DecimalField,
    Exists,
    ExpressionWrapper,
    F,
    FloatField,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from regio.models import Bevoegdheid, Functie, Regio, Sector, Vacature, Vestiging

from .models import MAX_AFSTAND_KM, Kandidaat, Toelating

# --- The weights ------------------------------------------------------------------------------
#
# Points per component; together 100, so a score reads as a percentage. Subject weighs most:
# a school cannot use a maths teacher for German. Sector and function are what the candidate
# said they want. The rest decides between candidates who fit on those.

GEWICHT_VAK = 25
GEWICHT_SECTOR = 15
GEWICHT_FUNCTIE = 15
GEWICHT_AFSTAND = 15
GEWICHT_FTE = 10
GEWICHT_BESCHIKBAAR = 10
GEWICHT_TOELATING = 10
MAX_SCORE = (
    GEWICHT_VAK
    + GEWICHT_SECTOR
    + GEWICHT_FUNCTIE
    + GEWICHT_AFSTAND
    + GEWICHT_FTE
    + GEWICHT_BESCHIKBAAR
    + GEWICHT_TOELATING
)

# Below this, a candidate's own region has nothing that really fits: the neighbouring regions'
# vacancies are suggested (with the candidate's consent for that).
DREMPEL = 60

# Hours: the full points within 0.1 fte of what the candidate wants, half within 0.3.
FTE_PAST = Decimal("0.1")
FTE_BIJNA = Decimal("0.3")
# Available at most this many days after the start still gets half the points: schools often
# wait a month for the right person.
WACHTDAGEN_BIJNA = 30

# Equirectangular approximation: good to well under 1% within the 150 km we ever search,
# and plain arithmetic, so the database computes it for every row without extensions.
KM_PER_GRAAD_LAT = 110.57
KM_PER_GRAAD_LON = 111.32

# How many rows a ranked list shows at most: HR pages through the best 100, a candidate
# sees their 20 best.
MAX_KANDIDATEN = 100
MAX_VACATURES = 20

_PSEUDONIEM_SALT = "kandidaten.matching.pseudoniem"


def _punten(*whens, default=0):
    return Case(*whens, default=Value(default), output_field=IntegerField())


def _vast(punten: int):
    return Value(punten, output_field=IntegerField())


def _afstand(lat0: float, lon0: float, *, tabel: str):
    """Distance in km from the constant point (lat0, lon0) to each row of `tabel` (its lat and
    lon columns); NULL when the row has no coordinates (SQL arithmetic with NULL is NULL).

    Written as one SQL fragment rather than an expression tree: the query repeats it in its
    filter, score and order (Django inlines an annotation wherever it is used), and compiling
    eight copies of a twenty-node tree was a fifth of the ranked list's time. Only numbers
    computed here are interpolated, as parameters.
    """
    kx = math.cos(math.radians(lat0)) * KM_PER_GRAAD_LON
    return RawSQL(  # noqa: S611 (the table name comes from the model, the numbers are parameters)
        f'sqrt(power(("{tabel}"."lon" - %s) * %s, 2) + power(("{tabel}"."lat" - %s) * %s, 2))',
        (lon0, kx, lat0, KM_PER_GRAAD_LAT),
        output_field=FloatField(),
    )


def _kader(lat0: float, lon0: float, km: float, *, lat: str, lon: str) -> Q:
    """Rows whose point lies in the box of `km` around (lat0, lon0), or who have no point.

    The box is a cheap range test that lets the database skip the distance of rows that are
    surely too far; rows without coordinates stay in (their distance is unknown, not large).
    """
    dlat = km / KM_PER_GRAAD_LAT
    dlon = km / (KM_PER_GRAAD_LON * max(math.cos(math.radians(lat0)), 0.01))
    binnen = Q(**{f"{lat}__range": (lat0 - dlat, lat0 + dlat)}) & Q(
        **{f"{lon}__range": (lon0 - dlon, lon0 + dlon)}
    )
    return binnen | Q(**{f"{lat}__isnull": True}) | Q(**{f"{lon}__isnull": True})


def _afstand_punten():
    """Closer is better: the first third of the candidate's maximum distance gets all points,
    the second two thirds, the last third one third. Unknown distance: none."""
    return _punten(
        When(afstand_deel__lte=1 / 3, then=Value(GEWICHT_AFSTAND)),
        When(afstand_deel__lte=2 / 3, then=Value(GEWICHT_AFSTAND * 2 // 3)),
        When(afstand_deel__isnull=False, then=Value(GEWICHT_AFSTAND // 3)),
    )


def _score():
    return ExpressionWrapper(
        F("p_vak")
        + F("p_sector")
        + F("p_functie")
        + F("p_afstand")
        + F("p_fte")
        + F("p_beschikbaar")
        + F("p_toelating"),
        output_field=IntegerField(),
    )


def _toelaatbaar() -> list[str]:
    return sorted(Toelating.toelaatbaar())


# --- The candidate is constant: their ranked vacancies ------------------------------------------


def vacatures_voor(kandidaat: Kandidaat, regio_ids) -> QuerySet:
    """Open vacancies of boards in `regio_ids`, scored for this candidate, best first.

    Everything about the candidate is a constant in the SQL, so the score is a sum of CASE
    expressions over the vacancy's own columns: one query, however many vacancies there are.
    A vacancy without a subject (primary education has none) gets the subject's points when
    the candidate wants its sector: there is no subject to miss. A vacancy farther away than
    the candidate will travel is left out; one whose school has no known location stays in,
    without points for distance.
    """
    sectoren = list(kandidaat.sectoren or [])
    functies = list(kandidaat.functies or [])
    eigen_vakken = Kandidaat.vakken.through.objects.filter(kandidaat_id=kandidaat.pk).values(
        "vak_id"
    )
    qs = (
        Vacature.objects.openbaar()
        .filter(bestuur__regio_id__in=list(regio_ids))
        .select_related("vak", "vestiging", "bestuur__regio")
    )

    vak_whens = [When(vak_id__in=eigen_vakken, then=Value(GEWICHT_VAK))]
    if sectoren:
        vak_whens.insert(0, When(Q(vak__isnull=True, sector__in=sectoren), then=Value(GEWICHT_VAK)))
    p_sector = (
        _punten(When(sector__in=sectoren, then=Value(GEWICHT_SECTOR))) if sectoren else _vast(0)
    )
    p_functie = (
        _punten(When(functie__in=functies, then=Value(GEWICHT_FUNCTIE))) if functies else _vast(0)
    )

    gewenst = kandidaat.fte_gewenst
    if gewenst is None:
        p_fte = _vast(GEWICHT_FTE // 2)
    else:
        p_fte = _punten(
            When(
                fte_open__range=(gewenst - FTE_PAST, gewenst + FTE_PAST),
                then=Value(GEWICHT_FTE),
            ),
            When(
                fte_open__range=(gewenst - FTE_BIJNA, gewenst + FTE_BIJNA),
                then=Value(GEWICHT_FTE // 2),
            ),
        )

    vanaf = kandidaat.beschikbaar_vanaf
    if vanaf is None:
        p_beschikbaar = _vast(GEWICHT_BESCHIKBAAR // 2)
    elif vanaf <= timezone.localdate():
        # Available now: fits every open vacancy, also one whose start date has passed.
        p_beschikbaar = _vast(GEWICHT_BESCHIKBAAR)
    else:
        p_beschikbaar = _punten(
            When(startdatum__gte=vanaf, then=Value(GEWICHT_BESCHIKBAAR)),
            When(
                startdatum__gte=vanaf - timedelta(days=WACHTDAGEN_BIJNA),
                then=Value(GEWICHT_BESCHIKBAAR // 2),
            ),
        )

    toelaatbaar = kandidaat.toelating in Toelating.toelaatbaar()
    p_toelating = _punten(
        When(bevoegdheid=Bevoegdheid.GEEN, then=Value(GEWICHT_TOELATING)),
        default=GEWICHT_TOELATING if toelaatbaar else 0,
    )

    max_km = kandidaat.max_afstand_km
    if kandidaat.lat is not None and kandidaat.lon is not None:
        qs = qs.filter(
            _kader(kandidaat.lat, kandidaat.lon, max_km, lat="vestiging__lat", lon="vestiging__lon")
        ).annotate(
            # The filter above joins the school, under its table's name.
            afstand_km=_afstand(kandidaat.lat, kandidaat.lon, tabel=Vestiging._meta.db_table)
        )
    else:
        qs = qs.annotate(afstand_km=Value(None, output_field=FloatField()))
    qs = qs.annotate(
        afstand_deel=ExpressionWrapper(
            F("afstand_km") / Value(float(max_km)), output_field=FloatField()
        )
    ).filter(Q(afstand_deel__isnull=True) | Q(afstand_deel__lte=1))

    return qs.annotate(
        p_vak=_punten(*vak_whens),
        p_sector=p_sector,
        p_functie=p_functie,
        p_afstand=_afstand_punten(),
        p_fte=p_fte,
        p_beschikbaar=p_beschikbaar,
        p_toelating=p_toelating,
        score=_score(),
        # What the reasons name: the vacancy's side from its columns, the candidate's
        # side as constants, so `uitleg` reads both the same way on either list.
        m_vak=F("vak__naam"),
        m_sector=F("sector"),
        m_functie=F("functie"),
        m_fte_open=F("fte_open"),
        m_start=F("startdatum"),
        m_geen_bevoegdheid=Case(
            When(bevoegdheid=Bevoegdheid.GEEN, then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        ),
        m_sectoren_bekend=Value(bool(sectoren), output_field=BooleanField()),
        m_functies_bekend=Value(bool(functies), output_field=BooleanField()),
        m_km_max=Value(max_km, output_field=IntegerField()),
        m_fte_gewenst=Value(gewenst, output_field=DecimalField(max_digits=3, decimal_places=2)),
        m_vanaf=Value(vanaf, output_field=DateField()),
        m_toelaatbaar=Value(toelaatbaar, output_field=BooleanField()),
        # Only the candidate's own list carries the detailed outcome (see uitleg).
        m_toelating=Value(kandidaat.toelating, output_field=CharField()),
    ).order_by("-score", F("afstand_km").asc(nulls_last=True), "sluitdatum", "pk")


# --- The vacancy is constant: its ranked candidates ---------------------------------------------


def kandidaten_voor(vacature: Vacature) -> QuerySet:
    """The candidates the vacancy's board may see pseudonymised (consent, looking for work, not
    erased: `deelbaar_met`), scored for this vacancy, best first, in one query.

    A candidate farther away than they will travel is left out; one without a known home
    stays in, without points for distance. The detailed admissibility outcome is not part of
    this queryset's reasons: HR sees only whether the candidate is admissible (see uitleg).
    """
    regio_id = vacature.bestuur.regio_id
    # deelbaar_met decides who may be listed; the plain list of regions repeats what it
    # implies so the database can use the (regio, fase) index instead of reading every row.
    qs = Kandidaat.objects.deelbaar_met(vacature.bestuur).filter(
        regio_id__in=[regio_id, *buurregio_ids(regio_id)]
    )
    vak = vacature.vak if vacature.vak_id else None

    if vak is None:
        p_vak = _punten(When(sectoren__bevat=vacature.sector, then=Value(GEWICHT_VAK)))
    else:
        heeft_vak = Kandidaat.vakken.through.objects.filter(
            kandidaat_id=OuterRef("pk"), vak_id=vak.pk
        )
        p_vak = _punten(When(Exists(heeft_vak), then=Value(GEWICHT_VAK)))

    open_fte = vacature.fte_open
    p_fte = _punten(
        When(fte_gewenst__isnull=True, then=Value(GEWICHT_FTE // 2)),
        When(
            fte_gewenst__range=(open_fte - FTE_PAST, open_fte + FTE_PAST),
            then=Value(GEWICHT_FTE),
        ),
        When(
            fte_gewenst__range=(open_fte - FTE_BIJNA, open_fte + FTE_BIJNA),
            then=Value(GEWICHT_FTE // 2),
        ),
    )

    # A vacancy whose start date has passed starts as soon as someone is found.
    start = max(vacature.startdatum, timezone.localdate())
    p_beschikbaar = _punten(
        When(beschikbaar_vanaf__isnull=True, then=Value(GEWICHT_BESCHIKBAAR // 2)),
        When(beschikbaar_vanaf__lte=start, then=Value(GEWICHT_BESCHIKBAAR)),
        When(
            beschikbaar_vanaf__lte=start + timedelta(days=WACHTDAGEN_BIJNA),
            then=Value(GEWICHT_BESCHIKBAAR // 2),
        ),
    )

    geen_bevoegdheid = vacature.bevoegdheid == Bevoegdheid.GEEN
    toelaatbaar = Q(toelating__in=_toelaatbaar())
    p_toelating = (
        _vast(GEWICHT_TOELATING)
        if geen_bevoegdheid
        else _punten(When(toelaatbaar, then=Value(GEWICHT_TOELATING)))
    )

    punt = (vacature.vestiging.lat, vacature.vestiging.lon)
    if None not in punt:
        qs = qs.filter(_kader(*punt, MAX_AFSTAND_KM, lat="lat", lon="lon")).annotate(
            afstand_km=_afstand(*punt, tabel=Kandidaat._meta.db_table)
        )
    else:
        qs = qs.annotate(afstand_km=Value(None, output_field=FloatField()))
    qs = qs.annotate(
        afstand_deel=ExpressionWrapper(
            F("afstand_km") / Cast("max_afstand_km", FloatField()), output_field=FloatField()
        )
    ).filter(Q(afstand_deel__isnull=True) | Q(afstand_deel__lte=1))

    return qs.annotate(
        p_vak=p_vak,
        p_sector=_punten(When(sectoren__bevat=vacature.sector, then=Value(GEWICHT_SECTOR))),
        p_functie=_punten(When(functies__bevat=vacature.functie, then=Value(GEWICHT_FUNCTIE))),
        p_afstand=_afstand_punten(),
        p_fte=p_fte,
        p_beschikbaar=p_beschikbaar,
        p_toelating=p_toelating,
        score=_score(),
        m_vak=Value(vak.naam if vak else "", output_field=CharField()),
        m_sector=Value(vacature.sector, output_field=CharField()),
        m_functie=Value(vacature.functie, output_field=CharField()),
        m_fte_open=Value(open_fte, output_field=DecimalField(max_digits=3, decimal_places=2)),
        m_start=Value(vacature.startdatum, output_field=DateField()),
        m_geen_bevoegdheid=Value(geen_bevoegdheid, output_field=BooleanField()),
        m_sectoren_bekend=Case(
            When(sectoren="", then=Value(False)),
            default=Value(True),
            output_field=BooleanField(),
        ),
        m_functies_bekend=Case(
            When(functies="", then=Value(False)),
            default=Value(True),
            output_field=BooleanField(),
        ),
        m_km_max=F("max_afstand_km"),
        m_fte_gewenst=F("fte_gewenst"),
        m_vanaf=F("beschikbaar_vanaf"),
        m_toelaatbaar=Case(
            When(toelaatbaar, then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        ),
    ).order_by("-score", F("afstand_km").asc(nulls_last=True), "pk")


# --- The reasons, in words -------------------------------------------------------------------


def _fte(value: Decimal) -> str:
    """0.80 -> "0,8": how people write fte in Dutch."""
    text = format(value.normalize(), "f") if value else "0"
    return text.replace(".", ",")


def _datum(value: date) -> str:
    return f"{value.day}-{value.month}-{value.year}"


def _functie_naam(code: str) -> str:
    try:
        return str(Functie(code).label).lower()
    except ValueError:
        return code


def uitleg(obj) -> list[str]:
    """Why this pair scores what it does, one short sentence per component, from the
    annotations of `vacatures_voor` or `kandidaten_voor`.

    The detailed admissibility outcome appears only on the candidate's own list (where
    `m_toelating` is annotated); HR reads only "toelaatbaar" or "not yet".
    """
    redenen = []
    sector = Sector(obj.m_sector).label if obj.m_sector in Sector.values else obj.m_sector
    if obj.m_vak:
        if obj.p_vak:
            redenen.append(_("Vak past: %(vak)s") % {"vak": obj.m_vak.lower()})
        else:
            redenen.append(_("Vak past niet: gevraagd is %(vak)s") % {"vak": obj.m_vak.lower()})
    elif obj.p_vak:
        redenen.append(_("Geen vak gevraagd; de sector past"))
    else:
        redenen.append(_("Geen vak gevraagd"))

    if obj.p_sector:
        redenen.append(_("Sector past: %(sector)s") % {"sector": sector})
    elif obj.m_sectoren_bekend:
        redenen.append(_("Sector past niet: %(sector)s") % {"sector": sector})
    else:
        redenen.append(_("Geen sector opgegeven (vacature: %(sector)s)") % {"sector": sector})

    functie = _functie_naam(obj.m_functie)
    if obj.p_functie:
        redenen.append(_("Functie past: %(functie)s") % {"functie": functie})
    elif obj.m_functies_bekend:
        redenen.append(_("Functie past niet: %(functie)s") % {"functie": functie})
    else:
        redenen.append(_("Geen functie opgegeven (vacature: %(functie)s)") % {"functie": functie})

    if obj.afstand_km is None:
        redenen.append(_("Afstand onbekend"))
    else:
        redenen.append(
            _("Afstand %(km)s km (max. %(max)s km)")
            % {"km": round(obj.afstand_km), "max": obj.m_km_max}
        )

    if obj.m_fte_gewenst is None:
        redenen.append(
            _("Gewenste omvang niet opgegeven; vacature %(open)s fte")
            % {"open": _fte(obj.m_fte_open)}
        )
    else:
        redenen.append(
            _("Gewenste omvang %(gewenst)s fte; vacature %(open)s fte")
            % {"gewenst": _fte(obj.m_fte_gewenst), "open": _fte(obj.m_fte_open)}
        )

    if obj.m_vanaf is None:
        redenen.append(
            _("Beschikbaarheid niet opgegeven; start %(start)s") % {"start": _datum(obj.m_start)}
        )
    else:
        redenen.append(
            _("Beschikbaar vanaf %(vanaf)s, start %(start)s")
            % {"vanaf": _datum(obj.m_vanaf), "start": _datum(obj.m_start)}
        )

    detail = getattr(obj, "m_toelating", None)
    if obj.m_geen_bevoegdheid:
        redenen.append(_("Geen bevoegdheid vereist"))
    elif obj.m_toelaatbaar:
        redenen.append(_("Toelaatbaar tot een opleiding"))
    elif detail is None:  # HR: not admissible and not yet known look the same
        redenen.append(_("Nog geen toelating tot een opleiding"))
    elif detail:
        redenen.append(_("Nog niet direct toelaatbaar tot een opleiding"))
    else:
        redenen.append(_("Toelating nog niet bekend"))
    return redenen


# --- Pseudonyms ------------------------------------------------------------------------------


def pseudoniem_code(kandidaat_pk: int) -> str:
    """Six characters that stand for a candidate on HR's lists: an HMAC of the primary key
    with the site's secret, so it is stable but cannot be turned back into the key (or
    guessed for another candidate). 30 bits: two candidates in one vacancy's list of at most
    a few hundred share a code with a chance of about one in ten thousand."""
    digest = salted_hmac(_PSEUDONIEM_SALT, str(kandidaat_pk), algorithm="sha256").digest()
    return base64.b32encode(digest).decode()[:6]


def pseudoniem(kandidaat_pk: int) -> str:
    """The label HR sees instead of a name, e.g. "Kandidaat 7F3K2A"."""
    return _("Kandidaat %(code)s") % {"code": pseudoniem_code(kandidaat_pk)}


# --- Cross-region suggestions ------------------------------------------------------------------


@dataclass
class Suggesties:
    """What the candidate's vacancies page shows: their own region's best vacancies and,
    when none of those reaches DREMPEL, the neighbouring regions' (if the candidate shares
    their profile with those) or an explanation that they could allow that."""

    eigen: list = field(default_factory=list)
    buur: list = field(default_factory=list)
    # Nothing in the own region reaches DREMPEL: the neighbouring regions are worth a look.
    buur_nodig: bool = False
    buur_toestemming: bool = False
    heeft_buurregios: bool = False

    @property
    def vraag_toestemming(self) -> bool:
        """Suggest allowing the neighbouring regions: it would help, and it is not allowed."""
        return self.buur_nodig and self.heeft_buurregios and not self.buur_toestemming


def buurregio_ids(regio_id: int) -> list[int]:
    return list(
        Regio.buurregios.through.objects.filter(from_regio_id=regio_id).values_list(
            "to_regio_id", flat=True
        )
    )


def suggesties_voor(kandidaat: Kandidaat, *, aantal: int = MAX_VACATURES) -> Suggesties:
    """The cross-region rule: the own region's ranked vacancies; if none scores DREMPEL or
    more and the candidate consented to share with neighbouring regions, those regions'
    ranked vacancies as a separate list. Nothing at all without consent to share with the
    own region (matching needs a school to be allowed to see the profile)."""
    if not kandidaat.deel_met_regio:
        return Suggesties()
    eigen = list(vacatures_voor(kandidaat, [kandidaat.regio_id])[:aantal])
    buur_nodig = not eigen or eigen[0].score < DREMPEL
    buren = buurregio_ids(kandidaat.regio_id) if buur_nodig else []
    buur = []
    if buren and kandidaat.deel_met_buurregios:
        buur = list(vacatures_voor(kandidaat, buren)[:aantal])
    return Suggesties(
        eigen=eigen,
        buur=buur,
        buur_nodig=buur_nodig,
        buur_toestemming=kandidaat.deel_met_buurregios,
        heeft_buurregios=bool(buren),
    )

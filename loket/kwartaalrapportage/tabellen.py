"""The quarterly report's figures as tables, flattened once from the stored snapshot.

Both exports (export.py) write these tables and the PDF reads the same snapshot, so a
figure in the CSV, the XLSX and the PDF cannot disagree.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

# Keys of the snapshot whose values are decimal strings ("1234.5", "7.0") or null.
_DECIMAAL_NAMEN = {"fte", "pct", "mediaan_dagen"}
_DECIMAAL_BEGIN = ("fte_", "pct_")
_DECIMAAL_EIND = ("_fte", "_pct")


def is_decimaal(naam: str) -> bool:
    return (
        naam in _DECIMAAL_NAMEN or naam.startswith(_DECIMAAL_BEGIN) or naam.endswith(_DECIMAAL_EIND)
    )


def decimalen(waarde, naam: str = ""):
    """A copy of the snapshot with its decimal strings as Decimal (null stays None).

    The snapshot keeps decimals as strings so JSON cannot round them; templates and
    spreadsheets need numbers to format them the Dutch way.
    """
    if isinstance(waarde, dict):
        return {sleutel: decimalen(w, sleutel) for sleutel, w in waarde.items()}
    if isinstance(waarde, list):
        return [decimalen(w, naam) for w in waarde]
    if isinstance(waarde, str) and is_decimaal(naam):
        return Decimal(waarde)
    return waarde


@dataclass(frozen=True)
class Tabel:
    """One table of the report: the section it belongs to, its name, headers and rows.

    The first column names the row (a stage, a subject, a key figure); the others hold values.
    """

    onderdeel: str
    naam: str
    kolommen: list[str]
    rijen: list[tuple]


def _kengetallen(onderdeel: str, naam: str, rijen: list[tuple]) -> Tabel:
    return Tabel(onderdeel, naam, [_("Kengetal"), _("Waarde")], rijen)


def _tekort_tabel(onderdeel: str, naam: str, eerste: str, rijen: list[dict], sleutel="naam"):
    return Tabel(
        onderdeel,
        naam,
        [
            eerste,
            _("Werkgelegenheid (fte)"),
            _("Open vacatures (fte)"),
            _("Verborgen tekorten (fte)"),
            _("Tekort (fte)"),
            _("Tekort (% van de werkgelegenheid)"),
        ],
        [
            (
                r[sleutel],
                r["werkgelegenheid_fte"],
                r["open_fte"],
                r["verborgen_fte"],
                r["tekort_fte"],
                r["tekort_pct"],
            )
            for r in rijen
        ],
    )


def _aantallen(onderdeel: str, naam: str, eerste: str, tweede: str, rijen: list[dict]) -> Tabel:
    return Tabel(onderdeel, naam, [eerste, tweede], [(r["naam"], r["aantal"]) for r in rijen])


def onderdelen() -> list[str]:
    """The report's sections, numbered as in the PDF."""
    return [
        _("1 Tekorten"),
        _("2 Kandidaten"),
        _("3 Matching"),
        _("4 Opleiden"),
        _("5 Dekking"),
        _("6 Voortgang van het plan"),
    ]


def tabellen(gegevens: dict) -> list[Tabel]:
    """Every figure of the report as tables, in the order of the PDF's sections."""
    g = decimalen(gegevens)
    tekorten_, kandidaten_, matching_, opleiden_, dekking_, plan_ = onderdelen()
    t = g["tekorten"]
    totaal = t["totaal"]
    k = g["kandidaten"]
    m = g["matching"]
    o = g["opleiding"]
    d = g["dekking"]

    tabellen_ = [
        _kengetallen(
            tekorten_,
            _("Kerncijfers tekorten"),
            [
                (_("Schoolbesturen met een opgave"), t["besturen_met_opgave"]),
                (_("Schoolbesturen in totaal"), t["besturen_totaal"]),
                (_("Werkgelegenheid (fte)"), totaal["werkgelegenheid_fte"]),
                (_("Open vacatures (fte)"), totaal["open_fte"]),
                (_("Verborgen tekorten (fte)"), totaal["verborgen_fte"]),
                (_("Tekort (fte)"), totaal["tekort_fte"]),
                (_("Tekort (% van de werkgelegenheid)"), totaal["tekort_pct"]),
                (_("Open vacatures (% van het tekort)"), totaal["open_pct"]),
                (_("Verborgen tekorten (% van het tekort)"), totaal["verborgen_pct"]),
                (_("Verborgen tekorten bevoegd ingevuld (fte)"), totaal["ingevuld_bevoegd_fte"]),
                (
                    _("Verborgen tekorten onbevoegd ingevuld (fte)"),
                    totaal["ingevuld_onbevoegd_fte"],
                ),
                (_("Bevoegd ingevuld (% van ingevuld)"), totaal["bevoegd_pct"]),
                (_("Onbevoegd ingevuld (% van ingevuld)"), totaal["onbevoegd_pct"]),
            ],
        ),
        Tabel(
            tekorten_,
            _("Verborgen tekorten naar soort"),
            [_("Soort"), _("Fte"), _("% van de verborgen tekorten")],
            [(s["naam"], s["fte"], s["pct"]) for s in totaal["soorten"]],
        ),
        _tekort_tabel(tekorten_, _("Tekort per sector"), _("Sector"), t["per_sector"]),
        _tekort_tabel(tekorten_, _("Tekort per functie"), _("Functie"), t["per_functie"]),
        _tekort_tabel(tekorten_, _("Tekort per vak"), _("Vak"), t["per_vak"]),
        _tekort_tabel(
            tekorten_, _("Tekort per kwartaal"), _("Kwartaal"), t["trend"], sleutel="label"
        ),
        _kengetallen(
            kandidaten_,
            _("Kerncijfers kandidaten"),
            [
                (_("Nieuw ingeschreven in het kwartaal"), k["nieuw"]),
                (_("Ingeschreven aan het eind van het kwartaal"), k["totaal"]),
                (_("Uitgevallen in het kwartaal"), k["uitval_totaal"]),
                (_("Stilgevallen op de laatste dag"), k["stil"]["totaal"]),
                (_("Doorverwezen naar een andere regio"), k["doorverwijzingen"]["uitgaand"]),
                (_("Doorverwezen uit een andere regio"), k["doorverwijzingen"]["inkomend"]),
                (
                    _("Mediaan dagen van inschrijving tot aanstelling"),
                    k["tot_aanstelling"]["mediaan_dagen"],
                ),
                (
                    _("Aanstellingen in het kwartaal (voor de mediaan)"),
                    k["tot_aanstelling"]["aantal"],
                ),
            ],
        ),
        _aantallen(
            kandidaten_,
            _("Kandidaten per fase"),
            _("Fase"),
            _("Kandidaten op de laatste dag"),
            k["trechter"],
        ),
        Tabel(
            kandidaten_,
            _("Conversie"),
            [_("Van"), _("Naar"), _("Bereikt van"), _("Bereikt naar"), _("Conversie (%)")],
            [
                (c["van"], c["naar"], c["bereikt_van"], c["bereikt_naar"], c["pct"])
                for c in k["conversie"]
            ],
        ),
        Tabel(
            kandidaten_,
            _("Doorlooptijd per fase"),
            [_("Fase"), _("Mediaan (dagen)"), _("Afgeronde fasen")],
            [(r["naam"], r["mediaan_dagen"], r["aantal"]) for r in k["doorlooptijd"]],
        ),
        _aantallen(kandidaten_, _("Uitval naar reden"), _("Reden"), _("Kandidaten"), k["uitval"]),
        _aantallen(
            kandidaten_,
            _("Doorverwijzingen naar een route"),
            _("Route"),
            _("Kandidaten"),
            k["routes"],
        ),
        _aantallen(
            kandidaten_, _("Uitkomsten toelating"), _("Uitkomst"), _("Kandidaten"), k["toelating"]
        ),
        _aantallen(
            kandidaten_,
            _("Stilgevallen kandidaten per fase"),
            _("Fase"),
            _("Kandidaten"),
            k["stil"]["per_fase"],
        ),
        Tabel(
            kandidaten_,
            _("Doorverwijzingen tussen regio's"),
            [_("Regio"), _("Uitgaand"), _("Inkomend")],
            [(r["naam"], r["uitgaand"], r["inkomend"]) for r in k["doorverwijzingen"]["per_regio"]],
        ),
        _kengetallen(
            matching_,
            _("Kerncijfers matching"),
            [
                (_("Introducties voorgesteld"), m["introducties_voorgesteld"]),
                (_("Introducties geaccepteerd"), m["introducties_geaccepteerd"]),
                (_("Introducties afgewezen"), m["introducties_afgewezen"]),
                (_("Aanstellingen"), m["aanstellingen"]),
                (_("Aanstellingen (fte)"), m["aanstellingen_fte"]),
                (_("Vacatures vervuld"), m["vacatures_vervuld"]),
                (
                    _("Vacatures vervuld door een kandidaat van het loket"),
                    m["vacatures_vervuld_door_kandidaten"],
                ),
                (
                    _("Zij-instroomvacatures vervuld door een kandidaat"),
                    m["zij_instroom_vacatures_vervuld"],
                ),
                (
                    _("Open vacatures op de laatste dag, bij alle schoolbesturen"),
                    m["open_vacatures"],
                ),
                (
                    _("Open vacatures op de laatste dag, bij alle schoolbesturen (fte)"),
                    m["open_vacatures_fte"],
                ),
            ],
        ),
        Tabel(
            opleiden_,
            _("Opleiden binnen een opleidingsschool"),
            [
                _("Groep"),
                _("Schooljaar"),
                _("Binnen"),
                _("Buiten"),
                _("Binnen (%)"),
                _("Ambitie (%)"),
            ],
            [
                (
                    _("Studenten"),
                    o["schooljaar_label"],
                    o["studenten_binnen"],
                    o["studenten_buiten"],
                    o["pct_studenten"],
                    o["ambitie_pct"],
                ),
                (
                    _("Zij-instromers"),
                    o["schooljaar_label"],
                    o["zij_instromers_binnen"],
                    o["zij_instromers_buiten"],
                    o["pct_zij_instromers"],
                    o["ambitie_pct"],
                ),
            ],
        ),
        Tabel(
            opleiden_,
            _("Opleidingsplaatsen"),
            [_("Soort"), _("Nu"), _("Gewenst"), _("Nog nodig")],
            [(p["naam"], p["nu"], p["gewenst"], p["gewenst"] - p["nu"]) for p in o["plaatsen"]]
            + [
                (
                    _("Totaal"),
                    o["plaatsen_nu"],
                    o["plaatsen_gewenst"],
                    o["plaatsen_gewenst"] - o["plaatsen_nu"],
                )
            ],
        ),
        Tabel(
            dekking_,
            _("Dekking per regio"),
            [
                _("Regio"),
                _("Besturen deelnemend"),
                _("Besturen totaal"),
                _("Besturen (%)"),
                _("Eis besturen (%)"),
                _("Eis besturen gehaald"),
                _("Fte deelnemend"),
                _("Fte totaal"),
                _("Fte (%)"),
                _("Eis minimum fte"),
                _("Eis fte gehaald"),
                _("Leerlingen deelnemend"),
                _("Leerlingen totaal"),
                _("Leerlingen (%)"),
                _("Voldoet aan de eisen"),
            ],
            [
                (
                    r["naam"],
                    r["besturen_deelnemend"],
                    r["besturen_totaal"],
                    r["pct_besturen"],
                    r["eis_besturen_pct"],
                    r["besturen_gehaald"],
                    r["fte_deelnemend"],
                    r["fte_totaal"],
                    r["pct_fte"],
                    r["eis_minimum_fte"],
                    r["fte_gehaald"],
                    r["leerlingen_deelnemend"],
                    r["leerlingen_totaal"],
                    r["pct_leerlingen"],
                    r["eisen_gehaald"],
                )
                for r in d["regios"]
            ]
            + [
                (
                    _("Totaal"),
                    d["totaal"]["besturen_deelnemend"],
                    d["totaal"]["besturen_totaal"],
                    d["totaal"]["pct_besturen"],
                    None,
                    None,
                    d["totaal"]["fte_deelnemend"],
                    d["totaal"]["fte_totaal"],
                    d["totaal"]["pct_fte"],
                    None,
                    None,
                    d["totaal"]["leerlingen_deelnemend"],
                    d["totaal"]["leerlingen_totaal"],
                    d["totaal"]["pct_leerlingen"],
                    None,
                )
            ],
        ),
        Tabel(
            plan_,
            _("Activiteiten van het plan"),
            [
                _("Nr."),
                _("Regio"),
                _("Ontwikkellijn"),
                _("Activiteit"),
                _("Periode"),
                _("Beoogd resultaat"),
                _("Producten"),
                _("Eigenaar"),
                _("Status"),
                _("Toelichting"),
            ],
            [
                (
                    nummer,
                    a["regio"],
                    a["ontwikkellijn"],
                    a["activiteit"],
                    a["periode"],
                    a["beoogd_resultaat"],
                    a["producten"],
                    a["eigenaar"],
                    a["status_naam"],
                    a["toelichting"],
                )
                for nummer, a in enumerate(g["plan"], start=1)
            ],
        ),
    ]
    return tabellen_


def over_dit_rapport(
    gegevens: dict, *, versie: int | None = None, gemaakt_op: datetime.datetime | None = None
) -> list[tuple[str, object]]:
    """What the exported figures are about: region, quarter, its dates, version."""
    rijen = [
        (_("Rapport"), _("Kwartaalrapportage")),
        (_("Groep") if gegevens["groep"] else _("Regio"), gegevens["titel"]),
        (_("Regio's"), ", ".join(gegevens["regios"])),
        (_("Kwartaal"), gegevens["kwartaal_label"]),
        (_("Van"), datetime.date.fromisoformat(gegevens["van"])),
        (_("Tot en met"), datetime.date.fromisoformat(gegevens["tot_en_met"])),
        (
            _("Status"),
            _("Definitief")
            if gegevens["definitief"]
            else _("Voorlopig: nog niet alle opgaven van het kwartaal zijn afgesloten"),
        ),
    ]
    if versie is not None:
        rijen.append((_("Versie"), versie))
    if gemaakt_op is not None:
        rijen.append((_("Gemaakt op"), gemaakt_op))
    rijen.append((_("Eenheden"), _("Percentages in procenten (7,0 is 7,0%); fte met één decimaal")))
    return rijen

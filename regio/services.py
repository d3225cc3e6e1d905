"""Writes to a region's registry: organisations, participation, contacts and schools.

Every function validates the whole row (full_clean) before it saves and raises
ValidationError with a Dutch message on bad input, so a caller can show it and nothing changes.
"""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from .models import Contactpersoon, Deelname, Organisatie, OrganisatieSoort, Regio, Vestiging


def full_clean_and_save(obj, **save_kwargs) -> None:
    """Validate, then save; a race past validation (a unique number) becomes a ValidationError."""
    obj.full_clean()
    try:
        with transaction.atomic():
            obj.save(**save_kwargs)
    except IntegrityError as error:
        raise ValidationError(
            _("Iemand anders sloeg net dezelfde gegevens op. Controleer ze en probeer het opnieuw.")
        ) from error


@transaction.atomic
def organisatie_create(
    *,
    regio: Regio,
    soort: str,
    naam: str,
    plaats: str = "",
    adres: str = "",
    postcode: str = "",
    website: str = "",
    bevoegd_gezag_nummer: str = "",
    fte: Decimal | None = None,
    leerlingen: int | None = None,
    opleidingssoort: str = "",
    opleidingsniveau: str = "",
) -> Organisatie:
    """A new organisation in `regio`'s registry (the region is never the user's choice)."""
    organisatie = Organisatie(
        regio=regio,
        soort=soort,
        naam=naam,
        plaats=plaats,
        adres=adres,
        postcode=postcode,
        website=website,
        bevoegd_gezag_nummer=bevoegd_gezag_nummer,
        fte=fte,
        leerlingen=leerlingen,
        opleidingssoort=opleidingssoort,
        opleidingsniveau=opleidingsniveau,
    )
    full_clean_and_save(organisatie)
    return organisatie


@transaction.atomic
def organisatie_update(*, organisatie: Organisatie, **fields) -> Organisatie:
    """Change the given fields of an organisation; the region cannot be changed here.

    Works on a fresh, locked copy of the row: a form may already have changed the instance it
    was given, and the kind may only change when nothing depends on the old kind.
    """
    if "regio" in fields or "regio_id" in fields:
        raise ValueError("An organisation's region is not changed through organisatie_update.")
    current = Organisatie.objects.select_for_update().get(pk=organisatie.pk)
    new_soort = fields.get("soort", current.soort)
    if current.is_bestuur and new_soort != OrganisatieSoort.SCHOOLBESTUUR:
        if current.vestigingen.exists():
            raise ValidationError(
                {"soort": _("Dit bestuur heeft scholen; het blijft een schoolbestuur.")}
            )
        if current.opleidingsscholen_als_bestuur.exists():
            raise ValidationError(
                {
                    "soort": _(
                        "Dit bestuur neemt deel aan een opleidingsschool; "
                        "het blijft een schoolbestuur."
                    )
                }
            )
    if new_soort != current.soort and current.medewerkers.exists():
        raise ValidationError(
            {
                "soort": _(
                    "Er werken mensen van deze organisatie met het loket; de soort blijft gelijk."
                )
            }
        )
    for name, value in fields.items():
        setattr(current, name, value)
    full_clean_and_save(current, update_fields=list(fields))
    return current


@transaction.atomic
def deelname_set(
    *,
    organisatie: Organisatie,
    regio: Regio,
    status: str,
    sinds: date | None = None,
    ondertekend_op: date | None = None,
) -> Deelname | None:
    """Record whether `organisatie` takes part in `regio`'s plan; an empty status removes it."""
    if not status:
        Deelname.objects.filter(organisatie=organisatie, regio=regio).delete()
        return None
    deelname = Deelname.objects.select_for_update().filter(
        organisatie=organisatie, regio=regio
    ).first() or Deelname(organisatie=organisatie, regio=regio)
    deelname.status = status
    deelname.sinds = sinds
    deelname.ondertekend_op = ondertekend_op
    full_clean_and_save(deelname)
    return deelname


@transaction.atomic
def registerregel_save(
    *, organisatie: Organisatie, regio: Regio, organisatie_fields: dict, deelname_fields: dict
) -> Organisatie:
    """One row of the register table: the organisation's figures and its participation, or
    neither when one of them is invalid."""
    organisatie = organisatie_update(organisatie=organisatie, **organisatie_fields)
    deelname_set(organisatie=organisatie, regio=regio, **deelname_fields)
    return organisatie


def contactpersoon_create(
    *, organisatie: Organisatie, naam: str, functie: str = "", email: str = "", telefoon: str = ""
) -> Contactpersoon:
    contactpersoon = Contactpersoon(
        organisatie=organisatie, naam=naam, functie=functie, email=email, telefoon=telefoon
    )
    full_clean_and_save(contactpersoon)
    return contactpersoon


def contactpersoon_delete(*, contactpersoon: Contactpersoon) -> None:
    contactpersoon.delete()


@transaction.atomic
def vestiging_create(
    *,
    bestuur: Organisatie,
    brin: str,
    vestigingsnummer: str,
    naam: str,
    gemeente: str,
    sector: str,
    adres: str = "",
    postcode: str = "",
    plaats: str = "",
) -> Vestiging:
    """A school of `bestuur`; Vestiging.clean refuses a board that is not a school board."""
    vestiging = Vestiging(
        bestuur=bestuur,
        brin=brin,
        vestigingsnummer=vestigingsnummer,
        naam=naam,
        gemeente=gemeente,
        sector=sector,
        adres=adres,
        postcode=postcode,
        plaats=plaats,
    )
    full_clean_and_save(vestiging)
    return vestiging


@transaction.atomic
def vestiging_update(*, vestiging: Vestiging, **fields) -> Vestiging:
    """Change a school's fields; it stays with its board (moving schools is the operator's)."""
    if "bestuur" in fields or "bestuur_id" in fields:
        raise ValueError("A school's board is not changed through vestiging_update.")
    current = Vestiging.objects.select_for_update().get(pk=vestiging.pk)
    for name, value in fields.items():
        setattr(current, name, value)
    full_clean_and_save(current, update_fields=list(fields))
    return current

"""Writes to a region's opleidingsscholen: the partnership with its members, places, placements.

Every function validates before it saves and raises ValidationError with a Dutch message on bad
input, so a caller can show it and nothing changes.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from regio.models import OrganisatieSoort, Vestiging
from regio.services import full_clean_and_save

from .models import Opleidingsplaatsen, Opleidingsschool, Plaatsingen, validate_has_institute

INSTITUUT_SOORTEN = {OrganisatieSoort.LERARENOPLEIDING, OrganisatieSoort.ROC}


def _check_members(regio, besturen, vestigingen, instituten) -> None:
    """Members come from the partnership's own region and are of the right kind.

    The forms offer only those; this holds for every other caller too.
    """
    errors = {}
    if any(b.regio_id != regio.pk or b.soort != OrganisatieSoort.SCHOOLBESTUUR for b in besturen):
        errors["besturen"] = _("Kies alleen schoolbesturen uit de eigen regio.")
    vestiging_ids = [v.pk for v in vestigingen]
    if Vestiging.objects.filter(pk__in=vestiging_ids).exclude(bestuur__regio=regio).exists():
        errors["vestigingen"] = _("Kies alleen scholen van besturen uit de eigen regio.")
    if any(i.regio_id != regio.pk or i.soort not in INSTITUUT_SOORTEN for i in instituten):
        errors["instituten"] = _("Kies alleen lerarenopleidingen of ROC's uit de eigen regio.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def opleidingsschool_save(
    *,
    opleidingsschool: Opleidingsschool,
    naam: str,
    sector: str,
    status: str,
    besturen,
    vestigingen,
    instituten,
) -> Opleidingsschool:
    """Create or change a partnership together with its members: all of it, or nothing.

    `opleidingsschool` is a new, unsaved one (with its region set) or an existing one.
    """
    besturen, vestigingen, instituten = list(besturen), list(vestigingen), list(instituten)
    validate_has_institute(instituten)
    _check_members(opleidingsschool.regio, besturen, vestigingen, instituten)
    opleidingsschool.naam = naam
    opleidingsschool.sector = sector
    opleidingsschool.status = status
    full_clean_and_save(opleidingsschool)
    opleidingsschool.besturen.set(besturen)
    opleidingsschool.vestigingen.set(vestigingen)
    opleidingsschool.instituten.set(instituten)
    return opleidingsschool


def opleidingsplaatsen_save(
    *,
    opleidingsplaatsen: Opleidingsplaatsen,
    schooljaar: int,
    soort: str,
    capaciteit_nu: int,
    capaciteit_gewenst: int,
) -> Opleidingsplaatsen:
    """Create or change one row of training places (one school year, one kind of student)."""
    opleidingsplaatsen.schooljaar = schooljaar
    opleidingsplaatsen.soort = soort
    opleidingsplaatsen.capaciteit_nu = capaciteit_nu
    opleidingsplaatsen.capaciteit_gewenst = capaciteit_gewenst
    full_clean_and_save(opleidingsplaatsen)
    return opleidingsplaatsen


def plaatsingen_save(
    *,
    plaatsingen: Plaatsingen,
    schooljaar: int,
    studenten_binnen: int,
    studenten_buiten: int,
    zij_instromers_binnen: int,
    zij_instromers_buiten: int,
) -> Plaatsingen:
    """Create or change the placements of one school year; they feed the region's coverage."""
    plaatsingen.schooljaar = schooljaar
    plaatsingen.studenten_binnen = studenten_binnen
    plaatsingen.studenten_buiten = studenten_buiten
    plaatsingen.zij_instromers_binnen = zij_instromers_binnen
    plaatsingen.zij_instromers_buiten = zij_instromers_buiten
    full_clean_and_save(plaatsingen)
    return plaatsingen

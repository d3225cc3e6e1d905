"""The share of students and career switchers trained within opleidingsscholen (ambition 100%)."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Max, Sum

from regio.coverage import percentage
from regio.models import Regio

from .models import Plaatsingen, schooljaar_label

AMBITIE_PCT = Decimal(100)


@dataclass(frozen=True)
class Opleidingsaandeel:
    """Trained inside versus outside the region's opleidingsscholen in one school year."""

    schooljaar: int | None
    studenten_binnen: int = 0
    studenten_buiten: int = 0
    zij_instromers_binnen: int = 0
    zij_instromers_buiten: int = 0

    @property
    def schooljaar_label(self):
        return schooljaar_label(self.schooljaar) if self.schooljaar else None

    @property
    def pct_studenten(self):
        return percentage(self.studenten_binnen, self.studenten_binnen + self.studenten_buiten)

    @property
    def pct_zij_instromers(self):
        return percentage(
            self.zij_instromers_binnen, self.zij_instromers_binnen + self.zij_instromers_buiten
        )

    @property
    def ambitie_pct(self):
        return AMBITIE_PCT


def opleidingsaandeel_for(regio: Regio, schooljaar: int | None = None) -> Opleidingsaandeel:
    """The given school year, or the latest one for which the region recorded placements."""
    rows = Plaatsingen.objects.filter(opleidingsschool__regio=regio)
    if schooljaar is None:
        schooljaar = rows.aggregate(jaar=Max("schooljaar"))["jaar"]
        if schooljaar is None:
            return Opleidingsaandeel(schooljaar=None)
    sums = rows.filter(schooljaar=schooljaar).aggregate(
        studenten_binnen=Sum("studenten_binnen"),
        studenten_buiten=Sum("studenten_buiten"),
        zij_instromers_binnen=Sum("zij_instromers_binnen"),
        zij_instromers_buiten=Sum("zij_instromers_buiten"),
    )
    return Opleidingsaandeel(schooljaar=schooljaar, **{k: v or 0 for k, v in sums.items()})

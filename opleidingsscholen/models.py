"""Opleidingsscholen (SO&P partnerships): members, partner institutes, places and placements."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from regio.coverage import percentage
from regio.models import (
    Organisatie,
    OrganisatieSoort,
    Regio,
    Sector,
    Vestiging,
    editable_in_region,
)


class OpleidingsschoolQuerySet(models.QuerySet):
    def editable_by(self, user):
        """Partnerships a user may change: the project leader's region, all for the operator."""
        return editable_in_region(self, user)


class Opleidingsschool(models.Model):
    """A partnership of schools and training institutes that trains students in practice."""

    class Status(models.TextChoices):
        ASPIRANT = "aspirant", _("Aspirant")
        ERKEND = "erkend", _("Erkend")

    regio = models.ForeignKey(
        Regio,
        on_delete=models.PROTECT,
        related_name="opleidingsscholen",
        verbose_name=_("regio"),
    )
    naam = models.CharField(_("naam"), max_length=200)
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=Status.choices,
        default=Status.ASPIRANT,
        help_text=_("Erkend onder het Kwaliteitskader Samen Opleiden en Inductie, of aspirant."),
    )
    besturen = models.ManyToManyField(
        Organisatie,
        related_name="opleidingsscholen_als_bestuur",
        limit_choices_to={"soort": OrganisatieSoort.SCHOOLBESTUUR},
        blank=True,
        verbose_name=_("deelnemende besturen"),
    )
    vestigingen = models.ManyToManyField(
        Vestiging,
        related_name="opleidingsscholen",
        blank=True,
        verbose_name=_("deelnemende scholen"),
    )
    instituten = models.ManyToManyField(
        Organisatie,
        related_name="opleidingsscholen_als_instituut",
        limit_choices_to={"soort__in": [OrganisatieSoort.LERARENOPLEIDING, OrganisatieSoort.ROC]},
        verbose_name=_("partnerinstituten"),
        help_text=_("De lerarenopleidingen (of ROC's) waarmee samen wordt opgeleid."),
    )

    objects = OpleidingsschoolQuerySet.as_manager()

    class Meta:
        ordering = ["naam"]
        verbose_name = _("opleidingsschool")
        verbose_name_plural = _("opleidingsscholen")
        constraints = [
            models.UniqueConstraint(
                fields=["regio", "naam"],
                name="opleidingsschool_naam_uniek_in_regio",
                violation_error_message=_("Deze regio heeft al een opleidingsschool met die naam."),
            )
        ]

    def __str__(self):
        return self.naam


def schooljaar_label(jaar: int) -> str:
    """2025 -> "2025/26": school years start in August."""
    return f"{jaar}/{(jaar + 1) % 100:02d}"


class StudentSoort(models.TextChoices):
    PABO_VOLTIJD = "pabo_voltijd", _("Pabo voltijd")
    PABO_DEELTIJD = "pabo_deeltijd", _("Pabo deeltijd")
    TWEEDEGRAADS = "tweedegraads", _("Tweedegraads")
    EERSTEGRAADS = "eerstegraads", _("Eerstegraads / ULO")
    ZIJ_INSTROOM = "zij_instroom", _("Zij-instroom")
    ONDERWIJSASSISTENT = "onderwijsassistent", _("Onderwijsassistent")
    OVERIG = "overig", _("Overig")


class Opleidingsplaatsen(models.Model):
    """Training places of a partnership in one school year for one kind of student."""

    opleidingsschool = models.ForeignKey(
        Opleidingsschool,
        on_delete=models.CASCADE,
        related_name="opleidingsplaatsen",
        verbose_name=_("opleidingsschool"),
    )
    schooljaar = models.PositiveSmallIntegerField(
        _("schooljaar"), help_text=_("Het beginjaar, bijv. 2025 voor 2025/26.")
    )
    soort = models.CharField(_("soort student"), max_length=20, choices=StudentSoort.choices)
    capaciteit_nu = models.PositiveIntegerField(_("plaatsen nu"))
    capaciteit_gewenst = models.PositiveIntegerField(_("plaatsen gewenst"))

    class Meta:
        ordering = ["-schooljaar", "soort"]
        verbose_name = _("opleidingsplaatsen")
        verbose_name_plural = _("opleidingsplaatsen")
        constraints = [
            models.UniqueConstraint(
                fields=["opleidingsschool", "schooljaar", "soort"],
                name="opleidingsplaatsen_een_per_jaar_en_soort",
                violation_error_message=_(
                    "Voor dit schooljaar en deze soort student zijn al plaatsen ingevuld."
                ),
            )
        ]

    def __str__(self):
        return f"{self.opleidingsschool} {self.schooljaar_label}: {self.get_soort_display()}"

    @property
    def schooljaar_label(self):
        return schooljaar_label(self.schooljaar)


class Plaatsingen(models.Model):
    """How many students and career switchers at the partnership's schools were trained inside
    the partnership in one school year, and how many outside it (the 100% ambition)."""

    opleidingsschool = models.ForeignKey(
        Opleidingsschool,
        on_delete=models.CASCADE,
        related_name="plaatsingen",
        verbose_name=_("opleidingsschool"),
    )
    schooljaar = models.PositiveSmallIntegerField(
        _("schooljaar"), help_text=_("Het beginjaar, bijv. 2025 voor 2025/26.")
    )
    studenten_binnen = models.PositiveIntegerField(_("studenten binnen de opleidingsschool"))
    studenten_buiten = models.PositiveIntegerField(_("studenten buiten de opleidingsschool"))
    zij_instromers_binnen = models.PositiveIntegerField(
        _("zij-instromers binnen de opleidingsschool")
    )
    zij_instromers_buiten = models.PositiveIntegerField(
        _("zij-instromers buiten de opleidingsschool")
    )

    class Meta:
        ordering = ["-schooljaar"]
        verbose_name = _("plaatsingen")
        verbose_name_plural = _("plaatsingen")
        constraints = [
            models.UniqueConstraint(
                fields=["opleidingsschool", "schooljaar"],
                name="plaatsingen_een_per_jaar",
                violation_error_message=_("Voor dit schooljaar zijn de plaatsingen al ingevuld."),
            )
        ]

    def __str__(self):
        return f"{self.opleidingsschool} {self.schooljaar_label}"

    @property
    def schooljaar_label(self):
        return schooljaar_label(self.schooljaar)

    @property
    def pct_studenten(self):
        return percentage(self.studenten_binnen, self.studenten_binnen + self.studenten_buiten)

    @property
    def pct_zij_instromers(self):
        return percentage(
            self.zij_instromers_binnen, self.zij_instromers_binnen + self.zij_instromers_buiten
        )

    @property
    def pct_binnen(self):
        """Students and career switchers together."""
        binnen = self.studenten_binnen + self.zij_instromers_binnen
        return percentage(binnen, binnen + self.studenten_buiten + self.zij_instromers_buiten)


def validate_has_institute(instituten) -> None:
    """A partnership trains together with at least one institute (M2M: checked in forms)."""
    if not instituten:
        raise ValidationError(
            {"instituten": _("Een opleidingsschool heeft minstens één partnerinstituut.")}
        )

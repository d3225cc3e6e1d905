"""What happens between a candidate and a vacancy: HR's shortlist, interviews and trial
lessons, and the appointment."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from regio.models import MAX_FTE, Organisatie, Vacature, Vestiging

from .traject import Kandidaat


class Shortlist(models.Model):
    """HR put a (still pseudonymised) candidate on the shortlist of one of their vacancies."""

    vacature = models.ForeignKey(
        Vacature, on_delete=models.CASCADE, related_name="shortlist", verbose_name=_("vacature")
    )
    kandidaat = models.ForeignKey(
        Kandidaat, on_delete=models.CASCADE, related_name="+", verbose_name=_("kandidaat")
    )
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("door"),
    )
    op = models.DateTimeField(_("op"), default=timezone.now)

    class Meta:
        ordering = ["-op"]
        verbose_name = _("shortlistplaats")
        verbose_name_plural = _("shortlist")
        constraints = [
            models.UniqueConstraint(
                fields=["vacature", "kandidaat"],
                name="shortlist_een_per_vacature",
                violation_error_message=_("Deze kandidaat staat al op de shortlist."),
            )
        ]

    def __str__(self):
        return f"{self.vacature} – {self.kandidaat_id}"


class Sollicitatiesoort(models.TextChoices):
    GESPREK = "gesprek", _("Sollicitatiegesprek")
    PROEFLES = "proefles", _("Proefles")


class Uitkomst(models.TextChoices):
    GEPLAND = "gepland", _("Gepland")
    POSITIEF = "positief", _("Positief")
    NEGATIEF = "negatief", _("Negatief")
    AFGEZEGD = "afgezegd", _("Afgezegd")


class Sollicitatiestap(models.Model):
    """An interview or trial lesson of a candidate at a board, recorded by its HR."""

    kandidaat = models.ForeignKey(
        Kandidaat,
        on_delete=models.CASCADE,
        related_name="sollicitatiestappen",
        verbose_name=_("kandidaat"),
    )
    vacature = models.ForeignKey(
        Vacature,
        on_delete=models.CASCADE,
        related_name="sollicitatiestappen",
        verbose_name=_("vacature"),
    )
    soort = models.CharField(_("soort"), max_length=10, choices=Sollicitatiesoort.choices)
    op = models.DateTimeField(_("datum en tijd"))
    uitkomst = models.CharField(
        _("uitkomst"), max_length=10, choices=Uitkomst.choices, default=Uitkomst.GEPLAND
    )
    notitie = models.TextField(_("notitie"), max_length=2000, blank=True)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("vastgelegd door"),
    )
    vastgelegd_op = models.DateTimeField(_("vastgelegd op"), default=timezone.now)

    class Meta:
        ordering = ["-op"]
        verbose_name = _("sollicitatiestap")
        verbose_name_plural = _("sollicitatiestappen")

    def __str__(self):
        return f"{self.get_soort_display()} {self.op:%Y-%m-%d}"


class Contractsoort(models.TextChoices):
    TIJDELIJK = "tijdelijk", _("Tijdelijk")
    TIJDELIJK_VAST = "tijdelijk_vast", _("Tijdelijk, met uitzicht op vast")
    VAST = "vast", _("Vast")
    INVAL = "inval", _("Invalpool / vervanging")


class Aanstelling(models.Model):
    """A candidate is appointed at a school: the journey moves to aanstelling and the vacancy
    (if any) is filled or reduced by the appointed fte (kandidaten.services.aanstelling_record)."""

    kandidaat = models.ForeignKey(
        Kandidaat,
        on_delete=models.CASCADE,
        related_name="aanstellingen",
        verbose_name=_("kandidaat"),
    )
    bestuur = models.ForeignKey(
        Organisatie, on_delete=models.PROTECT, related_name="+", verbose_name=_("schoolbestuur")
    )
    vestiging = models.ForeignKey(
        Vestiging, on_delete=models.PROTECT, related_name="+", verbose_name=_("school")
    )
    vacature = models.ForeignKey(
        Vacature,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="aanstellingen",
        verbose_name=_("vacature"),
    )
    startdatum = models.DateField(_("startdatum"))
    fte = models.DecimalField(_("fte"), max_digits=3, decimal_places=2)
    contractsoort = models.CharField(
        _("soort contract"), max_length=15, choices=Contractsoort.choices
    )
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("vastgelegd door"),
    )
    vastgelegd_op = models.DateTimeField(_("vastgelegd op"), default=timezone.now)

    class Meta:
        ordering = ["-vastgelegd_op"]
        verbose_name = _("aanstelling")
        verbose_name_plural = _("aanstellingen")
        constraints = [
            models.CheckConstraint(
                condition=Q(fte__gt=0) & Q(fte__lte=MAX_FTE),
                name="aanstelling_fte_tussen_0_en_1_2",
                violation_error_message=_("Het aantal fte is meer dan 0 en hoogstens 1,2."),
            )
        ]

    def __str__(self):
        return f"{self.kandidaat} – {self.vestiging.naam}"

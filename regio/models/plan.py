"""The region's plan: its lines of work (ontwikkellijnen), the activities under each, and per
quarter a progress update on every activity (voortgang)."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.utils.translation import gettext_lazy as _

from .registry import Regio, Role

TOELICHTING_MAX = 2000


def _in_own_region(queryset, user, regio_path: str):
    """The rows a user may see or change: the project leader's own region, the operator all,
    nobody else anything. `regio_path` leads from the row to its region's id."""
    if not user.is_authenticated:
        return queryset.none()
    if user.role == Role.BEHEERDER:
        return queryset
    if user.role == Role.PROJECTLEIDER and user.regio_id:
        return queryset.filter(**{regio_path: user.regio_id})
    return queryset.none()


class OntwikkellijnQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Lines of work a user may see: the project leader's region's, the operator all."""
        return _in_own_region(self, user, "regio_id")

    def editable_by(self, user):
        """Lines of work a user may change. The same people as may see them: the plan is the
        project leader's own work, and nobody else reads it outside the admin and reports."""
        return _in_own_region(self, user, "regio_id")


class Ontwikkellijn(models.Model):
    """A line of work (theme) of the region's plan, e.g. "Werven, matchen en opleiden"."""

    regio = models.ForeignKey(
        Regio,
        on_delete=models.CASCADE,
        related_name="ontwikkellijnen",
        verbose_name=_("regio"),
    )
    naam = models.CharField(
        _("naam"), max_length=150, help_text=_("Bijv. Werven, matchen en opleiden.")
    )
    omschrijving = models.TextField(
        _("omschrijving"),
        blank=True,
        help_text=_("Waar deze lijn over gaat en wat ze wil bereiken."),
    )
    volgorde = models.PositiveSmallIntegerField(
        _("volgorde"), default=0, help_text=_("Lijnen met een lager getal staan eerder.")
    )

    objects = OntwikkellijnQuerySet.as_manager()

    class Meta:
        ordering = ["volgorde", "naam"]
        verbose_name = _("ontwikkellijn")
        verbose_name_plural = _("ontwikkellijnen")
        constraints = [
            models.UniqueConstraint(
                fields=["regio", "naam"],
                name="ontwikkellijn_naam_uniek_in_regio",
                violation_error_message=_("De regio heeft al een ontwikkellijn met deze naam."),
            ),
        ]

    def __str__(self):
        return self.naam


class ActiviteitQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Activities a user may see: the project leader's region's, the operator all."""
        return _in_own_region(self, user, "ontwikkellijn__regio_id")

    def editable_by(self, user):
        """Activities a user may change: the same people as may see them."""
        return _in_own_region(self, user, "ontwikkellijn__regio_id")


class Activiteit(models.Model):
    """One activity of a line of work: what is done, when, to what end and by whom."""

    ontwikkellijn = models.ForeignKey(
        Ontwikkellijn,
        on_delete=models.CASCADE,
        related_name="activiteiten",
        verbose_name=_("ontwikkellijn"),
    )
    naam = models.CharField(_("naam"), max_length=200)
    begin = models.DateField(_("begin"), help_text=_("De eerste dag van de activiteit."))
    einde = models.DateField(_("einde"), help_text=_("De laatste dag van de activiteit."))
    beoogd_resultaat = models.TextField(
        _("beoogd resultaat"), help_text=_("Wat de activiteit moet opleveren of bereiken.")
    )
    producten = models.TextField(
        _("producten"),
        blank=True,
        help_text=_("Wat er concreet komt: een adviesdocument, een platform, een handreiking."),
    )
    eigenaar = models.CharField(
        _("eigenaar"),
        max_length=150,
        help_text=_("Wie de activiteit trekt: een persoon, werkgroep of organisatie."),
    )
    volgorde = models.PositiveSmallIntegerField(
        _("volgorde"), default=0, help_text=_("Activiteiten met een lager getal staan eerder.")
    )

    objects = ActiviteitQuerySet.as_manager()

    class Meta:
        ordering = ["volgorde", "naam"]
        verbose_name = _("activiteit")
        verbose_name_plural = _("activiteiten")
        constraints = [
            models.CheckConstraint(
                condition=Q(einde__gte=F("begin")),
                name="activiteit_einde_niet_voor_begin",
                violation_error_message=_("Het einde van een activiteit ligt niet vóór het begin."),
            ),
        ]

    def __str__(self):
        return self.naam


class VoortgangStatus(models.TextChoices):
    OP_KOERS = "op_koers", _("Op koers")
    RISICO = "risico", _("Risico")
    ACHTER = "achter", _("Achter op schema")
    KLAAR = "klaar", _("Afgerond")


class Voortgang(models.Model):
    """How an activity stood in one quarter, as its project leader reported it."""

    activiteit = models.ForeignKey(
        Activiteit,
        on_delete=models.CASCADE,
        related_name="voortgang",
        verbose_name=_("activiteit"),
    )
    jaar = models.PositiveSmallIntegerField(_("jaar"))
    kwartaal = models.PositiveSmallIntegerField(_("kwartaal"))
    status = models.CharField(_("status"), max_length=20, choices=VoortgangStatus.choices)
    toelichting = models.TextField(
        _("toelichting"),
        blank=True,
        max_length=TOELICHTING_MAX,
        help_text=_("Kort: wat er bereikt is, wat knelt en wat er nu gebeurt."),
    )
    bijgewerkt_op = models.DateTimeField(_("bijgewerkt op"), auto_now=True)
    bijgewerkt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("bijgewerkt door"),
    )

    class Meta:
        ordering = ["-jaar", "-kwartaal"]
        verbose_name = _("voortgang")
        verbose_name_plural = _("voortgang")
        constraints = [
            models.UniqueConstraint(
                fields=["activiteit", "jaar", "kwartaal"],
                name="voortgang_een_per_kwartaal",
                violation_error_message=_("Deze activiteit heeft voor dit kwartaal al voortgang."),
            ),
            models.CheckConstraint(
                condition=Q(kwartaal__gte=1) & Q(kwartaal__lte=4),
                name="voortgang_kwartaal_1_tot_4",
                violation_error_message=_("Een kwartaal is 1, 2, 3 of 4."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=VoortgangStatus.values),
                name="voortgang_status_bekend",
                violation_error_message=_("Kies een van de statussen."),
            ),
            # A TextField's max_length only reaches forms; this keeps the report's note short
            # whatever writes the row.
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("toelichting"), TOELICHTING_MAX),
                name="voortgang_toelichting_max_2000",
                violation_error_message=_("Een toelichting is hoogstens 2000 tekens lang."),
            ),
        ]

    def __str__(self):
        return f"{self.activiteit} {self.jaar}-K{self.kwartaal}"

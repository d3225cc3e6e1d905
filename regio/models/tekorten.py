"""Hidden-shortage returns: once per quarter each board tells the region its employment and
its hidden shortages (verborgen tekorten), per function and subject."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .registry import Organisatie, OrganisatieSoort, Regio, Role, Sector
from .vacatures import Functie, Vak


def kwartaal_van(dag: datetime.date) -> tuple[int, int]:
    """(year, quarter) that `dag` falls in."""
    return dag.year, (dag.month - 1) // 3 + 1


def eerste_dag(jaar: int, kwartaal: int) -> datetime.date:
    """The first day of a quarter."""
    return datetime.date(jaar, 3 * kwartaal - 2, 1)


def laatste_dag(jaar: int, kwartaal: int) -> datetime.date:
    """The last day of a quarter: the reference date (peildatum) of its figures."""
    if kwartaal == 4:
        return datetime.date(jaar, 12, 31)
    return datetime.date(jaar, 3 * kwartaal + 1, 1) - datetime.timedelta(days=1)


class KwartaalAfsluiting(models.Model):
    """A region's quarter has been reported: its boards' returns for it are final from now on,
    so a report made again later shows the same figures."""

    regio = models.ForeignKey(
        Regio,
        on_delete=models.CASCADE,
        related_name="afgesloten_kwartalen",
        verbose_name=_("regio"),
    )
    jaar = models.PositiveSmallIntegerField(_("jaar"))
    kwartaal = models.PositiveSmallIntegerField(_("kwartaal"))
    afgesloten_op = models.DateTimeField(_("afgesloten op"), default=timezone.now)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("door"),
    )

    class Meta:
        ordering = ["-jaar", "-kwartaal"]
        verbose_name = _("afgesloten kwartaal")
        verbose_name_plural = _("afgesloten kwartalen")
        constraints = [
            models.UniqueConstraint(
                fields=["regio", "jaar", "kwartaal"],
                name="kwartaalafsluiting_een_per_regio",
                violation_error_message=_("Dit kwartaal is al afgesloten."),
            ),
            models.CheckConstraint(
                condition=Q(kwartaal__gte=1) & Q(kwartaal__lte=4),
                name="kwartaalafsluiting_kwartaal_1_tot_4",
                violation_error_message=_("Een kwartaal is 1, 2, 3 of 4."),
            ),
        ]

    def __str__(self):
        return f"{self.regio} {self.jaar}-K{self.kwartaal}"


class TekortOpgaveQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Returns a user may see: HR their own board's, a project leader their region's,
        the operator all."""
        if not user.is_authenticated:
            return self.none()
        if user.role == Role.BEHEERDER:
            return self
        if user.role == Role.HR and user.organisatie_id:
            return self.filter(bestuur_id=user.organisatie_id)
        if user.role == Role.PROJECTLEIDER:
            return self.filter(bestuur__regio_id=user.regio_id)
        return self.none()

    def editable_by(self, user):
        """Returns a user may correct: HR their own board's, the operator all; never once
        the region has reported the quarter (see TekortOpgave.is_definitief)."""
        if not user.is_authenticated or user.role not in (Role.HR, Role.BEHEERDER):
            return self.none()
        afgesloten = KwartaalAfsluiting.objects.filter(
            regio_id=models.OuterRef("bestuur__regio_id"),
            jaar=models.OuterRef("jaar"),
            kwartaal=models.OuterRef("kwartaal"),
        )
        return self.visible_to(user).exclude(models.Exists(afgesloten))


class TekortOpgave(models.Model):
    """One board's return for one quarter; its lines hold the figures."""

    bestuur = models.ForeignKey(
        Organisatie,
        on_delete=models.PROTECT,
        related_name="tekortopgaven",
        limit_choices_to={"soort": OrganisatieSoort.SCHOOLBESTUUR},
        verbose_name=_("schoolbestuur"),
    )
    jaar = models.PositiveSmallIntegerField(_("jaar"))
    kwartaal = models.PositiveSmallIntegerField(_("kwartaal"))
    ingediend_op = models.DateTimeField(_("ingediend op"), default=timezone.now)
    ingediend_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ingediend door"),
    )
    gewijzigd_op = models.DateTimeField(_("laatst gewijzigd op"), default=timezone.now)

    objects = TekortOpgaveQuerySet.as_manager()

    class Meta:
        ordering = ["-jaar", "-kwartaal", "bestuur__naam"]
        verbose_name = _("tekortopgave")
        verbose_name_plural = _("tekortopgaven")
        constraints = [
            models.UniqueConstraint(
                fields=["bestuur", "jaar", "kwartaal"],
                name="tekortopgave_een_per_kwartaal",
                violation_error_message=_("Dit bestuur heeft voor dit kwartaal al een opgave."),
            ),
            models.CheckConstraint(
                condition=Q(kwartaal__gte=1) & Q(kwartaal__lte=4),
                name="tekortopgave_kwartaal_1_tot_4",
                violation_error_message=_("Een kwartaal is 1, 2, 3 of 4."),
            ),
        ]

    def __str__(self):
        return f"{self.bestuur} {self.jaar}-K{self.kwartaal}"

    @property
    def peildatum(self) -> datetime.date:
        return laatste_dag(self.jaar, self.kwartaal)

    def is_definitief(self) -> bool:
        return KwartaalAfsluiting.objects.filter(
            regio_id=self.bestuur.regio_id, jaar=self.jaar, kwartaal=self.kwartaal
        ).exists()


# The kinds of hidden shortage a return distinguishes, in the order a form shows them.
VERBORGEN_SOORTEN = [
    "onbevoegd_fte",
    "anders_bevoegd_fte",
    "samengevoegd_fte",
    "lesuitval_fte",
    "overig_fte",
]


def _fte_field(label, help_text=""):
    return models.DecimalField(
        label, max_digits=7, decimal_places=2, default=0, help_text=help_text
    )


class TekortRegel(models.Model):
    """One line of a return: for one sector, function and (for teachers in vo/mbo) subject,
    the employment and the hidden shortage in fte by kind, and how the hidden posts are
    filled: by a qualified or by an unqualified person."""

    opgave = models.ForeignKey(
        TekortOpgave, on_delete=models.CASCADE, related_name="regels", verbose_name=_("opgave")
    )
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    functie = models.CharField(_("functie"), max_length=20, choices=Functie.choices)
    vak = models.ForeignKey(
        Vak,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("vak"),
    )
    werkgelegenheid_fte = _fte_field(
        _("werkgelegenheid (fte)"), _("Alle fte in deze functie (en dit vak) bij het bestuur.")
    )
    onbevoegd_fte = _fte_field(_("ingevuld door een onbevoegde (fte)"))
    anders_bevoegd_fte = _fte_field(_("ingevuld door een anders bevoegde (fte)"))
    samengevoegd_fte = _fte_field(_("klassen samengevoegd (fte)"))
    lesuitval_fte = _fte_field(_("lessen uitgevallen (fte)"))
    overig_fte = _fte_field(_("overig verborgen tekort (fte)"))
    ingevuld_bevoegd_fte = _fte_field(
        _("verborgen tekort ingevuld door een bevoegde (fte)"),
        _("Welk deel van het verborgen tekort een bevoegde persoon opvangt."),
    )
    ingevuld_onbevoegd_fte = _fte_field(
        _("verborgen tekort ingevuld door een onbevoegde (fte)"),
        _("Welk deel van het verborgen tekort een onbevoegde persoon opvangt."),
    )

    class Meta:
        ordering = ["sector", "functie", "vak__naam"]
        verbose_name = _("regel van een tekortopgave")
        verbose_name_plural = _("regels van een tekortopgave")
        constraints = [
            models.UniqueConstraint(
                fields=["opgave", "sector", "functie", "vak"],
                name="tekortregel_uniek_met_vak",
                violation_error_message=_("Deze functie en dit vak staan al in de opgave."),
            ),
            models.UniqueConstraint(
                fields=["opgave", "sector", "functie"],
                condition=Q(vak__isnull=True),
                name="tekortregel_uniek_zonder_vak",
                violation_error_message=_("Deze functie staat al in de opgave."),
            ),
            models.CheckConstraint(
                condition=Q(werkgelegenheid_fte__gte=0)
                & Q(onbevoegd_fte__gte=0)
                & Q(anders_bevoegd_fte__gte=0)
                & Q(samengevoegd_fte__gte=0)
                & Q(lesuitval_fte__gte=0)
                & Q(overig_fte__gte=0)
                & Q(ingevuld_bevoegd_fte__gte=0)
                & Q(ingevuld_onbevoegd_fte__gte=0),
                name="tekortregel_niet_negatief",
                violation_error_message=_("Een aantal fte kan niet negatief zijn."),
            ),
            models.CheckConstraint(
                condition=Q(
                    ingevuld_bevoegd_fte__lte=F("onbevoegd_fte")
                    + F("anders_bevoegd_fte")
                    + F("samengevoegd_fte")
                    + F("lesuitval_fte")
                    + F("overig_fte")
                    - F("ingevuld_onbevoegd_fte")
                ),
                name="tekortregel_invulling_binnen_verborgen_tekort",
                violation_error_message=_(
                    "Bevoegd en onbevoegd ingevuld samen zijn niet meer dan het verborgen tekort."
                ),
            ),
        ]

    def __str__(self):
        label = Functie(self.functie).label
        return f"{label} – {self.vak}" if self.vak_id else str(label)

    @property
    def verborgen_fte(self):
        return sum(getattr(self, veld) for veld in VERBORGEN_SOORTEN)

    def clean(self):
        errors = {}
        if self.vak_id and self.sector not in (Sector.VO, Sector.MBO):
            errors["vak"] = _("Een vak hoort bij het vo of mbo.")
        velden = [*VERBORGEN_SOORTEN, "ingevuld_bevoegd_fte", "ingevuld_onbevoegd_fte"]
        compleet = all(getattr(self, veld) is not None for veld in velden)
        if (
            compleet
            and self.ingevuld_bevoegd_fte + self.ingevuld_onbevoegd_fte > self.verborgen_fte
        ):
            errors["ingevuld_onbevoegd_fte"] = _(
                "Bevoegd en onbevoegd ingevuld samen zijn niet meer dan het verborgen tekort."
            )
        if errors:
            raise ValidationError(errors)

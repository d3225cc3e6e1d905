"""Vacancies of the school boards, and the subjects (vakken) they and candidates name."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .registry import Organisatie, OrganisatieSoort, Role, Sector, Vestiging

# One vacancy is at most 1.2 fte (a full-time job plus the usual extra hours in the CAO).
MAX_FTE = Decimal("1.2")


class Vak(models.Model):
    """A school subject from the list the desk manages, so vacancies, shortage returns and
    candidate profiles name the same subjects (and an import can refuse an unknown one)."""

    naam = models.CharField(_("naam"), max_length=80, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    actief = models.BooleanField(
        _("actief"), default=True, help_text=_("Alleen actieve vakken zijn te kiezen.")
    )

    class Meta:
        ordering = ["naam"]
        verbose_name = _("vak")
        verbose_name_plural = _("vakken")

    def __str__(self):
        return self.naam


class Functie(models.TextChoices):
    """Functions (functiegroepen) in schools."""

    LERAAR = "leraar", _("Leraar")
    ONDERWIJSASSISTENT = "onderwijsassistent", _("Onderwijsassistent")
    LERAARONDERSTEUNER = "leraarondersteuner", _("Leraarondersteuner")
    SCHOOLLEIDER = "schoolleider", _("Schoolleider / directeur")
    INTERN_BEGELEIDER = "intern_begeleider", _("Intern begeleider")
    OVERIG = "overig", _("Overig")


class Bevoegdheid(models.TextChoices):
    """The qualification a vacancy asks for."""

    PABO = "pabo", _("Pabo")
    EERSTEGRAADS = "eerstegraads", _("Eerstegraads")
    TWEEDEGRAADS = "tweedegraads", _("Tweedegraads")
    GEEN = "geen", _("Geen bevoegdheid vereist")


class VacatureStatus(models.TextChoices):
    CONCEPT = "concept", _("Concept")
    GEPUBLICEERD = "gepubliceerd", _("Gepubliceerd")
    VERVULD = "vervuld", _("Vervuld")
    GESLOTEN = "gesloten", _("Gesloten")


class VacatureQuerySet(models.QuerySet):
    def openbaar(self, *, op=None):
        """Vacancies anyone may see and candidates may be matched to: published, not past
        their closing date, with fte still open."""
        vandaag = op or timezone.localdate()
        return self.filter(
            status=VacatureStatus.GEPUBLICEERD, sluitdatum__gte=vandaag, fte_open__gt=0
        )

    def open_op(self, moment):
        """Vacancies that were published and not yet filled or closed at `moment` (an aware
        datetime), from their publication history, so the answer for a past moment stays the
        same after a vacancy is closed, republished or taken back to concept. A period counts
        when it began before `moment` and had not ended before it. Whether fte was still open
        then is not asked: appointments have their own dates."""
        periods = VacaturePublicatie.objects.filter(vacature=OuterRef("pk"), van__lt=moment)
        return self.filter(Exists(periods.filter(Q(tot__isnull=True) | Q(tot__gte=moment))))

    def visible_to(self, user):
        """Vacancies a user may see in the staff pages, whatever their status: HR their own
        board's; a project leader or adviser their region's; the operator all. Everyone else
        (visitors, candidates) sees only the public ones."""
        if user.is_authenticated:
            if user.role == Role.BEHEERDER:
                return self
            if user.role == Role.HR and user.organisatie_id:
                return self.filter(bestuur_id=user.organisatie_id)
            if user.role in (Role.PROJECTLEIDER, Role.LOKETADVISEUR):
                return self.filter(bestuur__regio_id=user.regio_id)
            if user.role in (Role.HR, Role.OPLEIDER):
                return self.none()
        return self.openbaar()

    def editable_by(self, user):
        """Vacancies a user may change: HR their own board's, the operator all."""
        if not user.is_authenticated:
            return self.none()
        if user.role == Role.BEHEERDER:
            return self
        if user.role == Role.HR and user.organisatie_id:
            return self.filter(bestuur_id=user.organisatie_id)
        return self.none()


class Vacature(models.Model):
    """A vacancy at one school (vestiging) of a board.

    `fte_open` is what is still to be filled: it starts at `fte` and goes down with each
    appointment (kandidaten.services.aanstelling_record), in the same transaction; at zero the
    vacancy is filled. The dates of publishing and closing are kept, so figures "as of" a day
    can be computed later: `gepubliceerd_op` / `afgesloten_op` are those of the current (or
    last) publication, and every publication is kept in `publicaties` (VacaturePublicatie),
    written by regio.vacatures.services.publicatie_begin / publicatie_einde.
    """

    bestuur = models.ForeignKey(
        Organisatie,
        on_delete=models.PROTECT,
        related_name="vacatures",
        limit_choices_to={"soort": OrganisatieSoort.SCHOOLBESTUUR},
        verbose_name=_("schoolbestuur"),
    )
    vestiging = models.ForeignKey(
        Vestiging,
        on_delete=models.PROTECT,
        related_name="vacatures",
        verbose_name=_("school"),
        help_text=_("De schoollocatie waar het werk is."),
    )
    titel = models.CharField(_("titel"), max_length=150)
    functie = models.CharField(_("functie"), max_length=20, choices=Functie.choices)
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    vak = models.ForeignKey(
        Vak,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="vacatures",
        verbose_name=_("vak"),
        help_text=_("Voor vo en mbo: het vak dat gegeven wordt."),
    )
    bevoegdheid = models.CharField(
        _("vereiste bevoegdheid"), max_length=15, choices=Bevoegdheid.choices
    )
    zij_instroom = models.BooleanField(
        _("open voor zij-instromers"),
        default=False,
        help_text=_("Ook iemand die nog een bevoegdheid haalt, kan solliciteren."),
    )
    fte = models.DecimalField(
        _("fte"), max_digits=3, decimal_places=2, help_text=_("Meer dan 0 en hoogstens 1,2.")
    )
    fte_open = models.DecimalField(
        _("fte nog open"),
        max_digits=3,
        decimal_places=2,
        editable=False,
        help_text=_("Wordt lager bij elke aanstelling; nul betekent vervuld."),
    )
    salarisschaal = models.CharField(
        _("salarisschaal"), max_length=20, blank=True, help_text=_("Bijv. LB, LC of schaal 8.")
    )
    startdatum = models.DateField(_("startdatum"))
    sluitdatum = models.DateField(
        _("sluitdatum"), help_text=_("Tot en met deze dag kan er gereageerd worden.")
    )
    omschrijving = models.TextField(_("omschrijving"), max_length=8000, blank=True)
    status = models.CharField(
        _("status"), max_length=15, choices=VacatureStatus.choices, default=VacatureStatus.CONCEPT
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), default=timezone.now, editable=False)
    gepubliceerd_op = models.DateTimeField(
        _("gepubliceerd op"), null=True, blank=True, editable=False
    )
    afgesloten_op = models.DateTimeField(
        _("vervuld of gesloten op"), null=True, blank=True, editable=False
    )

    objects = VacatureQuerySet.as_manager()

    class Meta:
        ordering = ["sluitdatum", "pk"]
        verbose_name = _("vacature")
        verbose_name_plural = _("vacatures")
        constraints = [
            models.CheckConstraint(
                condition=Q(fte__gt=0) & Q(fte__lte=MAX_FTE),
                name="vacature_fte_tussen_0_en_1_2",
                violation_error_message=_("Het aantal fte is meer dan 0 en hoogstens 1,2."),
            ),
            models.CheckConstraint(
                condition=Q(fte_open__gte=0) & Q(fte_open__lte=models.F("fte")),
                name="vacature_fte_open_binnen_fte",
                violation_error_message=_("Er kan niet meer fte open staan dan de vacature had."),
            ),
            models.CheckConstraint(
                condition=Q(sluitdatum__gte=models.F("startdatum")),
                name="vacature_sluit_niet_voor_start",
                violation_error_message=_("De sluitdatum ligt niet voor de startdatum."),
            ),
        ]
        indexes = [
            models.Index(fields=["status", "sluitdatum"]),
            models.Index(fields=["bestuur", "status"]),
        ]

    def __str__(self):
        return f"{self.titel} – {self.vestiging.naam}"

    def save(self, *args, **kwargs):
        if self.fte_open is None:
            self.fte_open = self.fte
        super().save(*args, **kwargs)

    def clean(self):
        errors = {}
        if self.fte is not None and not (0 < self.fte <= MAX_FTE):
            errors["fte"] = _("Het aantal fte is meer dan 0 en hoogstens 1,2.")
        if self.startdatum and self.sluitdatum and self.sluitdatum < self.startdatum:
            errors["sluitdatum"] = _("De sluitdatum ligt niet voor de startdatum.")
        if self.vestiging_id and self.bestuur_id and self.vestiging.bestuur_id != self.bestuur_id:
            errors["vestiging"] = _("Kies een school van het eigen bestuur.")
        if self.vak_id and self.sector not in (Sector.VO, Sector.MBO):
            errors["vak"] = _("Een vak hoort bij een vacature in het vo of mbo.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_open(self):
        return (
            self.status == VacatureStatus.GEPUBLICEERD
            and self.fte_open > 0
            and self.sluitdatum >= timezone.localdate()
        )


class VacaturePublicatie(models.Model):
    """One period in which a vacancy was published: from `van` until it was filled, closed or
    taken back to concept (`tot`; empty while it is still published).

    Append-only history: a republished vacancy gets a new period instead of new dates on the
    old one, so "open on day X" (VacatureQuerySet.open_op) can be answered for any past day.
    """

    vacature = models.ForeignKey(
        Vacature,
        on_delete=models.CASCADE,
        related_name="publicaties",
        verbose_name=_("vacature"),
    )
    van = models.DateTimeField(_("gepubliceerd van"), help_text=_("Wanneer de publicatie begon."))
    tot = models.DateTimeField(
        _("gepubliceerd tot"),
        null=True,
        blank=True,
        help_text=_("Wanneer de vacature vervuld, gesloten of teruggezet werd; leeg: nog open."),
    )

    class Meta:
        ordering = ["vacature", "van", "pk"]
        verbose_name = _("publicatie van een vacature")
        verbose_name_plural = _("publicaties van vacatures")
        constraints = [
            models.CheckConstraint(
                condition=Q(tot__isnull=True) | Q(tot__gte=models.F("van")),
                name="vacaturepublicatie_tot_niet_voor_van",
                violation_error_message=_("Een publicatie eindigt niet voordat ze begon."),
            ),
            models.UniqueConstraint(
                fields=["vacature"],
                condition=Q(tot__isnull=True),
                name="vacaturepublicatie_een_open_per_vacature",
                violation_error_message=_("Deze vacature is al gepubliceerd."),
            ),
        ]
        indexes = [models.Index(fields=["vacature", "van"])]

    def __str__(self):
        def moment(value):
            return f"{timezone.localtime(value):%Y-%m-%d %H:%M}" if value else "…"

        return f"{moment(self.van)} – {moment(self.tot)}"

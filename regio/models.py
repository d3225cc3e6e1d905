"""Regions, the organisations in their registry, and the people who use the portal."""

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Sector(models.TextChoices):
    PO = "po", _("Primair onderwijs (PO)")
    SO = "so", _("Speciaal onderwijs (SO/SBO/VSO)")
    VO = "vo", _("Voortgezet onderwijs (VO)")
    MBO = "mbo", _("Middelbaar beroepsonderwijs (MBO)")
    SECTOROVERSTIJGEND = "sectoroverstijgend", _("Sectoroverstijgend")


class RegioQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Regions a user may see data of: staff of one region see that one, the operator all."""
        if not user.is_authenticated:
            return self.none()
        if user.role == Role.BEHEERDER:
            return self
        if user.role in (Role.PROJECTLEIDER, Role.LOKETADVISEUR):
            return self.filter(pk=user.regio_id)
        if user.role in (Role.HR, Role.OPLEIDER):
            return self.filter(pk=user.organisatie.regio_id) if user.organisatie_id else self.none()
        return self.none()


class Regio(models.Model):
    """An onderwijsregio: the partners of one area who share one loket."""

    naam = models.CharField(_("naam"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    sector = models.CharField(
        _("sector"),
        max_length=20,
        choices=Sector.choices,
        help_text=_("De sector(en) waarvoor de regio een aanpak heeft."),
    )

    objects = RegioQuerySet.as_manager()

    class Meta:
        ordering = ["naam"]
        verbose_name = _("regio")
        verbose_name_plural = _("regio's")

    def __str__(self):
        return self.naam


class OrganisatieSoort(models.TextChoices):
    SCHOOLBESTUUR = "schoolbestuur", _("Schoolbestuur")
    LERARENOPLEIDING = "lerarenopleiding", _("Lerarenopleiding")
    ROC = "roc", _("ROC / mbo-instelling")
    MOBILITEITSCENTRUM = "mobiliteitscentrum", _("Mobiliteitscentrum")
    GEMEENTE = "gemeente", _("Gemeente")
    UWV = "uwv", _("UWV / Werkplein")
    OVERIG = "overig", _("Overig")


class Organisatie(models.Model):
    """A partner organisation in a region's registry (board, institute, municipality, ...)."""

    regio = models.ForeignKey(
        Regio,
        on_delete=models.PROTECT,
        related_name="organisaties",
        verbose_name=_("regio"),
        help_text=_("De regio in wiens register deze organisatie staat."),
    )
    soort = models.CharField(_("soort"), max_length=20, choices=OrganisatieSoort.choices)
    naam = models.CharField(_("naam"), max_length=200)
    plaats = models.CharField(_("plaats"), max_length=100, blank=True)
    bevoegd_gezag_nummer = models.CharField(
        _("bevoegd-gezagnummer"),
        max_length=5,
        blank=True,
        help_text=_("Het nummer van DUO waaronder een schoolbestuur bekendstaat."),
    )
    fte = models.DecimalField(
        _("fte"),
        max_digits=8,
        decimal_places=1,
        null=True,
        blank=True,
        help_text=_("Omvang van het personeel van een schoolbestuur in fte."),
    )
    leerlingen = models.PositiveIntegerField(
        _("leerlingen"),
        null=True,
        blank=True,
        help_text=_("Aantal leerlingen van een schoolbestuur."),
    )

    class Meta:
        ordering = ["naam"]
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        constraints = [
            models.UniqueConstraint(
                fields=["bevoegd_gezag_nummer"],
                condition=~Q(bevoegd_gezag_nummer=""),
                name="organisatie_bevoegd_gezag_nummer_uniek",
                violation_error_message=_("Er bestaat al een bestuur met dit bevoegd-gezagnummer."),
            ),
            models.CheckConstraint(
                condition=Q(fte__isnull=True) | Q(fte__gte=0),
                name="organisatie_fte_niet_negatief",
                violation_error_message=_("Het aantal fte kan niet negatief zijn."),
            ),
        ]
        indexes = [models.Index(fields=["regio", "soort"])]

    def __str__(self):
        return self.naam


class Vestiging(models.Model):
    """A school location, known publicly by its BRIN code and vestigingsnummer."""

    bestuur = models.ForeignKey(
        Organisatie,
        on_delete=models.PROTECT,
        related_name="vestigingen",
        limit_choices_to={"soort": OrganisatieSoort.SCHOOLBESTUUR},
        verbose_name=_("schoolbestuur"),
    )
    brin = models.CharField(_("BRIN"), max_length=4, help_text=_("Vier tekens, bijv. 12AB."))
    vestigingsnummer = models.CharField(
        _("vestigingsnummer"), max_length=2, help_text=_("Twee cijfers, bijv. 00.")
    )
    naam = models.CharField(_("naam"), max_length=200)
    gemeente = models.CharField(_("gemeente"), max_length=100)
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)

    class Meta:
        ordering = ["naam"]
        verbose_name = _("vestiging")
        verbose_name_plural = _("vestigingen")
        constraints = [
            models.UniqueConstraint(
                fields=["brin", "vestigingsnummer"],
                name="vestiging_brin_vestigingsnummer_uniek",
                violation_error_message=_("Er bestaat al een vestiging met deze BRIN-code."),
            ),
        ]

    def __str__(self):
        return f"{self.naam} ({self.brin}{self.vestigingsnummer})"

    def clean(self):
        if self.bestuur_id and self.bestuur.soort != OrganisatieSoort.SCHOOLBESTUUR:
            raise ValidationError({"bestuur": _("Een vestiging hoort bij een schoolbestuur.")})


class Role(models.TextChoices):
    KANDIDAAT = "kandidaat", _("Kandidaat")
    LOKETADVISEUR = "loketadviseur", _("Loketadviseur")
    HR = "hr", _("HR van een schoolbestuur")
    OPLEIDER = "opleider", _("Opleider / studieadviseur")
    PROJECTLEIDER = "projectleider", _("Projectleider")
    BEHEERDER = "beheerder", _("Beheerder")


STAFF_ROLES = frozenset(Role) - {Role.KANDIDAAT}

# Which membership each role needs; the database enforces it (see User.Meta).
ROLE_NEEDS_REGIO = (Role.LOKETADVISEUR, Role.PROJECTLEIDER)
ROLE_NEEDS_ORGANISATIE = {
    Role.HR: OrganisatieSoort.SCHOOLBESTUUR,
    Role.OPLEIDER: OrganisatieSoort.LERARENOPLEIDING,
}


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email, password=None, **fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.full_clean(exclude=["password"])
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **fields):
        fields["role"] = Role.BEHEERDER
        return self.create_user(email, password, **fields)


class User(AbstractBaseUser):
    """Someone who logs in, identified by e-mail, with exactly one role.

    Permissions follow from the role, not from Django's permission tables: the operator
    (beheerder) may do everything in the admin, everyone else works through the portal's
    own pages, which scope their data per role.
    """

    email = models.EmailField(_("e-mailadres"), unique=True)
    naam = models.CharField(_("naam"), max_length=150, blank=True)
    role = models.CharField(_("rol"), max_length=20, choices=Role.choices, default=Role.KANDIDAAT)
    regio = models.ForeignKey(
        Regio,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="medewerkers",
        verbose_name=_("regio"),
        help_text=_("Voor loketadviseurs en projectleiders: de regio waarvoor zij werken."),
    )
    organisatie = models.ForeignKey(
        Organisatie,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="medewerkers",
        verbose_name=_("organisatie"),
        help_text=_("Voor HR: het schoolbestuur; voor opleiders: de lerarenopleiding."),
    )
    is_active = models.BooleanField(_("actief"), default=True)
    date_joined = models.DateTimeField(_("aangemaakt"), auto_now_add=True)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = []

    class Meta:
        ordering = ["email"]
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")
        constraints = [
            models.CheckConstraint(
                condition=~Q(role__in=ROLE_NEEDS_REGIO) | Q(regio__isnull=False),
                name="user_regio_voor_regiorol",
                violation_error_message=_("Deze rol hoort bij een regio."),
            ),
            models.CheckConstraint(
                condition=~Q(role__in=list(ROLE_NEEDS_ORGANISATIE)) | Q(organisatie__isnull=False),
                name="user_organisatie_voor_organisatierol",
                violation_error_message=_("Deze rol hoort bij een organisatie."),
            ),
        ]

    def __str__(self):
        return self.naam or self.email

    def clean(self):
        super().clean()
        needed = ROLE_NEEDS_ORGANISATIE.get(self.role)
        if needed and self.organisatie_id and self.organisatie.soort != needed:
            raise ValidationError(
                {"organisatie": _("Deze rol hoort bij een %(soort)s.") % {"soort": needed.label}}
            )

    @property
    def is_staff(self):
        """Only the operator reaches Django's admin."""
        return self.is_active and self.role == Role.BEHEERDER

    @property
    def is_superuser(self):
        return self.is_staff

    @property
    def is_portal_staff(self):
        """Every role but kandidaat works with other people's data and needs MFA."""
        return self.role in STAFF_ROLES

    def has_perm(self, perm, obj=None):
        return self.is_staff

    def has_perms(self, perm_list, obj=None):
        return self.is_staff

    def has_module_perms(self, app_label):
        return self.is_staff

    def get_full_name(self):
        return self.naam or self.email

    def get_short_name(self):
        return self.naam.split(" ")[0] if self.naam else self.email

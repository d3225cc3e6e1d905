"""Regions, the organisations in their registry, and the people who use the portal."""

import re

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from regio.geo import coordinates_for


class Sector(models.TextChoices):
    PO = "po", _("Primair onderwijs (PO)")
    SO = "so", _("Speciaal onderwijs (SO/SBO/VSO)")
    VO = "vo", _("Voortgezet onderwijs (VO)")
    MBO = "mbo", _("Middelbaar beroepsonderwijs (MBO)")
    SECTOROVERSTIJGEND = "sectoroverstijgend", _("Sectoroverstijgend")


def editable_in_region(queryset, user):
    """The rows of `queryset` (which have a `regio`) that `user` may change: the registry
    of the project leader's own region, everything for the operator, nothing for others."""
    if not user.is_authenticated:
        return queryset.none()
    if user.role == Role.BEHEERDER:
        return queryset
    if user.role == Role.PROJECTLEIDER:
        return queryset.filter(regio_id=user.regio_id)
    return queryset.none()


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
    gemeenten = models.JSONField(
        _("gemeenten"),
        default=list,
        blank=True,
        help_text=_("De gemeenten van de regio; de DUO-import neemt scholen daaruit over."),
    )
    penvoerder = models.ForeignKey(
        "Organisatie",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("penvoerder"),
        help_text=_("De partner die de subsidie beheert."),
    )
    # The RAP rules: at least two thirds of the boards, together at least 1,600 fte. Kept as a
    # fraction so that 16 of 24 boards meets "two thirds" exactly, without rounding.
    buurregios = models.ManyToManyField(
        "self",
        symmetrical=True,
        blank=True,
        verbose_name=_("buurregio's"),
        help_text=_("Regio's waarmee kandidaten en vacatures gedeeld mogen worden."),
    )
    eis_besturen_teller = models.PositiveSmallIntegerField(
        _("eis besturen (teller)"),
        default=2,
        help_text=_("Minimaal aandeel deelnemende besturen: teller van de breuk, bijv. 2 van 2/3."),
    )
    eis_besturen_noemer = models.PositiveSmallIntegerField(
        _("eis besturen (noemer)"),
        default=3,
        help_text=_("Noemer van de breuk, bijv. 3 van 2/3."),
    )
    eis_minimum_fte = models.DecimalField(
        _("eis minimaal fte"),
        max_digits=8,
        decimal_places=1,
        default=1600,
        help_text=_("Minimale personeelsomvang van de deelnemende besturen samen."),
    )

    objects = RegioQuerySet.as_manager()

    class Meta:
        ordering = ["naam"]
        verbose_name = _("regio")
        verbose_name_plural = _("regio's")
        constraints = [
            models.CheckConstraint(
                condition=Q(eis_besturen_noemer__gt=0)
                & Q(eis_besturen_teller__lte=models.F("eis_besturen_noemer")),
                name="regio_eis_besturen_is_breuk",
                violation_error_message=_("De eis voor besturen moet een breuk tot 1 zijn."),
            ),
            models.CheckConstraint(
                condition=Q(eis_minimum_fte__gte=0),
                name="regio_eis_fte_niet_negatief",
                violation_error_message=_("Het minimum aantal fte kan niet negatief zijn."),
            ),
        ]

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


class Opleidingssoort(models.TextChoices):
    PABO = "pabo", _("Pabo")
    TWEEDEGRAADS = "tweedegraads", _("Tweedegraads lerarenopleiding")
    EERSTEGRAADS = "eerstegraads", _("Eerstegraads / universitaire lerarenopleiding")
    EDUCATIEVE_MASTER = "educatieve_master", _("Educatieve minor of master")
    PDG = "pdg", _("Pedagogisch-didactisch getuigschrift (PDG)")


class Opleidingsniveau(models.TextChoices):
    HBO = "hbo", _("Hbo")
    WO = "wo", _("Wo")


class OrganisatieQuerySet(models.QuerySet):
    def besturen(self):
        return self.filter(soort=OrganisatieSoort.SCHOOLBESTUUR)

    def editable_by(self, user):
        """Organisations a user may change: the project leader's region, or all for the operator."""
        return editable_in_region(self, user)


class Organisatie(models.Model):
    """A partner organisation in a region's registry (board, institute, municipality, ...).

    The registry is public: who the partners of a region are is no secret. Editing is scoped
    (see OrganisatieQuerySet.editable_by).
    """

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
    opleidingssoort = models.CharField(
        _("soort opleiding"),
        max_length=20,
        choices=Opleidingssoort.choices,
        blank=True,
        help_text=_("Voor lerarenopleidingen: welke opleiding."),
    )
    opleidingsniveau = models.CharField(
        _("niveau"),
        max_length=3,
        choices=Opleidingsniveau.choices,
        blank=True,
        help_text=_("Voor lerarenopleidingen: hbo of wo."),
    )
    adres = models.CharField(_("adres"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=7, blank=True)
    website = models.URLField(_("website"), blank=True)

    objects = OrganisatieQuerySet.as_manager()

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

    @property
    def is_bestuur(self):
        return self.soort == OrganisatieSoort.SCHOOLBESTUUR

    def clean(self):
        errors = {}
        if self.is_bestuur:
            if not self.bevoegd_gezag_nummer:
                errors["bevoegd_gezag_nummer"] = _(
                    "Een schoolbestuur heeft een bevoegd-gezagnummer."
                )
            elif not re.fullmatch(r"\d{5}", self.bevoegd_gezag_nummer):
                errors["bevoegd_gezag_nummer"] = _(
                    "Een bevoegd-gezagnummer bestaat uit vijf cijfers."
                )
        if self.soort == OrganisatieSoort.LERARENOPLEIDING and not self.opleidingssoort:
            errors["opleidingssoort"] = _("Kies welke lerarenopleiding dit is.")
        if errors:
            raise ValidationError(errors)


class Contactpersoon(models.Model):
    """Someone at a partner organisation the desk can contact."""

    organisatie = models.ForeignKey(
        Organisatie,
        on_delete=models.CASCADE,
        related_name="contactpersonen",
        verbose_name=_("organisatie"),
    )
    naam = models.CharField(_("naam"), max_length=150)
    functie = models.CharField(_("functie"), max_length=150, blank=True)
    email = models.EmailField(_("e-mailadres"), blank=True)
    telefoon = models.CharField(_("telefoon"), max_length=30, blank=True)

    class Meta:
        ordering = ["naam"]
        verbose_name = _("contactpersoon")
        verbose_name_plural = _("contactpersonen")

    def __str__(self):
        return self.naam


class DeelnameStatus(models.TextChoices):
    DEELNEMEND = "deelnemend", _("Neemt deel")
    UITGENODIGD = "uitgenodigd", _("Uitgenodigd")
    VERTROKKEN = "vertrokken", _("Vertrokken")


class Deelname(models.Model):
    """Whether an organisation takes part in a region's plan, since when, and when it signed."""

    organisatie = models.ForeignKey(
        Organisatie,
        on_delete=models.CASCADE,
        related_name="deelnames",
        verbose_name=_("organisatie"),
    )
    regio = models.ForeignKey(
        Regio, on_delete=models.CASCADE, related_name="deelnames", verbose_name=_("regio")
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=DeelnameStatus.choices,
        default=DeelnameStatus.UITGENODIGD,
    )
    sinds = models.DateField(_("sinds"), null=True, blank=True)
    ondertekend_op = models.DateField(
        _("ondertekend op"),
        null=True,
        blank=True,
        help_text=_("De datum waarop de partner het plan van aanpak ondertekende."),
    )

    class Meta:
        ordering = ["regio", "organisatie__naam"]
        verbose_name = _("deelname")
        verbose_name_plural = _("deelnames")
        constraints = [
            models.UniqueConstraint(
                fields=["organisatie", "regio"],
                name="deelname_een_per_regio",
                violation_error_message=_("Deze organisatie heeft al een deelname in deze regio."),
            )
        ]

    def __str__(self):
        return f"{self.organisatie} – {self.regio}: {self.get_status_display()}"


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
    adres = models.CharField(_("adres"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=7, blank=True)
    plaats = models.CharField(_("plaats"), max_length=100, blank=True)
    # Filled from the postcode (or else the municipality) on save, for distances in matching;
    # empty when neither is known to regio.geo.
    lat = models.FloatField(_("breedtegraad"), null=True, blank=True, editable=False)
    lon = models.FloatField(_("lengtegraad"), null=True, blank=True, editable=False)

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

    def save(self, *args, **kwargs):
        self.lat, self.lon = coordinates_for(
            postcode=self.postcode, plaats=self.plaats, gemeente=self.gemeente
        )
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"postcode", "plaats", "gemeente"} & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "lat", "lon"}
        super().save(*args, **kwargs)

    def clean(self):
        errors = {}
        if self.bestuur_id and self.bestuur.soort != OrganisatieSoort.SCHOOLBESTUUR:
            errors["bestuur"] = _("Een vestiging hoort bij een schoolbestuur.")
        if self.brin and not re.fullmatch(r"\d{2}[A-Z0-9]{2}", self.brin):
            errors["brin"] = _("Een BRIN-code bestaat uit twee cijfers en twee letters of cijfers.")
        if self.vestigingsnummer and not re.fullmatch(r"\d{2}", self.vestigingsnummer):
            errors["vestigingsnummer"] = _("Een vestigingsnummer bestaat uit twee cijfers.")
        if errors:
            raise ValidationError(errors)


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

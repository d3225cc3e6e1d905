"""Documents the desk produces in the background (PDF reports), kept per region."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kandidaten.models import Kandidaat, RouteSoort, private_storage
from regio.models import Opleidingssoort, OrganisatieSoort, Regio, Regiogroep, Role, Sector
from regio.tekorten import kwartaal_label


class RapportQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Reports are for the region's project leader and the operator."""
        if not user.is_authenticated or user.role not in (Role.PROJECTLEIDER, Role.BEHEERDER):
            return self.none()
        return self.filter(regio__in=Regio.objects.visible_to(user))


class Rapport(models.Model):
    """A PDF rendered by a Celery worker; `task_id` ties it to the task that makes it."""

    class Soort(models.TextChoices):
        REGIO_OVERZICHT = "regio_overzicht", _("Regio-overzicht van partners")

    class Status(models.TextChoices):
        WACHT = "wacht", _("Wordt gemaakt")
        KLAAR = "klaar", _("Klaar")
        MISLUKT = "mislukt", _("Mislukt")

    regio = models.ForeignKey(
        Regio, on_delete=models.CASCADE, related_name="rapporten", verbose_name=_("regio")
    )
    soort = models.CharField(_("soort"), max_length=30, choices=Soort.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.WACHT
    )
    aangevraagd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("aangevraagd door"),
    )
    aangevraagd_op = models.DateTimeField(_("aangevraagd op"), auto_now_add=True)
    klaar_op = models.DateTimeField(_("klaar op"), null=True, blank=True)
    task_id = models.CharField(
        _("taak-id"), max_length=50, blank=True, help_text=_("Celery-taak die het maakt.")
    )
    bestand = models.FileField(_("bestand"), upload_to="rapporten/%Y/", blank=True)
    foutmelding = models.TextField(_("foutmelding"), blank=True)

    objects = RapportQuerySet.as_manager()

    class Meta:
        ordering = ["-aangevraagd_op"]
        verbose_name = _("rapport")
        verbose_name_plural = _("rapporten")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="klaar") | ~models.Q(bestand=""),
                name="rapport_klaar_heeft_bestand",
            )
        ]

    def __str__(self):
        return f"{self.get_soort_display()} – {self.regio} ({self.aangevraagd_op:%d-%m-%Y})"

    @property
    def bestandsnaam(self):
        stamp = timezone.localtime(self.aangevraagd_op)
        return f"{self.soort}-{self.regio.slug}-{stamp:%Y%m%d-%H%M}.pdf"


class KwartaalrapportageQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Project leaders see their region's reports and those of groups their region is in;
        the operator sees all."""
        if not user.is_authenticated or user.role not in (Role.PROJECTLEIDER, Role.BEHEERDER):
            return self.none()
        return self.filter(
            models.Q(regio__in=Regio.objects.visible_to(user))
            | models.Q(groep__in=Regiogroep.objects.visible_to(user))
        )

    def lopend(self):
        return self.filter(status__in=Kwartaalrapportage.LOPEND)


class Kwartaalrapportage(models.Model):
    """One version of the quarterly report of a region or a group of regions.

    Made by a Celery worker; once done, its PDF and the figures it was made from (`gegevens`,
    the snapshot the CSV/XLSX exports are made of too) never change. Asking again makes a new
    version; at most one version per region (or group) and quarter is on its way at a time.
    """

    class Status(models.TextChoices):
        WACHT = "wacht", _("In de wachtrij")
        BEZIG = "bezig", _("Wordt gemaakt")
        KLAAR = "klaar", _("Klaar")
        MISLUKT = "mislukt", _("Mislukt")

    LOPEND = (Status.WACHT, Status.BEZIG)

    regio = models.ForeignKey(
        Regio,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="kwartaalrapportages",
        verbose_name=_("regio"),
    )
    groep = models.ForeignKey(
        Regiogroep,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="kwartaalrapportages",
        verbose_name=_("groep van regio's"),
    )
    jaar = models.PositiveSmallIntegerField(_("jaar"))
    kwartaal = models.PositiveSmallIntegerField(_("kwartaal"))
    versie = models.PositiveSmallIntegerField(_("versie"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.WACHT
    )
    aangevraagd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("aangevraagd door"),
        help_text=_("Leeg: automatisch gemaakt aan het begin van het nieuwe kwartaal."),
    )
    aangevraagd_op = models.DateTimeField(_("aangevraagd op"), default=timezone.now)
    gestart_op = models.DateTimeField(_("gestart op"), null=True, blank=True)
    klaar_op = models.DateTimeField(_("klaar op"), null=True, blank=True)
    pogingen = models.PositiveSmallIntegerField(
        _("pogingen"), default=0, help_text=_("Hoe vaak een worker eraan begon.")
    )
    task_id = models.CharField(
        _("taak-id"), max_length=50, blank=True, help_text=_("Celery-taak die het maakt.")
    )
    # Outside MEDIA_ROOT, without a URL: only the download view, which checks who asks,
    # streams it.
    pdf = models.FileField(
        _("pdf"),
        storage=private_storage,
        upload_to="kwartaalrapportages/%Y/",
        max_length=255,
        blank=True,
    )
    gegevens = models.JSONField(
        _("gegevens"),
        null=True,
        blank=True,
        help_text=_("De cijfers waaruit het rapport is gemaakt."),
    )
    foutmelding = models.TextField(_("foutmelding"), blank=True)
    gemaild_op = models.DateTimeField(
        _("projectleiders gemaild op"), null=True, blank=True, editable=False
    )

    objects = KwartaalrapportageQuerySet.as_manager()

    class Meta:
        ordering = ["-jaar", "-kwartaal", "-versie", "-pk"]
        verbose_name = _("kwartaalrapportage")
        verbose_name_plural = _("kwartaalrapportages")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(regio__isnull=False, groep__isnull=True)
                | models.Q(regio__isnull=True, groep__isnull=False),
                name="kwartaalrapportage_regio_of_groep",
            ),
            models.CheckConstraint(
                condition=models.Q(kwartaal__gte=1, kwartaal__lte=4),
                name="kwartaalrapportage_kwartaal_1_tot_4",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="klaar")
                | (~models.Q(pdf="") & models.Q(gegevens__isnull=False)),
                name="kwartaalrapportage_klaar_heeft_pdf_en_gegevens",
            ),
            models.UniqueConstraint(
                fields=["regio", "jaar", "kwartaal", "versie"],
                name="kwartaalrapportage_versie_per_regio",
            ),
            models.UniqueConstraint(
                fields=["groep", "jaar", "kwartaal", "versie"],
                name="kwartaalrapportage_versie_per_groep",
            ),
            # Asking twice while one is on its way does not start a second (also under a race).
            models.UniqueConstraint(
                fields=["regio", "jaar", "kwartaal"],
                condition=models.Q(status__in=["wacht", "bezig"]),
                name="kwartaalrapportage_een_lopend_per_regio",
            ),
            models.UniqueConstraint(
                fields=["groep", "jaar", "kwartaal"],
                condition=models.Q(status__in=["wacht", "bezig"]),
                name="kwartaalrapportage_een_lopend_per_groep",
            ),
        ]
        indexes = [models.Index(fields=["status", "aangevraagd_op"])]

    def __str__(self):
        return _("%(onderwerp)s, %(kwartaal)s, versie %(versie)s") % {
            "onderwerp": self.onderwerp,
            "kwartaal": self.kwartaal_label,
            "versie": self.versie,
        }

    @property
    def onderwerp(self):
        return self.groep if self.groep_id else self.regio

    @property
    def kwartaal_label(self) -> str:
        return kwartaal_label(self.jaar, self.kwartaal)

    def bestandsnaam(self, extensie: str) -> str:
        slug = self.groep.slug if self.groep_id else self.regio.slug
        return f"kwartaalrapportage-{slug}-{self.jaar}-q{self.kwartaal}-v{self.versie}.{extensie}"


class Gespreksvorm(models.TextChoices):
    TELEFOON = "telefoon", _("Telefonisch")
    VIDEO = "video", _("Videogesprek")
    LOCATIE = "locatie", _("Op locatie")


class AdviesslotQuerySet(models.QuerySet):
    def bookable(self):
        """Future, not cancelled, and not taken by a live booking."""
        taken = Boeking.objects.filter(slot=models.OuterRef("pk")).exclude(
            status=Boeking.Status.GEANNULEERD
        )
        return self.filter(start__gt=timezone.now(), geannuleerd=False).exclude(
            models.Exists(taken)
        )


class Adviesslot(models.Model):
    """A time an adviser offers for one advice conversation."""

    adviseur = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="adviesslots",
        limit_choices_to={"role": Role.LOKETADVISEUR},
        verbose_name=_("adviseur"),
    )
    regio = models.ForeignKey(
        Regio, on_delete=models.CASCADE, related_name="adviesslots", verbose_name=_("regio")
    )
    start = models.DateTimeField(_("begint om"))
    duur_minuten = models.PositiveSmallIntegerField(_("duur (minuten)"), default=45)
    vorm = models.CharField(_("vorm"), max_length=10, choices=Gespreksvorm.choices)
    locatie = models.CharField(
        _("locatie"), max_length=200, blank=True, help_text=_("Adres bij een gesprek op locatie.")
    )
    geannuleerd = models.BooleanField(_("geannuleerd"), default=False)
    # Slots published together as a weekly series share this id, so the series can be shown
    # and withdrawn as one.
    reeks = models.UUIDField(_("reeks"), null=True, blank=True, editable=False)

    objects = AdviesslotQuerySet.as_manager()

    class Meta:
        ordering = ["start"]
        verbose_name = _("adviesmoment")
        verbose_name_plural = _("adviesmomenten")
        indexes = [
            models.Index(fields=["regio", "start"]),
            models.Index(fields=["adviseur", "start"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(duur_minuten__gte=10, duur_minuten__lte=240),
                name="adviesslot_duur_redelijk",
                violation_error_message=_("Een gesprek duurt tussen 10 en 240 minuten."),
            ),
        ]

    def __str__(self):
        return f"{self.adviseur} {timezone.localtime(self.start):%d-%m-%Y %H:%M}"


class GesprekUitkomst(models.TextChoices):
    """What an advice conversation led to; each outcome moves the journey (see services)."""

    ROUTE_GEKOZEN = "route_gekozen", _("Route gekozen: verwezen naar een opleiding")
    VERDER_ORIENTEREN = "verder_orienteren", _("Oriënteert zich verder")
    DOORVERWEZEN = "doorverwezen", _("Doorverwezen naar een andere regio of sector")
    GEEN_VERVOLG = "geen_vervolg", _("Kiest niet voor het onderwijs")
    NIET_VERSCHENEN = "niet_verschenen", _("Niet verschenen")


class BoekingQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Bookings a user may open: a candidate their own, an adviser those of their
        region's slots, the operator all; every other role none."""
        if not user.is_authenticated:
            return self.none()
        if user.role == Role.BEHEERDER:
            return self
        if user.role == Role.KANDIDAAT:
            return self.filter(kandidaat__user=user)
        if user.role == Role.LOKETADVISEUR and user.regio_id:
            return self.filter(slot__regio_id=user.regio_id)
        return self.none()


class Boeking(models.Model):
    """A candidate's booking of an advice slot. The database allows one booking per slot
    unless it was cancelled; a cancelled booking frees the slot for someone else."""

    class Status(models.TextChoices):
        GEBOEKT = "geboekt", _("Geboekt")
        GEANNULEERD = "geannuleerd", _("Geannuleerd")
        AFGEROND = "afgerond", _("Gesprek afgerond")

    slot = models.ForeignKey(
        Adviesslot, on_delete=models.PROTECT, related_name="boekingen", verbose_name=_("moment")
    )
    kandidaat = models.ForeignKey(
        Kandidaat, on_delete=models.CASCADE, related_name="boekingen", verbose_name=_("kandidaat")
    )
    vraag = models.TextField(_("vraag"), blank=True, max_length=2000)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.GEBOEKT
    )
    geboekt_op = models.DateTimeField(_("geboekt op"), auto_now_add=True)
    route = models.ForeignKey(
        "Route",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("belangstelling voor route"),
    )
    toestemming_op = models.DateTimeField(
        _("toestemming gegeven op"),
        null=True,
        blank=True,
        help_text=_("Wanneer de kandidaat instemde met het gebruik van zijn gegevens."),
    )
    geannuleerd_op = models.DateTimeField(_("geannuleerd op"), null=True, blank=True)
    herinnering_verstuurd_op = models.DateTimeField(
        _("herinnering verstuurd op"), null=True, blank=True
    )
    # Recorded by the adviser after the conversation.
    uitkomst = models.CharField(
        _("uitkomst"), max_length=20, choices=GesprekUitkomst.choices, blank=True
    )
    notities = models.TextField(_("notities van de adviseur"), blank=True, max_length=4000)
    afgerond_op = models.DateTimeField(_("afgerond op"), null=True, blank=True)

    objects = BoekingQuerySet.as_manager()

    class Meta:
        ordering = ["-geboekt_op"]
        verbose_name = _("boeking")
        verbose_name_plural = _("boekingen")
        constraints = [
            models.UniqueConstraint(
                fields=["slot"],
                condition=~models.Q(status="geannuleerd"),
                name="boeking_een_per_slot",
                violation_error_message=_("Dit moment is al geboekt."),
            )
        ]

    def __str__(self):
        return f"{self.kandidaat} – {self.slot}"


class RouteQuerySet(models.QuerySet):
    def published(self):
        return self.filter(gepubliceerd=True)


class Opleidingsniveau(models.TextChoices):
    """Highest completed education, as the route finder asks it."""

    VMBO_HAVO_VWO = "vo", _("Vmbo, havo of vwo")
    MBO = "mbo", _("Mbo")
    HBO = "hbo", _("Hbo-bachelor")
    WO_BACHELOR = "wo_bachelor", _("Wo-bachelor")
    WO_MASTER = "wo_master", _("Wo-master")


class Route(models.Model):
    """A route into education work in the desk's catalogue, managed by staff."""

    naam = models.CharField(_("naam"), max_length=150)
    slug = models.SlugField(_("slug"), max_length=150, unique=True)
    soort = models.CharField(_("soort"), max_length=25, choices=RouteSoort.choices)
    samenvatting = models.CharField(_("samenvatting"), max_length=300)
    voor_wie = models.TextField(_("voor wie"))
    # What the route finder compares the answers with.
    niveaus = models.JSONField(
        _("vooropleidingen"),
        default=list,
        help_text=_("De hoogste vooropleidingen (Opleidingsniveau) waarvoor de route openstaat."),
    )
    sectoren = models.JSONField(
        _("sectoren"), default=list, help_text=_("De sectoren (Sector) waarin de route uitkomt.")
    )
    vakverwant = models.BooleanField(
        _("vooropleiding moet bij het vak passen"),
        default=False,
        help_text=_("Bijvoorbeeld zij-instroom in het vo: je vooropleiding sluit aan op het vak."),
    )
    baan_nodig = models.BooleanField(
        _("baan in het onderwijs nodig"),
        default=False,
        help_text=_("Zij-instroom kan alleen met een aanstelling bij een school."),
    )
    alleen_onderwijspersoneel = models.BooleanField(
        _("alleen voor wie al in het onderwijs werkt"), default=False
    )
    naast_baan = models.BooleanField(_("te combineren met een baan"), default=True)
    duur = models.CharField(_("duur"), max_length=100)
    studielast = models.CharField(_("studielast naast een baan"), max_length=150)
    kosten = models.TextField(_("kosten en financiering"))
    # Which institutes of a region offer it: teacher-training institutes of these kinds, or
    # (for mbo routes) the region's ROCs.
    opleidingssoorten = models.JSONField(
        _("soorten opleiding"),
        default=list,
        blank=True,
        help_text=_("Lerarenopleidingen (Opleidingssoort) die deze route aanbieden."),
    )
    aanbieder_soort = models.CharField(
        _("aangeboden door"),
        max_length=20,
        choices=OrganisatieSoort.choices,
        default=OrganisatieSoort.LERARENOPLEIDING,
    )
    volgorde = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    gepubliceerd = models.BooleanField(_("gepubliceerd"), default=True)

    objects = RouteQuerySet.as_manager()

    class Meta:
        ordering = ["volgorde", "naam"]
        verbose_name = _("route")
        verbose_name_plural = _("routes")

    def __str__(self):
        return self.naam

    def clean(self):
        from django.core.exceptions import ValidationError

        errors = {}
        if not set(self.niveaus or []) <= set(Opleidingsniveau.values):
            errors["niveaus"] = _("Onbekende vooropleiding.")
        if not set(self.sectoren or []) <= set(Sector.values):
            errors["sectoren"] = _("Onbekende sector.")
        if not set(self.opleidingssoorten or []) <= set(Opleidingssoort.values):
            errors["opleidingssoorten"] = _("Onbekende soort opleiding.")
        if errors:
            raise ValidationError(errors)


class FaqArtikel(models.Model):
    """An article of the knowledge base (kennisbank): one question, one answer."""

    class Onderwerp(models.TextChoices):
        BEVOEGDHEID = "bevoegdheid", _("Bevoegdheid")
        ROUTES = "routes", _("Routes en opleidingen")
        STUDEREN = "studeren", _("Studeren naast je werk")
        KOSTEN = "kosten", _("Kosten en financiering")
        WERKEN = "werken", _("Werken in het onderwijs")

    vraag = models.CharField(_("vraag"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    antwoord = models.TextField(_("antwoord"))
    onderwerp = models.CharField(_("onderwerp"), max_length=20, choices=Onderwerp.choices)
    volgorde = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    gepubliceerd = models.BooleanField(_("gepubliceerd"), default=True)
    bijgewerkt_op = models.DateTimeField(_("bijgewerkt op"), auto_now=True)

    class Meta:
        ordering = ["onderwerp", "volgorde", "vraag"]
        verbose_name = _("kennisbankartikel")
        verbose_name_plural = _("kennisbankartikelen")

    def __str__(self):
        return self.vraag


class EvenementQuerySet(models.QuerySet):
    def upcoming(self):
        return self.filter(gepubliceerd=True, geannuleerd=False, start__gt=timezone.now())


class Evenement(models.Model):
    """An information evening (or online session) with a fixed number of places."""

    regio = models.ForeignKey(
        Regio, on_delete=models.CASCADE, related_name="evenementen", verbose_name=_("regio")
    )
    titel = models.CharField(_("titel"), max_length=200)
    beschrijving = models.TextField(_("beschrijving"), blank=True)
    start = models.DateTimeField(_("begint om"))
    eind = models.DateTimeField(_("eindigt om"))
    locatie = models.CharField(
        _("locatie"), max_length=200, help_text=_("Adres, of 'Online' met de link in de mail.")
    )
    capaciteit = models.PositiveIntegerField(_("aantal plaatsen"))
    gepubliceerd = models.BooleanField(_("gepubliceerd"), default=True)
    geannuleerd = models.BooleanField(_("geannuleerd"), default=False)

    objects = EvenementQuerySet.as_manager()

    class Meta:
        ordering = ["start"]
        verbose_name = _("informatiebijeenkomst")
        verbose_name_plural = _("informatiebijeenkomsten")
        indexes = [models.Index(fields=["regio", "start"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(eind__gt=models.F("start")),
                name="evenement_eind_na_start",
                violation_error_message=_("Een bijeenkomst eindigt na het begin."),
            ),
            models.CheckConstraint(
                condition=models.Q(capaciteit__gte=1),
                name="evenement_capaciteit_positief",
                violation_error_message=_("Een bijeenkomst heeft minstens één plaats."),
            ),
        ]

    def __str__(self):
        return self.titel


class Aanmelding(models.Model):
    """A candidate's sign-up for an event; one live sign-up per candidate per event."""

    class Status(models.TextChoices):
        AANGEMELD = "aangemeld", _("Aangemeld")
        AFGEMELD = "afgemeld", _("Afgemeld")

    evenement = models.ForeignKey(
        Evenement,
        on_delete=models.CASCADE,
        related_name="aanmeldingen",
        verbose_name=_("bijeenkomst"),
    )
    kandidaat = models.ForeignKey(
        Kandidaat,
        on_delete=models.CASCADE,
        related_name="aanmeldingen",
        verbose_name=_("kandidaat"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.AANGEMELD
    )
    aangemeld_op = models.DateTimeField(_("aangemeld op"), default=timezone.now)

    class Meta:
        ordering = ["aangemeld_op"]
        verbose_name = _("aanmelding")
        verbose_name_plural = _("aanmeldingen")
        constraints = [
            models.UniqueConstraint(
                fields=["evenement", "kandidaat"],
                condition=models.Q(status="aangemeld"),
                name="aanmelding_een_per_kandidaat",
                violation_error_message=_("Je bent al aangemeld voor deze bijeenkomst."),
            )
        ]

    def __str__(self):
        return f"{self.kandidaat} – {self.evenement}"


class UitgaandQuerySet(models.QuerySet):
    def wachtend(self):
        return self.filter(verstuurd_op__isnull=True)


class Uitgaand(models.Model):
    """A task that could not be handed to the broker (Redis down), kept until it can.

    loket.uitgaand writes it and sends it later under the same task id, so a task sent
    twice (a flush that dies after sending) is still one task for the idempotent workers.
    """

    taak = models.CharField(_("taak"), max_length=200, help_text=_("Naam van de Celery-taak."))
    args = models.JSONField(_("argumenten"), default=list, blank=True)
    kwargs = models.JSONField(_("benoemde argumenten"), default=dict, blank=True)
    task_id = models.CharField(_("taak-id"), max_length=255, unique=True)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    verstuurd_op = models.DateTimeField(_("verstuurd op"), null=True, blank=True)
    pogingen = models.PositiveIntegerField(
        _("pogingen"), default=0, help_text=_("Hoe vaak versturen is mislukt.")
    )
    foutmelding = models.TextField(_("foutmelding"), blank=True)

    objects = UitgaandQuerySet.as_manager()

    class Meta:
        ordering = ["aangemaakt_op", "pk"]
        verbose_name = _("uitgaande taak")
        verbose_name_plural = _("uitgaande taken")
        indexes = [
            models.Index(
                fields=["aangemaakt_op"],
                condition=models.Q(verstuurd_op__isnull=True),
                name="uitgaand_wachtend_idx",
            )
        ]

    def __str__(self):
        return f"{self.taak} ({self.task_id})"

"""Candidates and their journey, consent and documents: the current stage, the append-only
timeline, and what the candidate allowed others to see."""

import uuid
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import storages
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from regio.geo import coordinates_for
from regio.models import (
    Functie,
    Organisatie,
    OrganisatieSoort,
    Regio,
    Role,
    Sector,
    Vacature,
    Vak,
)

from ..fields import KeuzesField


class Fase(models.TextChoices):
    """Stages of the journey (klantreis); the last three are side tracks, not steps."""

    ORIENTATIE = "orientatie", _("Oriëntatie")
    ADVIES = "advies", _("Advies")
    ROUTE_TOELATING = "route_toelating", _("Route & toelating")
    MATCHING = "matching", _("Matching")
    AANSTELLING = "aanstelling", _("Aanstelling")
    OPLEIDING_INDUCTIE = "opleiding_inductie", _("Opleiding & inductie")
    GEPAUZEERD = "gepauzeerd", _("Gepauzeerd")
    UITGEVALLEN = "uitgevallen", _("Uitgevallen")
    DOORVERWEZEN = "doorverwezen", _("Doorverwezen")


class RouteSoort(models.TextChoices):
    """Kinds of route into education work; the desk's catalogue (loket.Route) describes each."""

    ZIJ_INSTROOM = "zij_instroom", _("Zij-instroom")
    DEELTIJD_PABO = "deeltijd_pabo", _("Deeltijd pabo")
    DEELTIJD_TWEEDEGRAADS = "deeltijd_tweedegraads", _("Deeltijd tweedegraads lerarenopleiding")
    UNIVERSITAIR = "universitair", _("Universitaire lerarenopleiding of educatieve master")
    KORT_ACADEMICI = "kort_academici", _("Kort traject voor academici")
    ONDERWIJSASSISTENT = "onderwijsassistent", _("Onderwijsassistent (mbo)")
    LERAARONDERSTEUNER = "leraarondersteuner", _("Associate degree leraarondersteuner")
    SCHOOLLEIDER = "schoolleider", _("Schoolleidersopleiding")


class Toelating(models.TextChoices):
    """Admissibility outcomes of the suitability assessment, as seed 003 names them."""

    MET_BAAN = "met_baan", _("Toelaatbaar, met baan")
    ZONDER_BAAN = "zonder_baan", _("Toelaatbaar, zonder baan")
    REGULIER = "regulier", _("Toelaatbaar, maar gaat reguliere opleiding doen")
    UITSTEL = "uitstel", _("Toelaatbaar, maar stelt opleiding uit")
    LANG_TRAJECT = (
        "lang_traject",
        _(
            "Niet direct toelaatbaar: tweedegraads zonder wo-master, lang traject"
            " (premaster en master)"
        ),
    )
    DOORVERWEZEN = (
        "doorverwezen",
        _("Niet direct toelaatbaar: doorverwezen naar een andere opleiding of sector"),
    )
    VAKTOETS = "vaktoets", _("Niet direct toelaatbaar: wo-opgeleid, nog vaktoetsing")
    DEFICIENTIES = (
        "deficienties",
        _("Niet direct toelaatbaar: wo-opgeleid, eerst deficiënties wegwerken"),
    )

    @classmethod
    def toelaatbaar(cls):
        return {cls.MET_BAAN, cls.ZONDER_BAAN, cls.REGULIER, cls.UITSTEL}


class Vooropleiding(models.TextChoices):
    MBO = "mbo", _("Mbo")
    HBO = "hbo", _("Hbo-bachelor")
    WO_BACHELOR = "wo_bachelor", _("Wo-bachelor")
    WO_MASTER = "wo_master", _("Wo-master")
    ANDERS = "anders", _("Anders")


# Stages in which a candidate is looking for a school: matching offers them vacancies.
ZOEKENDE_FASEN = (Fase.ADVIES, Fase.ROUTE_TOELATING, Fase.MATCHING)

# The farthest a candidate can say they would travel; matching searches no wider.
MAX_AFSTAND_KM = 150


class KandidaatQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Candidates a user may see, decided here for every page, export and task.

        - a candidate: themself;
        - an adviser: the candidates of their region, those another region referred to
          theirs (a referral step naming their region), and those introduced to a board of
          their region from elsewhere and accepted (a cross-region match);
        - an opleider: the candidates referred to their institute;
        - HR: the candidates who accepted an introduction to their board (before that, HR
          sees only pseudonymised matches: see `deelbaar_met`);
        - the operator: all; a project leader: none (only figures).

        Institutes and boards never see an erased candidate: what is left of them is the
        anonymous journey, which only the desk's figures need.
        """
        if not user.is_authenticated:
            return self.none()
        if user.role == Role.BEHEERDER:
            return self
        if user.role == Role.KANDIDAAT:
            return self.filter(user=user)
        if user.role == Role.LOKETADVISEUR:
            # Exists, not a join: a join on events would repeat a candidate per event.
            referred_here = TrajectEvent.objects.filter(
                kandidaat=models.OuterRef("pk"),
                naar=Fase.DOORVERWEZEN,
                naar_regio_id=user.regio_id,
            )
            # Only once the candidate accepted: an invitation alone shares nothing yet.
            introduced_here = Introductie.objects.filter(
                kandidaat=models.OuterRef("pk"),
                bestuur__regio_id=user.regio_id,
                status=IntroductieStatus.GEACCEPTEERD,
            )
            return self.filter(
                models.Q(regio_id=user.regio_id)
                | models.Exists(referred_here)
                | models.Exists(introduced_here)
            )
        if user.role == Role.OPLEIDER and user.organisatie_id:
            return self.filter(opleiding_id=user.organisatie_id, gewist_op__isnull=True)
        if user.role == Role.HR and user.organisatie_id:
            accepted = Introductie.objects.filter(
                kandidaat=models.OuterRef("pk"),
                bestuur_id=user.organisatie_id,
                status=IntroductieStatus.GEACCEPTEERD,
            )
            return self.filter(models.Exists(accepted), gewist_op__isnull=True)
        return self.none()

    def deelbaar_met(self, bestuur: Organisatie):
        """Candidates whose profile a board's HR may see in matching, pseudonymised: those
        who consented to share it with schools of their own region (the board's), or also
        with neighbouring regions (a board of a neighbouring region), who are looking for
        work (advice up to matching) and not erased. Withdrawn consent takes effect at once:
        every HR list is built from this."""
        return self.filter(
            models.Q(regio_id=bestuur.regio_id, deel_met_regio=True)
            | models.Q(
                regio_id__in=Regio.buurregios.through.objects.filter(
                    from_regio_id=bestuur.regio_id
                ).values("to_regio_id"),
                deel_met_buurregios=True,
            ),
            fase__in=ZOEKENDE_FASEN,
            gewist_op__isnull=True,
            user__isnull=False,
        )


class Kandidaat(models.Model):
    """Someone on their way into education work, followed by the desk of one region."""

    # Empty once the candidate's personal data is erased: the anonymous journey stays, so the
    # region's figures for past quarters do not change.
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="kandidaat",
        verbose_name=_("account"),
    )
    telefoon = models.CharField(_("telefoonnummer"), max_length=20, blank=True)
    regio = models.ForeignKey(
        Regio,
        on_delete=models.PROTECT,
        related_name="kandidaten",
        verbose_name=_("regio"),
        help_text=_("De regio wiens loket de kandidaat begeleidt."),
    )
    adviseur = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="kandidaten_als_adviseur",
        limit_choices_to={"role": Role.LOKETADVISEUR},
        verbose_name=_("adviseur"),
    )
    fase = models.CharField(
        _("fase"),
        max_length=20,
        choices=Fase.choices,
        default=Fase.ORIENTATIE,
        help_text=_("Wordt alleen gewijzigd via een stap in het traject (zie TrajectEvent)."),
    )
    fase_sinds = models.DateTimeField(_("in deze fase sinds"), default=timezone.now)
    aangemeld_op = models.DateTimeField(_("aangemeld op"), default=timezone.now)

    # What the candidate is looking for: the route finder's answers and the matching profile
    # (see kandidaten.matching), kept by the candidate.
    sectoren = KeuzesField(_("gewenste sectoren"), keuzes=Sector.choices)
    functies = KeuzesField(_("gewenste functies"), keuzes=Functie.choices)
    vak = models.CharField(
        _("vak"),
        max_length=100,
        blank=True,
        help_text=_("Het vak dat de kandidaat wil geven, in eigen woorden."),
    )
    vakken = models.ManyToManyField(
        Vak,
        blank=True,
        related_name="kandidaten",
        verbose_name=_("vakken"),
        help_text=_("De vakken die de kandidaat zou kunnen geven."),
    )
    vooropleiding = models.CharField(
        _("vooropleiding"), max_length=15, choices=Vooropleiding.choices, blank=True
    )
    vakgebied = models.CharField(
        _("vakgebied"),
        max_length=120,
        blank=True,
        help_text=_("Waarin de kandidaat is opgeleid, bijv. werktuigbouwkunde."),
    )
    postcode = models.CharField(_("postcode"), max_length=7, blank=True)
    woonplaats = models.CharField(_("woonplaats"), max_length=100, blank=True)
    # From the postcode (or else the place) on save; empty when regio.geo does not know it.
    lat = models.FloatField(_("breedtegraad"), null=True, blank=True, editable=False)
    lon = models.FloatField(_("lengtegraad"), null=True, blank=True, editable=False)
    max_afstand_km = models.PositiveSmallIntegerField(
        _("maximale reisafstand (km)"),
        default=25,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_AFSTAND_KM)],
    )
    fte_gewenst = models.DecimalField(
        _("gewenste omvang (fte)"),
        max_digits=3,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.1")), MaxValueValidator(Decimal("1.2"))],
    )
    beschikbaar_vanaf = models.DateField(_("beschikbaar vanaf"), null=True, blank=True)

    # Route & toelating: the route chosen, the institute the desk referred the candidate to,
    # and that institute's admissibility outcome.
    route = models.CharField(_("route"), max_length=25, choices=RouteSoort.choices, blank=True)
    opleiding = models.ForeignKey(
        Organisatie,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="verwezen_kandidaten",
        limit_choices_to={"soort": OrganisatieSoort.LERARENOPLEIDING},
        verbose_name=_("verwezen naar opleiding"),
    )
    toelating = models.CharField(
        _("toelating"), max_length=20, choices=Toelating.choices, blank=True
    )
    toelating_op = models.DateTimeField(_("toelating vastgelegd op"), null=True, blank=True)

    # Consent, each given by the candidate and changeable by them at any time.
    deel_met_regio = models.BooleanField(
        _("profiel delen met scholen in mijn regio"), default=False
    )
    deel_met_buurregios = models.BooleanField(
        _("profiel ook delen met scholen in de buurregio's"), default=False
    )
    bewaren_na_afloop = models.BooleanField(
        _("gegevens bewaren na afloop (hoogstens een jaar)"), default=False
    )
    herinneringen = models.BooleanField(_("vriendelijke herinneringen per e-mail"), default=False)
    toestemming_gewijzigd_op = models.DateTimeField(
        _("toestemming gewijzigd op"), null=True, blank=True
    )

    # Follow-up: the last thing that happened, when the candidate was found stalled, and when
    # the adviser and the candidate were last nudged about it.
    laatste_activiteit = models.DateTimeField(_("laatste activiteit"), default=timezone.now)
    stil_sinds = models.DateTimeField(_("stilgevallen sinds"), null=True, blank=True)
    adviseur_herinnerd_op = models.DateTimeField(_("adviseur herinnerd op"), null=True, blank=True)
    kandidaat_herinnerd_op = models.DateTimeField(
        _("kandidaat herinnerd op"), null=True, blank=True
    )

    # Retention: when the procedure ended (dropped out or referred away) and when the personal
    # data was erased.
    afgerond_op = models.DateTimeField(_("procedure beëindigd op"), null=True, blank=True)
    gewist_op = models.DateTimeField(_("persoonsgegevens gewist op"), null=True, blank=True)

    objects = KandidaatQuerySet.as_manager()

    class Meta:
        ordering = ["-aangemeld_op"]
        verbose_name = _("kandidaat")
        verbose_name_plural = _("kandidaten")
        indexes = [
            models.Index(fields=["regio", "fase"]),
            models.Index(fields=["regio", "stil_sinds"]),
            models.Index(fields=["afgerond_op"]),
        ]

    def __str__(self):
        return (
            str(self.user)
            if self.user_id
            else _("Kandidaat %(nummer)s (gewist)") % {"nummer": self.pk}
        )

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if update_fields is None or {"postcode", "woonplaats"} & set(update_fields):
            self.lat, self.lon = coordinates_for(postcode=self.postcode, plaats=self.woonplaats)
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "lat", "lon"}
        super().save(*args, **kwargs)


class Uitvalreden(models.Model):
    """A reason why candidates drop out, from a list the desk manages."""

    naam = models.CharField(_("naam"), max_length=120, unique=True)
    actief = models.BooleanField(
        _("actief"), default=True, help_text=_("Alleen actieve redenen zijn te kiezen.")
    )

    class Meta:
        ordering = ["naam"]
        verbose_name = _("uitvalreden")
        verbose_name_plural = _("uitvalredenen")

    def __str__(self):
        return self.naam


class EventSoort(models.TextChoices):
    STAP = "stap", _("Stap in het traject")
    GESPREK = "gesprek", _("Adviesgesprek")
    TOELATING = "toelating", _("Toelating")
    INTRODUCTIE = "introductie", _("Introductie bij een school")
    EVENEMENT = "evenement", _("Informatiebijeenkomst")
    VERWIJZING = "verwijzing", _("Verwezen naar een opleiding")
    ADVISEUR = "adviseur", _("Nieuwe adviseur")
    SOLLICITATIE = "sollicitatie", _("Sollicitatiegesprek")
    PROEFLES = "proefles", _("Proefles")
    AANSTELLING = "aanstelling", _("Aanstelling")


class TrajectEvent(models.Model):
    """One thing that happened in a candidate's journey: a move between stages (soort=stap) or
    a milestone within a stage (a conversation, a referral to an institute, an admissibility
    outcome, an introduction, a new adviser).

    Append-only: rows are never changed or deleted; the candidate's current stage is written in
    the same transaction as a move (see services). Milestones keep van == naar. A milestone's
    institute or board, outcome and route are fields, not personal data: erasing a candidate
    blanks only the note.
    """

    kandidaat = models.ForeignKey(
        Kandidaat, on_delete=models.CASCADE, related_name="events", verbose_name=_("kandidaat")
    )
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("door"),
        help_text=_("Wie de stap zette; leeg als het systeem hem zette."),
    )
    soort = models.CharField(
        _("soort"), max_length=12, choices=EventSoort.choices, default=EventSoort.STAP
    )
    van = models.CharField(_("van"), max_length=20, choices=Fase.choices, blank=True)
    naar = models.CharField(_("naar"), max_length=20, choices=Fase.choices)
    op = models.DateTimeField(_("op"), default=timezone.now)
    reden = models.ForeignKey(
        Uitvalreden,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("reden"),
    )
    naar_regio = models.ForeignKey(
        Regio,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("doorverwezen naar regio"),
    )
    organisatie = models.ForeignKey(
        Organisatie,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisatie"),
        help_text=_(
            "De opleiding (verwijzing, toelating) of het schoolbestuur (introductie) waar het"
            " om gaat."
        ),
    )
    vacature = models.ForeignKey(
        Vacature,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("vacature"),
        help_text=_("De vacature waar een introductie, sollicitatie of aanstelling om gaat."),
    )
    toelating = models.CharField(
        _("toelating"),
        max_length=20,
        choices=Toelating.choices,
        blank=True,
        help_text=_("De uitkomst van het geschiktheidsonderzoek (alleen bij een toelating)."),
    )
    route = models.CharField(
        _("route"),
        max_length=25,
        choices=RouteSoort.choices,
        blank=True,
        help_text=_("De route waarvoor de kandidaat verwezen is (alleen bij een verwijzing)."),
    )
    toelichting = models.TextField(_("toelichting"), blank=True, max_length=4000)

    class Meta:
        ordering = ["op", "pk"]
        verbose_name = _("trajectstap")
        verbose_name_plural = _("trajectstappen")
        indexes = [
            models.Index(fields=["kandidaat", "op"]),
            models.Index(fields=["naar", "op"]),
        ]

    def __str__(self):
        return f"{self.kandidaat}: {self.van or '–'} → {self.naar}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValidationError(_("Een stap in het traject kan niet worden gewijzigd."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(_("Een stap in het traject kan niet worden verwijderd."))


class IntroductieStatus(models.TextChoices):
    VOORGESTELD = "voorgesteld", _("Voorgesteld, wacht op de kandidaat")
    GEACCEPTEERD = "geaccepteerd", _("Geaccepteerd door de kandidaat")
    AFGEWEZEN = "afgewezen", _("Afgewezen door de kandidaat")


class Introductie(models.Model):
    """An introduction of a candidate to a school board, for one of its vacancies or in
    general. Proposed by the desk or invited by the board's HR, it waits for the candidate;
    asked for by the candidate, it is accepted at once. The board's HR sees the candidate
    (name, contact, journey) only once it is accepted."""

    kandidaat = models.ForeignKey(
        Kandidaat,
        on_delete=models.CASCADE,
        related_name="introducties",
        verbose_name=_("kandidaat"),
    )
    bestuur = models.ForeignKey(
        Organisatie,
        on_delete=models.CASCADE,
        related_name="introducties",
        limit_choices_to={"soort": OrganisatieSoort.SCHOOLBESTUUR},
        verbose_name=_("schoolbestuur"),
    )
    vacature = models.ForeignKey(
        Vacature,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="introducties",
        verbose_name=_("vacature"),
    )
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("voorgesteld door"),
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=IntroductieStatus.choices,
        default=IntroductieStatus.VOORGESTELD,
    )
    voorgesteld_op = models.DateTimeField(_("voorgesteld op"), default=timezone.now)
    beantwoord_op = models.DateTimeField(_("beantwoord op"), null=True, blank=True)

    class Meta:
        ordering = ["-voorgesteld_op"]
        verbose_name = _("introductie")
        verbose_name_plural = _("introducties")
        constraints = [
            models.UniqueConstraint(
                fields=["kandidaat", "bestuur"],
                condition=models.Q(vacature__isnull=True),
                name="introductie_een_per_bestuur",
                violation_error_message=_("Deze kandidaat is al aan dit bestuur voorgesteld."),
            ),
            models.UniqueConstraint(
                fields=["kandidaat", "vacature"],
                name="introductie_een_per_vacature",
                violation_error_message=_("Deze kandidaat is al voor deze vacature voorgesteld."),
            ),
        ]
        indexes = [models.Index(fields=["bestuur", "status"])]

    def __str__(self):
        return f"{self.kandidaat} → {self.bestuur}"


class DocumentSoort(models.TextChoices):
    CV = "cv", _("CV")
    DIPLOMA = "diploma", _("Diploma")
    CIJFERLIJST = "cijferlijst", _("Cijferlijst")
    OVERIG = "overig", _("Overig")


def private_storage():
    """Candidates' files live outside MEDIA_ROOT and have no URL: only a view that checks
    permission streams them."""
    return storages["private"]


def document_path(instance, filename):
    # The stored name carries no personal data; the original name is kept in `naam`.
    return f"documenten/{instance.kandidaat_id}/{uuid.uuid4().hex}"


class Document(models.Model):
    """A file a candidate uploaded (CV, diploma), stored privately."""

    kandidaat = models.ForeignKey(
        Kandidaat, on_delete=models.CASCADE, related_name="documenten", verbose_name=_("kandidaat")
    )
    soort = models.CharField(_("soort"), max_length=12, choices=DocumentSoort.choices)
    bestand = models.FileField(
        _("bestand"), storage=private_storage, upload_to=document_path, max_length=200
    )
    naam = models.CharField(_("bestandsnaam"), max_length=200)
    content_type = models.CharField(_("bestandstype"), max_length=100)
    grootte = models.PositiveIntegerField(_("grootte (bytes)"))
    geupload_op = models.DateTimeField(_("geüpload op"), default=timezone.now)

    class Meta:
        ordering = ["-geupload_op"]
        verbose_name = _("document")
        verbose_name_plural = _("documenten")

    def __str__(self):
        return self.naam


class Inzage(models.Model):
    """A staff member read a candidate's record: who, when, and what (the audit log)."""

    door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("door"),
    )
    kandidaat = models.ForeignKey(
        Kandidaat, on_delete=models.CASCADE, related_name="inzages", verbose_name=_("kandidaat")
    )
    op = models.DateTimeField(_("op"), default=timezone.now)
    wat = models.CharField(_("wat"), max_length=200)

    class Meta:
        ordering = ["-op"]
        verbose_name = _("inzage")
        verbose_name_plural = _("inzages")
        indexes = [models.Index(fields=["kandidaat", "op"])]

    def __str__(self):
        return f"{self.door} – {self.kandidaat} ({self.wat})"


class Stilstandregel(models.Model):
    """How many days without activity make a candidate in a stage 'stalled', and how often
    their adviser (and, if they opted in, the candidate) is reminded at most."""

    fase = models.CharField(_("fase"), max_length=20, choices=Fase.choices, unique=True)
    dagen = models.PositiveSmallIntegerField(_("dagen zonder activiteit"))
    herinner_elke_dagen = models.PositiveSmallIntegerField(
        _("hoogstens één herinnering per zoveel dagen"), default=14
    )

    class Meta:
        ordering = ["fase"]
        verbose_name = _("stilstandregel")
        verbose_name_plural = _("stilstandregels")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(dagen__gte=1) & models.Q(herinner_elke_dagen__gte=1),
                name="stilstandregel_positief",
                violation_error_message=_("Het aantal dagen is minstens 1."),
            )
        ]

    def __str__(self):
        return f"{Fase(self.fase).label}: {self.dagen}"

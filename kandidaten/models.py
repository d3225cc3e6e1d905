"""Candidates and their journey, consent and documents: the current stage, the append-only
timeline, and what the candidate allowed others to see."""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import storages
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from regio.models import Organisatie, OrganisatieSoort, Regio, Role, Sector


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


class KandidaatQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Candidates a user may see, decided here for every page, export and task.

        - a candidate: themself;
        - an adviser: the candidates of their region, and those another region referred to
          theirs (a referral step naming their region);
        - an opleider: the candidates referred to their institute;
        - HR: the candidates who accepted an introduction to their board;
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
            return self.filter(models.Q(regio_id=user.regio_id) | models.Exists(referred_here))
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

    # What the candidate is looking for, as told to the desk (the matching profile builds on it).
    sector = models.CharField(
        _("gewenste sector"), max_length=20, choices=Sector.choices, blank=True
    )
    vak = models.CharField(
        _("vak"), max_length=100, blank=True, help_text=_("Het vak dat de kandidaat wil geven.")
    )

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
    """A proposal to introduce a candidate to a school board. The board's HR sees the
    candidate (name, contact, journey) only once the candidate has accepted it."""

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
                name="introductie_een_per_bestuur",
                violation_error_message=_("Deze kandidaat is al aan dit bestuur voorgesteld."),
            )
        ]

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

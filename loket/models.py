"""Documents the desk produces in the background (PDF reports), kept per region."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kandidaten.models import Kandidaat
from regio.models import Regio, Role


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


class Gespreksvorm(models.TextChoices):
    TELEFOON = "telefoon", _("Telefonisch")
    VIDEO = "video", _("Videogesprek")
    LOCATIE = "locatie", _("Op locatie")


class AdviesslotQuerySet(models.QuerySet):
    def bookable(self):
        """Future, not cancelled, and not taken by a live booking."""
        taken = Boeking.objects.filter(slot=models.OuterRef("pk"), status=Boeking.Status.GEBOEKT)
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

    objects = AdviesslotQuerySet.as_manager()

    class Meta:
        ordering = ["start"]
        verbose_name = _("adviesmoment")
        verbose_name_plural = _("adviesmomenten")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(duur_minuten__gte=10, duur_minuten__lte=240),
                name="adviesslot_duur_redelijk",
                violation_error_message=_("Een gesprek duurt tussen 10 en 240 minuten."),
            ),
        ]

    def __str__(self):
        return f"{self.adviseur} {timezone.localtime(self.start):%d-%m-%Y %H:%M}"


class Boeking(models.Model):
    """A candidate's booking of an advice slot. The database allows one live booking per slot;
    a cancelled booking frees the slot for someone else."""

    class Status(models.TextChoices):
        GEBOEKT = "geboekt", _("Geboekt")
        GEANNULEERD = "geannuleerd", _("Geannuleerd")

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

    class Meta:
        ordering = ["-geboekt_op"]
        verbose_name = _("boeking")
        verbose_name_plural = _("boekingen")
        constraints = [
            models.UniqueConstraint(
                fields=["slot"],
                condition=models.Q(status="geboekt"),
                name="boeking_een_per_slot",
                violation_error_message=_("Dit moment is al geboekt."),
            )
        ]

    def __str__(self):
        return f"{self.kandidaat} – {self.slot}"

"""Documents the desk produces in the background (PDF reports), kept per region."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

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

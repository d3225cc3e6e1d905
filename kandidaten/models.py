"""Candidates and their journey: the current stage and the append-only list of moves."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from regio.models import Regio, Role


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


class KandidaatQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Candidates a user may see: themself; an adviser their region's; the operator all.

        Institutes, schools and HR see candidates only through referral and consent, which
        later work adds here, in this one place.
        """
        if not user.is_authenticated:
            return self.none()
        if user.role == Role.BEHEERDER:
            return self
        if user.role == Role.KANDIDAAT:
            return self.filter(user=user)
        if user.role == Role.LOKETADVISEUR:
            return self.filter(regio_id=user.regio_id)
        return self.none()


class Kandidaat(models.Model):
    """Someone on their way into education work, followed by the desk of one region."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="kandidaat",
        verbose_name=_("account"),
    )
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
    aangemeld_op = models.DateTimeField(_("aangemeld op"), auto_now_add=True)

    objects = KandidaatQuerySet.as_manager()

    class Meta:
        ordering = ["-aangemeld_op"]
        verbose_name = _("kandidaat")
        verbose_name_plural = _("kandidaten")
        indexes = [models.Index(fields=["regio", "fase"])]

    def __str__(self):
        return str(self.user)


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


class TrajectEvent(models.Model):
    """One move of a candidate's journey. Append-only: rows are never changed or deleted;
    the candidate's current stage is written in the same transaction (see services)."""

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
    toelichting = models.TextField(_("toelichting"), blank=True)

    class Meta:
        ordering = ["op", "pk"]
        verbose_name = _("trajectstap")
        verbose_name_plural = _("trajectstappen")
        indexes = [models.Index(fields=["kandidaat", "op"])]

    def __str__(self):
        return f"{self.kandidaat}: {self.van or '–'} → {self.naar}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValidationError(_("Een stap in het traject kan niet worden gewijzigd."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(_("Een stap in het traject kan niet worden verwijderd."))

"""Groups of regions (e.g. an alliance such as "Oost Werkt") that report together."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .registry import Regio, Role


class RegiogroepQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Groups a user may see: the operator all, a project leader those that hold their
        region, nobody else any."""
        if not user.is_authenticated:
            return self.none()
        if user.role == Role.BEHEERDER:
            return self
        if user.role == Role.PROJECTLEIDER and user.regio_id:
            return self.filter(regios=user.regio_id)
        return self.none()


class Regiogroep(models.Model):
    """A group of regions, kept by the operator, for reports over more than one region."""

    naam = models.CharField(_("naam"), max_length=150, unique=True)
    slug = models.SlugField(_("slug"), max_length=150, unique=True)
    omschrijving = models.TextField(
        _("omschrijving"), blank=True, help_text=_("Wat de regio's van deze groep verbindt.")
    )
    regios = models.ManyToManyField(Regio, related_name="groepen", verbose_name=_("regio's"))

    objects = RegiogroepQuerySet.as_manager()

    class Meta:
        ordering = ["naam"]
        verbose_name = _("regiogroep")
        verbose_name_plural = _("regiogroepen")

    def __str__(self):
        return self.naam

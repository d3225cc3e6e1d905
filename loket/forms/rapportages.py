"""Asking for a quarterly report: for which region (or group) and which completed quarter."""

from django import forms
from django.utils.translation import gettext_lazy as _

from regio.models import Regio, Regiogroep
from regio.tekorten import kwartaal_label

from ..services.kwartaalrapportages import kiesbare_kwartalen


class KwartaalrapportageForm(forms.Form):
    onderwerp = forms.ChoiceField(
        label=_("Regio of groep"),
        error_messages={
            "required": _("Kies een regio of groep."),
            "invalid_choice": _("Kies een regio of groep uit de lijst."),
        },
    )
    kwartaal = forms.ChoiceField(
        label=_("Kwartaal"),
        error_messages={
            "required": _("Kies een kwartaal."),
            "invalid_choice": _("Kies een afgelopen kwartaal uit de lijst."),
        },
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.regios = {f"regio-{r.pk}": r for r in Regio.objects.visible_to(user).order_by("naam")}
        self.groepen = {
            f"groep-{g.pk}": g for g in Regiogroep.objects.visible_to(user).order_by("naam")
        }
        self.fields["onderwerp"].choices = [
            *((key, regio.naam) for key, regio in self.regios.items()),
            *((key, groep.naam) for key, groep in self.groepen.items()),
        ]
        self.fields["kwartaal"].choices = [
            (f"{jaar}-{kwartaal}", kwartaal_label(jaar, kwartaal))
            for jaar, kwartaal in kiesbare_kwartalen()
        ]

    def clean(self):
        data = super().clean()
        if "onderwerp" in data:
            data["regio"] = self.regios.get(data["onderwerp"])
            data["groep"] = self.groepen.get(data["onderwerp"])
        if "kwartaal" in data:
            jaar, kwartaal = data["kwartaal"].split("-")
            data["jaar"], data["kwartaal"] = int(jaar), int(kwartaal)
        return data

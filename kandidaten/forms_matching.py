"""Forms of matching: an fte field that takes "0,8", and HR's forms for interviews, trial
lessons and the appointment. The services check what depends on the state now (consent, an
accepted introduction, the vacancy still open); the forms check the input itself."""

from django import forms
from django.utils.translation import gettext_lazy as _

from regio.formfields import VacatureFteField
from regio.models import Vacature, VacatureStatus, Vestiging

from .models import Contractsoort, Sollicitatiesoort, Uitkomst


def _vacatures_van(bestuur_id, *, alleen_open: bool):
    qs = Vacature.objects.filter(bestuur_id=bestuur_id).select_related("vestiging")
    if alleen_open:
        qs = qs.filter(status=VacatureStatus.GEPUBLICEERD, fte_open__gt=0)
    return qs.order_by("titel", "pk")


class _VacatureKeuze:
    """An introduction to the board in general (proposed by the desk) names no vacancy: then
    HR picks one of the board's own."""

    def _vacature_field(self, bestuur_id, *, alleen_open: bool):
        self.fields["vacature"] = forms.ModelChoiceField(
            label=_("Vacature"),
            queryset=_vacatures_van(bestuur_id, alleen_open=alleen_open),
            empty_label=_("Kies een vacature"),
            error_messages={
                "required": _("Kies de vacature waar het om gaat."),
                "invalid_choice": _("Kies een vacature van het eigen bestuur."),
            },
        )
        self.order_fields(["vacature"])


class SollicitatiestapForm(_VacatureKeuze, forms.Form):
    """An interview or trial lesson: what, when, and (if known) how it went."""

    soort = forms.ChoiceField(
        label=_("Soort"),
        choices=Sollicitatiesoort.choices,
        error_messages={"invalid_choice": _("Kies een gesprek of een proefles.")},
    )
    op = forms.DateTimeField(
        label=_("Datum en tijd"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d-%m-%Y %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        error_messages={
            "required": _("Vul de datum en tijd in."),
            "invalid": _("Vul de datum en tijd in als 15-03-2027 14:30."),
        },
    )
    uitkomst = forms.ChoiceField(
        label=_("Uitkomst"),
        choices=Uitkomst.choices,
        initial=Uitkomst.GEPLAND,
        required=False,
        error_messages={"invalid_choice": _("Kies een uitkomst uit de lijst.")},
    )
    notitie = forms.CharField(
        label=_("Notitie (optioneel)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, vacature_kiezen_van=None, **kwargs):
        super().__init__(*args, **kwargs)
        if vacature_kiezen_van is not None:
            self._vacature_field(vacature_kiezen_van, alleen_open=False)

    def clean_uitkomst(self):
        # Recorded ahead of time, an interview is simply planned.
        return self.cleaned_data.get("uitkomst") or Uitkomst.GEPLAND


class UitkomstForm(forms.Form):
    """The outcome of an interview or trial lesson recorded earlier."""

    uitkomst = forms.ChoiceField(
        label=_("Uitkomst"),
        choices=Uitkomst.choices,
        error_messages={"invalid_choice": _("Kies een uitkomst uit de lijst.")},
    )


class AanstellingForm(_VacatureKeuze, forms.Form):
    """The appointment: at which school of the board, from when, how many fte, which contract.
    Defaults: the vacancy's school, start date and open fte."""

    vestiging = forms.ModelChoiceField(
        label=_("School"),
        queryset=Vestiging.objects.none(),
        empty_label=None,
        error_messages={
            "required": _("Kies een school van het eigen bestuur."),
            "invalid_choice": _("Kies een school van het eigen bestuur."),
        },
    )
    startdatum = forms.DateField(
        label=_("Startdatum"),
        input_formats=["%Y-%m-%d", "%d-%m-%Y"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": _("Vul de startdatum in."),
            "invalid": _("Vul de startdatum in als 01-08-2027."),
        },
    )
    fte = VacatureFteField(label=_("Fte"), help_text=_("Meer dan 0 en hoogstens 1,2, bijv. 0,8."))
    contractsoort = forms.ChoiceField(
        label=_("Soort contract"),
        choices=Contractsoort.choices,
        error_messages={
            "required": _("Kies de soort contract."),
            "invalid_choice": _("Kies een soort contract uit de lijst."),
        },
    )

    def __init__(self, *args, bestuur_id, vacature_kiezen: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["vestiging"].queryset = Vestiging.objects.filter(bestuur_id=bestuur_id)
        if vacature_kiezen:
            self._vacature_field(bestuur_id, alleen_open=True)

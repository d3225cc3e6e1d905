"""Forms of the journey page and the adviser's pipeline board.

Choice fields accept only values from their list; the services check what depends on the
candidate's state now (allowed moves, a stale form), so a form stays valid while the
candidate is moved by someone else and the service's message says what happened.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from regio.models import Organisatie, OrganisatieSoort, Regio, Role, Sector, User

from .journey import HOOFDPAD
from .models import Fase, Kandidaat, RouteSoort, Toelating, Uitvalreden

TOELICHTING_MAX = 2000


def toelichting_field():
    return forms.CharField(
        label=_("Toelichting (optioneel)"),
        required=False,
        max_length=TOELICHTING_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class StapForm(forms.Form):
    """A move to another stage. Three variants share it on the journey page: a plain move, a
    drop-out (with a reason) and a referral away (with a region); they post the same fields."""

    van = forms.ChoiceField(
        choices=Fase.choices,
        widget=forms.HiddenInput,
        error_messages={
            "invalid_choice": _("Het formulier is niet volledig; laad de pagina opnieuw.")
        },
    )
    naar = forms.ChoiceField(
        label=_("Naar fase"),
        choices=Fase.choices,
        error_messages={
            "required": _("Kies een fase."),
            "invalid_choice": _("Kies een fase uit de lijst."),
        },
    )
    reden = forms.ModelChoiceField(
        label=_("Reden van uitval"),
        queryset=Uitvalreden.objects.filter(actief=True),
        required=False,
        empty_label=_("Kies een reden"),
        error_messages={"invalid_choice": _("Kies een reden uit de lijst.")},
    )
    naar_regio = forms.ModelChoiceField(
        label=_("Naar regio (optioneel)"),
        queryset=Regio.objects.order_by("naam"),
        required=False,
        empty_label=_("Geen andere regio (bijv. een andere sector)"),
        error_messages={"invalid_choice": _("Kies een regio uit de lijst.")},
    )
    toelichting = toelichting_field()

    VARIANTEN = {Fase.UITGEVALLEN: "uitval", Fase.DOORVERWEZEN: "doorverwijzing"}

    def __init__(self, *args, kandidaat: Kandidaat, variant: str = "stap", moves=(), **kwargs):
        kwargs.setdefault("auto_id", f"{variant}_%s")
        kwargs.setdefault("initial", {"van": kandidaat.fase})
        super().__init__(*args, **kwargs)
        self.variant = variant
        if variant == "stap":
            # Only the allowed moves are offered; any stage is accepted, so a move that is no
            # longer allowed gets the service's message instead of "not a valid choice".
            self.fields["naar"].widget.choices = [
                (fase, Fase(fase).label)
                for fase in moves
                if fase not in (Fase.UITGEVALLEN, Fase.DOORVERWEZEN)
            ]
            # The usual move is one step forward, so that is what the form proposes.
            if kandidaat.fase in HOOFDPAD:
                vooruit = HOOFDPAD[HOOFDPAD.index(kandidaat.fase) + 1 :]
                if vooruit and vooruit[0] in moves:
                    self.initial.setdefault("naar", vooruit[0])
        else:
            self.fields["naar"].widget = forms.HiddenInput()
            self.initial["naar"] = Fase.UITGEVALLEN if variant == "uitval" else Fase.DOORVERWEZEN
        if variant != "uitval":
            del self.fields["reden"]
        if variant != "doorverwijzing":
            del self.fields["naar_regio"]

    @classmethod
    def variant_for(cls, naar: str | None) -> str:
        return cls.VARIANTEN.get(naar, "stap")

    def clean(self):
        cleaned = super().clean()
        # The variant follows the posted stage (variant_for), so a drop-out has a reason field.
        if (
            cleaned.get("naar") == Fase.UITGEVALLEN
            and "reden" in self.fields
            and not cleaned.get("reden")
            and "reden" not in self.errors
        ):
            self.add_error("reden", _("Kies een reden voor het uitvallen."))
        return cleaned


class VerwijzingForm(forms.Form):
    """Refer the candidate to a teacher-training institute of their region for a route."""

    route = forms.ChoiceField(
        label=_("Route"),
        choices=[("", _("Kies een route")), *RouteSoort.choices],
        error_messages={
            "required": _("Kies een route."),
            "invalid_choice": _("Kies een route uit de lijst."),
        },
    )
    opleiding = forms.ModelChoiceField(
        label=_("Lerarenopleiding"),
        queryset=Organisatie.objects.none(),
        empty_label=_("Kies een opleiding"),
        error_messages={
            "required": _("Kies een lerarenopleiding."),
            "invalid_choice": _("Kies een lerarenopleiding uit de regio."),
        },
    )
    toelichting = toelichting_field()

    def __init__(self, *args, kandidaat: Kandidaat, **kwargs):
        kwargs.setdefault("auto_id", "verwijzing_%s")
        kwargs.setdefault(
            "initial", {"route": kandidaat.route, "opleiding": kandidaat.opleiding_id}
        )
        super().__init__(*args, **kwargs)
        self.fields["opleiding"].queryset = Organisatie.objects.filter(
            regio_id=kandidaat.regio_id, soort=OrganisatieSoort.LERARENOPLEIDING
        ).order_by("naam")


class IntroductieForm(forms.Form):
    """Propose to introduce the candidate to a school board of their region."""

    bestuur = forms.ModelChoiceField(
        label=_("Schoolbestuur"),
        queryset=Organisatie.objects.none(),
        empty_label=_("Kies een schoolbestuur"),
        error_messages={
            "required": _("Kies een schoolbestuur."),
            "invalid_choice": _("Kies een schoolbestuur uit de regio."),
        },
    )

    def __init__(self, *args, kandidaat: Kandidaat, **kwargs):
        kwargs.setdefault("auto_id", "introductie_%s")
        super().__init__(*args, **kwargs)
        self.fields["bestuur"].queryset = (
            Organisatie.objects.besturen().filter(regio_id=kandidaat.regio_id).order_by("naam")
        )


class ToelatingForm(forms.Form):
    """The institute's admissibility outcome, in seed 003's words."""

    toelating = forms.ChoiceField(
        label=_("Uitkomst van het geschiktheidsonderzoek"),
        choices=[("", _("Kies een uitkomst")), *Toelating.choices],
        error_messages={
            "required": _("Kies een uitkomst."),
            "invalid_choice": _("Kies een uitkomst uit de lijst."),
        },
    )
    toelichting = toelichting_field()

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "toelating_%s")
        super().__init__(*args, **kwargs)


class PipelineFilterForm(forms.Form):
    """Search and filters of the adviser's pipeline board; all optional, all in the URL."""

    q = forms.CharField(
        label=_("Zoeken"),
        required=False,
        max_length=100,
        help_text=_("Naam of e-mailadres."),
    )
    fase = forms.ChoiceField(
        label=_("Fase"),
        required=False,
        choices=[("", _("Alle fasen")), *Fase.choices],
        error_messages={"invalid_choice": _("Kies een fase uit de lijst.")},
    )
    route = forms.ChoiceField(
        label=_("Route"),
        required=False,
        choices=[("", _("Alle routes")), *RouteSoort.choices],
        error_messages={"invalid_choice": _("Kies een route uit de lijst.")},
    )
    sector = forms.ChoiceField(
        label=_("Sector"),
        required=False,
        choices=[("", _("Alle sectoren")), *Sector.choices],
        error_messages={"invalid_choice": _("Kies een sector uit de lijst.")},
    )
    vak = forms.CharField(label=_("Vak"), required=False, max_length=100)
    adviseur = forms.ModelChoiceField(
        label=_("Adviseur"),
        required=False,
        queryset=User.objects.none(),
        empty_label=_("Alle adviseurs"),
        error_messages={"invalid_choice": _("Kies een adviseur uit de lijst.")},
    )
    stil = forms.BooleanField(label=_("Alleen stilgevallen kandidaten"), required=False)

    def __init__(self, *args, regio_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["adviseur"].queryset = User.objects.filter(
            role=Role.LOKETADVISEUR, regio_id=regio_id
        ).order_by("naam", "email")

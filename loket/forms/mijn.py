"""Forms of the candidate's own pages: consent, and confirming the erasure of their account."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kandidaten.models import Kandidaat


class ToestemmingForm(forms.ModelForm):
    """What the candidate allows; each box can be ticked or cleared at any time."""

    class Meta:
        model = Kandidaat
        fields = ["deel_met_regio", "deel_met_buurregios", "bewaren_na_afloop", "herinneringen"]
        labels = {
            "deel_met_regio": _("Deel mijn profiel met scholen in mijn regio"),
            "deel_met_buurregios": _("Deel mijn profiel ook met scholen in de buurregio's"),
            "bewaren_na_afloop": _("Bewaar mijn gegevens na afloop van mijn traject"),
            "herinneringen": _("Stuur me af en toe een vriendelijke herinnering per e-mail"),
        }
        help_texts = {
            "deel_met_regio": _(
                "Schoolbesturen in je regio zien dan je profiel zonder naam of contactgegevens"
                " en kunnen je uitnodigen; pas als je een introductie accepteert, zien zij wie je"
                " bent. Zonder deze toestemming zie je zelf ook geen passende vacatures."
            ),
            "deel_met_buurregios": _(
                "Alleen samen met delen in je eigen regio: handig als er in je eigen regio"
                " geen passende vacature is."
            ),
            "bewaren_na_afloop": _(
                "Zonder deze toestemming wissen we je gegevens vier weken nadat je traject bij"
                " het loket is geëindigd; met toestemming hoogstens een jaar."
            ),
            "herinneringen": _(
                "Als er een tijd niets gebeurt in je traject, sturen we je hoogstens af en toe"
                " een mailtje."
            ),
        }

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("deel_met_buurregios") and not cleaned.get("deel_met_regio"):
            self.add_error(
                "deel_met_buurregios",
                _(
                    "Je profiel delen met de buurregio's kan alleen als je het ook met scholen"
                    " in je eigen regio deelt. Zet beide aan, of laat beide uit."
                ),
            )
        return cleaned


class WissenForm(forms.Form):
    bevestig = forms.BooleanField(
        label=_("Ik begrijp dat mijn account en mijn gegevens definitief worden gewist."),
        error_messages={"required": _("Vink aan dat je je account echt wilt wissen.")},
    )

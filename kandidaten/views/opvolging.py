"""Following up stalled candidates: the adviser's list of their region's stalled candidates,
and recording a follow-up conversation, which makes the candidate active again."""

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe
from django.views.decorators.vary import vary_on_headers

from regio.access import role_required
from regio.models import Role
from regio.views.registry import page_of

from ..models import EventSoort, Kandidaat
from ..services import event_record

PAGE = "kandidaten/opvolging.html"


class StilgevallenFilterForm(forms.Form):
    mijn = forms.BooleanField(label=gettext_lazy("Alleen mijn kandidaten"), required=False)


class OpvolgingForm(forms.Form):
    notitie = forms.CharField(
        label=gettext_lazy("Notitie van het opvolggesprek"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": gettext_lazy("Schrijf kort op wat jullie bespraken.")},
    )


def _eigen_kandidaten(user):
    """The candidates whose follow-up is this adviser's desk's: their own region's. An adviser
    also sees candidates another region referred to theirs, but only reads along (as on the
    journey page), so they neither list nor follow those up."""
    return Kandidaat.objects.visible_to(user).filter(regio_id=user.regio_id, gewist_op__isnull=True)


def _stilgevallen(user):
    return (
        _eigen_kandidaten(user)
        .filter(stil_sinds__isnull=False)
        .select_related("user", "adviseur")
        .order_by("stil_sinds", "pk")
    )


def _rij(kandidaat: Kandidaat, now, form=None) -> Kandidaat:
    kandidaat.dagen_stil = (now - kandidaat.laatste_activiteit).days
    kandidaat.opvolging_form = form or OpvolgingForm(prefix=f"k{kandidaat.pk}")
    return kandidaat


def _lijst_context(request, *, fout: tuple[int, OpvolgingForm] | None = None) -> dict:
    filters = StilgevallenFilterForm(request.GET)
    kandidaten = _stilgevallen(request.user)
    if filters.is_valid() and filters.cleaned_data["mijn"]:
        kandidaten = kandidaten.filter(adviseur=request.user)
    page = page_of(request, kandidaten)
    now = timezone.now()
    for kandidaat in page:
        _rij(kandidaat, now, fout[1] if fout and fout[0] == kandidaat.pk else None)
    return {"form": filters, "page": page}


@require_safe
@vary_on_headers("HX-Request", "HX-History-Restore-Request")
@role_required(Role.LOKETADVISEUR)
def stilgevallen(request):
    """The region's stalled candidates, longest stalled first."""
    template = PAGE
    if request.htmx and not request.htmx.history_restore_request:
        template += "#resultaten"
    return render(request, template, _lijst_context(request))


@require_POST
@role_required(Role.LOKETADVISEUR)
def opvolging_vastleggen(request, pk):
    """Record a follow-up conversation with a note; the candidate is no longer stalled."""
    kandidaat = get_object_or_404(
        _eigen_kandidaten(request.user).select_related("user", "adviseur"), pk=pk
    )
    form = OpvolgingForm(request.POST, prefix=f"k{kandidaat.pk}")
    if form.is_valid():
        event_record(
            kandidaat=kandidaat,
            soort=EventSoort.GESPREK,
            door=request.user,
            toelichting=form.cleaned_data["notitie"],
        )
        vastgelegd = _("Opvolging vastgelegd voor %(kandidaat)s.") % {"kandidaat": kandidaat}
        if request.htmx:
            return render(
                request, f"{PAGE}#rij_klaar", {"kandidaat": kandidaat, "vastgelegd": vastgelegd}
            )
        messages.success(request, vastgelegd)
        return redirect("kandidaten:stilgevallen")
    if request.htmx:
        return render(request, f"{PAGE}#rij", {"kandidaat": _rij(kandidaat, timezone.now(), form)})
    # As on the journey page: the whole page again with the message, as unprocessable.
    return render(request, PAGE, _lijst_context(request, fout=(kandidaat.pk, form)), status=422)

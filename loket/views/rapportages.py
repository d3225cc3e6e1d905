"""Quarterly reports: the list with progress, asking for one, and downloading it."""

import logging

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from regio.access import role_required
from regio.exports import XLSX_CONTENT_TYPE, check_format
from regio.models import Role
from regio.views.registry import page_of

from ..forms.rapportages import KwartaalrapportageForm
from ..kwartaalrapportage import export
from ..models import Kwartaalrapportage
from ..services import kwartaalrapportages

log = logging.getLogger(__name__)

PER_PAGE = 25
HTMX_STOP_POLLING = 286
LEZERS = (Role.PROJECTLEIDER, Role.BEHEERDER)
# The spreadsheet exports are made from the stored figures, like the PDF.
MAKERS = {
    "xlsx": (export.xlsx_maken, XLSX_CONTENT_TYPE),
    "csv": (export.csv_maken, "text/csv; charset=utf-8"),
}


def _rapportages(user):
    return Kwartaalrapportage.objects.visible_to(user).select_related(
        "regio", "groep", "aangevraagd_door"
    )


@role_required(*LEZERS)
def kwartaalrapportages_lijst(request):
    form = KwartaalrapportageForm(user=request.user)
    return _lijst(request, form)


def _lijst(request, form, status=200):
    pagina = page_of(request, _rapportages(request.user).defer("gegevens"), per_page=PER_PAGE)
    return render(
        request,
        "loket/kwartaalrapportages.html",
        {"form": form, "pagina": pagina, "rapportages": pagina.object_list},
        status=status,
    )


@require_POST
@role_required(*LEZERS)
def kwartaalrapportage_aanvragen(request):
    form = KwartaalrapportageForm(request.POST, user=request.user)
    if not form.is_valid():
        return _lijst(request, form, status=400)
    data = form.cleaned_data
    try:
        rapportage, nieuw = kwartaalrapportages.kwartaalrapportage_aanvragen(
            regio=data["regio"],
            groep=data["groep"],
            jaar=data["jaar"],
            kwartaal=data["kwartaal"],
            door=request.user,
        )
    except ValidationError as error:
        form.add_error(None, error)
        return _lijst(request, form, status=400)
    if nieuw:
        messages.success(
            request,
            _(
                "Versie %(versie)s van %(rapport)s wordt gemaakt. "
                "Je krijgt een e-mail als hij klaar is."
            )
            % {"versie": rapportage.versie, "rapport": _onderwerp(rapportage)},
        )
    else:
        messages.info(
            request,
            _("Er wordt al een versie van %(rapport)s gemaakt; wacht tot die klaar is.")
            % {"rapport": _onderwerp(rapportage)},
        )
    return redirect("kwartaalrapportages")


def _onderwerp(rapportage) -> str:
    return _("de kwartaalrapportage %(kwartaal)s van %(onderwerp)s") % {
        "kwartaal": rapportage.kwartaal_label,
        "onderwerp": rapportage.onderwerp,
    }


@role_required(*LEZERS)
def kwartaalrapportage_status(request, pk):
    """One report's status, polled by htmx while it is on its way. Once it is done or failed
    the answer is HTTP 286, which tells htmx to swap it in and stop polling."""
    rapportage = get_object_or_404(_rapportages(request.user).defer("gegevens"), pk=pk)
    klaar = rapportage.status not in Kwartaalrapportage.LOPEND
    return render(
        request,
        "loket/kwartaalrapportages.html#rapportage_status",
        {"rapportage": rapportage},
        status=HTMX_STOP_POLLING if klaar and request.htmx else 200,
    )


@role_required(*LEZERS)
def kwartaalrapportage_download(request, pk, formaat):
    rapportage = get_object_or_404(
        _rapportages(request.user), pk=pk, status=Kwartaalrapportage.Status.KLAAR
    )
    if formaat == "pdf":
        try:
            bestand = rapportage.pdf.open("rb")
        except FileNotFoundError:
            # A restore without the private files, say: the figures are still there, so the
            # exports work; a new version makes the PDF again.
            log.error(
                "PDF of quarterly report %s is missing: %s", rapportage.pk, rapportage.pdf.name
            )
            raise Http404 from None
        return FileResponse(
            bestand,
            as_attachment=True,
            filename=rapportage.bestandsnaam("pdf"),
            content_type="application/pdf",
        )
    formaat = check_format(formaat)
    maker, content_type = MAKERS[formaat]
    inhoud = maker(rapportage.gegevens, versie=rapportage.versie, gemaakt_op=rapportage.klaar_op)
    response = HttpResponse(inhoud, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(
        True, rapportage.bestandsnaam(formaat)
    )
    return response

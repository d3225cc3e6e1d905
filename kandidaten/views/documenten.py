"""Candidates' documents: the candidate's upload and delete, and the one download view that
checks who asks (the candidate themself, or staff who may see the candidate; staff reads are
logged)."""

import logging

from django.contrib import messages
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from regio.access import role_required
from regio.models import Role

from ..documenten import DocumentForm, document_add, document_open, documenten_delete
from ..models import Document, Kandidaat
from ..services import inzage_log

log = logging.getLogger(__name__)

PAGE = "kandidaten/documenten.html"


def eigen_kandidaat(user) -> Kandidaat | None:
    """The logged-in candidate's own journey, if they have one (not everyone booked yet)."""
    return (
        Kandidaat.objects.visible_to(user)
        .filter(gewist_op__isnull=True)
        .select_related("regio", "adviseur", "opleiding")
        .first()
    )


def documenten_context(kandidaat: Kandidaat, *, form=None, terug: str = "") -> dict:
    """What the documents section needs, on its own page and on the candidate's dashboard."""
    return {
        "kandidaat": kandidaat,
        "documenten": list(kandidaat.documenten.all()) if kandidaat else [],
        "document_form": form or DocumentForm(),
        "documenten_terug": terug,
    }


def _terug(request) -> str:
    """Where to go after an upload or delete without JavaScript: back to the page it came from
    (only a path on this site), else the documents page."""
    terug = request.POST.get("terug", "")
    if terug and url_has_allowed_host_and_scheme(
        terug, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return terug
    return reverse("kandidaten:documenten")


@role_required(Role.KANDIDAAT)
def documenten(request):
    """The candidate's documents: the list and the upload form (also part of the dashboard)."""
    kandidaat = eigen_kandidaat(request.user)
    form = None
    opgeslagen = ""
    if request.method == "POST":
        if kandidaat is None:
            raise Http404
        form = DocumentForm(request.POST, request.FILES)
        if form.is_valid():
            document = document_add(
                kandidaat=kandidaat,
                soort=form.cleaned_data["soort"],
                upload=form.cleaned_data["bestand"],
            )
            opgeslagen = _("%(naam)s is opgeslagen.") % {"naam": document.naam}
            if not request.htmx:
                messages.success(request, opgeslagen)
                return redirect(_terug(request))
            form = None
    context = documenten_context(kandidaat, form=form, terug=request.POST.get("terug", ""))
    context["document_opgeslagen"] = opgeslagen
    template = f"{PAGE}#documenten" if request.htmx else PAGE
    return render(request, template, context)


@require_POST
@role_required(Role.KANDIDAAT)
def document_verwijderen(request, pk):
    kandidaat = eigen_kandidaat(request.user)
    if kandidaat is None:
        raise Http404
    document = get_object_or_404(kandidaat.documenten, pk=pk)
    with transaction.atomic():
        documenten_delete(kandidaat.documenten.filter(pk=document.pk))
    verwijderd = _("%(naam)s is verwijderd.") % {"naam": document.naam}
    if not request.htmx:
        messages.success(request, verwijderd)
        return redirect(_terug(request))
    context = documenten_context(kandidaat, terug=request.POST.get("terug", ""))
    context["document_opgeslagen"] = verwijderd
    return render(request, f"{PAGE}#documenten", context)


@never_cache
@role_required(*Role.values)
def document(request, pk):
    """Stream a document to someone who may see its candidate; anyone else gets a 404.

    Always as an attachment with the type we verified at upload and nosniff, so a browser
    never renders a candidate's file inside the portal.
    """
    visible = Kandidaat.objects.visible_to(request.user).filter(gewist_op__isnull=True)
    document = get_object_or_404(
        Document.objects.filter(kandidaat__in=visible).select_related("kandidaat"), pk=pk
    )
    try:
        bestand = document_open(document)
    except FileNotFoundError:
        log.error("Document %s has no file in the private storage", document.pk)
        raise Http404 from None
    inzage_log(user=request.user, kandidaat=document.kandidaat, wat=f"document: {document.naam}")
    response = FileResponse(
        bestand, as_attachment=True, filename=document.naam, content_type=document.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response

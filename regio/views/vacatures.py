"""Vacancies: HR's own list, edit page, status buttons and import; the public search and page.

HR pages serve HR (their own board's vacancies) and the operator (every board's); anything
else out of scope is a 404. The public pages show only what Vacature.objects.openbaar() allows.
"""

import datetime
import json

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django.views.decorators.vary import vary_on_headers

from ..access import role_required
from ..exports import Column, csv_lines
from ..forms import focus_first_error, save_with
from ..forms_vacatures import VacatureForm, VacatureImportForm, VacatureZoekForm
from ..models import OrganisatieSoort, Role, Vacature, VacatureStatus, Vestiging
from ..vacatures import (
    COLUMNS,
    VacatureImportRefused,
    vacature_save,
    vacature_status_choices,
    vacature_status_set,
    vacatures_import,
    vacatures_search,
    voorbeeld_rows,
)
from .registry import page_of

HR_ROLES = (Role.HR, Role.BEHEERDER)
HR_PER_PAGE = 25
PUBLIC_PER_PAGE = 20
INVALID = 422


# HR ------------------------------------------------------------------------------------------


def _get_vacature(user, pk):
    """A vacancy this user may change, or 404."""
    return get_object_or_404(
        Vacature.objects.editable_by(user).select_related("bestuur", "vestiging", "vak"), pk=pk
    )


def _vestigingen(user, bestuur=None):
    """The schools a vacancy may be placed at: HR's own board's; for the operator the
    vacancy's board's, or every board's school for a new one."""
    if user.role == Role.HR:
        return Vestiging.objects.filter(bestuur_id=user.organisatie_id)
    if bestuur is not None:
        return Vestiging.objects.filter(bestuur=bestuur)
    return Vestiging.objects.filter(bestuur__soort=OrganisatieSoort.SCHOOLBESTUUR)


@require_safe
@role_required(*HR_ROLES)
def hr_vacatures(request):
    """The board's vacancies, by status, with the number in each status on its tab."""
    vacatures = Vacature.objects.visible_to(request.user)
    aantallen = vacatures.aggregate(
        alle=Count("pk"),
        **{status: Count("pk", filter=Q(status=status)) for status in VacatureStatus.values},
    )
    status = request.GET.get("status", "")
    if status not in VacatureStatus.values:
        status = ""
    if status:
        vacatures = vacatures.filter(status=status)
    page = page_of(
        request,
        vacatures.select_related("bestuur", "vestiging", "vak").order_by("-aangemaakt_op", "-pk"),
        per_page=HR_PER_PAGE,
    )
    tabs = [
        {"status": "", "label": _("Alle"), "aantal": aantallen["alle"], "huidig": not status},
        *(
            {
                "status": value,
                "label": label,
                "aantal": aantallen[value],
                "huidig": value == status,
            }
            for value, label in VacatureStatus.choices
        ),
    ]
    return render(
        request,
        "regio/vacatures/hr_list.html",
        {
            "page": page,
            "tabs": tabs,
            "status": status,
            "alle_besturen": request.user.role == Role.BEHEERDER,
        },
    )


@require_http_methods(["GET", "POST"])
@role_required(*HR_ROLES)
def hr_vacature_nieuw(request):
    bestuur = request.user.organisatie if request.user.role == Role.HR else None
    vacature = Vacature(bestuur=bestuur)
    if request.method != "POST":
        form = VacatureForm(instance=vacature, vestigingen=_vestigingen(request.user, bestuur))
        return render(request, "regio/vacatures/hr_form.html", {"form": form, "vacature": None})
    form = VacatureForm(
        request.POST, instance=vacature, vestigingen=_vestigingen(request.user, bestuur)
    )
    if save_with(form, lambda: vacature_save(vacature=form.instance, door=request.user)):
        messages.success(
            request,
            _("De vacature %(titel)s is opgeslagen als concept.") % {"titel": form.instance.titel},
        )
        return redirect("regio:hr_vacature", pk=form.instance.pk)
    focus_first_error(form)
    return render(
        request, "regio/vacatures/hr_form.html", {"form": form, "vacature": None}, status=INVALID
    )


@require_http_methods(["GET", "POST"])
@role_required(*HR_ROLES)
def hr_vacature(request, pk):
    """One vacancy: its fields to edit, and the buttons that change its status."""
    vacature = _get_vacature(request.user, pk)
    vestigingen = _vestigingen(request.user, vacature.bestuur)
    status = 200
    if request.method == "POST":
        form = VacatureForm(request.POST, instance=vacature, vestigingen=vestigingen)
        if save_with(form, lambda: vacature_save(vacature=form.instance, door=request.user)):
            messages.success(request, _("De vacature is opgeslagen."))
            return redirect("regio:hr_vacature", pk=pk)
        focus_first_error(form)
        status = INVALID
        # The form changed the instance in memory; the heading and buttons show what is saved.
        vacature = _get_vacature(request.user, pk)
    else:
        form = VacatureForm(instance=vacature, vestigingen=vestigingen)
    return render(
        request,
        "regio/vacatures/hr_form.html",
        {
            "form": form,
            "vacature": vacature,
            "status_keuzes": vacature_status_choices(vacature),
        },
        status=status,
    )


STATUS_MESSAGES = {
    VacatureStatus.GEPUBLICEERD: gettext_lazy(
        "De vacature is gepubliceerd en staat nu op de vacaturesite."
    ),
    VacatureStatus.VERVULD: gettext_lazy("De vacature is gemarkeerd als vervuld."),
    VacatureStatus.GESLOTEN: gettext_lazy("De vacature is gesloten."),
    VacatureStatus.CONCEPT: gettext_lazy(
        "De vacature is terug naar concept en niet meer openbaar."
    ),
}


@require_POST
@role_required(*HR_ROLES)
def hr_vacature_status(request, pk):
    vacature = _get_vacature(request.user, pk)
    status = request.POST.get("status", "")
    try:
        vacature_status_set(vacature=vacature, status=status, door=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, str(STATUS_MESSAGES[status]))
    return redirect("regio:hr_vacature", pk=pk)


@require_http_methods(["GET", "POST"])
@role_required(*HR_ROLES)
def hr_vacatures_import(request):
    """Upload a file of vacancies; all are created, or none and every problem is listed."""
    kies_bestuur = request.user.role == Role.BEHEERDER
    result = None
    status = 200
    if request.method == "POST":
        form = VacatureImportForm(request.POST, request.FILES, kies_bestuur=kies_bestuur)
        if form.is_valid():
            bestuur = form.cleaned_data.get("bestuur") or request.user.organisatie
            bestand = form.cleaned_data["bestand"]
            try:
                result = vacatures_import(
                    bestuur=bestuur,
                    content=bestand.read(),
                    filename=bestand.name,
                    door=request.user,
                )
            except VacatureImportRefused as refused:
                form.add_error("bestand", refused.message)
            else:
                if result.ok:
                    messages.success(request, result.summary)
                    return redirect("regio:hr_vacatures")
        status = INVALID
    else:
        form = VacatureImportForm(kies_bestuur=kies_bestuur)
    return render(
        request,
        "regio/vacatures/hr_import.html",
        {"form": form, "result": result, "columns": COLUMNS},
        status=status,
    )


@require_safe
@role_required(*HR_ROLES)
def hr_vacatures_voorbeeld(request):
    """An example file to fill in: the columns and one row for a school of the own board."""
    bestuur = request.user.organisatie if request.user.role == Role.HR else None
    lines = csv_lines([Column(name) for name in COLUMNS], voorbeeld_rows(bestuur))
    response = HttpResponse("".join(lines), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, "vacatures-voorbeeld.csv")
    return response


# Public --------------------------------------------------------------------------------------


@require_safe
@vary_on_headers("HX-Request", "HX-History-Restore-Request")
def vacatures(request):
    """Search the open vacancies; an htmx request gets only the results."""
    form = VacatureZoekForm(request.GET)
    filters = form.filters()
    page = page_of(request, vacatures_search(filters), per_page=PUBLIC_PER_PAGE)
    template = "regio/vacatures/search.html"
    # A history restore (htmx's cache missed) replaces the whole body: send the whole page.
    if request.htmx and not request.htmx.history_restore_request:
        template += "#results"
    return render(request, template, {"form": form, "page": page, "q": filters.get("q", "")})


@require_safe
def vacature(request, pk):
    """One open vacancy, with schema.org JobPosting data for job search engines."""
    vacature = get_object_or_404(
        Vacature.objects.openbaar().select_related("bestuur", "vestiging", "vak"), pk=pk
    )
    return render(
        request,
        "regio/vacatures/detail.html",
        {"vacature": vacature, "jsonld": json_script_content(job_posting(vacature))},
    )


def job_posting(vacature: Vacature) -> dict:
    """The vacancy as a schema.org JobPosting (the fields Google's job search reads)."""
    bestuur, vestiging = vacature.bestuur, vacature.vestiging
    geplaatst = vacature.gepubliceerd_op or vacature.aangemaakt_op
    einde = timezone.make_aware(
        datetime.datetime.combine(vacature.sluitdatum, datetime.time(23, 59, 59))
    )
    organisatie = {"@type": "Organization", "name": bestuur.naam}
    if bestuur.website:
        organisatie["sameAs"] = bestuur.website
    adres = {
        "@type": "PostalAddress",
        "streetAddress": vestiging.adres,
        "postalCode": vestiging.postcode,
        "addressLocality": vestiging.plaats or vestiging.gemeente,
        "addressCountry": "NL",
    }
    return {
        "@context": "https://schema.org",
        "@type": "JobPosting",
        "title": vacature.titel,
        "description": vacature.omschrijving or vacature.titel,
        "datePosted": timezone.localdate(geplaatst).isoformat(),
        "validThrough": einde.isoformat(),
        "employmentType": "FULL_TIME" if vacature.fte >= 1 else "PART_TIME",
        "hiringOrganization": organisatie,
        "jobLocation": {
            "@type": "Place",
            "name": vestiging.naam,
            "address": {key: value for key, value in adres.items() if value},
        },
        "jobStartDate": vacature.startdatum.isoformat(),
        "identifier": {"@type": "PropertyValue", "name": bestuur.naam, "value": str(vacature.pk)},
        "industry": "Onderwijs",
        "occupationalCategory": str(vacature.get_functie_display()),
    }


# As Django's json_script does: no text in the data can end the <script> element or start
# an HTML comment or entity in it.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def json_script_content(data: dict) -> str:
    """`data` as JSON that is safe between <script type="application/ld+json"> tags."""
    return mark_safe(  # noqa: S308 - every character that could end the element is escaped
        json.dumps(data, ensure_ascii=False).translate(_JSON_SCRIPT_ESCAPES)
    )

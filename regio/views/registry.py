"""Public pages of a region's registry: its partner list (with exports) and one partner."""

from django import forms
from django.core.paginator import InvalidPage, Paginator
from django.db.models import Count, OuterRef, Prefetch, Q, Subquery
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe
from django.views.decorators.vary import vary_on_headers

from regio.exports import Column, check_format, export_response
from regio.models import Deelname, DeelnameStatus, Organisatie, OrganisatieSoort, Regio

PER_PAGE = 25
GEEN_DEELNAME = "geen"


def page_of(request, queryset, per_page=PER_PAGE):
    """The requested page; a page number that is not a number or out of range gives page 1."""
    paginator = Paginator(queryset, per_page)
    try:
        return paginator.page(request.GET.get("page") or 1)
    except InvalidPage:
        return paginator.page(1)


def valid_filters(form) -> dict:
    """The filter values that are valid; an invalid one is ignored (and its error shown)."""
    form.is_valid()
    return {name: value for name, value in form.cleaned_data.items() if value}


def deelname_label(status: str | None) -> str:
    """Neemt deel / Uitgenodigd / Vertrokken, or a dash for a partner without participation."""
    return DeelnameStatus(status).label if status else "–"


class PartnerFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Zoeken"),
        required=False,
        max_length=100,
        help_text=_("Naam, bevoegd-gezagnummer of plaats."),
    )
    soort = forms.ChoiceField(
        label=_("Soort"),
        required=False,
        choices=[("", _("Alle soorten")), *OrganisatieSoort.choices],
    )
    deelname = forms.ChoiceField(
        label=_("Deelname"),
        required=False,
        choices=[
            ("", _("Alle")),
            *DeelnameStatus.choices,
            (GEEN_DEELNAME, _("Geen deelname")),
        ],
    )


def partners_of(regio: Regio, filters: dict):
    """The region's organisations with their participation in its plan and number of schools.

    The participation is a subquery, not a join, so the school count needs no second
    join to stay right; the query is the same however many partners there are.
    """
    deelname = Deelname.objects.filter(organisatie=OuterRef("pk"), regio=regio).order_by()
    partners = (
        Organisatie.objects.filter(regio=regio)
        .annotate(
            deelname_status=Subquery(deelname.values("status")[:1]),
            aantal_scholen=Count("vestigingen", distinct=True),
        )
        .order_by("naam", "pk")
    )
    if q := filters.get("q"):
        partners = partners.filter(
            Q(naam__icontains=q) | Q(bevoegd_gezag_nummer__icontains=q) | Q(plaats__icontains=q)
        )
    if soort := filters.get("soort"):
        partners = partners.filter(soort=soort)
    if deelname_filter := filters.get("deelname"):
        if deelname_filter == GEEN_DEELNAME:
            partners = partners.filter(deelname_status__isnull=True)
        else:
            partners = partners.filter(deelname_status=deelname_filter)
    return partners


@require_safe
@vary_on_headers("HX-Request", "HX-History-Restore-Request")
def partners(request, slug):
    """The region's partner list; an htmx request gets only the results."""
    regio = get_object_or_404(Regio, slug=slug)
    form = PartnerFilterForm(request.GET)
    page = page_of(request, partners_of(regio, valid_filters(form)))
    for organisatie in page:
        organisatie.deelname_label = deelname_label(organisatie.deelname_status)
    template = "regio/registry/partners.html"
    # A history restore (htmx's cache missed) replaces the whole body: send the whole page.
    if request.htmx and not request.htmx.history_restore_request:
        template += "#results"
    return render(request, template, {"regio": regio, "form": form, "page": page})


PARTNER_COLUMNS = [
    Column(_("Soort"), 22),
    Column(_("Naam"), 45),
    Column(_("Plaats"), 20),
    Column(_("Bevoegd-gezagnummer"), 20),
    Column(_("Fte"), 10),
    Column(_("Leerlingen"), 12),
    Column(_("Scholen"), 10),
    Column(_("Deelname"), 15),
]


def partner_rows(partners):
    for organisatie in partners.iterator(chunk_size=2000):
        yield (
            organisatie.get_soort_display(),
            organisatie.naam,
            organisatie.plaats,
            organisatie.bevoegd_gezag_nummer,
            organisatie.fte,
            organisatie.leerlingen,
            organisatie.aantal_scholen if organisatie.is_bestuur else None,
            deelname_label(organisatie.deelname_status),
        )


@require_safe
def partners_export(request, slug, fmt):
    """The partner list as CSV or XLSX, with the same search and filters as the page."""
    check_format(fmt)
    regio = get_object_or_404(Regio, slug=slug)
    filters = valid_filters(PartnerFilterForm(request.GET))
    return export_response(
        fmt,
        columns=PARTNER_COLUMNS,
        rows=partner_rows(partners_of(regio, filters)),
        name="partners",
        regio_slug=regio.slug,
    )


def _opleidingsscholen(organisatie):
    """The model of opleidingsscholen reached through a relation: regio may not import it."""
    model = organisatie.opleidingsscholen_als_bestuur.model
    return model.objects.select_related("regio").order_by("naam")


@require_safe
def organisatie_detail(request, slug, pk):
    """One partner: what it is, its schools, its opleidingsscholen and its participation.

    Contact persons are not shown: their e-mail and phone are not public.
    """
    regio = get_object_or_404(Regio, slug=slug)
    organisatie = get_object_or_404(partners_of(regio, {}), pk=pk)
    deelname = Deelname.objects.filter(organisatie=organisatie, regio=regio).first()
    # Related managers by name: regio may not import the opleidingsscholen app (layering).
    context = {
        "regio": regio,
        "organisatie": organisatie,
        "deelname": deelname,
        "vestigingen": organisatie.vestigingen.prefetch_related(
            Prefetch("opleidingsscholen", queryset=_opleidingsscholen(organisatie))
        ).order_by("naam", "brin"),
        "opleidingsscholen": (
            organisatie.opleidingsscholen_als_bestuur.select_related("regio").order_by("naam")
        ),
        "opleidingsscholen_als_instituut": (
            organisatie.opleidingsscholen_als_instituut.select_related("regio").order_by("naam")
        ),
    }
    return render(request, "regio/registry/organisatie_detail.html", context)

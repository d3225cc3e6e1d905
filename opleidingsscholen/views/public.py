"""Public pages of a region's opleidingsscholen: the list (with exports) and one partnership."""

from dataclasses import dataclass, field

from django import forms
from django.db.models import Count, F, OuterRef, Prefetch, Subquery, Sum
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe
from django.views.decorators.vary import vary_on_headers

from regio.coverage import percentage
from regio.exports import Column, check_format, export_response
from regio.models import Organisatie, Regio, Sector
from regio.views.registry import page_of, valid_filters

from ..models import Opleidingsplaatsen, Opleidingsschool, Plaatsingen, schooljaar_label


class OpleidingsschoolFilterForm(forms.Form):
    q = forms.CharField(label=_("Zoeken op naam"), required=False, max_length=100)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Alle")), *Opleidingsschool.Status.choices],
    )
    sector = forms.ChoiceField(
        label=_("Sector"), required=False, choices=[("", _("Alle sectoren")), *Sector.choices]
    )


def _latest_places_sum(field_name):
    """Sum of one capacity over the kinds of student, in the partnership's latest school year."""
    places = Opleidingsplaatsen.objects.filter(opleidingsschool=OuterRef("opleidingsschool"))
    latest_year = places.order_by("-schooljaar").values("schooljaar")[:1]
    return Subquery(
        Opleidingsplaatsen.objects.filter(
            opleidingsschool=OuterRef("pk"), schooljaar=Subquery(latest_year)
        )
        .order_by()
        .values("opleidingsschool")
        .annotate(total=Sum(field_name))
        .values("total")
    )


def opleidingsscholen_of(regio: Regio, filters: dict):
    """The region's partnerships with member counts, latest places and latest placements.

    Counts over two many-to-many joins need distinct; places and placements are subqueries,
    so none of them multiplies the other and the query stays one however many rows there are.
    """
    latest_places = Opleidingsplaatsen.objects.filter(opleidingsschool=OuterRef("pk")).order_by(
        "-schooljaar"
    )
    latest_placements = Plaatsingen.objects.filter(opleidingsschool=OuterRef("pk")).order_by(
        "-schooljaar"
    )
    placements = latest_placements.annotate(
        binnen=F("studenten_binnen") + F("zij_instromers_binnen"),
        buiten=F("studenten_buiten") + F("zij_instromers_buiten"),
    )
    scholen = (
        Opleidingsschool.objects.filter(regio=regio)
        .annotate(
            aantal_besturen=Count("besturen", distinct=True),
            aantal_scholen=Count("vestigingen", distinct=True),
            plaatsen_jaar=Subquery(latest_places.values("schooljaar")[:1]),
            plaatsen_nu=_latest_places_sum("capaciteit_nu"),
            plaatsen_gewenst=_latest_places_sum("capaciteit_gewenst"),
            plaatsingen_jaar=Subquery(latest_placements.values("schooljaar")[:1]),
            plaatsingen_binnen=Subquery(placements.values("binnen")[:1]),
            plaatsingen_buiten=Subquery(placements.values("buiten")[:1]),
        )
        .prefetch_related(
            Prefetch("instituten", queryset=Organisatie.objects.only("pk", "naam").order_by("naam"))
        )
        .order_by("naam", "pk")
    )
    if q := filters.get("q"):
        scholen = scholen.filter(naam__icontains=q)
    if status := filters.get("status"):
        scholen = scholen.filter(status=status)
    if sector := filters.get("sector"):
        scholen = scholen.filter(sector=sector)
    return scholen


def _with_figures(opleidingsschool):
    """Labels and the share trained within, computed from the annotations of one row."""
    o = opleidingsschool
    o.plaatsen_jaar_label = schooljaar_label(o.plaatsen_jaar) if o.plaatsen_jaar else None
    o.plaatsingen_jaar_label = schooljaar_label(o.plaatsingen_jaar) if o.plaatsingen_jaar else None
    o.pct_binnen = (
        percentage(o.plaatsingen_binnen, o.plaatsingen_binnen + o.plaatsingen_buiten)
        if o.plaatsingen_jaar
        else None
    )
    return o


@require_safe
@vary_on_headers("HX-Request", "HX-History-Restore-Request")
def lijst(request, slug):
    """The region's opleidingsscholen; an htmx request gets only the results."""
    regio = get_object_or_404(Regio, slug=slug)
    form = OpleidingsschoolFilterForm(request.GET)
    page = page_of(request, opleidingsscholen_of(regio, valid_filters(form)))
    for opleidingsschool in page:
        _with_figures(opleidingsschool)
    template = "opleidingsscholen/public/lijst.html"
    # A history restore (htmx's cache missed) replaces the whole body: send the whole page.
    if request.htmx and not request.htmx.history_restore_request:
        template += "#results"
    return render(request, template, {"regio": regio, "form": form, "page": page})


COLUMNS = [
    Column(_("Naam"), 40),
    Column(_("Sector"), 28),
    Column(_("Status"), 10),
    Column(_("Besturen"), 10),
    Column(_("Scholen"), 10),
    Column(_("Partnerinstituten"), 45),
    Column(_("Schooljaar plaatsen"), 12),
    Column(_("Plaatsen nu"), 12),
    Column(_("Plaatsen gewenst"), 12),
    Column(_("Schooljaar plaatsingen"), 12),
    Column(_("Opgeleid binnen (%)"), 14),
]


def export_rows(opleidingsscholen):
    # iterator() with a chunk size still prefetches the institutes, one query per chunk.
    for o in opleidingsscholen.iterator(chunk_size=500):
        _with_figures(o)
        yield (
            o.naam,
            o.get_sector_display(),
            o.get_status_display(),
            o.aantal_besturen,
            o.aantal_scholen,
            ", ".join(instituut.naam for instituut in o.instituten.all()),
            o.plaatsen_jaar_label,
            o.plaatsen_nu,
            o.plaatsen_gewenst,
            o.plaatsingen_jaar_label,
            o.pct_binnen,
        )


@require_safe
def export(request, slug, fmt):
    """The list as CSV or XLSX, with the same search and filters as the page."""
    check_format(fmt)
    regio = get_object_or_404(Regio, slug=slug)
    filters = valid_filters(OpleidingsschoolFilterForm(request.GET))
    return export_response(
        fmt,
        columns=COLUMNS,
        rows=export_rows(opleidingsscholen_of(regio, filters)),
        name="opleidingsscholen",
        regio_slug=regio.slug,
    )


@dataclass
class Schooljaar:
    """The training places of one school year, per kind of student and in total."""

    jaar: int
    rijen: list = field(default_factory=list)

    @property
    def label(self):
        return schooljaar_label(self.jaar)

    @property
    def totaal_nu(self):
        return sum(rij.capaciteit_nu for rij in self.rijen)

    @property
    def totaal_gewenst(self):
        return sum(rij.capaciteit_gewenst for rij in self.rijen)


def places_per_year(plaatsen) -> list[Schooljaar]:
    years: dict[int, Schooljaar] = {}
    for rij in plaatsen:
        years.setdefault(rij.schooljaar, Schooljaar(rij.schooljaar)).rijen.append(rij)
    return list(years.values())


@require_safe
def detail(request, slug, pk):
    """One partnership: its member boards and schools, institutes, places and placements."""
    regio = get_object_or_404(Regio, slug=slug)
    opleidingsschool = get_object_or_404(Opleidingsschool.objects.filter(regio=regio), pk=pk)
    context = {
        "regio": regio,
        "opleidingsschool": opleidingsschool,
        "besturen": opleidingsschool.besturen.select_related("regio").order_by("naam"),
        "vestigingen": opleidingsschool.vestigingen.select_related("bestuur").order_by("naam"),
        "instituten": opleidingsschool.instituten.select_related("regio").order_by("naam"),
        "jaren": places_per_year(
            opleidingsschool.opleidingsplaatsen.order_by("-schooljaar", "soort")
        ),
        "plaatsingen": opleidingsschool.plaatsingen.order_by("-schooljaar"),
    }
    return render(request, "opleidingsscholen/public/detail.html", context)

"""Project leaders keep their region's opleidingsscholen: members, training places, placements.

Every page works as plain HTML forms; htmx saves a row or a section in place. As in the
registry (regio/views/beheer.py), invalid input under htmx comes back with status 200 because
htmx does not swap 4xx responses by default; without htmx the page comes back with 422.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from regio.access import role_required
from regio.forms import add_service_errors, focus_first_error, save_with
from regio.models import Role

from .. import services
from ..forms import OpleidingsplaatsenForm, OpleidingsschoolForm, PlaatsingenForm
from ..models import Opleidingsplaatsen, Opleidingsschool, Plaatsingen

LIJST = "opleidingsscholen/beheer/lijst.html"
NIEUW = "opleidingsscholen/beheer/nieuw.html"
BEWERKEN = "opleidingsscholen/beheer/bewerken.html"

INVALID = 422


@dataclass(frozen=True)
class RowKind:
    """One kind of editable row on the edit page: its form, where it lives and how it is saved."""

    name: str  # the section's id and partial name, and the rows' form prefix
    model: type
    form_class: type
    save: Callable  # the service, called as save(obj, **cleaned_data)
    saved_message: str

    def form(self, obj, data=None):
        prefix = f"{self.name}-{obj.pk}" if obj.pk else f"{self.name}-nieuw"
        return self.form_class(data, instance=obj, prefix=prefix)

    def rows(self, opleidingsschool):
        return getattr(opleidingsschool, self.name).all()


OPLEIDINGSPLAATSEN = RowKind(
    name="opleidingsplaatsen",
    model=Opleidingsplaatsen,
    form_class=OpleidingsplaatsenForm,
    save=lambda obj, **data: services.opleidingsplaatsen_save(opleidingsplaatsen=obj, **data),
    saved_message=gettext_lazy("De opleidingsplaatsen zijn opgeslagen."),
)
PLAATSINGEN = RowKind(
    name="plaatsingen",
    model=Plaatsingen,
    form_class=PlaatsingenForm,
    save=lambda obj, **data: services.plaatsingen_save(plaatsingen=obj, **data),
    saved_message=gettext_lazy("De plaatsingen zijn opgeslagen."),
)
ROW_KINDS = (OPLEIDINGSPLAATSEN, PLAATSINGEN)


def _get_opleidingsschool(user, pk):
    return get_object_or_404(Opleidingsschool.objects.editable_by(user), pk=pk)


@role_required(Role.PROJECTLEIDER)
def beheer(request):
    """The region's partnerships, with how many boards and schools take part."""
    opleidingsscholen = (
        Opleidingsschool.objects.editable_by(request.user)
        .annotate(
            aantal_besturen=Count("besturen", distinct=True),
            aantal_scholen=Count("vestigingen", distinct=True),
        )
        .prefetch_related("instituten")
    )
    return render(
        request, LIJST, {"regio": request.user.regio, "opleidingsscholen": opleidingsscholen}
    )


@role_required(Role.PROJECTLEIDER)
def nieuw(request):
    """A new partnership in the project leader's own region."""
    regio = request.user.regio
    opleidingsschool = Opleidingsschool(regio=regio)
    form = OpleidingsschoolForm(request.POST or None, instance=opleidingsschool, regio=regio)
    if request.method == "POST":
        if save_with(
            form,
            lambda: services.opleidingsschool_save(
                opleidingsschool=opleidingsschool, **form.fields_data(), **form.members()
            ),
        ):
            messages.success(
                request,
                _("Opleidingsschool %(naam)s is aangemaakt.") % {"naam": opleidingsschool.naam},
            )
            return redirect("opleidingsscholen:bewerken", pk=opleidingsschool.pk)
        return render(request, NIEUW, {"regio": regio, "form": form}, status=INVALID)
    return render(request, NIEUW, {"regio": regio, "form": form})


def _bewerken_context(request, opleidingsschool, form=None, bound_row=None):
    """Everything the edit page shows.

    `form` (the partnership's) or `bound_row` (one row's, new or existing), bound and with
    errors, takes the place of its empty counterpart.
    """
    context = {
        "regio": request.user.regio,
        "opleidingsschool": opleidingsschool,
        "form": form or OpleidingsschoolForm(instance=opleidingsschool, regio=request.user.regio),
    }
    for kind in ROW_KINDS:
        own = bound_row if isinstance(bound_row, kind.form_class) else None
        replaces = own.instance.pk if own is not None else None
        context[f"{kind.name}_rows"] = [
            own if replaces and obj.pk == replaces else kind.form(obj)
            for obj in kind.rows(opleidingsschool)
        ]
        context[f"{kind.name}_nieuw"] = (
            own
            if own is not None and not replaces
            else kind.form(kind.model(opleidingsschool=opleidingsschool))
        )
    return context


@role_required(Role.PROJECTLEIDER)
def bewerken(request, pk):
    """A partnership's page: its details and members, training places and placements."""
    opleidingsschool = _get_opleidingsschool(request.user, pk)
    if request.method == "POST":
        form = OpleidingsschoolForm(
            request.POST, instance=opleidingsschool, regio=request.user.regio
        )
        if save_with(
            form,
            lambda: services.opleidingsschool_save(
                opleidingsschool=opleidingsschool, **form.fields_data(), **form.members()
            ),
        ):
            messages.success(request, _("De opleidingsschool is opgeslagen."))
            return redirect("opleidingsscholen:bewerken", pk=pk)
        # The form changed the instance in memory; the page shows what is saved.
        opleidingsschool = _get_opleidingsschool(request.user, pk)
        return render(
            request,
            BEWERKEN,
            _bewerken_context(request, opleidingsschool, form=form),
            status=INVALID,
        )
    return render(request, BEWERKEN, _bewerken_context(request, opleidingsschool))


def _save_row(request, opleidingsschool, kind, obj):
    """Save one row (new or existing) and answer with the row, the section or the page."""
    is_new = obj.pk is None
    form = kind.form(obj, request.POST)
    saved = False
    if form.is_valid():
        try:
            obj = kind.save(obj, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            saved = True
    if not saved:
        focus_first_error(form)
    section_url = f"{reverse('opleidingsscholen:bewerken', args=[opleidingsschool.pk])}#{kind.name}"
    if saved and not request.htmx:
        messages.success(request, kind.saved_message)
        return redirect(section_url)
    if not request.htmx:
        opleidingsschool = _get_opleidingsschool(request.user, opleidingsschool.pk)
        return render(
            request,
            BEWERKEN,
            _bewerken_context(request, opleidingsschool, bound_row=form),
            status=INVALID,
        )
    if is_new:
        context = _bewerken_context(request, opleidingsschool, bound_row=None if saved else form)
        context["opgeslagen"] = kind.saved_message if saved else ""
        return render(request, f"{BEWERKEN}#{kind.name}", context)
    if saved:
        form = kind.form(kind.rows(opleidingsschool).get(pk=obj.pk))
    return render(
        request,
        f"{BEWERKEN}#{kind.name}_row",
        {
            "opleidingsschool": opleidingsschool,
            "form": form,
            "rij_opgeslagen": kind.saved_message if saved else "",
        },
    )


@require_POST
@role_required(Role.PROJECTLEIDER)
def opleidingsplaatsen_nieuw(request, pk):
    opleidingsschool = _get_opleidingsschool(request.user, pk)
    obj = Opleidingsplaatsen(opleidingsschool=opleidingsschool)
    return _save_row(request, opleidingsschool, OPLEIDINGSPLAATSEN, obj)


@require_POST
@role_required(Role.PROJECTLEIDER)
def opleidingsplaatsen_rij(request, pk, rij_pk):
    opleidingsschool = _get_opleidingsschool(request.user, pk)
    obj = get_object_or_404(opleidingsschool.opleidingsplaatsen, pk=rij_pk)
    return _save_row(request, opleidingsschool, OPLEIDINGSPLAATSEN, obj)


@require_POST
@role_required(Role.PROJECTLEIDER)
def plaatsingen_nieuw(request, pk):
    opleidingsschool = _get_opleidingsschool(request.user, pk)
    obj = Plaatsingen(opleidingsschool=opleidingsschool)
    return _save_row(request, opleidingsschool, PLAATSINGEN, obj)


@require_POST
@role_required(Role.PROJECTLEIDER)
def plaatsingen_rij(request, pk, rij_pk):
    opleidingsschool = _get_opleidingsschool(request.user, pk)
    obj = get_object_or_404(opleidingsschool.plaatsingen, pk=rij_pk)
    return _save_row(request, opleidingsschool, PLAATSINGEN, obj)

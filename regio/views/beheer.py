"""Project leaders keep their region's registry: organisations, participation, contacts, schools.

Every page works as plain HTML forms; htmx swaps a row or a section instead of reloading.
Invalid input under htmx comes back with status 200, because htmx does not swap 4xx responses
by default and the form with its messages must replace the one the user filled in. Without
htmx the whole page comes back with its messages and status 422 (Unprocessable Content).
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import services
from ..access import role_required
from ..forms import (
    ContactpersoonForm,
    DeelnameForm,
    OrganisatieForm,
    RegisterregelForm,
    VestigingForm,
    add_service_errors,
    focus_first_error,
    save_with,
)
from ..models import Deelname, Organisatie, Role, Vestiging

REGISTER = "regio/beheer/register.html"
ORGANISATIE = "regio/beheer/organisatie_bewerken.html"
ORGANISATIE_NIEUW = "regio/beheer/organisatie_nieuw.html"
VESTIGING = "regio/beheer/vestiging_bewerken.html"

INVALID = 422


def _organisaties(user):
    """The organisations this user may edit, each with `deelname`: its participation in the
    user's region (or None), in two queries however many there are."""
    return Organisatie.objects.editable_by(user).prefetch_related(
        Prefetch(
            "deelnames",
            queryset=Deelname.objects.filter(regio_id=user.regio_id),
            to_attr="deelnames_in_regio",
        )
    )


def _with_deelname(organisatie):
    organisatie.deelname = next(iter(organisatie.deelnames_in_regio), None)
    return organisatie


def _get_organisatie(user, pk):
    return _with_deelname(get_object_or_404(_organisaties(user), pk=pk))


def _rij_form(organisatie, data=None):
    return RegisterregelForm(
        data, instance=organisatie, deelname=organisatie.deelname, prefix=f"rij-{organisatie.pk}"
    )


@role_required(Role.PROJECTLEIDER)
def register(request):
    """The region's registry as a table; each row can be edited in place."""
    return _render_register(request)


def _render_register(request, bewerk_form=None, status=200):
    organisaties = [_with_deelname(o) for o in _organisaties(request.user)]
    return render(
        request,
        REGISTER,
        {"regio": request.user.regio, "organisaties": organisaties, "bewerk_form": bewerk_form},
        status=status,
    )


@role_required(Role.PROJECTLEIDER)
def register_rij(request, pk):
    """One row of the register: shown (GET), as a form (GET ?bewerken=1) or saved (POST)."""
    organisatie = _get_organisatie(request.user, pk)
    if request.method == "POST":
        form = _rij_form(organisatie, request.POST)
        saved = save_with(
            form,
            lambda: services.registerregel_save(
                organisatie=organisatie,
                regio=request.user.regio,
                organisatie_fields=form.organisatie_data(),
                deelname_fields=form.deelname_data(),
            ),
        )
        if saved and request.htmx:
            organisatie = _get_organisatie(request.user, pk)
            return render(
                request, f"{REGISTER}#organisatie_row", {"organisatie": organisatie, "focus": True}
            )
        if saved:
            messages.success(request, _("%(naam)s is opgeslagen.") % {"naam": organisatie.naam})
            return redirect(f"{reverse('regio:register')}#organisatie-{pk}")
        focus_first_error(form)
        if request.htmx:
            return render(
                request,
                f"{REGISTER}#organisatie_edit_row",
                {"organisatie": organisatie, "form": form},
            )
        return _render_register(request, bewerk_form=form, status=INVALID)

    bewerken = "bewerken" in request.GET
    if not request.htmx:
        # Without JavaScript the row has no place of its own: the edit page or the table.
        if bewerken:
            return redirect("regio:organisatie_bewerken", pk=pk)
        return redirect(f"{reverse('regio:register')}#organisatie-{pk}")
    if bewerken:
        return render(
            request,
            f"{REGISTER}#organisatie_edit_row",
            {"organisatie": organisatie, "form": _rij_form(organisatie)},
        )
    # Cancelled: the row is shown again, and focus returns to its edit link.
    return render(
        request, f"{REGISTER}#organisatie_row", {"organisatie": organisatie, "focus": True}
    )


@role_required(Role.PROJECTLEIDER)
def organisatie_nieuw(request):
    """Add an organisation to the project leader's own region."""
    form = OrganisatieForm(request.POST or None)
    context = {"form": form, "regio": request.user.regio}
    if request.method == "POST":
        if form.is_valid():
            try:
                organisatie = services.organisatie_create(
                    regio=request.user.regio, **form.cleaned_data
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request, _("%(naam)s staat in het register.") % {"naam": organisatie.naam}
                )
                return redirect("regio:organisatie_bewerken", pk=organisatie.pk)
        return render(request, ORGANISATIE_NIEUW, context, status=INVALID)
    return render(request, ORGANISATIE_NIEUW, context)


def _bewerken_context(request, organisatie, **forms):
    """Everything the edit page shows; a bound form with errors replaces its empty one."""
    context = {
        "regio": request.user.regio,
        "organisatie": organisatie,
        "form": OrganisatieForm(instance=organisatie),
        "deelname_form": DeelnameForm(deelname=organisatie.deelname, prefix="deelname"),
        "contactpersonen": list(organisatie.contactpersonen.all()),
        "contact_form": ContactpersoonForm(prefix="contact"),
        "vestigingen": list(organisatie.vestigingen.all()) if organisatie.is_bestuur else [],
        "vestiging_form": VestigingForm(prefix="vestiging"),
    }
    context.update(forms)
    return context


@role_required(Role.PROJECTLEIDER)
def organisatie_bewerken(request, pk):
    """An organisation's page: its details, participation, contact persons and schools."""
    organisatie = _get_organisatie(request.user, pk)
    if request.method == "POST":
        form = OrganisatieForm(request.POST, instance=organisatie)
        saved = save_with(
            form,
            lambda: services.organisatie_update(organisatie=organisatie, **form.cleaned_data),
        )
        if saved:
            messages.success(request, _("De gegevens zijn opgeslagen."))
            return redirect("regio:organisatie_bewerken", pk=pk)
        # The form changed the instance in memory; show the page with the saved values.
        organisatie = _get_organisatie(request.user, pk)
        return render(
            request, ORGANISATIE, _bewerken_context(request, organisatie, form=form), status=INVALID
        )
    return render(request, ORGANISATIE, _bewerken_context(request, organisatie))


def _section_response(request, organisatie, *, section, saved, message, **forms):
    """After a POST to one section of the edit page: that section (htmx) or the page."""
    if saved and not request.htmx:
        messages.success(request, message)
        return redirect(f"{reverse('regio:organisatie_bewerken', args=[organisatie.pk])}#{section}")
    organisatie = _get_organisatie(request.user, organisatie.pk)
    context = _bewerken_context(request, organisatie, **({} if saved else forms))
    if saved:
        context["opgeslagen"] = message
    if request.htmx:
        return render(request, f"{ORGANISATIE}#{section}", context)
    return render(request, ORGANISATIE, context, status=INVALID)


@require_POST
@role_required(Role.PROJECTLEIDER)
def organisatie_deelname(request, pk):
    organisatie = _get_organisatie(request.user, pk)
    form = DeelnameForm(request.POST, deelname=organisatie.deelname, prefix="deelname")
    saved = save_with(
        form,
        lambda: services.deelname_set(
            organisatie=organisatie, regio=request.user.regio, **form.deelname_data()
        ),
    )
    return _section_response(
        request,
        organisatie,
        section="deelname",
        saved=saved,
        message=_("De deelname is opgeslagen."),
        deelname_form=form,
    )


@require_POST
@role_required(Role.PROJECTLEIDER)
def contactpersoon_nieuw(request, pk):
    organisatie = _get_organisatie(request.user, pk)
    form = ContactpersoonForm(request.POST, prefix="contact")
    saved = save_with(
        form,
        lambda: services.contactpersoon_create(organisatie=organisatie, **form.cleaned_data),
    )
    return _section_response(
        request,
        organisatie,
        section="contactpersonen",
        saved=saved,
        message=_("De contactpersoon is toegevoegd."),
        contact_form=form,
    )


@require_POST
@role_required(Role.PROJECTLEIDER)
def contactpersoon_verwijderen(request, pk, contact_pk):
    organisatie = _get_organisatie(request.user, pk)
    contactpersoon = get_object_or_404(organisatie.contactpersonen, pk=contact_pk)
    services.contactpersoon_delete(contactpersoon=contactpersoon)
    return _section_response(
        request,
        organisatie,
        section="contactpersonen",
        saved=True,
        message=_("%(naam)s is verwijderd als contactpersoon.") % {"naam": contactpersoon.naam},
    )


def _get_bestuur(user, pk):
    organisatie = _get_organisatie(user, pk)
    if not organisatie.is_bestuur:
        # Only a school board has schools: for other kinds these pages do not exist.
        raise Http404
    return organisatie


@require_POST
@role_required(Role.PROJECTLEIDER)
def vestiging_nieuw(request, pk):
    bestuur = _get_bestuur(request.user, pk)
    form = VestigingForm(request.POST, instance=Vestiging(bestuur=bestuur), prefix="vestiging")
    saved = save_with(form, lambda: services.vestiging_create(bestuur=bestuur, **form.cleaned_data))
    return _section_response(
        request,
        bestuur,
        section="vestigingen",
        saved=saved,
        message=_("De school is toegevoegd."),
        vestiging_form=form,
    )


@role_required(Role.PROJECTLEIDER)
def vestiging_bewerken(request, pk, vestiging_pk):
    """One school of a board: its own small page."""
    bestuur = _get_bestuur(request.user, pk)
    vestiging = get_object_or_404(bestuur.vestigingen, pk=vestiging_pk)
    form = VestigingForm(request.POST or None, instance=vestiging)
    status = 200
    if request.method == "POST":
        if save_with(
            form, lambda: services.vestiging_update(vestiging=vestiging, **form.cleaned_data)
        ):
            messages.success(request, _("De school is opgeslagen."))
            return redirect(
                f"{reverse('regio:organisatie_bewerken', args=[bestuur.pk])}#vestigingen"
            )
        status = INVALID
        # The form changed the instance in memory; the heading shows the saved school.
        vestiging = bestuur.vestigingen.get(pk=vestiging_pk)
    return render(
        request,
        VESTIGING,
        {"regio": request.user.regio, "bestuur": bestuur, "vestiging": vestiging, "form": form},
        status=status,
    )

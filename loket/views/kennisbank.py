"""Public pages of the knowledge base: the articles by topic, search, and one article."""

from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe
from django.views.decorators.vary import vary_on_headers

from .. import kennisbank
from ..forms.desk import KennisbankZoekForm

MAX_RESULTATEN = 25


@require_safe
@vary_on_headers("HX-Request", "HX-History-Restore-Request")
def kennisbank_lijst(request):
    """Every article grouped by topic; with a search term, the best matches instead.

    The search box works as a plain GET form; htmx replaces only the results as you type.
    """
    form = KennisbankZoekForm(request.GET)
    q = form.cleaned_data["q"] if form.is_valid() else ""
    context = {"form": form, "q": q}
    if q:
        context["resultaten"] = list(kennisbank.zoek(q)[:MAX_RESULTATEN])
    else:
        context["onderwerpen"] = kennisbank.per_onderwerp(kennisbank.gepubliceerd())
    template = "loket/kennisbank/lijst.html"
    if request.htmx and not request.htmx.history_restore_request:
        template += "#resultaten"
    return render(request, template, context)


@require_safe
def kennisbank_artikel(request, slug):
    """One article, and the other questions on its topic."""
    artikel = get_object_or_404(kennisbank.gepubliceerd(), slug=slug)
    verwant = kennisbank.gepubliceerd().filter(onderwerp=artikel.onderwerp).exclude(pk=artikel.pk)
    return render(
        request,
        "loket/kennisbank/artikel.html",
        {
            "artikel": artikel,
            "blokken": kennisbank.blokken(artikel.antwoord),
            "verwant": verwant,
        },
    )

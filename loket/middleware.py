"""Request checks that apply to every page."""

from django.core.exceptions import SuspiciousOperation


class NulInInput(SuspiciousOperation):
    """A NUL character in a parameter: no person types one, and PostgreSQL refuses to store or
    even compare it, so a view that filters on the raw value would fail."""


class RefuseNulCharactersMiddleware:
    """Answer 400 ("Ongeldig verzoek") to any query or form value holding a NUL character.

    Forms already refuse them field by field; this covers the values views read directly
    (filters, `?route=`), in one place. It runs as a view hook, after the CSRF check, so the
    form body is parsed the usual way.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        sources = [request.GET, request.POST] if request.method == "POST" else [request.GET]
        for params in sources:
            for key, values in params.lists():
                if "\x00" in key or any("\x00" in value for value in values):
                    raise NulInInput("NUL character in request parameters")
        if any("\x00" in str(value) for value in view_kwargs.values()):
            raise NulInInput("NUL character in the URL")
        return None

"""Template context every page needs: navigation and the CSP nonce."""

from django.contrib.auth.models import AnonymousUser

from .navigation import navigation_for


def portal(request):
    # Error pages can render before the auth middleware ran (e.g. a 400 for a bad Host).
    user = getattr(request, "user", None) or AnonymousUser()
    return {
        "navigation": navigation_for(user, request.path),
        # Named as Django 6's own csp() context processor names it, which django-htmx reads.
        "csp_nonce": getattr(request, "csp_nonce", ""),
    }

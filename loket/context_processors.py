"""Template context every page needs: navigation and the CSP nonce."""

from .navigation import navigation_for


def portal(request):
    return {
        "navigation": navigation_for(request.user, request.path),
        # Named as Django 6's own csp() context processor names it, which django-htmx reads.
        "csp_nonce": getattr(request, "csp_nonce", ""),
    }

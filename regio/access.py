"""Who may open which page: the role check and the MFA gate for staff roles.

It lives in the lowest app so every app's views can use it.
"""

from functools import wraps

from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _


def needs_mfa_setup(user) -> bool:
    """A staff user without an authenticator may not see other people's data yet."""
    return settings.LOKET_MFA_REQUIRED and user.is_portal_staff and not is_mfa_enabled(user)


def role_required(*roles):
    """Let only logged-in users with one of `roles` in.

    Someone with another role gets a 404 (a page out of scope does not exist for them);
    a staff user without MFA is sent to set it up first. The operator is not let in
    implicitly: a page that serves the operator too names Role.BEHEERDER.
    """
    allowed = set(roles)

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            user = request.user
            if not user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if user.role not in allowed:
                raise Http404
            if needs_mfa_setup(user):
                messages.info(
                    request,
                    _("Stel eerst tweestapsverificatie in; daarna kun je verder."),
                )
                return redirect("mfa_activate_totp")
            return view(request, *args, **kwargs)

        return wrapper

    return decorator

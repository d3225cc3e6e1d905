"""The demo logins: one user per role in the first region, verified so they can log in at once."""

import random

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password

from regio.models import Role, User

from . import data
from .context import DemoContext


def demo_emails() -> list[str]:
    return [f"{local}@{data.DEMO_DOMAIN}" for local, _, _ in data.DEMO_PEOPLE]


def make_demo_logins(ctx: DemoContext, rng: random.Random) -> int:
    """One user per role with the shared demo password and the membership the role needs."""
    spec, regio = ctx.regions[0]
    board = next(b.org for b in ctx.boards if b.spec is spec)
    institute = ctx.institutes[regio.slug][0]
    memberships = {
        Role.LOKETADVISEUR: {"regio": regio},
        Role.PROJECTLEIDER: {"regio": regio},
        Role.HR: {"organisatie": board},
        Role.OPLEIDER: {"organisatie": institute},
    }
    users = [
        User.objects.create_user(email, None, naam=naam, role=role, **memberships.get(role, {}))
        for email, (_, role, naam) in zip(demo_emails(), data.DEMO_PEOPLE, strict=True)
    ]
    # Hash the shared password once (PBKDF2 takes ~0.4 s a time) instead of once per user.
    User.objects.filter(pk__in=[u.pk for u in users]).update(
        password=make_password(data.DEMO_PASSWORD)
    )
    EmailAddress.objects.bulk_create(
        EmailAddress(user=u, email=u.email, primary=True, verified=True) for u in users
    )
    return len(users)


def existing_demo_logins() -> list[User]:
    """The demo users found in the database, in the order of data.DEMO_PEOPLE."""
    found = {
        u.email: u
        for u in User.objects.filter(email__in=demo_emails()).select_related("regio", "organisatie")
    }
    return [found[email] for email in demo_emails() if email in found]


def logins_table(users: list[User]) -> str:
    """A plain-text table of the demo logins: e-mail, role, password and membership."""
    header = ("E-mail", "Role", "Password", "Member of")
    rows = [
        (u.email, u.role, data.DEMO_PASSWORD, str(u.organisatie or u.regio or "-")) for u in users
    ]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)) for row in rows]
    rule = "  ".join("-" * w for w in widths)
    title = "  ".join(cell.ljust(w) for cell, w in zip(header, widths, strict=True))
    return "\n".join(line.rstrip() for line in [title, rule, *lines])

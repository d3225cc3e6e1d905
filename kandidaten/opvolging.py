"""Following up candidates who stall: marking them stalled, one digest per adviser, and a
friendly nudge to candidates who asked for one, each at most once per configured period.

Seeds 001 and 003 ask for follow-up that is neither pushy nor passive: how many days without
activity make a stage "stalled", and how often someone is reminded at most, are set per stage
in the admin (Stilstandregel).
"""

import logging
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from regio.models import Role, User

from .journey import EINDFASEN
from .models import Fase, Kandidaat, Stilstandregel

log = logging.getLogger(__name__)

# Training & induction is followed by the school, not the desk; an ended procedure has
# nothing left to follow up.
NOOIT_STIL = frozenset(EINDFASEN | {Fase.OPLEIDING_INDUCTIE})


def _regels() -> list[Stilstandregel]:
    return list(Stilstandregel.objects.exclude(fase__in=NOOIT_STIL))


def kandidaten_mark_stalled(*, now: datetime | None = None) -> int:
    """Mark candidates stalled whose last activity is older than their stage's rule, and
    unmark those the rules no longer call stalled; returns how many were newly marked.

    One UPDATE per rule (a handful of stages), never a loop over candidates.
    """
    now = now or timezone.now()
    regels = _regels()
    levend = Kandidaat.objects.filter(gewist_op__isnull=True).exclude(fase__in=NOOIT_STIL)
    marked = 0
    for regel in regels:
        marked += levend.filter(
            fase=regel.fase,
            stil_sinds__isnull=True,
            laatste_activiteit__lt=now - timedelta(days=regel.dagen),
        ).update(stil_sinds=now)
    # A relaxed or removed rule, an end stage or an erasure: no longer stalled.
    niet_meer = (
        Q(fase__in=NOOIT_STIL)
        | Q(gewist_op__isnull=False)
        | ~Q(fase__in=[regel.fase for regel in regels])
    )
    for regel in regels:
        niet_meer |= Q(fase=regel.fase, laatste_activiteit__gte=now - timedelta(days=regel.dagen))
    Kandidaat.objects.filter(stil_sinds__isnull=False).filter(niet_meer).update(stil_sinds=None)
    return marked


def _due(field_name: str, regels, now: datetime) -> Q:
    """Candidates whose `field_name` reminder is due under their stage's cadence.

    Counted in calendar days: someone reminded on Monday with a cadence of one day is due
    again on Tuesday, whatever the minute the daily task runs.
    """
    today = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
    due = Q(pk__in=[])
    for regel in regels:
        grens = today - timedelta(days=regel.herinner_elke_dagen - 1)
        due |= Q(fase=regel.fase) & (
            Q(**{f"{field_name}__isnull": True}) | Q(**{f"{field_name}__lt": grens})
        )
    return due


def _claim(queryset, field_name: str, now: datetime) -> list[Kandidaat]:
    """Take the due candidates and record the reminder before anything is sent.

    Locked rows are skipped, so two runs at once never remind the same candidate twice; a
    run that dies after this sends nothing rather than twice (the next period reminds).
    """
    with transaction.atomic():
        kandidaten = list(
            queryset.select_for_update(skip_locked=True, of=("self",))
            .select_related("user", "adviseur", "regio")
            .order_by("stil_sinds", "pk")
        )
        if kandidaten:
            Kandidaat.objects.filter(pk__in=[k.pk for k in kandidaten]).update(**{field_name: now})
    return kandidaten


def portal_url(path: str) -> str:
    """An absolute link for an e-mail sent without a request to ask (see LOKET_BASE_URL)."""
    return settings.LOKET_BASE_URL + path


@dataclass
class Digest:
    adviseur: User
    kandidaten: list = field(default_factory=list)


def _eigen_adviseur(kandidaat: Kandidaat) -> User | None:
    adviseur = kandidaat.adviseur
    if (
        adviseur is not None
        and adviseur.is_active
        and adviseur.role == Role.LOKETADVISEUR
        and adviseur.regio_id == kandidaat.regio_id
    ):
        return adviseur
    return None


def digests_for(kandidaten: list[Kandidaat]) -> list[Digest]:
    """One digest per adviser: their own stalled candidates, plus those without an adviser
    (or whose adviser left) for every adviser of the candidate's region."""
    zonder = {k.regio_id for k in kandidaten if _eigen_adviseur(k) is None}
    per_regio = defaultdict(list)
    for adviseur in User.objects.filter(
        role=Role.LOKETADVISEUR, is_active=True, regio_id__in=zonder
    ).order_by("pk"):
        per_regio[adviseur.regio_id].append(adviseur)
    digests: dict[int, Digest] = {}
    for kandidaat in kandidaten:
        eigen = _eigen_adviseur(kandidaat)
        for adviseur in [eigen] if eigen else per_regio[kandidaat.regio_id]:
            digests.setdefault(adviseur.pk, Digest(adviseur)).kandidaten.append(kandidaat)
    return list(digests.values())


def _send(messages: list[EmailMessage]) -> int:
    if not messages:
        return 0
    try:
        return get_connection().send_messages(messages) or 0
    except Exception:
        # The reminders are recorded already: better one missed nudge than a flood of
        # repeats when the mail server hiccups.
        log.exception("Sending %s follow-up e-mails failed", len(messages))
        return 0


def _message(template: str, context: dict, to: str) -> EmailMessage:
    with translation.override(settings.LANGUAGE_CODE):
        onderwerp = render_to_string(f"kandidaten/email/{template}_onderwerp.txt", context)
        body = render_to_string(f"kandidaten/email/{template}.txt", context)
    return EmailMessage(
        subject=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + " ".join(onderwerp.split()),
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
    )


def adviseurs_nudge(*, now: datetime | None = None) -> int:
    """E-mail each adviser one digest of their stalled candidates that are due a reminder;
    returns the number of e-mails sent."""
    now = now or timezone.now()
    regels = _regels()
    kandidaten = _claim(
        Kandidaat.objects.filter(stil_sinds__isnull=False, gewist_op__isnull=True).filter(
            _due("adviseur_herinnerd_op", regels, now)
        ),
        "adviseur_herinnerd_op",
        now,
    )
    for kandidaat in kandidaten:
        kandidaat.dagen_stil = (now - kandidaat.laatste_activiteit).days
    lijst_url = portal_url(reverse("kandidaten:stilgevallen"))
    return _send(
        [
            _message(
                "stilgevallen_digest",
                {"adviseur": digest.adviseur, "kandidaten": digest.kandidaten, "url": lijst_url},
                digest.adviseur.email,
            )
            for digest in digests_for(kandidaten)
        ]
    )


def kandidaten_nudge(*, now: datetime | None = None) -> int:
    """A friendly e-mail to stalled candidates who asked for reminders and are due one;
    returns the number sent."""
    now = now or timezone.now()
    kandidaten = _claim(
        Kandidaat.objects.filter(
            stil_sinds__isnull=False,
            gewist_op__isnull=True,
            herinneringen=True,
            user__isnull=False,
            user__is_active=True,
        ).filter(_due("kandidaat_herinnerd_op", _regels(), now)),
        "kandidaat_herinnerd_op",
        now,
    )
    context = {
        "traject_url": portal_url(reverse("kandidaat_dashboard")),
        "toestemming_url": portal_url(reverse("kandidaat_dashboard") + "#toestemming"),
        "advies_url": portal_url(reverse("advies_boeken")),
    }
    return _send(
        [
            _message("kandidaat_herinnering", {**context, "kandidaat": k}, k.user.email)
            for k in kandidaten
        ]
    )


def opvolging_run(*, now: datetime | None = None) -> dict[str, int]:
    """The daily follow-up: mark, then remind advisers and candidates. Running it again the
    same day changes and sends nothing new."""
    now = now or timezone.now()
    return {
        "gemarkeerd": kandidaten_mark_stalled(now=now),
        "adviseurs": adviseurs_nudge(now=now),
        "kandidaten": kandidaten_nudge(now=now),
    }

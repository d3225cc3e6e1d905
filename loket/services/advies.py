"""Advice conversations: publishing slots, booking, cancelling and recording the outcome."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Adviesslot, Boeking


def slot_book(*, slot: Adviesslot, kandidaat, vraag: str = "") -> Boeking:
    """Book a free future slot for a candidate.

    The slot row is locked so concurrent bookings queue up; the partial unique constraint
    on Boeking is the last word even if a caller skips this function. Whoever comes second
    gets a Dutch ValidationError and nothing is written.
    """
    try:
        with transaction.atomic():
            locked = Adviesslot.objects.select_for_update().get(pk=slot.pk)
            if locked.geannuleerd:
                raise ValidationError(_("Dit moment is geannuleerd; kies een ander moment."))
            if locked.start <= timezone.now():
                raise ValidationError(_("Dit moment is al voorbij; kies een ander moment."))
            if locked.boekingen.filter(status=Boeking.Status.GEBOEKT).exists():
                raise ValidationError(_("Dit moment is net door iemand anders geboekt."))
            return Boeking.objects.create(slot=locked, kandidaat=kandidaat, vraag=vraag)
    except IntegrityError as exc:
        raise ValidationError(_("Dit moment is net door iemand anders geboekt.")) from exc


def boeking_token(boeking: Boeking) -> str:
    """The signed token in a booking's cancel/reschedule link (placeholder, see issue 4)."""
    from django.core import signing

    return signing.dumps({"b": boeking.pk}, salt="loket.boeking")

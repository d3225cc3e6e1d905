"""Writes to one vacancy: saving its fields, moving it through its statuses, and keeping its
publication history.

Every function raises ValidationError with a Dutch message on bad input, so a caller can show it
and nothing changes; a caller outside its own board gets PermissionDenied.
"""

from datetime import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Role, Vacature, VacaturePublicatie, VacatureStatus
from ..services import full_clean_and_save

S = VacatureStatus


# Publication history --------------------------------------------------------------------------
# Every writer that publishes a vacancy or ends its publication calls these, inside its own
# transaction, so the history (VacaturePublicatie) and the vacancy's current dates move together.


def publicatie_begin(*vacatures: Vacature, moment: datetime) -> None:
    """Start a publication period at `moment` for each of `vacatures` (saved rows), and make
    their `gepubliceerd_op` / `afgesloten_op` those of the new period; the caller saves the
    vacancies. One insert for all, so an import of thousands stays fast. A vacancy that is
    still published cannot get a second period: the database refuses it (IntegrityError)."""
    for vacature in vacatures:
        vacature.gepubliceerd_op, vacature.afgesloten_op = moment, None
    VacaturePublicatie.objects.bulk_create(
        [VacaturePublicatie(vacature=vacature, van=moment) for vacature in vacatures],
        batch_size=1000,
    )


def publicatie_einde(vacature: Vacature, *, moment: datetime) -> int:
    """End the vacancy's open publication period at `moment` (it was filled, closed or taken
    back to concept) and set its `afgesloten_op` to it; the caller saves the vacancy. Returns
    how many periods it ended: 0 when none was open."""
    vacature.afgesloten_op = moment
    return VacaturePublicatie.objects.filter(vacature=vacature, tot__isnull=True).update(tot=moment)


# Saving one vacancy ---------------------------------------------------------------------------


def check_may_write(door, bestuur_id) -> None:
    """Defence in depth: views already scope, but a service never writes outside its caller's
    board, whoever calls it."""
    if door.role == Role.BEHEERDER:
        return
    if door.role == Role.HR and door.organisatie_id and door.organisatie_id == bestuur_id:
        return
    raise PermissionDenied


@transaction.atomic
def vacature_save(*, vacature: Vacature, door) -> Vacature:
    """Create or change a vacancy from its editable fields; status and dates are not touched.

    Changing `fte` keeps `fte_open` in step: when nothing was appointed yet the whole new fte is
    open; when some was, the vacancy cannot shrink below what was appointed and the rest stays
    open. The stored row is locked first, so an appointment at the same moment is not lost.
    """
    if vacature.pk is None:
        check_may_write(door, vacature.bestuur_id)
        vacature.status = S.CONCEPT
        vacature.gepubliceerd_op = vacature.afgesloten_op = None
        vacature.fte_open = vacature.fte
        full_clean_and_save(vacature)
        return vacature

    current = Vacature.objects.editable_by(door).select_for_update().filter(pk=vacature.pk).first()
    if current is None:
        raise PermissionDenied
    # What the form may not change comes from the locked row, not from the (stale) instance.
    for name in ("bestuur_id", "status", "aangemaakt_op", "gepubliceerd_op", "afgesloten_op"):
        setattr(vacature, name, getattr(current, name))
    vacature.fte_open = current.fte_open
    if vacature.fte is not None and vacature.fte != current.fte:
        aangesteld = current.fte - current.fte_open
        if aangesteld <= 0:
            vacature.fte_open = vacature.fte
        elif vacature.fte < aangesteld:
            raise ValidationError(
                {
                    "fte": _(
                        "Er is al %(aangesteld)s fte aangesteld op deze vacature; het aantal fte "
                        "kan niet lager worden dan dat."
                    )
                    % {"aangesteld": _fte(aangesteld)}
                }
            )
        else:
            vacature.fte_open = vacature.fte - aangesteld
    full_clean_and_save(vacature)
    return vacature


def _fte(value: Decimal) -> str:
    """0.80 -> "0,8": how people write fte in Dutch."""
    text = format(value.normalize(), "f") if value else "0"
    return text.replace(".", ",")


# Statuses -------------------------------------------------------------------------------------

# Which status may follow which. A filled or closed vacancy can be published again (a candidate
# withdrew, the post turned out open after all) or taken back to concept to be reworked.
TRANSITIONS = {
    S.CONCEPT: (S.GEPUBLICEERD, S.GESLOTEN),
    S.GEPUBLICEERD: (S.VERVULD, S.GESLOTEN, S.CONCEPT),
    S.VERVULD: (S.GEPUBLICEERD, S.CONCEPT),
    S.GESLOTEN: (S.GEPUBLICEERD, S.CONCEPT),
}


def status_action_label(van: str, naar: str) -> str:
    """The words on the button that moves a vacancy from `van` to `naar`."""
    if naar == S.GEPUBLICEERD:
        return _("Publiceren") if van == S.CONCEPT else _("Opnieuw publiceren")
    if naar == S.VERVULD:
        return _("Markeren als vervuld")
    if naar == S.GESLOTEN:
        return _("Sluiten")
    return _("Terug naar concept")


def vacature_status_choices(vacature: Vacature) -> list[tuple[str, str]]:
    """The statuses this vacancy can be moved to now, with the label of each button."""
    return [
        (naar, status_action_label(vacature.status, naar)) for naar in TRANSITIONS[vacature.status]
    ]


def _publish_problem(vacature: Vacature, *, van: str) -> str | None:
    vandaag = timezone.localdate()
    if van == S.CONCEPT:
        if vacature.sluitdatum < vandaag:
            return _(
                "De sluitdatum ligt in het verleden; kies eerst een nieuwe sluitdatum en "
                "publiceer dan."
            )
    elif vacature.sluitdatum <= vandaag:
        return _(
            "Een vervulde of gesloten vacature kan alleen opnieuw gepubliceerd worden als de "
            "sluitdatum in de toekomst ligt; kies eerst een nieuwe sluitdatum."
        )
    if vacature.fte_open <= 0:
        return _("Er staat geen fte meer open; verhoog eerst het aantal fte.")
    return None


@transaction.atomic
def vacature_status_set(*, vacature: Vacature, status: str, door) -> Vacature:
    """Publish, mark filled, close, or take back to concept, as TRANSITIONS allows.

    Publishing begins a publication period (and stamps `gepubliceerd_op`); filled, closed and
    back to concept end it (filled and closed stamp `afgesloten_op`). The row is locked, so two
    clicks at once cannot both pass the check on the old status.
    """
    current = Vacature.objects.editable_by(door).select_for_update().filter(pk=vacature.pk).first()
    if current is None:
        raise PermissionDenied
    if status not in S.values:
        raise ValidationError(_("Onbekende status: %(status)s.") % {"status": status})
    if status == current.status:
        raise ValidationError(
            _("De vacature is al %(status)s.") % {"status": S(status).label.lower()}
        )
    if status not in TRANSITIONS[current.status]:
        raise ValidationError(
            _("Een vacature met status %(van)s kan niet naar %(naar)s.")
            % {"van": current.get_status_display().lower(), "naar": S(status).label.lower()}
        )
    nu = timezone.now()
    if status == S.GEPUBLICEERD:
        if problem := _publish_problem(current, van=current.status):
            raise ValidationError(problem)
        publicatie_begin(current, moment=nu)
    elif status in (S.VERVULD, S.GESLOTEN):
        publicatie_einde(current, moment=nu)
    else:
        # Back to concept: it is no longer published, and its next publication counts anew;
        # the period it was published in stays in the history.
        publicatie_einde(current, moment=nu)
        current.gepubliceerd_op = None
        current.afgesloten_op = None
    current.status = status
    # A published vacancy must be a valid one; an old row may predate a rule.
    full_clean_and_save(current)
    return current

"""The allowed moves of a candidate's journey, defined once for every screen and service."""

from .models import Fase

# The main path, in order. A candidate moves one step forward, or one step back when a step
# turns out premature (e.g. back from matching to route & toelating).
HOOFDPAD = [
    Fase.ORIENTATIE,
    Fase.ADVIES,
    Fase.ROUTE_TOELATING,
    Fase.MATCHING,
    Fase.AANSTELLING,
    Fase.OPLEIDING_INDUCTIE,
]
ZIJSPOREN = {Fase.GEPAUZEERD, Fase.UITGEVALLEN, Fase.DOORVERWEZEN}
ACTIEF = set(HOOFDPAD)
# Stages that end the procedure with the desk: personal data is kept four weeks after (or up
# to a year with consent), see the retention task.
EINDFASEN = {Fase.UITGEVALLEN, Fase.DOORVERWEZEN}


def allowed_moves(fase: str, *, voor_pauze: str | None = None) -> set[str]:
    """Where a candidate in `fase` may go. A paused candidate resumes where they paused
    (`voor_pauze`), or drops out; someone who dropped out may start again at orientation;
    a referral hands the candidate to another region, sector or institute and ends here."""
    if fase in ACTIEF:
        index = HOOFDPAD.index(fase)
        moves = {Fase.GEPAUZEERD, Fase.UITGEVALLEN, Fase.DOORVERWEZEN}
        if index + 1 < len(HOOFDPAD):
            moves.add(HOOFDPAD[index + 1])
        if index > 0:
            moves.add(HOOFDPAD[index - 1])
        return moves
    if fase == Fase.GEPAUZEERD:
        return {voor_pauze or Fase.ORIENTATIE, Fase.UITGEVALLEN}
    if fase == Fase.UITGEVALLEN:
        return {Fase.ORIENTATIE}
    return set()


def needs_reason(naar: str) -> bool:
    return naar == Fase.UITGEVALLEN

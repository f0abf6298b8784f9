"""Which events a user asked for: by type, status, period and confidence (`--types`, `--status`, `--since`,
`--until`, `--min-confidence`)."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from gazetteer.errors import GeoeventsError


class FilterError(GeoeventsError, ValueError):
    """A filter that can keep nothing, such as a period that ends before it starts."""


@dataclass(frozen=True)
class EventFilter:
    """What `--types`, `--since`, `--until`, `--status` and `--min-confidence` keep."""

    types: frozenset[str] | None = None
    since: str | None = None  # ISO dates compare as strings
    until: str | None = None
    status: frozenset[str] | None = None
    min_confidence: float = 0.0

    def keep(self, event: Mapping[str, Any]) -> bool:
        if event.get("confidence", 0.0) < self.min_confidence:
            return False
        if self.types is not None and event["event_type"] not in self.types:
            return False
        if self.status is not None and event["status"] not in self.status:
            return False
        if not (self.since or self.until):
            return True
        when = event.get("date") or event.get("reported")
        if when is None:
            return False  # asked for a period, and this event has no date in it
        return not ((self.since and when < self.since) or (self.until and when > self.until))

    def __post_init__(self) -> None:
        if self.since and self.until and self.since > self.until:
            raise FilterError(f"the period ends ({self.until}) before it starts ({self.since})")

    @classmethod
    def of(
        cls,
        types: frozenset[str] | None = None,
        status: frozenset[str] | None = None,
        since: datetime.date | None = None,
        until: datetime.date | None = None,
        min_confidence: float = 0.0,
    ) -> EventFilter:
        """The filter of dates given as dates."""
        return cls(
            types, since.isoformat() if since else None, until.isoformat() if until else None, status, min_confidence
        )

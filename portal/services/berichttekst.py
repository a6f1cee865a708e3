"""A message as the person reads it: written out from its facts, in their language now."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class BerichtTekst:
    onderwerp: str
    alineas: list[str]
    toelichting: str | None
    # A receipt's copy of what the person sent: (label, what they chose or wrote).
    kopie: list[tuple[str, str]] = field(default_factory=list)

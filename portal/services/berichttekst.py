"""A message as the person reads it: written out from its facts, in their language now."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class BerichtTekst:
    onderwerp: str
    alineas: list[str]
    toelichting: str | None

"""What an import did: a count per outcome, and every refused row with its reason."""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from flask_babel import LazyString


@dataclass(frozen=True)
class Afwijzing:
    regel: int  # line number in the file; the header is line 1
    veld: str  # a column name, or "" when the whole row is wrong
    reden: LazyString | str  # rendered when reported, in the language chosen then

    def als_tekst(self) -> str:
        waar = f"regel {self.regel}, veld {self.veld}" if self.veld else f"regel {self.regel}"
        return f"{waar}: {self.reden}"


@dataclass
class Uitslag:
    """Every row read ends up in exactly one count: one of ``uitkomsten`` or refused."""

    uitkomsten: tuple[str, ...]
    gelezen: int = 0
    tellingen: dict[str, int] = field(default_factory=dict)
    afwijzingen: list[Afwijzing] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.tellingen = dict.fromkeys(self.uitkomsten, 0)

    def tel(self, uitkomst: str, aantal: int = 1) -> None:
        self.tellingen[uitkomst] += aantal

    def weiger(self, regel: int, veld: str, reden: LazyString | str) -> None:
        self.afwijzingen.append(Afwijzing(regel, veld, reden))

    @property
    def afgewezen(self) -> int:
        # A row with three problems is one refused row, reported three times.
        return len({afwijzing.regel for afwijzing in self.afwijzingen})

    def gesorteerd(self) -> list[Afwijzing]:
        return sorted(self.afwijzingen, key=lambda afwijzing: afwijzing.regel)

    def samenvatting(self) -> str:
        delen = [f"gelezen: {self.gelezen}"]
        delen += [f"{uitkomst}: {aantal}" for uitkomst, aantal in self.tellingen.items()]
        delen.append(f"afgewezen: {self.afgewezen}")
        return ", ".join(delen)


def schrijf_rapport(pad: Path, uitslag: Uitslag) -> None:
    """The refused rows as CSV (regelnummer, veld, reden), for whoever fixes the source."""
    with pad.open("w", encoding="utf-8", newline="") as bestand:
        schrijver = csv.writer(bestand)
        schrijver.writerow(["regelnummer", "veld", "reden"])
        for afwijzing in uitslag.gesorteerd():
            schrijver.writerow([afwijzing.regel, afwijzing.veld, str(afwijzing.reden)])

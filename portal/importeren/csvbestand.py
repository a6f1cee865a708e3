"""Reading an import file: UTF-8 CSV with a header, separated by commas or semicolons.

The whole file is read and checked before anything is written, so a file that turns out
not to be text halfway through leaves the database as it was.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

from flask_babel import LazyString

from portal.importeren.uitslag import Afwijzing
from portal.vertalen import lazy_gettext as _l

SCHEIDINGSTEKENS = (",", ";")  # Dutch spreadsheet software writes ";" by default


class Bestandsfout(ValueError):
    """The file as a whole cannot be imported; nothing was written."""

    def __init__(self, melding: LazyString) -> None:
        super().__init__("import file refused")
        self.melding = melding


@dataclass(frozen=True)
class Regel:
    nummer: int  # where the row begins; the header is line 1
    waarden: dict[str, str]  # column → value, stripped; absent optional columns are missing


@dataclass(frozen=True)
class Bestand:
    kolommen: tuple[str, ...]
    regels: list[Regel]
    # Rows that cannot be read as a record of this file (wrong number of fields).
    afwijzingen: list[Afwijzing] = field(default_factory=list)

    @property
    def gelezen(self) -> int:
        return len(self.regels) + len({afwijzing.regel for afwijzing in self.afwijzingen})


def lees(pad: Path, *, verplicht: Collection[str], optioneel: Collection[str]) -> Bestand:
    """The rows of ``pad``, or ``Bestandsfout`` when the file cannot be imported at all."""
    try:
        ruw = pad.read_bytes()
    except OSError as fout:
        raise Bestandsfout(_l("Het bestand kan niet worden gelezen.")) from fout
    try:
        tekst = ruw.decode("utf-8-sig")  # with or without the BOM Excel puts in front
    except UnicodeDecodeError as fout:
        raise Bestandsfout(_geen_tekst()) from fout
    if "\x00" in tekst:  # valid UTF-8, but a binary file (a spreadsheet, a PDF)
        raise Bestandsfout(_geen_tekst())
    if not tekst.strip():
        raise Bestandsfout(_l("Het bestand is leeg."))

    bekend = set(verplicht) | set(optioneel)
    scheiding = _scheidingsteken(tekst.split("\n", 1)[0], bekend)
    lezer = csv.reader(io.StringIO(tekst, newline=""), delimiter=scheiding, strict=True)
    vorige = 0  # the line the last complete record ended on
    try:
        kopregel = next(lezer)
        kolommen = tuple(naam.strip().lower() for naam in kopregel)
        _controleer_kolommen(kolommen, verplicht, bekend)
        regels: list[Regel] = []
        afwijzingen: list[Afwijzing] = []
        vorige = lezer.line_num
        for velden in lezer:
            # A quoted field may span lines: a row begins right after the previous one ended.
            begin, vorige = vorige + 1, lezer.line_num
            if not any(veld.strip() for veld in velden):
                continue  # blank lines and rows of empty cells, as spreadsheets leave them
            if len(velden) != len(kolommen):
                afwijzingen.append(
                    Afwijzing(
                        begin,
                        "",
                        _l(
                            "Deze regel heeft %(aantal)d velden; de kopregel heeft er %(kop)d.",
                            aantal=len(velden),
                            kop=len(kolommen),
                        ),
                    )
                )
                continue
            waarden = dict(zip(kolommen, (veld.strip() for veld in velden), strict=True))
            regels.append(Regel(begin, waarden))
    except csv.Error as fout:
        raise Bestandsfout(
            _l("Het bestand is geen geldig CSV-bestand (regel %(regel)d).", regel=vorige + 1)
        ) from fout
    return Bestand(kolommen, regels, afwijzingen)


def _geen_tekst() -> LazyString:
    return _l("Het bestand is geen CSV-tekst in UTF-8. Sla het op als CSV UTF-8.")


def _scheidingsteken(kopregel: str, bekend: set[str]) -> str:
    """The separator under which the header names the most known columns."""

    def score(teken: str) -> tuple[int, int]:
        namen = [naam.strip().strip('"').lower() for naam in kopregel.split(teken)]
        return sum(naam in bekend for naam in namen), kopregel.count(teken)

    return max(SCHEIDINGSTEKENS, key=score)


def _controleer_kolommen(
    kolommen: tuple[str, ...], verplicht: Collection[str], bekend: set[str]
) -> None:
    dubbel = sorted({naam for naam in kolommen if kolommen.count(naam) > 1})
    if dubbel:
        raise Bestandsfout(
            _l(
                "Deze kolommen staan twee keer in de kopregel: %(kolommen)s.",
                kolommen=_namen(dubbel),
            )
        )
    ontbrekend = [naam for naam in verplicht if naam not in kolommen]
    if ontbrekend:
        raise Bestandsfout(
            _l(
                "Deze kolommen ontbreken in de kopregel: %(kolommen)s.",
                kolommen=_namen(ontbrekend),
            )
        )
    onbekend = [naam for naam in kolommen if naam not in bekend]
    if onbekend:
        raise Bestandsfout(
            _l(
                "Deze kolommen kent de import niet: %(kolommen)s. Toegestaan zijn: %(bekend)s.",
                kolommen=_namen(onbekend),
                bekend=_namen(sorted(bekend)),
            )
        )


def _namen(namen: Collection[str]) -> str:
    return ", ".join(naam or '""' for naam in namen)

"""The System Usability Scale: its ten statements, the score, and what a score means.

Statements: J. Brooke, "SUS: a 'quick and dirty' usability scale", in P. W. Jordan et al.
(eds.), Usability Evaluation in Industry, Taylor & Francis, 1996, pp. 189-194. The Dutch
wording says "dit portaal" where Brooke says "this system", in B1 words, so participants
of the cliëntenraad need no explanation of what "the system" is.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from portal.vertalen import lazy_gettext as _l

AANTAL = 10
LAAGSTE, HOOGSTE = 1, 5

# Brooke's order matters: odd statements are positive, even ones negative.
UITSPRAKEN = (
    _l("Ik denk dat ik dit portaal vaak zou willen gebruiken."),
    _l("Ik vond het portaal onnodig ingewikkeld."),
    _l("Ik vond het portaal makkelijk te gebruiken."),
    _l("Ik denk dat ik hulp nodig heb van iemand die veel van computers weet, om dit portaal "
       "te kunnen gebruiken."),
    _l("Ik vond dat de verschillende onderdelen van het portaal goed bij elkaar passen."),
    _l("Ik vond dat te veel dingen in het portaal niet met elkaar klopten."),
    _l("Ik denk dat de meeste mensen heel snel leren werken met dit portaal."),
    _l("Ik vond het portaal erg omslachtig."),
    _l("Ik voelde me zeker toen ik het portaal gebruikte."),
    _l("Ik moest veel leren voordat ik met dit portaal aan de slag kon."),
)  # fmt: skip

SCHAAL = {
    1: _l("Helemaal mee oneens"),
    2: _l("Mee oneens"),
    3: _l("Niet mee eens en niet mee oneens"),
    4: _l("Mee eens"),
    5: _l("Helemaal mee eens"),
}


def score(antwoorden: Sequence[int]) -> float:
    """Brooke's score from 0 to 100: positive statements count answer - 1, negative ones
    5 - answer; the sum (0 to 40) times 2.5."""
    if len(antwoorden) != AANTAL:
        raise ValueError(f"SUS needs {AANTAL} answers, got {len(antwoorden)}")
    if any(not (LAAGSTE <= a <= HOOGSTE) for a in antwoorden):
        raise ValueError("SUS answers run from 1 to 5")
    punten = sum(a - 1 if i % 2 == 0 else 5 - a for i, a in enumerate(antwoorden))
    return punten * 2.5


@dataclass(frozen=True)
class Oordeel:
    code: str
    naam: object  # a lazy string: shown in the reader's language

    def __str__(self) -> str:
        return str(self.naam)


# Interpretation bands, highest first. Sources: A. Bangor, P. Kortum and J. Miller,
# "Determining what individual SUS scores mean: adding an adjective rating scale", Journal
# of Usability Studies 4(3), 2009, pp. 114-123 (adjectives: "OK" at about 51, "good" at
# about 71, "excellent" at about 85); and J. Sauro and J. R. Lewis, Quantifying the User
# Experience (2nd ed., 2016): 68 is the average score (grade C) and 80.3 the start of grade
# A. The cliëntenraad asked for four plain words, so the grade boundaries 51, 68 and 80.3
# are used with Bangor's adjectives in B1 Dutch.
OORDELEN = (
    (80.3, False, Oordeel("uitstekend", _l("uitstekend"))),  # above 80.3
    (68.0, True, Oordeel("goed", _l("goed"))),  # 68 up to and including 80.3
    (51.0, True, Oordeel("matig", _l("matig"))),  # 51 up to 68
    (0.0, True, Oordeel("slecht", _l("slecht"))),  # below 51
)
GRENZEN = (51.0, 68.0, 80.3)


def oordeel(waarde: float) -> Oordeel:
    for grens, inclusief, uitkomst in OORDELEN:
        if waarde > grens or (inclusief and waarde == grens):
            return uitkomst
    return OORDELEN[-1][2]

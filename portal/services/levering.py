"""What the back office delivers besides dossiers (letters, payments, objections): the
refusals both ways in (the API and the CSV import) share, with the field they are about.

A delivery is checked whole before anything is stored: every problem is reported at once,
and a refused delivery leaves nothing behind.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import LazyString

from portal.vertalen import lazy_gettext as _l

MELDINGEN: dict[str, LazyString] = {
    "verplicht": _l("Vul dit veld in."),
    "onbekend_kenmerk": _l("Er is geen dossier met dit kenmerk."),
    "in_toekomst": _l("Deze datum ligt in de toekomst."),
    "geen_pdf": _l("Dit bestand is geen PDF."),
    "onleesbaar": _l("Dit PDF-bestand is beschadigd of niet te lezen."),
    "versleuteld": _l("Dit PDF-bestand is beveiligd met een wachtwoord. Stuur het zonder."),
    "te_groot": _l("Dit bestand is te groot."),
    "anders_bezorgd": _l("Onder dit nummer staat al een andere brief."),
    "ander_dossier": _l("Dit nummer hoort bij een ander dossier."),
    "geen_perioden": _l("Geef minstens één periode."),
    "periode_achterstevoren": _l("Het einde van de periode ligt voor het begin."),
    "periode_overlapt": _l("Deze periode overlapt met de periode ervoor."),
    "som_klopt_niet": _l("Dit bedrag is niet de som van de bedragen per periode."),
    "voor_besluit": _l("Deze datum ligt voor de datum van het besluit."),
    "betaald_op_nodig": _l("Geef de datum van betalen."),
    "betaald_op_te_vroeg": _l("Een aangekondigde betaling heeft nog geen datum van betalen."),
    "reden_nodig": _l("Schrijf op waarom de datum verandert. De persoon leest dit."),
    "al_betaald": _l("Deze betaling is al gedaan. Die verandert niet meer."),
    "besluit_op_nodig": _l("Geef de datum van het besluit waartegen het bezwaar is."),
    "voor_ontvangst": _l("Deze datum ligt voor de dag van ontvangst."),
    "al_verdaagd": _l("De termijn is al een keer verlengd. De wet staat dat maar één keer toe."),
    "verdaging_te_laat": _l("De termijn is al voorbij. Verlengen kan alleen binnen de termijn."),
    "afgesloten": _l("Deze zaak is al afgesloten."),
    "andere_soort": _l("Onder dit nummer staat een zaak van een andere soort."),
    "andere_gegevens": _l(
        "Deze zaak staat er al met andere data. Neem contact op met het portaalbeheer."
    ),
    "te_ver": _l("Kies een datum binnen drie jaar."),
}


@dataclass(frozen=True)
class Veldprobleem:
    veld: str  # e.g. "perioden/1/van"
    code: str

    @property
    def melding(self) -> LazyString:
        return MELDINGEN[self.code]


class Geweigerd(ValueError):
    """A delivery the portal refuses, with every problem found."""

    def __init__(self, problemen: list[Veldprobleem], *, conflict: bool = False) -> None:
        super().__init__(", ".join(f"{p.veld}: {p.code}" for p in problemen))
        self.problemen = problemen
        self.conflict = conflict  # the delivery clashes with what is stored (HTTP 409)


def weiger(veld: str, code: str, *, conflict: bool = False) -> Geweigerd:
    return Geweigerd([Veldprobleem(veld, code)], conflict=conflict)

"""Every Dutch text is checked against the B1 rules in portal/b1.py."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg

from portal import b1
from portal.config import ROOT
from portal.i18n import BABEL_CFG, EXTRA_TREFWOORDEN

# Texts for staff and for technical readers (API problem details); B1 is for the people we
# serve. Each with the reason it may be harder.
UITZONDERINGEN: dict[str, str] = {
    "De referteperiode begint na het einde.": "a check on delivered figures, shown to staff",
    "Een maand valt buiten de referteperiode.": "a check on delivered figures, shown to staff",
}


def _nederlandse_teksten() -> list[str]:
    with Path(BABEL_CFG).open() as bestand:
        methoden, opties = parse_mapping_cfg(bestand)
    trefwoorden = {"_": None, "gettext": None, "ngettext": (1, 2), "lazy_gettext": None, "_l": None}
    trefwoorden.update({woord: None for woord in EXTRA_TREFWOORDEN})
    teksten: set[str] = set()
    for _bestand, _regel, bericht, _commentaar, _context in extract_from_dir(
        str(ROOT), methoden, opties, keywords=trefwoorden
    ):
        for deel in bericht if isinstance(bericht, tuple) else (bericht,):
            if deel:
                teksten.add(deel)
    return sorted(teksten)


TEKSTEN = _nederlandse_teksten()


def test_the_extraction_finds_the_texts():
    assert len(TEKSTEN) > 500
    assert "Mijn dossier" in TEKSTEN


@pytest.mark.parametrize(
    ("tekst", "verwacht"),
    [
        ("Indien u vragen heeft, bel ons.", "'indien'"),
        ("Wij sturen u de brief middels de post.", "'middels'"),
        (" ".join(["woord"] * 21) + ".", "sentence of 21 words"),
        ("Uw loon staat in de polisadministratie van UWV.", "'polisadministratie' is not"),
    ],
)
def test_the_check_flags_what_is_not_b1(tekst: str, verwacht: str):
    assert any(verwacht in p for p in b1.problemen(tekst)), b1.problemen(tekst)


@pytest.mark.parametrize(
    "tekst",
    [
        "Als u vragen heeft, bel ons.",
        "Uw loon komt uit de polisadministratie. Daarin staat het loon dat u kreeg.",
        "U kunt een klacht indienen bij de Autoriteit Persoonsgegevens.",
        "Loon per maand uit de polisadministratie",  # a heading needs no explanation
    ],
)
def test_the_check_lets_plain_texts_pass(tekst: str):
    assert b1.problemen(tekst) == []


def test_every_dutch_text_is_b1():
    fouten = {
        tekst: gevonden
        for tekst in TEKSTEN
        if tekst not in UITZONDERINGEN and (gevonden := b1.problemen(tekst))
    }
    assert not fouten, "\n".join(f"{t!r}: {'; '.join(p)}" for t, p in fouten.items())

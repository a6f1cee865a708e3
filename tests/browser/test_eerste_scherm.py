"""Mijn dossier answers "waar sta ik, en wanneer hoor ik meer?" before any scrolling.

For every demo persona, on a phone (375×812) and a desktop (1280×800), the sentence that says
where they stand and the one that says when they hear more (or that we are late) lie entirely
inside the first viewport. ``scripts/eerste_scherm.py`` prints the same figures for review.
"""

from __future__ import annotations

import pytest

from portal.demo.personas import PERSONAS

PERSONEN = [
    " ".join(d for d in (voornaam, tussen, achternaam) if d)
    for voornaam, tussen, achternaam, *_ in PERSONAS
]
SCHERMEN = {"telefoon": (375, 812), "desktop": (1280, 800)}


@pytest.mark.parametrize("scherm", list(SCHERMEN), ids=list(SCHERMEN))
@pytest.mark.parametrize("persoon", PERSONEN)
def test_where_they_stand_and_when_they_hear_more_lie_in_the_first_screen(
    nieuwe_context, persoon: str, scherm: str
):
    breedte, hoogte = SCHERMEN[scherm]
    page = nieuwe_context(persoon=persoon, breedte=breedte, hoogte=hoogte).new_page()
    page.goto("/mijn-dossier")
    assert page.evaluate("window.scrollY") == 0
    for soort in ("waar", "wanneer"):
        antwoord = page.locator(f"[data-antwoord={soort}]")
        assert antwoord.count() == 1, f"{persoon}: no single '{soort}' answer on the page"
        vak = antwoord.bounding_box()
        assert vak is not None and vak["height"] > 0, f"{persoon}: '{soort}' is not shown"
        assert vak["y"] >= 0 and vak["y"] + vak["height"] <= hoogte, (
            f"{persoon} at {breedte}×{hoogte}: '{soort}' ends at "
            f"{vak['y'] + vak['height']:.0f}px, below the first screen"
        )
    # The person's own name is on the page, so they know it is their dossier.
    assert persoon in page.locator("h1").inner_text()

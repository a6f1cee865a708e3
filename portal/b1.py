"""The B1 check for Dutch texts: short sentences, common words, hard terms explained.

This is the maintained list the test ``tests/test_b1.py`` reads. Add a word to VERMIJDEN
when a simpler one says the same; add a term to UITLEGGEN when people need to know it (a
legal or UWV term) but not everyone does: every sentence that uses it must then explain it.
"""

from __future__ import annotations

import re

MAX_WOORDEN = 20

# Officialese with a plain word that says the same (Direct Duidelijk, Rijksoverheid B1 lists).
VERMIJDEN: dict[str, str] = {
    "aanvang": "begin",
    "alsmede": "en",
    "betreffende": "over",
    "conform": "volgens",
    "derhalve": "daarom",
    "desgewenst": "als u dat wilt",
    "dienen": "moeten",
    "doch": "maar",
    "indien": "als",
    "ingevolge": "volgens",
    "inzake": "over",
    "middels": "met",
    "nochtans": "toch",
    "omtrent": "over",
    "onverwijld": "meteen",
    "reeds": "al",
    "retourneren": "terugsturen",
    "teneinde": "om",
    "thans": "nu",
    "uiteraard": "natuurlijk",
    "verstrekken": "geven",
    "vigerend": "geldend",
    "woonachtig": "wonen",
}

# Terms people meet in letters from UWV; a sentence that uses one must say what it means.
UITLEGGEN: tuple[str, ...] = (
    "beschikking",
    "polisadministratie",
    "referteperiode",
    "verwerkingsactiviteit",
    "uitkeringsgerechtigde",
    "arbeidsongeschiktheidspercentage",
    "maatmanloon",
    "restverdiencapaciteit",
    "ingebrekestelling",
    "dwangsom",
    "pro-formabezwaar",
)
# What counts as an explanation in the same text.
UITLEG = re.compile(
    r"\(|\bbetekent\b|\bheet\b|\bdaarin staat\b|\bdat is\b|\bdat zijn\b|:", re.IGNORECASE
)

ZIN_EINDE = re.compile(r"(?<=[.!?])\s+")
PLAATSHOUDER = re.compile(r"%\([^)]*\)[a-z]|%[sd]|<[^>]+>|\{[^}]*\}")


def zinnen(tekst: str) -> list[str]:
    """The sentences of a text, placeholders and markup replaced by one word."""
    schoon = PLAATSHOUDER.sub(" X ", tekst)
    return [zin.strip() for zin in ZIN_EINDE.split(schoon) if zin.strip()]


def is_zin(tekst: str) -> bool:
    """Headings, labels and buttons are not sentences; texts that end like one are."""
    return tekst.rstrip().endswith((".", "?", "!")) and len(tekst.split()) >= 4


def problemen(tekst: str) -> list[str]:
    """What is not B1 about this Dutch text; empty when nothing is."""
    gevonden: list[str] = []
    for zin in zinnen(tekst):
        if len(zin.split()) > MAX_WOORDEN:
            gevonden.append(f"sentence of {len(zin.split())} words (max {MAX_WOORDEN}): {zin}")
    for woord, beter in VERMIJDEN.items():
        if re.search(rf"\b{woord}\b", tekst, re.IGNORECASE):
            gevonden.append(f"'{woord}': write '{beter}'")
    if is_zin(tekst):
        for term in UITLEGGEN:
            if re.search(rf"\b{term}\b", tekst, re.IGNORECASE) and not UITLEG.search(tekst):
                gevonden.append(f"'{term}' is not explained in this text")
    return gevonden

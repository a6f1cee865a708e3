"""What an inzage request can ask for and how it is delivered, in words: the form, the
request's page and the receipt's copy say them alike."""

from __future__ import annotations

from portal.vertalen import lazy_gettext as _l

ONDERWERP_LABELS = {
    "dossier": _l("Mijn hele dossier"),
    "dagloon": _l("Hoe mijn dagloon is berekend"),
    "medisch": _l("Medische rapporten"),
    "brieven": _l("Brieven die UWV mij stuurde"),
    "anders": _l("Iets anders"),
}
LEVERING_LABELS = {
    "portaal": _l("Downloaden in dit portaal"),
    "post": _l("Per post, naar het adres dat UWV van u heeft"),
}

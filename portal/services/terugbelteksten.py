"""The words of the Bel mij terug form, its questions and its choices: the form, the
request's pages and the receipt's copy say them alike."""

from __future__ import annotations

from portal.vertalen import lazy_gettext as _l

VRAGEN = {
    "dag": _l("Op welke dag wilt u gebeld worden?"),
    "dagdeel": _l("Hoe laat op die dag?"),
    "telefoon": _l("Op welk nummer kunnen wij u bellen?"),
    "onderwerp": _l("Waarover wilt u praten? (mag leeg blijven)"),
}
DAGDEEL_LABELS = {
    "ochtend": _l("'s Ochtends, tussen 9.00 en 12.00 uur"),
    "middag": _l("'s Middags, tussen 13.00 en 17.00 uur"),
}

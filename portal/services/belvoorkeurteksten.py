"""The words of the person's forms under Gebeld worden (belvoorkeuren, and another moment
for a planned call), their questions: the forms and the receipt's copy say them alike. The
day parts are named in ``portal.services.belmomenten``, whose rules use them."""

from __future__ import annotations

from portal.vertalen import lazy_gettext as _l

BELVOORKEUR_VRAGEN = {
    "dagdelen": _l("Wanneer kunnen wij u het best bellen?"),
    "telefoon": _l("Op welk nummer kunnen wij u bellen?"),
}
ANDER_MOMENT_VRAGEN = {
    "dagdelen": _l("Wanneer kunt u wel?"),
    "toelichting": _l("Wilt u nog iets zeggen? (mag leeg blijven)"),
}

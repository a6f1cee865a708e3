"""The refusals of a new date in plain words: one text for the staff form and the API."""

from __future__ import annotations

from datetime import date

from portal import datumtekst
from portal.services import toezeggingen
from portal.services.toezeggingen import ToezeggingFout
from portal.vertalen import gettext as _


def foutmelding(fout: ToezeggingFout) -> str:
    """The refusal in plain words, for the form and the API alike."""
    grens = fout.details.get("grens")  # a date, set with "na_wettelijke_grens"
    teksten = {
        "datum_nodig": _("Vul de nieuwe datum in."),
        "in_verleden": _("Deze datum is al voorbij. Kies vandaag of een dag die nog komt."),
        "te_ver": _("Kies een datum binnen drie jaar."),
        "na_wettelijke_grens": _(
            "Dit kan niet: de wet staat uiterlijk %(grens)s toe. Is het verzoek te laat? "
            "Beantwoord het dan zo snel mogelijk.",
            grens=datumtekst.datum(grens if isinstance(grens, date) else None),
        ),
        "reden_nodig": _("Schrijf op waarom de datum verandert. De klant krijgt dit te lezen."),
        "reden_te_lang": _("Gebruik ten hoogste %(max)d tekens.", max=toezeggingen.MAX_REDEN),
        "intussen_gewijzigd": _(
            "Iemand anders heeft deze datum net aangepast. Bekijk de nieuwe stand en probeer "
            "het opnieuw."
        ),
        "niet_verschuifbaar": _(
            "Deze belofte krijgt hier geen nieuwe datum. Plan het gesprek of de afspraak "
            "opnieuw bij de klant."
        ),
    }
    return str(teksten.get(fout.reden, _("Dit kan niet. Probeer het opnieuw.")))

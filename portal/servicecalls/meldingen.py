"""The words for a service-call's refusals: shared by the person's pages, the casemanager's
pages and the API, so each says the same thing about the same rule."""

from __future__ import annotations

from flask import current_app

from portal.services import afspraken
from portal.services import servicecalls as calls
from portal.services.servicecalls import ServicecallFout
from portal.vertalen import gettext as _


def foutmelding(fout: ServicecallFout) -> str:
    """The refusal in B1 words; the same reasons for the person and the casemanager."""
    kcc = current_app.config["KCC_TELEFOON"]
    teksten = {
        "eind_voor_begin": _("De eindtijd moet later zijn dan de begintijd."),
        "weekend": _("Deze dag valt in het weekend. Kies een werkdag, maandag tot en met vrijdag."),
        "feestdag": _("Deze dag is een feestdag. Kies een andere werkdag."),
        "in_verleden": _("Dit moment is al voorbij. Kies een moment dat nog moet komen."),
        "te_ver": _("Kies een dag binnen 3 maanden."),
        "buiten_kantoortijd": _("Kies een tijd tussen 8.00 en 17.00 uur."),
        "te_lang": _("Een belmoment duurt hoogstens 4 uur. Kies een kortere tijd."),
        "geen_nummer": _("Vul het nummer in waarop wij kunnen bellen."),
        "ongeldig_nummer": _(
            "Dit nummer klopt niet. Controleer het nummer, bijvoorbeeld 06 12345678."
        ),
        "intussen_gewijzigd": _(
            "Iemand anders heeft dit gesprek net gepland. Bekijk het nieuwe moment en kies opnieuw."
        ),
        "niet_open": _("Dit gesprek is al afgerond of gaat niet door."),
        "niet_gepland": _("Er is geen moment gepland voor dit gesprek."),
        "nog_niet": _("Het belmoment is nog niet begonnen. Leg de uitkomst vast na het bellen."),
        "onbekende_uitkomst": _("Kies hoe het gesprek ging."),
        "te_lange_tekst": _("Gebruik ten hoogste %(max)d tekens.", max=calls.MAX_TEKST),
        "al_begonnen": _(
            "Het belmoment is al begonnen. Kunt u nu niet? Bel ons dan zelf op %(telefoon)s.",
            telefoon=kcc,
        ),
        "geen_wens": _("Kies een dagdeel, of schrijf op wanneer wij u kunnen bellen."),
        "geen_dagdeel": _("Kies ten minste één dagdeel."),
        "buiten_voorkeur": _(
            "De klant wil op een ander dagdeel gebeld worden. Kies een moment binnen dat "
            "dagdeel, of schrijf op waarom het niet anders kan."
        ),
        "overlapt": _(
            "Op dit moment is er al een afspraak: %(afspraak)s. Kies een ander moment.",
            afspraak=afspraken.omschrijving(fout.afspraak) if fout.afspraak else "",
        ),
    }
    return str(teksten.get(fout.reden, _("Dit kan niet. Probeer het opnieuw.")))

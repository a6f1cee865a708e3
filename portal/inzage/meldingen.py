"""The words for an inzage request's refusals: shared by the person's pages, the
casemanager's pages and the API."""

from __future__ import annotations

from flask import current_app

from portal.services import inzage as service
from portal.vertalen import gettext as _


def foutmelding(fout: service.InzageFout) -> str:
    """The refusal in B1 words, for the person and the casemanager alike."""
    teksten = {
        "niet_open": _("Dit verzoek is al afgerond. U kunt het niet meer wijzigen."),
        "eigen_verzoek": _(
            "Dit verzoek gaat mogelijk over uzelf. Een collega moet het behandelen."
        ),
        "al_verlengd": _("Dit verzoek is al een keer verlengd. Dat kan maar één keer."),
        "reden_nodig": _("Schrijf de reden op. De klant krijgt die te lezen."),
        "te_laat_voor_verlenging": _(
            "Verlengen kan alleen in de eerste maand na ontvangst. Die is voorbij."
        ),
        "verlenging_te_kort": _("Kies een datum na de huidige uiterste datum."),
        "verlenging_te_lang": _(
            "Verlengen kan tot uiterlijk 3 maanden na ontvangst. Kies een eerdere datum."
        ),
        "ongeldige_overgang": _("Deze stap kan niet vanuit de huidige status."),
        "niets_verstrekt": _(
            "Voeg eerst een document toe, of meld dat u de documenten per post stuurde."
        ),
        "te_groot": _(
            "Dit bestand is te groot. Het mag hoogstens %(mb)s MB zijn.",
            mb=current_app.config["DOCUMENT_MAX_MB"],
        ),
        "geen_pdf": _("Dit bestand is geen pdf. Kies een pdf-bestand."),
        "onleesbaar": _("Dit pdf-bestand is beschadigd of onvolledig. Kies een ander bestand."),
        "versleuteld": _("Dit pdf-bestand heeft een wachtwoord. Kies een bestand zonder."),
    }
    return str(teksten[fout.code])

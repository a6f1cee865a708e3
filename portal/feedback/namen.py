"""Readable names for what was read (a page's title, or the kind of message), for the kinds
of contact and for the answers to "Hoe ging het gesprek?".

The page names repeat the pages' own titles, so the overview speaks the reader's words (and
the translations already exist). A page that is not listed shows its endpoint.
"""

from __future__ import annotations

from portal.services import berichten, contactfeedback
from portal.services.feedback import BERICHT
from portal.vertalen import lazy_gettext as _l

PAGINAS = {
    "dossier.mijn_dossier": _l("Mijn dossier"),
    "berichten.lijst": _l("Berichten"),
    "dossier.verwachten": _l("Wat kunt u van ons verwachten?"),
    "servicecalls.overzicht": _l("Gebeld worden door UWV"),
    "servicecalls.voorkeuren": _l("Belvoorkeuren"),
    "servicecalls.gesprek": _l("Gesprek met UWV"),
    "servicecalls.ander_moment": _l("Vraag om een ander moment"),
    "voorkeuren.overzicht": _l("Sms en e-mail"),
    "voorkeuren.code": _l("Code invullen"),
    "voorkeuren.afmelden": _l("Afmelden voor e-mails"),
    "voorkeuren.email_bevestigen": _l("E-mailadres bevestigen"),
    "inzage.overzicht": _l("Inzage in uw dossier"),
    "inzage.aanvragen": _l("Vraag inzage aan"),
    "inzage.verzoek": _l("Verzoek om inzage"),
    "inzage.mijn_dagloon": _l("Hoe wij uw dagloon hebben berekend"),
    "bekeken.lijst": _l("Wie heeft mijn dossier bekeken?"),
    "inzage.uw_rechten": _l("Uw rechten: welke gegevens wij gebruiken"),
    "spreekuur.voorkeur": _l("Uw voorkeur voor het spreekuur"),
    "spreekuur.ondersteuning": _l("Wat heeft u nodig bij een gesprek?"),
    "spreekuur.voorbereiden": _l("Voorbereiden op uw spreekuur"),
    "spreekuur.gepland": _l("Uw spreekuur"),
}

BERICHTEN = {
    berichten.STATUSWIJZIGING: _l("Bericht: nieuwe stap in uw dossier"),
    berichten.KWARTAALUPDATE: _l("Bericht: update over het onderzoek"),
    berichten.INZAGE: _l("Bericht: nieuws over inzage"),
    berichten.SERVICECALL: _l("Bericht: UWV belt u"),
    berichten.SPREEKUUR: _l("Bericht: nieuws over het spreekuur"),
}


def naam(soort: str, onderwerp: str) -> str:
    """The readable name in the current language; the stored key when there is none."""
    namen = BERICHTEN if soort == BERICHT else PAGINAS
    return str(namen.get(onderwerp, onderwerp))


# The staff menu's own words for these kinds of contact.
CONTACTEN = {
    contactfeedback.SERVICECALL: _l("Service-calls"),
    contactfeedback.SPREEKUUR: _l("Spreekuren"),
    contactfeedback.TERUGBELLEN: _l("Terugbelverzoeken"),
}

OORDEEL_LABELS = {
    "goed": _l("Goed"),
    "redelijk": _l("Redelijk"),
    "niet_goed": _l("Niet goed"),
}


def contactnaam(soort: str) -> str:
    return str(CONTACTEN.get(soort, soort))


def oordeelnaam(oordeel: str) -> str:
    return str(OORDEEL_LABELS.get(oordeel, oordeel))

"""The verwerkingslog in plain words: what was done, by whom and why, at B1 level.

The one place where the log's codes become text for the person. "Wie heeft mijn dossier
bekeken" (``portal.services.bekeken``) puts these parts into one sentence per group:
"Uw casemanager heeft uw dossier 3 keer bekeken en de stand van uw onderzoek aangepast."

Each action is a phrase that finishes "<wie> heeft ...", with its own plural form, so a
repeated view reads "uw dossier 3 keer bekeken" instead of three rows. The functions are
called while the page renders, so each text comes out in the page's language.
"""

from __future__ import annotations

from collections.abc import Callable

from babel.lists import format_list
from flask_babel import LazyString, get_locale

from portal.services.verwerkingslog import DOEL_DOSSIERBEHANDELING
from portal.vertalen import gettext, ngettext
from portal.vertalen import lazy_gettext as _l

Zinsdeel = Callable[[int], str]

# Actions that stand for a change of status; the service counts them from the status history
# and the log together, so one change is never told twice.
STATUS_ONDERZOEK = "status-onderzoek"
STATUS_BEOORDELING = "status-beoordeling"
STATUS_DOSSIER = "status-dossier"
NIEUW_ONDERDEEL = "nieuw-onderdeel"

# What was done, per verwerkingsactiviteit (without "api-": a back-office system does the
# same things). Unknown codes fall back to the handeling, then to a general phrase, so a new
# activity never shows its code.
ACTIVITEITEN: dict[str, Zinsdeel] = {
    "dossier-inzien": lambda n: ngettext(
        "uw dossier bekeken", "uw dossier %(num)d keer bekeken", n
    ),
    "dossier-lezen": lambda n: ngettext(
        "de stand van uw dossier opgehaald", "de stand van uw dossier %(num)d keer opgehaald", n
    ),
    "wijzigingen-lezen": lambda n: ngettext(
        "de wijzigingen in uw dossier opgehaald",
        "de wijzigingen in uw dossier %(num)d keer opgehaald",
        n,
    ),
    "dossier-zoeken-op-bsn": lambda n: ngettext(
        "uw dossier opgezocht met uw burgerservicenummer",
        "uw dossier %(num)d keer opgezocht met uw burgerservicenummer",
        n,
    ),
    "dossier-zoeken-op-kenmerk": lambda n: ngettext(
        "uw dossier opgezocht met het nummer van uw dossier",
        "uw dossier %(num)d keer opgezocht met het nummer van uw dossier",
        n,
    ),
    "dossier-aanmaken": lambda n: ngettext(
        "uw dossier in het portaal gezet", "uw dossier %(num)d keer in het portaal gezet", n
    ),
    "dossier-bijwerken": lambda n: ngettext(
        "uw gegevens in het portaal bijgewerkt",
        "uw gegevens %(num)d keer in het portaal bijgewerkt",
        n,
    ),
    "dossier-importeren": lambda n: ngettext(
        "uw dossier in het portaal gezet of bijgewerkt",
        "uw dossier %(num)d keer in het portaal gezet of bijgewerkt",
        n,
    ),
    STATUS_ONDERZOEK: lambda n: ngettext(
        "de stand van uw onderzoek aangepast", "de stand van uw onderzoek %(num)d keer aangepast", n
    ),
    STATUS_BEOORDELING: lambda n: ngettext(
        "de stand van uw beoordeling aangepast",
        "de stand van uw beoordeling %(num)d keer aangepast",
        n,
    ),
    STATUS_DOSSIER: lambda n: ngettext(
        "de stand van uw dossier aangepast", "de stand van uw dossier %(num)d keer aangepast", n
    ),
    NIEUW_ONDERDEEL: lambda n: ngettext(
        "een nieuw onderdeel in uw dossier gezet",
        "%(num)d nieuwe onderdelen in uw dossier gezet",
        n,
    ),
    "servicecall-inzien": lambda n: ngettext(
        "een telefoongesprek met u bekeken", "%(num)d keer een telefoongesprek met u bekeken", n
    ),
    "servicecall-plannen": lambda n: ngettext(
        "een telefoongesprek met u gepland", "%(num)d telefoongesprekken met u gepland", n
    ),
    "servicecall-annuleren": lambda n: ngettext(
        "een telefoongesprek met u afgezegd", "%(num)d telefoongesprekken met u afgezegd", n
    ),
    "terugbelverzoek-inzien": lambda n: ngettext(
        "uw vraag om teruggebeld te worden bekeken",
        "uw vraag om teruggebeld te worden %(num)d keer bekeken",
        n,
    ),
    "papieren-brief-afdrukken": lambda n: ngettext(
        "een brief aan u afgedrukt om op te sturen",
        "%(num)d brieven aan u afgedrukt om op te sturen",
        n,
    ),
    "toezegging-inzien": lambda n: ngettext(
        "een datum bekeken die wij u beloofden",
        "%(num)d keer een datum bekeken die wij u beloofden",
        n,
    ),
    "toezegging-verschuiven": lambda n: ngettext(
        "een nieuwe datum gegeven voor iets dat wij u beloofden",
        "%(num)d keer een nieuwe datum gegeven voor iets dat wij u beloofden",
        n,
    ),
    "dagloon-aanleveren": lambda n: ngettext(
        "de berekening van uw dagloon in het portaal gezet",
        "de berekening van uw dagloon %(num)d keer in het portaal gezet",
        n,
    ),
    "spreekuur-plannen": lambda n: ngettext(
        "een spreekuur voor u gepland", "%(num)d spreekuren voor u gepland", n
    ),
    "spreekuur-verplaatsen": lambda n: ngettext(
        "uw spreekuur verplaatst", "uw spreekuur %(num)d keer verplaatst", n
    ),
    "spreekuur-annuleren": lambda n: ngettext(
        "uw spreekuur afgezegd", "%(num)d spreekuren afgezegd", n
    ),
    "spreekuurplanning-exporteren": lambda n: ngettext(
        "uw wensen voor het spreekuur in een lijst gezet voor de planning",
        "uw wensen voor het spreekuur %(num)d keer in een lijst gezet voor de planning",
        n,
    ),
    "inzageverzoeken-lezen": lambda n: ngettext(
        "uw verzoeken om inzage opgehaald", "uw verzoeken om inzage %(num)d keer opgehaald", n
    ),
    "inzageverzoek-bekijken": lambda n: ngettext(
        "uw verzoek om inzage bekeken", "uw verzoek om inzage %(num)d keer bekeken", n
    ),
    "inzageverzoek-toewijzen": lambda n: ngettext(
        "uw verzoek om inzage in behandeling genomen",
        "uw verzoek om inzage %(num)d keer in behandeling genomen",
        n,
    ),
    "inzageverzoek-verlengen": lambda n: ngettext(
        "meer tijd genomen voor uw verzoek om inzage",
        "%(num)d keer meer tijd genomen voor uw verzoek om inzage",
        n,
    ),
    "inzageverzoek-notitie": lambda n: ngettext(
        "een notitie gemaakt bij uw verzoek om inzage",
        "%(num)d notities gemaakt bij uw verzoek om inzage",
        n,
    ),
    "inzagedocument-toevoegen": lambda n: ngettext(
        "een document klaargezet voor uw verzoek om inzage",
        "%(num)d documenten klaargezet voor uw verzoek om inzage",
        n,
    ),
    "inzagedocument-bekijken": lambda n: ngettext(
        "een document voor uw verzoek om inzage bekeken",
        "%(num)d keer een document voor uw verzoek om inzage bekeken",
        n,
    ),
    "inzageverzoek-per-post": lambda n: ngettext(
        "de documenten voor uw verzoek om inzage per post gestuurd",
        "%(num)d keer documenten voor uw verzoek om inzage per post gestuurd",
        n,
    ),
    "inzageverzoek-afronden": lambda n: ngettext(
        "uw verzoek om inzage beantwoord", "%(num)d verzoeken om inzage beantwoord", n
    ),
    # Done by the person: the log keeps these too, so the page tells them as "U hebt ...".
    "inzagedocument-downloaden": lambda n: ngettext(
        "een document van uw verzoek om inzage gedownload",
        "%(num)d keer een document van uw verzoek om inzage gedownload",
        n,
    ),
    "inzageverzoek-intrekken": lambda n: ngettext(
        "uw verzoek om inzage ingetrokken", "%(num)d verzoeken om inzage ingetrokken", n
    ),
    "brief-openen": lambda n: ngettext(
        "een brief geopend in Mijn brieven", "%(num)d keer een brief geopend in Mijn brieven", n
    ),
    "brief-downloaden": lambda n: ngettext(
        "een brief gedownload", "%(num)d keer een brief gedownload", n
    ),
    # Tasks: asked of the person, answered by them ("U hebt ..."), judged by staff.
    "taak-vragen": lambda n: ngettext(
        "u gevraagd iets te sturen", "u %(num)d keer gevraagd iets te sturen", n
    ),
    "taak-bekijken": lambda n: ngettext(
        "een taak van u bekeken", "%(num)d keer een taak van u bekeken", n
    ),
    "taakbestand-downloaden": lambda n: ngettext(
        "een bestand geopend dat u stuurde", "%(num)d keer een bestand geopend dat u stuurde", n
    ),
    "taak-accepteren": lambda n: ngettext(
        "goedgekeurd wat u stuurde", "%(num)d keer goedgekeurd wat u stuurde", n
    ),
    "taak-opnieuw-vragen": lambda n: ngettext(
        "u opnieuw gevraagd iets te sturen", "u %(num)d keer opnieuw gevraagd iets te sturen", n
    ),
    "taak-intrekken": lambda n: ngettext(
        "een taak van u ingetrokken", "%(num)d taken van u ingetrokken", n
    ),
    "taak-inleveren": lambda n: ngettext(
        "bestanden gestuurd voor een taak", "%(num)d keer bestanden gestuurd voor een taak", n
    ),
    "taak-niet-beschikbaar": lambda n: ngettext(
        "laten weten dat u iets niet heeft", "%(num)d keer laten weten dat u iets niet heeft", n
    ),
    # Delivered by the back office.
    "brief-bezorgen": lambda n: ngettext(
        "een brief in Mijn brieven gezet", "%(num)d brieven in Mijn brieven gezet", n
    ),
    "betaling-leveren": lambda n: ngettext(
        "uw betaling vastgelegd", "%(num)d keer uw betaling vastgelegd", n
    ),
    "zaak-leveren": lambda n: ngettext(
        "uw bezwaar of klacht vastgelegd", "%(num)d keer uw bezwaar of klacht vastgelegd", n
    ),
    # Someone acting for the person (portal/auth/namens.py): pages seen, things sent, and
    # attempts at what they were not given.
    "namens-bekijken": lambda n: ngettext(
        "een pagina van uw dossier bekeken", "%(num)d pagina's van uw dossier bekeken", n
    ),
    "namens-doen": lambda n: ngettext(
        "namens u iets ingestuurd", "namens u %(num)d keer iets ingestuurd", n
    ),
    "namens-geweigerd": lambda n: ngettext(
        "geprobeerd iets te doen dat niet mocht",
        "%(num)d keer geprobeerd iets te doen dat niet mocht",
        n,
    ),
}
# Activities whose code ends in a variable part (the outcome of a call).
VOORVOEGSELS: dict[str, Zinsdeel] = {
    "servicecall-uitkomst-": lambda n: ngettext(
        "opgeschreven hoe een telefoongesprek met u ging",
        "%(num)d keer opgeschreven hoe een telefoongesprek met u ging",
        n,
    ),
    "terugbelverzoek-uitkomst-": lambda n: ngettext(
        "opgeschreven hoe het terugbellen ging",
        "%(num)d keer opgeschreven hoe het terugbellen ging",
        n,
    ),
}
HANDELINGEN: dict[str, Zinsdeel] = {
    "inzien": lambda n: ngettext("uw gegevens bekeken", "uw gegevens %(num)d keer bekeken", n),
    "zoeken": lambda n: ngettext("uw gegevens opgezocht", "uw gegevens %(num)d keer opgezocht", n),
    "wijzigen": lambda n: ngettext(
        "uw gegevens aangepast", "uw gegevens %(num)d keer aangepast", n
    ),
    "verstrekken": lambda n: ngettext(
        "uw gegevens gebruikt voor iets dat u krijgt",
        "uw gegevens %(num)d keer gebruikt voor iets dat u krijgt",
        n,
    ),
    "downloaden": lambda n: ngettext(
        "uw gegevens gedownload", "uw gegevens %(num)d keer gedownload", n
    ),
    "exporteren": lambda n: ngettext(
        "uw gegevens in een lijst gezet", "uw gegevens %(num)d keer in een lijst gezet", n
    ),
}


def onbekend(n: int) -> str:
    return str(ngettext("uw gegevens gebruikt", "uw gegevens %(num)d keer gebruikt", n))


# Done by the person themselves when no staff member and no system is named in the row.
ZELF = frozenset(
    {
        "inzagedocument-downloaden",
        "inzageverzoek-intrekken",
        "brief-openen",
        "brief-downloaden",
        "taak-inleveren",
        "taak-niet-beschikbaar",
    }
)

# Why, per logged purpose. Every row today has the one purpose of handling the dossier; the
# page says that once at the top, and names a purpose beside a group only when it is another.
STANDAARD_DOEL = DOEL_DOSSIERBEHANDELING
DOELEN: dict[str, LazyString] = {
    DOEL_DOSSIERBEHANDELING: _l("Voor uw WIA-uitkering en het onderzoek naar uw uitkering"),
}


def actie(handeling: str, activiteit: str) -> str:
    """The key of the phrase for a log row: the activity when it is known, else its
    handeling (the key ``?`` for the general phrase). Never shown itself."""
    activiteit = activiteit.removeprefix("api-")
    if activiteit == "traject-status-wijzigen" or activiteit == "status-wijzigen":
        return STATUS_DOSSIER
    if activiteit in ACTIVITEITEN:
        return activiteit
    for voorvoegsel in VOORVOEGSELS:
        if activiteit.startswith(voorvoegsel):
            return voorvoegsel
    return f"handeling:{handeling}" if handeling in HANDELINGEN else "?"


def zinsdeel(sleutel: str, aantal: int) -> str:
    """The phrase for an action key from :func:`actie`, done ``aantal`` times."""
    if sleutel in ACTIVITEITEN:
        return ACTIVITEITEN[sleutel](aantal)
    if sleutel in VOORVOEGSELS:
        return VOORVOEGSELS[sleutel](aantal)
    handeling = sleutel.removeprefix("handeling:")
    return HANDELINGEN[handeling](aantal) if handeling in HANDELINGEN else onbekend(aantal)


def doel(code: str) -> str:
    """The purpose in plain words; a purpose without words yet is shown as it was logged."""
    return str(DOELEN[code]) if code in DOELEN else code


# --- who --------------------------------------------------------------------------------------

UW_CASEMANAGER = "uw_casemanager"
SYSTEEM = "systeem"
ZELF_SLEUTEL = "zelf"
MEDEWERKER = "medewerker"
ROLLEN = ("casemanager", "teamleider", "beheerder", "pilotleider")
# Someone acting for the person, by the kind of their vertegenwoordiging.
NAMENS = ("begeleider", "machtiging", "bewindvoering", "curatele", "mentorschap")


def _namens(sleutel: str, naam: str | None) -> str:
    if sleutel == "begeleider":
        return gettext("Uw begeleider %(naam)s", naam=naam) if naam else gettext("Uw begeleider")
    teksten: dict[str, Callable[[], str]] = {
        "bewindvoering": lambda: gettext("Uw bewindvoerder"),
        "curatele": lambda: gettext("Uw curator"),
        "mentorschap": lambda: gettext("Uw mentor"),
    }
    return teksten.get(sleutel, lambda: gettext("Iemand met een machtiging van u"))()


def wie(sleutel: str, aantal: int = 1, naam: str | None = None) -> str:
    """Who did it, to start a sentence: "Uw casemanager", "2 teamleiders". The person
    themselves has a sentence of its own (:func:`zin`).

    ``naam`` only where the policy names staff (one person per group then)."""
    if sleutel in NAMENS:
        return _namens(sleutel, naam)
    if sleutel == SYSTEEM:
        return str(
            ngettext("Een computersysteem van UWV", "%(num)d computersystemen van UWV", aantal)
        )
    # A role without words of its own reads as a staff member (MEDEWERKER).
    if naam:
        met_naam: dict[str, Callable[[], str]] = {
            UW_CASEMANAGER: lambda: gettext("Uw casemanager %(naam)s", naam=naam),
            "casemanager": lambda: gettext("Casemanager %(naam)s", naam=naam),
            "teamleider": lambda: gettext("Teamleider %(naam)s", naam=naam),
            "beheerder": lambda: gettext("Beheerder %(naam)s", naam=naam),
            "pilotleider": lambda: gettext("Onderzoeker %(naam)s", naam=naam),
            MEDEWERKER: lambda: gettext("Medewerker %(naam)s", naam=naam),
        }
        return met_naam.get(sleutel, met_naam[MEDEWERKER])()
    zonder_naam: dict[str, Callable[[], str]] = {
        UW_CASEMANAGER: lambda: gettext("Uw casemanager"),
        "casemanager": lambda: ngettext("Een casemanager", "%(num)d casemanagers", aantal),
        "teamleider": lambda: ngettext("Een teamleider", "%(num)d teamleiders", aantal),
        "beheerder": lambda: ngettext(
            "Een beheerder van het portaal", "%(num)d beheerders van het portaal", aantal
        ),
        "pilotleider": lambda: ngettext(
            "Een onderzoeker van het portaal", "%(num)d onderzoekers van het portaal", aantal
        ),
        MEDEWERKER: lambda: ngettext(
            "Een medewerker van UWV", "%(num)d medewerkers van UWV", aantal
        ),
    }
    return zonder_naam.get(sleutel, zonder_naam[MEDEWERKER])()


def zin(sleutel: str, aantal: int, naam: str | None, delen: list[str]) -> str:
    """One sentence: who, and the list of what they did ("... bekeken en ... aangepast")."""
    wat = format_list(delen, locale=str(get_locale() or "nl"))
    if sleutel == ZELF_SLEUTEL:
        return str(gettext("U hebt %(wat)s.", wat=wat))
    # Vertalers: %(wie)s is who (one or more), %(wat)s what they did.
    return str(ngettext("%(wie)s heeft %(wat)s.", "%(wie)s hebben %(wat)s.", aantal,
                        wie=wie(sleutel, aantal, naam), wat=wat))  # fmt: skip

"""The words for a task's refusals: shared by the person's page, the casemanager's pages and
the API."""

from __future__ import annotations

from portal.services.taken import TaakFout
from portal.vertalen import gettext as _


def foutmelding(fout: TaakFout) -> str:
    """The refusal in B1 words, filled in with its details (a file's name, a limit)."""
    d = fout.details
    naam = str(d.get("naam") or "")
    teksten = {
        "leeg": lambda: (
            _("Het bestand %(naam)s is leeg. Kies een ander bestand.", naam=naam)
            if fout.veld == "bestanden"
            else _("Schrijf op waarom u het opnieuw vraagt. De klant leest dit.")
            if fout.veld == "reden"
            else _("Vul dit veld in.")
        ),
        "te_kort": lambda: _("Gebruik minstens %(min)d tekens.", min=d.get("min", 0)),
        "te_lang": lambda: _(
            "Uw tekst is te lang. Gebruik ten hoogste %(max)d tekens.", max=d.get("max", 0)
        ),
        "geen_tekens": lambda: _("Deze tekst bevat tekens die wij niet kunnen opslaan."),
        "datum_nodig": lambda: _("Kies een datum."),
        "niet_na_vandaag": lambda: _("Kies een datum na vandaag."),
        "te_ver": lambda: _("Kies een datum binnen een jaar."),
        "onbekend_onderdeel": lambda: _("Kies een onderdeel van het dossier."),
        "geen_bestand": lambda: _("Kies een of meer bestanden om te sturen."),
        "te_veel": lambda: (
            _(
                "U kunt ten hoogste %(max)d bestanden sturen. U stuurde er al %(al)d. "
                "Kies er minder.",
                max=d.get("max", 0),
                al=d.get("al", 0),
            )
            if d.get("al")
            else _(
                "U kunt ten hoogste %(max)d bestanden sturen. Kies er minder.", max=d.get("max", 0)
            )
        ),
        "te_groot": lambda: _(
            "Het bestand %(naam)s is te groot. Een bestand mag ten hoogste %(mb)d MB zijn.",
            naam=naam,
            mb=d.get("mb", 0),
        ),
        "verkeerde_soort": lambda: _(
            "Het bestand %(naam)s is geen PDF, JPG of PNG. Stuur een scan of foto in een van "
            "die vormen.",
            naam=naam,
        ),
        "vermomd": lambda: _(
            "Het bestand %(naam)s is niet wat de naam zegt. Stuur het echte bestand.", naam=naam
        ),
        "onleesbaar": lambda: _(
            "Wij kunnen het bestand %(naam)s niet openen. Misschien is het beschadigd.",
            naam=naam,
        ),
        "versleuteld": lambda: _(
            "Het bestand %(naam)s heeft een wachtwoord. Stuur het zonder wachtwoord.", naam=naam
        ),
        "gesloten": lambda: _("Deze taak is afgerond. U hoeft niets meer te sturen."),
        "niets_ontvangen": lambda: _("De klant heeft nog niets gestuurd of laten weten."),
    }
    return str(teksten[fout.code]())

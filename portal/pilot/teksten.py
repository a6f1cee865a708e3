"""The messages for the pilots' reason codes, in the reader's language, and the template
filters of the results page."""

from __future__ import annotations

from flask_babel import format_date, format_decimal
from wtforms import Form

from portal.pilot import bp
from portal.services import pilots
from portal.services.pilots import PilotFout
from portal.vertalen import gettext as _


def foutmelding(veld: str, reden: str, fout: PilotFout) -> str:
    if veld.startswith("v") and veld[1:].isdigit():
        return str(_("Kies een antwoord bij uitspraak %(nummer)d.", nummer=int(veld[1:])))
    datum = fout.details.get("datum")
    teksten = {
        ("naam", "leeg"): _("Vul de naam van de pilot in."),
        ("naam", "te_lang"): _("Gebruik ten hoogste %(max)d tekens.", max=pilots.MAX_NAAM),
        ("begint_op", "leeg"): _("Vul de eerste dag in."),
        ("eindigt_op", "leeg"): _("Vul de laatste dag in."),
        ("eindigt_op", "voor_begin"): _("De laatste dag moet op of na de eerste dag zijn."),
        ("eindigt_op", "voorbij"): _("Deze dag is al voorbij. Kies vandaag of een latere dag."),
        ("taken", "leeg"): _("Schrijf ten minste 1 taak op."),
        ("taken", "te_veel"): _("Schrijf ten hoogste %(max)d taken op.", max=pilots.MAX_TAKEN),
        ("taken", "te_lang"): _(
            "Een taak is te lang. Gebruik ten hoogste %(max)d tekens per taak.",
            max=pilots.MAX_TAAK,
        ),
        ("personas", "leeg"): _("Kies ten minste 1 persona."),
        ("personas", "onbekend"): _("Deze persona kennen wij niet. Kies uit de lijst."),
        ("open_vraag", "te_lang"): _(
            "Gebruik ten hoogste %(max)d tekens.", max=pilots.MAX_OPEN_VRAAG
        ),
        ("code", "leeg"): _("Vul de code in."),
        ("code", "onbekend"): _(
            "Deze code kennen wij niet. Kijk of u de code goed heeft overgenomen."
        ),
        ("code", "nog_niet"): _(
            "Deze pilot begint op %(datum)s. Vanaf die dag kunt u meedoen.",
            datum=format_date(datum, "long") if datum else "",
        ),
        ("code", "voorbij"): _("Deze pilot is voorbij. Meedoen kan niet meer."),
        ("code", "niet_klaar"): _(
            "Met deze pilot kunt u nog niet meedoen. Vraag de begeleider om hulp."
        ),
        ("open_antwoord", "te_lang"): _(
            "Gebruik ten hoogste %(max)d tekens.", max=pilots.MAX_OPEN_ANTWOORD
        ),
    }
    return str(teksten.get((veld, reden), _("Dit kan niet. Probeer het opnieuw.")))


def zet_fouten(form: Form, fout: PilotFout) -> None:
    """Each message beside its own field; a field that already has an error keeps only that."""
    for veld, reden in fout.fouten.items():
        field = getattr(form, veld, None)
        if field is not None and not field.errors:
            field.errors = [foutmelding(veld, reden, fout)]


def open_vraag_tekst(vraag: str | None) -> str | None:
    """The lead's own question as typed; the standard question in the reader's language."""
    if vraag == pilots.STANDAARD_OPEN_VRAAG:
        return str(_("Wat zou u willen verbeteren?"))
    return vraag


@bp.app_template_filter("pilotduur")
def pilotduur(seconden: float | None) -> str:
    """Time on task as minutes and seconds: 1:05."""
    if seconden is None:
        return ""
    minuten, rest = divmod(round(seconden), 60)
    return f"{minuten}:{rest:02d}"


@bp.app_template_filter("pilotgetal")
def pilotgetal(waarde: float | None) -> str:
    """A score or percentage with at most one decimal, written the reader's way (72,5)."""
    return format_decimal(waarde, "0.#") if waarde is not None else ""

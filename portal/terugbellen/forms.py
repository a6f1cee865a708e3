from __future__ import annotations

from datetime import date

from flask_wtf import FlaskForm
from wtforms import HiddenField, RadioField, StringField, TextAreaField

from portal.formulieren import SelectChoice
from portal.services.terugbellen import MAX_TEKST
from portal.services.terugbelteksten import DAGDEEL_LABELS as DAGDEEL_LABELS
from portal.services.terugbelteksten import VRAGEN
from portal.vertalen import lazy_gettext as _l

UITKOMST_LABELS = {
    "gebeld": _l("Gebeld: ik heb de klant gesproken"),
    "niet_bereikt": _l("Niet bereikt: de klant nam niet op"),
}


def _keuzes(labels: dict[str, object]) -> list[SelectChoice]:
    # WTForms 3.3 deprecates choices given as tuples (an error under the test settings).
    return [SelectChoice(code, label) for code, label in labels.items()]


def als_dag(waarde: str | None) -> date | None:
    """The chosen day from the form, or None for anything that is not a date."""
    try:
        return date.fromisoformat((waarde or "").strip())
    except ValueError:
        return None


class AanvraagForm(FlaskForm):
    # Every rule (a working day among those offered, a known day part, a valid number, the
    # length of the text) lives in the service, which reports all problems at once; the
    # choices are not checked here, so a stale or tampered form gets the service's reason.
    bericht = HiddenField()
    dag = RadioField(VRAGEN["dag"], validate_choice=False)
    dagdeel = RadioField(VRAGEN["dagdeel"], choices=_keuzes(DAGDEEL_LABELS), validate_choice=False)
    telefoon = StringField(
        VRAGEN["telefoon"],
        description=_l("Een mobiel of een vast nummer, bijvoorbeeld 06 12345678 of 020 1234567."),
    )
    onderwerp = TextAreaField(
        VRAGEN["onderwerp"],
        description=_l(
            "Dan kan uw casemanager zich voorbereiden. Gebruik ten hoogste %(max)d tekens.",
            max=MAX_TEKST,
        ),
    )


class IntrekForm(FlaskForm):
    pass


class UitkomstForm(FlaskForm):
    # Checked by the service, like the request form.
    uitkomst = RadioField(
        _l("Hoe ging het?"), choices=_keuzes(UITKOMST_LABELS), validate_choice=False
    )
    toelichting = TextAreaField(
        _l("Notitie (alleen voor UWV, mag leeg blijven)"),
        description=_l("Gebruik ten hoogste %(max)d tekens.", max=MAX_TEKST),
    )

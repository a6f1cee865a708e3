from __future__ import annotations

from datetime import date

from flask_wtf import FlaskForm
from wtforms import HiddenField, RadioField, StringField, TextAreaField

from portal.formulieren import SelectChoice
from portal.services.terugbellen import MAX_TEKST
from portal.vertalen import lazy_gettext as _l

DAGDEEL_LABELS = {
    "ochtend": _l("'s Ochtends, tussen 9.00 en 12.00 uur"),
    "middag": _l("'s Middags, tussen 13.00 en 17.00 uur"),
}
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
    dag = RadioField(_l("Op welke dag wilt u gebeld worden?"), validate_choice=False)
    dagdeel = RadioField(
        _l("Hoe laat op die dag?"), choices=_keuzes(DAGDEEL_LABELS), validate_choice=False
    )
    telefoon = StringField(
        _l("Op welk nummer kunnen wij u bellen?"),
        description=_l("Een mobiel of een vast nummer, bijvoorbeeld 06 12345678 of 020 1234567."),
    )
    onderwerp = TextAreaField(
        _l("Waarover wilt u praten? (mag leeg blijven)"),
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

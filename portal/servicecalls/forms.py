from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import (
    IntegerField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import Length, Optional
from wtforms.widgets import HiddenInput

from portal.formulieren import Datumveld, SelectChoice, Tijdveld, Verplicht, VrijeVinkjes
from portal.services.belmomenten import DAGDELEN
from portal.services.belvoorkeurteksten import ANDER_MOMENT_VRAGEN, BELVOORKEUR_VRAGEN
from portal.services.servicecalls import BRIEFONDERWERPEN, MAX_TEKST, ONDERWERPEN
from portal.vertalen import lazy_gettext as _l

TE_LANG = _l("Gebruik ten hoogste %(max)d tekens.", max=MAX_TEKST)
UITKOMST_LABELS = {
    "gebeld": _l("Gebeld: wij hebben de klant gesproken"),
    "niet_bereikt": _l("Niet bereikt: de klant nam niet op"),
    "verzet": _l("Verzet: de klant vroeg om een ander moment"),
}


def _dagdelen(label: str) -> VrijeVinkjes:
    return VrijeVinkjes(
        label, choices=[SelectChoice(code, naam) for code, naam in DAGDELEN.items()]
    )


class BelvoorkeurForm(FlaskForm):
    dagdelen = _dagdelen(BELVOORKEUR_VRAGEN["dagdelen"])
    telefoon = StringField(
        BELVOORKEUR_VRAGEN["telefoon"],
        validators=[Length(max=30)],
        description=_l("Een mobiel of een vast nummer, bijvoorbeeld 06 12345678 of 020 1234567."),
    )


class AnderMomentForm(FlaskForm):
    dagdelen = _dagdelen(ANDER_MOMENT_VRAGEN["dagdelen"])
    toelichting = TextAreaField(
        ANDER_MOMENT_VRAGEN["toelichting"],
        validators=[Length(max=MAX_TEKST, message=TE_LANG)],
        description=_l("Bijvoorbeeld: niet op woensdag, of pas na 14 maart."),
    )


class PlanForm(FlaskForm):
    versie = IntegerField(validators=[Optional()], widget=HiddenInput())
    datum = Datumveld(_l("Datum"), validators=[Verplicht(_l("Vul de datum in."))])
    van = Tijdveld(_l("Van"), validators=[Verplicht(_l("Vul de begintijd in."))])
    tot = Tijdveld(_l("Tot"), validators=[Verplicht(_l("Vul de eindtijd in."))])
    telefoon = StringField(
        _l("Nummer van de klant"),
        validators=[Length(max=30)],
        description=_l("Wij bellen dit nummer. Een vast nummer mag ook."),
    )
    buiten_voorkeur_reden = TextAreaField(
        _l("Waarom buiten de tijden die de klant wil? (alleen als dat zo is)"),
        validators=[Length(max=MAX_TEKST, message=TE_LANG)],
        description=_l("De klant ziet deze reden. Schrijf in gewone woorden."),
    )


class UitkomstForm(FlaskForm):
    uitkomst = RadioField(
        _l("Hoe ging het gesprek?"),
        choices=[SelectChoice(code, label) for code, label in UITKOMST_LABELS.items()],
        validators=[Verplicht(_l("Kies hoe het gesprek ging."))],
    )
    toelichting = TextAreaField(
        _l("Notitie (alleen voor UWV, mag leeg blijven)"),
        validators=[Length(max=MAX_TEKST, message=TE_LANG)],
    )


class AnnuleerForm(FlaskForm):
    reden = TextAreaField(
        _l("Waarom gaat het gesprek niet door? (alleen voor UWV, mag leeg blijven)"),
        validators=[Length(max=MAX_TEKST, message=TE_LANG)],
    )


class BriefbelForm(FlaskForm):
    """From the dossier: a call about a letter that is coming."""

    onderwerp = SelectField(
        _l("Waar gaat het gesprek over?"),
        choices=[SelectChoice(code, ONDERWERPEN[code]) for code in BRIEFONDERWERPEN],
        validators=[Verplicht(_l("Kies waar het gesprek over gaat."))],
    )

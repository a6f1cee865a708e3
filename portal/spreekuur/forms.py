"""Forms of the spreekuurvoorkeur, the accommodation profile and the casemanager's planning.
The rules live in ``portal.services.spreekuurvoorkeur`` and ``portal.services.spreekuren``;
these forms only carry what was typed."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import RadioField, StringField, TextAreaField
from wtforms.form import BaseForm
from wtforms.validators import Length

from portal.formulieren import Datumveld, SelectChoice, Tijdveld, Verplicht, VrijeVinkjes
from portal.kantoren import KANTOREN
from portal.services import spreekuren
from portal.services.spreekuurteksten import ONDERSTEUNING_VRAGEN, VOORKEUR_VRAGEN
from portal.services.spreekuurteksten import VORM_LABELS as VORM_LABELS
from portal.services.spreekuurvoorkeur import BEHOEFTEN, DAGDELEN
from portal.vertalen import lazy_gettext as _l

TE_LANG = _l("Gebruik ten hoogste %(max)d tekens.", max=spreekuren.MAX_TEKST)

VORM_UITLEG = {
    "fysiek": _l("U praat met de arts in een kamer op een UWV-kantoor."),
    "telefonisch": _l("De arts belt u. U hoeft niet te reizen."),
    "video": _l(
        "U gaat naar een UWV-kantoor en praat daar via een scherm met de arts. "
        "Dat kan sneller, omdat de arts niet op hetzelfde kantoor hoeft te zijn."
    ),
}


class _Keuze(RadioField):
    def pre_validate(self, form: BaseForm) -> None:
        # The service refuses a missing or unknown choice, with the error beside the field.
        pass


class VoorkeurForm(FlaskForm):
    vorm = _Keuze(
        VOORKEUR_VRAGEN["vorm"],
        choices=[SelectChoice(code, label) for code, label in VORM_LABELS.items()],
    )
    kantoor = _Keuze(
        VOORKEUR_VRAGEN["kantoor"],
        choices=[SelectChoice(k.code, k.naam) for k in KANTOREN.values()],
    )
    dagdelen = VrijeVinkjes(
        VOORKEUR_VRAGEN["dagdelen"],
        choices=[SelectChoice(code, naam) for code, naam in DAGDELEN.items()],
    )
    toelichting = TextAreaField(
        VOORKEUR_VRAGEN["toelichting"],
        description=_l("Bijvoorbeeld: niet op woensdag. Gebruik ten hoogste 500 tekens."),
    )


class OndersteuningForm(FlaskForm):
    behoeften = VrijeVinkjes(
        ONDERSTEUNING_VRAGEN["behoeften"],
        choices=[SelectChoice(code, naam) for code, naam in BEHOEFTEN.items()],
    )
    tolk_taal = StringField(
        ONDERSTEUNING_VRAGEN["tolk_taal"],
        description=_l(
            "Bijvoorbeeld Turks, Arabisch of Pools. Gebarentaal telt ook: "
            "schrijf dan Nederlandse Gebarentaal."
        ),
    )
    toelichting = TextAreaField(
        ONDERSTEUNING_VRAGEN["toelichting"],
        description=_l(
            "Bijvoorbeeld: ik kan niet lang stilzitten. Gebruik ten hoogste 500 tekens."
        ),
    )


class VerplaatsForm(FlaskForm):
    """When, how and where; also the first part of planning a new spreekuur."""

    datum = Datumveld(_l("Datum"), validators=[Verplicht(_l("Vul de datum in."))])
    van = Tijdveld(_l("Van"), validators=[Verplicht(_l("Vul de begintijd in."))])
    tot = Tijdveld(_l("Tot"), validators=[Verplicht(_l("Vul de eindtijd in."))])
    vorm = _Keuze(
        _l("Hoe?"),
        choices=[SelectChoice(code, label) for code, label in spreekuren.VORM_LABELS.items()],
    )
    kantoor = _Keuze(
        _l("Op welk kantoor? (niet nodig bij telefonisch)"),
        choices=[SelectChoice(k.code, k.naam) for k in KANTOREN.values()],
    )
    telefoon = StringField(
        _l("Nummer van de klant (alleen bij telefonisch)"),
        validators=[Length(max=30)],
        description=_l("Wij bellen dit nummer. Een vast nummer mag ook."),
    )
    tegen_voorkeur_reden = TextAreaField(
        _l("Waarom anders dan de klant wil? (alleen als dat zo is)"),
        validators=[Length(max=spreekuren.MAX_TEKST, message=TE_LANG)],
        description=_l("De klant ziet deze reden. Schrijf in gewone woorden."),
    )


class PlanForm(VerplaatsForm):
    rol = _Keuze(
        _l("Met wie praat de klant?"),
        choices=[SelectChoice(code, label) for code, label in spreekuren.ROLLEN.items()],
    )
    meenemen = TextAreaField(
        _l("Wat neemt de klant mee? (mag leeg blijven)"),
        validators=[Length(max=spreekuren.MAX_TEKST, message=TE_LANG)],
        description=_l("De klant ziet dit bij het spreekuur."),
    )


class AfzegForm(FlaskForm):
    """Only the CSRF token: cancelling needs no more than the button."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import Length

from portal.formulieren import SelectChoice, Verplicht, VrijeVinkjes
from portal.vertalen import lazy_gettext as _l

SOORT_LABELS = {
    "kwartaalupdate": _l("Nieuws over uw dossier, zoals de update elke drie maanden"),
    "servicecall": _l("Een herinnering voordat UWV u belt"),
    "inzage": _l("Nieuws over uw verzoek om inzage"),
    "spreekuur": _l("Een herinnering aan uw spreekuur"),
}


class TelefoonForm(FlaskForm):
    telefoon = StringField(
        _l("Mobiel nummer"),
        validators=[Verplicht(_l("Vul uw mobiele nummer in.")), Length(max=30)],
        description=_l("Bijvoorbeeld 06 12345678. Een sms kan niet naar een vast nummer."),
    )


class CodeForm(FlaskForm):
    code = StringField(
        _l("Code uit de sms"),
        validators=[Verplicht(_l("Vul de code uit de sms in.")), Length(max=12)],
        description=_l("6 cijfers. De code werkt 10 minuten."),
    )


class EmailForm(FlaskForm):
    email = StringField(
        _l("E-mailadres"),
        validators=[Verplicht(_l("Vul uw e-mailadres in.")), Length(max=254)],
        description=_l("Bijvoorbeeld naam@voorbeeld.nl."),
    )


# WTForms 3.3 deprecates choices given as tuples (an error under the test settings).
KEUZES = [SelectChoice(soort, label) for soort, label in SOORT_LABELS.items()]


class KeuzesForm(FlaskForm):
    sms = VrijeVinkjes(_l("Per sms"), choices=KEUZES)
    email = VrijeVinkjes(_l("Per e-mail"), choices=KEUZES)

"""Forms of the spreekuurvoorkeur and the accommodation profile. The rules live in
``portal.services.spreekuurvoorkeur``; these forms only carry what the person typed."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField, SelectChoice, SelectMultipleField, StringField, TextAreaField
from wtforms.widgets import CheckboxInput, ListWidget

from portal.kantoren import KANTOREN
from portal.services.spreekuurvoorkeur import BEHOEFTEN, DAGDELEN

VORM_LABELS = {
    "fysiek": _l("Op kantoor, bij de arts"),
    "telefonisch": _l("Aan de telefoon"),
    "video": _l("Met video, op kantoor"),
}
VORM_UITLEG = {
    "fysiek": _l("U praat met de arts in een kamer op een UWV-kantoor."),
    "telefonisch": _l("De arts belt u. U hoeft niet te reizen."),
    "video": _l(
        "U gaat naar een UWV-kantoor en praat daar via een scherm met de arts. "
        "Dat kan sneller, omdat de arts niet op hetzelfde kantoor hoeft te zijn."
    ),
}


class _Vinkjes(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()

    def pre_validate(self, form: FlaskForm) -> None:
        # Unknown values are dropped by the service; a tampered form must not cause an error.
        pass


class _Keuze(RadioField):
    def pre_validate(self, form: FlaskForm) -> None:
        # The service refuses a missing or unknown choice, with the error beside the field.
        pass


class VoorkeurForm(FlaskForm):
    vorm = _Keuze(
        _l("Hoe wilt u het gesprek met de arts?"),
        choices=[SelectChoice(code, label) for code, label in VORM_LABELS.items()],
    )
    kantoor = _Keuze(
        _l("Op welk kantoor? (niet nodig als u kiest voor de telefoon)"),
        choices=[SelectChoice(k.code, k.naam) for k in KANTOREN.values()],
    )
    dagdelen = _Vinkjes(
        _l("Wanneer komt het u het best uit?"),
        choices=[SelectChoice(code, naam) for code, naam in DAGDELEN.items()],
    )
    toelichting = TextAreaField(
        _l("Wilt u nog iets zeggen? (mag leeg blijven)"),
        description=_l("Bijvoorbeeld: niet op woensdag. Gebruik ten hoogste 500 tekens."),
    )


class OndersteuningForm(FlaskForm):
    behoeften = _Vinkjes(
        _l("Wat heeft u nodig?"),
        choices=[SelectChoice(code, naam) for code, naam in BEHOEFTEN.items()],
    )
    tolk_taal = StringField(
        _l("Welke taal spreekt de tolk? (alleen als u een tolk nodig heeft)"),
        description=_l(
            "Bijvoorbeeld Turks, Arabisch of Pools. Gebarentaal telt ook: "
            "schrijf dan Nederlandse Gebarentaal."
        ),
    )
    toelichting = TextAreaField(
        _l("Wilt u nog iets zeggen? (mag leeg blijven)"),
        description=_l(
            "Bijvoorbeeld: ik kan niet lang stilzitten. Gebruik ten hoogste 500 tekens."
        ),
    )

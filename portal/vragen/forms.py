"""The forms of questions and answers; the rules live in ``portal.services.vragen``."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, RadioField, TextAreaField

from portal.vertalen import lazy_gettext as _l


class VraagForm(FlaskForm):
    bericht = HiddenField()
    onderwerp = RadioField(_l("Waar gaat uw vraag over?"), validate_choice=False)
    tekst = TextAreaField(
        _l("Uw vraag"), description=_l("Schrijf zo duidelijk mogelijk wat u wilt weten.")
    )


class MeldingForm(FlaskForm):
    onderwerp = RadioField(_l("Over welk deel gaat het?"), validate_choice=False)
    tekst = TextAreaField(
        _l("Wat klopt er volgens u niet?"),
        description=_l(
            "Bijvoorbeeld: het bedrag is lager dan ik verwachtte. Of: een periode ontbreekt."
        ),
    )


class AanvullingForm(FlaskForm):
    tekst = TextAreaField(_l("Wilt u nog iets toevoegen?"))


class AntwoordForm(FlaskForm):
    tekst = TextAreaField(_l("Antwoord aan de klant"))
    gebeld = BooleanField(_l("Ik heb de klant gebeld; dit is wat wij bespraken"))

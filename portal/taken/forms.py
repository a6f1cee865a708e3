"""The forms of tasks; the rules live in ``portal.services.taken`` and ``taakinlevering``."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import MultipleFileField, SelectField, StringField, TextAreaField

from portal.formulieren import Datumveld
from portal.vertalen import lazy_gettext as _l


class InleverForm(FlaskForm):
    bestanden = MultipleFileField(
        _l("Kies uw bestanden"),
        description=_l("PDF, JPG of PNG. Ten hoogste 10 bestanden van elk 10 MB."),
    )


class NietForm(FlaskForm):
    uitleg = TextAreaField(
        _l("Waarom heeft u het niet? (niet verplicht)"),
        description=_l("Bijvoorbeeld: mijn werkgever bestaat niet meer."),
    )


class TaakForm(FlaskForm):
    titel = StringField(
        _l("Wat vraagt u van de klant?"),
        description=_l("Kort en duidelijk. Bijvoorbeeld: Stuur uw loonstroken over 2019."),
    )
    toelichting = TextAreaField(
        _l("Toelichting voor de klant (niet verplicht)"),
        description=_l("Waarom u het nodig heeft en wat er precies op moet staan."),
    )
    traject_soort = SelectField(_l("Voor welk onderdeel?"), validate_choice=False)
    uiterlijk = Datumveld(_l("Uiterlijk"), description=_l("De laatste dag voor de klant."))


class OpnieuwForm(FlaskForm):
    reden = TextAreaField(_l("Waarom vraagt u het opnieuw?"), description=_l("De klant leest dit."))
    uiterlijk = Datumveld(_l("Nieuwe uiterste datum"))


class ActieForm(FlaskForm):
    """Accept or withdraw: a button and its CSRF token."""

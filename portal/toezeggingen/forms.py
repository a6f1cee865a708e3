from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import IntegerField, TextAreaField
from wtforms.validators import Length, Optional
from wtforms.widgets import HiddenInput

from portal.formulieren import Datumveld, Verplicht
from portal.services.toezeggingen import MAX_REDEN
from portal.vertalen import lazy_gettext as _l


class NieuweDatumForm(FlaskForm):
    versie = IntegerField(validators=[Optional()], widget=HiddenInput())
    datum = Datumveld(
        _l("Nieuwe datum"),
        validators=[Verplicht(_l("Vul de nieuwe datum in."))],
        description=_l("De klant hoort uiterlijk op deze dag van ons."),
    )
    reden = TextAreaField(
        _l("Waarom verandert de datum?"),
        validators=[
            Verplicht(_l("Schrijf op waarom de datum verandert. De klant krijgt dit te lezen.")),
            Length(max=MAX_REDEN, message=_l("Gebruik ten hoogste %(max)d tekens.", max=MAX_REDEN)),
        ],
        description=_l("De klant leest dit. Schrijf in gewone woorden, zonder afkortingen."),
    )

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from flask import current_app
from flask_wtf import FlaskForm
from wtforms import (
    HiddenField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import AnyOf, Length, Optional

from portal.feedback.namen import OORDEEL_LABELS
from portal.formulieren import Datumveld, SelectChoice, Verplicht
from portal.services.contactfeedback import OORDELEN
from portal.services.feedback import MAX_ONDERWERP, MAX_OPMERKING, SOORTEN
from portal.vertalen import lazy_gettext as _l


def opmerkingveld(label: str) -> TextAreaField:
    """The optional comment of an anonymous answer: one length, one warning about personal data."""
    return TextAreaField(
        label,
        validators=[
            Length(
                max=MAX_OPMERKING,
                message=_l("Gebruik ten hoogste %(max)d tekens.", max=MAX_OPMERKING),
            )
        ],
        description=_l(
            "U kunt ten hoogste %(max)d tekens gebruiken. Schrijf geen persoonlijke "
            "gegevens op, zoals uw BSN of telefoonnummer.",
            max=MAX_OPMERKING,
        ),
    )


class AntwoordForm(FlaskForm):
    """The two buttons under every page; the hidden fields say what was read."""

    soort = HiddenField(validators=[Verplicht(), AnyOf(SOORTEN)])
    onderwerp = HiddenField(validators=[Verplicht(), Length(max=MAX_ONDERWERP)])
    terug = HiddenField(validators=[Optional(), Length(max=2000)])
    duidelijk = StringField(validators=[Verplicht(), AnyOf(("ja", "nee"))])


class OpmerkingForm(FlaskForm):
    # Rendered at the foot of pages that have forms of their own: a prefix keeps ids apart.
    opmerking = opmerkingveld(_l("Wat kunnen wij beter uitleggen? (mag leeg blijven)"))
    terug = HiddenField(validators=[Optional(), Length(max=2000)])

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, prefix="feedback", **kwargs)
        # No maxlength attribute: the browser would cut a pasted text off without a word.
        # The hint names the limit; a longer text gets the error and stays in the field.
        self.opmerking.flags.maxlength = False


class FilterForm(FlaskForm):
    """The overview's filters: in the address, so a view can be shared and bookmarked."""

    class Meta:
        csrf = False  # a GET form that changes nothing

    van = Datumveld(_l("Vanaf"), validators=[Optional()])
    tot = Datumveld(_l("Tot en met"), validators=[Optional()])
    taal = SelectField(_l("Taal"), validators=[Optional()], validate_choice=False)
    onderwerp = SelectField(_l("Pagina of bericht"), validators=[Optional()], validate_choice=False)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        talen: list[str] = current_app.config["TALEN"]
        self.taal.choices = [("", _l("Alle talen"))] + [(t, t.upper()) for t in talen]

    def validate(self, extra_validators: Mapping[str, Sequence[Any]] | None = None) -> bool:
        goed: bool = super().validate(extra_validators)
        if goed and self.van.data and self.tot.data and self.tot.data < self.van.data:
            self.tot.errors = [_l("Kies een einddatum na de begindatum.")]
            goed = False
        return goed


def gesprek_prefix(soort: str, contact_id: int) -> str:
    """The prefix of a contact's question: its ids stay apart from the page's own question
    and from another contact's on the same page."""
    return f"gesprek-{soort}-{contact_id}"


class GesprekForm(FlaskForm):
    """Hoe ging het gesprek? Which contact it is about comes beside it, unprefixed."""

    oordeel = RadioField(
        _l("Hoe ging het gesprek?"),
        choices=[SelectChoice(o, OORDEEL_LABELS[o]) for o in OORDELEN],
        validators=[
            Verplicht(message=_l("Kies hoe het gesprek ging.")),
            AnyOf(OORDELEN, message=_l("Kies hoe het gesprek ging.")),
        ],
        validate_choice=False,  # AnyOf says it in the words of this question
    )
    opmerking = opmerkingveld(_l("Wilt u nog iets over het gesprek zeggen? (mag leeg blijven)"))

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.opmerking.flags.maxlength = False  # as OpmerkingForm: the error, never a cut

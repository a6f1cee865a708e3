from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import RadioField, SelectField, TextAreaField
from wtforms.validators import Length, Optional

from portal.formulieren import Datumveld, SelectChoice, Verplicht, Vinkjes
from portal.services.inzage import MAX_TOELICHTING
from portal.services.inzagesoorten import LEVERING_LABELS as LEVERING_LABELS
from portal.services.inzagesoorten import ONDERWERP_LABELS as ONDERWERP_LABELS
from portal.vertalen import lazy_gettext as _l

TE_LANG = _l("Gebruik ten hoogste %(max)d tekens.", max=MAX_TOELICHTING)
STATUS_LABELS = {
    "ontvangen": _l("Ontvangen"),
    "in_behandeling": _l("In behandeling"),
    "verlengd": _l("Verlengd"),
    "verstrekt": _l("Verstrekt"),
    "gedeeltelijk_verstrekt": _l("Gedeeltelijk verstrekt"),
    "afgewezen": _l("Afgewezen"),
    "ingetrokken": _l("Ingetrokken"),
}
ANTWOORD_LABELS = {
    "verstrekt": _l("Verstrekt: de klant krijgt alles"),
    "gedeeltelijk_verstrekt": _l("Gedeeltelijk verstrekt: de klant krijgt een deel"),
    "afgewezen": _l("Afgewezen: de klant krijgt geen inzage"),
}


def _keuzes(labels: dict[str, object]) -> list[SelectChoice]:
    # WTForms 3.3 deprecates choices given as tuples (an error under the test settings).
    return [SelectChoice(code, label) for code, label in labels.items()]


class AanvraagForm(FlaskForm):
    onderwerpen = Vinkjes(
        _l("Wat wilt u inzien?"),
        choices=_keuzes(ONDERWERP_LABELS),
        validators=[Verplicht(_l("Kies minstens één onderwerp."))],
    )
    anders = TextAreaField(
        _l("Wat wilt u nog meer inzien?"),
        validators=[Optional(), Length(max=MAX_TOELICHTING, message=TE_LANG)],
        description=_l("Alleen nodig als u 'Iets anders' kiest."),
    )
    levering = RadioField(
        _l("Hoe wilt u de documenten krijgen?"),
        choices=_keuzes(LEVERING_LABELS),
        default="portaal",
        validators=[Verplicht(_l("Kies hoe u de documenten wilt krijgen."))],
    )
    toelichting = TextAreaField(
        _l("Toelichting (niet verplicht)"),
        validators=[Optional(), Length(max=MAX_TOELICHTING, message=TE_LANG)],
        description=_l("Bijvoorbeeld over welke periode het gaat."),
    )

    def validate(self, extra_validators: Mapping[str, Sequence[Any]] | None = None) -> bool:
        geldig: bool = super().validate(extra_validators)
        # Optional() stops the field's own validators when it is empty, so checked here.
        if "anders" in (self.onderwerpen.data or []) and not (self.anders.data or "").strip():
            self.anders.errors = [*self.anders.errors, _l("Schrijf op wat u nog meer wilt inzien.")]
            return False
        return geldig


class IntrekForm(FlaskForm):
    pass


class ToewijsForm(FlaskForm):
    medewerker_id = SelectField(_l("Casemanager"), coerce=int)


class VerlengForm(FlaskForm):
    tot = Datumveld(
        _l("Nieuwe uiterste datum"),
        validators=[Verplicht(_l("Vul de nieuwe uiterste datum in."))],
    )
    reden = TextAreaField(
        _l("Reden voor de klant"),
        validators=[
            Verplicht(_l("Schrijf de reden op. De klant krijgt die te lezen.")),
            Length(max=MAX_TOELICHTING, message=TE_LANG),
        ],
    )


class AfrondForm(FlaskForm):
    naar = RadioField(
        _l("Uitkomst"),
        choices=_keuzes(ANTWOORD_LABELS),
        validators=[Verplicht(_l("Kies de uitkomst."))],
    )
    bericht = TextAreaField(
        _l("Bericht aan de klant"),
        validators=[Optional(), Length(max=MAX_TOELICHTING, message=TE_LANG)],
        description=_l("Bij afwijzen verplicht: leg uit waarom."),
    )


class NotitieForm(FlaskForm):
    tekst = TextAreaField(
        _l("Interne notitie"),
        validators=[
            Verplicht(_l("Schrijf een notitie.")),
            Length(max=MAX_TOELICHTING, message=TE_LANG),
        ],
        description=_l("Alleen medewerkers zien dit."),
    )


class DocumentForm(FlaskForm):
    bestand = FileField(
        _l("Document (pdf)"),
        validators=[FileRequired(_l("Kies een pdf-bestand."))],
    )


class PostForm(FlaskForm):
    pass

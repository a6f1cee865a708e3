"""Forms of the pilots. They carry what was typed; the rules live in
``portal.services.pilots`` and ``portal.services.sus``."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import RadioField, StringField, TextAreaField
from wtforms.form import BaseForm

from portal.formulieren import Datumveld, SelectChoice, Verplicht, VrijeVinkjes
from portal.services import pilots, sus
from portal.vertalen import lazy_gettext as _l


class _Vinkjes(VrijeVinkjes):
    """Personas by id; the service refuses unknown ones, with the error beside the field."""

    coerce = int

    def process_formdata(self, valuelist: list[str]) -> None:
        # A tampered value (not a small number) is dropped instead of failing with English
        # text; the service then names what is missing.
        self.data = [int(v) for v in valuelist if v.isascii() and v.isdigit() and len(v) <= 9]


class _Keuze(RadioField):
    def pre_validate(self, form: BaseForm) -> None:
        # A missing or unknown answer is named by the service, per statement.
        pass


class PilotForm(FlaskForm):
    naam = StringField(
        _l("Naam van de pilot"),
        description=_l("Bijvoorbeeld: Pilot cliëntenraad mei. Alleen u en uw collega's zien dit."),
    )
    begint_op = Datumveld(_l("Eerste dag"), validators=[Verplicht(_l("Vul de eerste dag in."))])
    eindigt_op = Datumveld(_l("Laatste dag"), validators=[Verplicht(_l("Vul de laatste dag in."))])
    taken = TextAreaField(
        _l("Taken"),
        description=_l(
            "Schrijf elke taak op een nieuwe regel. Minstens 1 en ten hoogste %(max)d taken, "
            "elk ten hoogste %(lengte)d tekens.",
            max=pilots.MAX_TAKEN,
            lengte=pilots.MAX_TAAK,
        ),
    )
    personas = _Vinkjes(_l("Met welke persona's doen de deelnemers de taken?"))
    open_vraag = TextAreaField(
        _l("Open vraag na de taken (mag leeg blijven)"),
        default=pilots.STANDAARD_OPEN_VRAAG,
        description=_l("Deze vraag staat onder de vragenlijst."),
    )


class MeedoenForm(FlaskForm):
    code = StringField(
        _l("Code van de pilot"),
        description=_l("U krijgt de code van de begeleider. Bijvoorbeeld: K7P2QX."),
    )


class VragenlijstForm(FlaskForm):
    """The ten SUS statements as v1 to v10, then the pilot's open question (its label is
    the pilot's own question, set by the view)."""

    open_antwoord: TextAreaField  # added below, after the statements


# Added in this order, so the error summary lists the statements first, in order.
for _nummer, _uitspraak in enumerate(sus.UITSPRAKEN, start=1):
    setattr(
        VragenlijstForm,
        f"v{_nummer}",
        _Keuze(
            _uitspraak,
            choices=[SelectChoice(str(waarde), naam) for waarde, naam in sus.SCHAAL.items()],
        ),
    )
VragenlijstForm.open_antwoord = TextAreaField(
    description=_l(
        "Mag leeg blijven. Gebruik ten hoogste %(max)d tekens.", max=pilots.MAX_OPEN_ANTWOORD
    )
)


def sus_velden(form: VragenlijstForm) -> list[RadioField]:
    return [getattr(form, f"v{nummer}") for nummer in range(1, sus.AANTAL + 1)]

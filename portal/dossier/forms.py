from __future__ import annotations

import re

from flask_wtf import FlaskForm
from stdnum.nl import bsn as stdnum_bsn
from wtforms import HiddenField, RadioField, StringField, TextAreaField
from wtforms.fields import DateField
from wtforms.validators import Length, Optional, ValidationError

from portal.formulieren import Datumveld, Verplicht
from portal.services.statuswijziging import MAX_TOELICHTING
from portal.tijd import vandaag
from portal.vertalen import lazy_gettext as _l

KENMERK = re.compile(r"^WIA-\d{7}$")


class ZoekForm(FlaskForm):
    kenmerk = StringField(_l("Kenmerk"), description=_l("Bijvoorbeeld WIA-1000001."))
    bsn = StringField(_l("BSN"), description=_l("9 cijfers."))

    def validate_kenmerk(self, field: StringField) -> None:
        waarde = (field.data or "").strip().upper()
        if not waarde and not (self.bsn.data or "").strip():
            raise ValidationError(_l("Vul een kenmerk of een BSN in."))
        if waarde and not KENMERK.match(waarde):
            raise ValidationError(_l("Een kenmerk ziet eruit als WIA-1000001."))

    def validate_bsn(self, field: StringField) -> None:
        waarde = (field.data or "").strip()
        if waarde and not stdnum_bsn.is_valid(waarde):
            raise ValidationError(_l("Dit BSN klopt niet. Controleer de 9 cijfers."))


class StatusForm(FlaskForm):
    van_status = HiddenField()
    nieuwe_status = RadioField(
        _l("Nieuwe status"),
        validators=[Verplicht(_l("Kies de nieuwe status."))],
        validate_choice=False,  # checked against the status machine by the service
    )
    volgende_update_op = Datumveld(
        _l("Wanneer hoort de klant meer?"),
        validators=[Optional()],
        description=_l("Laat leeg voor de gewone termijn van de nieuwe status."),
    )
    toelichting = TextAreaField(
        _l("Toelichting voor de klant (mag leeg blijven)"),
        validators=[
            Length(
                max=MAX_TOELICHTING,
                message=_l("Gebruik ten hoogste %(max)d tekens.", max=MAX_TOELICHTING),
            )
        ],
    )

    def validate_volgende_update_op(self, field: DateField) -> None:
        if field.data and field.data < vandaag():
            raise ValidationError(_l("Kies een datum vandaag of later."))
        if field.data and field.data.year > vandaag().year + 3:
            raise ValidationError(_l("Kies een datum binnen drie jaar."))

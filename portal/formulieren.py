"""Form pieces every feature shares: required fields, dates and times as people write them.

A feature's forms import these from here, never from another feature's forms module.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from wtforms import Field, SelectMultipleField
from wtforms.fields import DateField, TimeField

# types-WTForms 3.2 predates SelectChoice (new in WTForms 3.3); every feature imports it from here.
from wtforms.fields.choices import SelectChoice as SelectChoice  # type: ignore[attr-defined]
from wtforms.form import BaseForm
from wtforms.validators import InputRequired, StopValidation
from wtforms.widgets import CheckboxInput, ListWidget

from portal.vertalen import lazy_gettext as _l


class Verplicht(InputRequired):
    """A required field that counts only what is really there: spaces alone are empty.

    WTForms' ``InputRequired`` is satisfied by a single space, while the field itself turns
    that space into nothing (a date or a time becomes ``None``), so the service got ``None``
    for a field the form promised. Here a blank field gets the field's own message, and only
    that one (not also "write a date like ..." for the space).
    """

    def __call__(self, form: Any, field: Field) -> None:
        ingevuld = any(str(waarde).strip() for waarde in field.raw_data or [])
        if ingevuld and field.data is not None:
            return
        if ingevuld and field.process_errors:
            return  # something was typed that is not a date: its own message says what
        field.errors = []
        raise StopValidation(self.message or _l("Vul dit veld in."))


class Datumveld(DateField):
    """A date field that also takes the Dutch 14-02-2027 and explains itself in B1."""

    def __init__(
        self,
        label: str | None = None,
        validators: tuple[Any, ...] | list[Any] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(label, validators, format=["%Y-%m-%d", "%d-%m-%Y"], **kwargs)

    def process_formdata(self, valuelist: list[str]) -> None:
        if valuelist and not valuelist[0].strip():
            self.data = None  # left empty: Verplicht or Optional decides
            return
        try:
            super().process_formdata([waarde.strip() for waarde in valuelist])
        except ValueError as fout:
            raise ValueError(_l("Vul een datum in zoals 14-02-2027.")) from fout


class Tijdveld(TimeField):
    """A time as a browser's time input sends it (10:00), or as people write it (10.00)."""

    def __init__(
        self,
        label: str | None = None,
        validators: tuple[Any, ...] | list[Any] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(label, validators, format=["%H:%M", "%H.%M"], **kwargs)

    def process_formdata(self, valuelist: list[str]) -> None:
        if valuelist and valuelist[0].strip():
            for formaat in self.strptime_format:
                try:
                    self.data = datetime.strptime(valuelist[0].strip(), formaat).time()
                    return
                except ValueError:
                    continue
            raise ValueError(_l("Vul een tijd in zoals 10:00."))
        self.data = None


class Vinkjes(SelectMultipleField):
    """Several choices as checkboxes; a value outside the choices is an error."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class VrijeVinkjes(Vinkjes):
    """Checkboxes whose service drops or refuses unknown values itself (with the error beside
    the field): a tampered form must not cause an error of its own."""

    def pre_validate(self, form: BaseForm) -> None:
        pass

"""The person's page about who may act for them."""

from __future__ import annotations

from flask import Blueprint, abort, flash, g, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_wtf import FlaskForm
from wtforms import EmailField, StringField

from portal.auth import burger_vereist
from portal.db import get_session
from portal.formulieren import SelectChoice, VrijeVinkjes
from portal.models import utcnow
from portal.services import vertegenwoordiging as service
from portal.vertalen import gettext as _
from portal.vertalen import lazy_gettext as _l

bp = Blueprint("begeleiders", __name__)


class UitnodigForm(FlaskForm):
    naam = StringField(_l("Naam van uw begeleider"), description=_l("Bijvoorbeeld: Anna de Vries."))
    email = EmailField(
        _l("E-mailadres van uw begeleider"),
        description=_l("Wij sturen de uitnodiging met een code naar dit adres."),
    )
    rechten = VrijeVinkjes(
        _l("Wat mag uw begeleider nog meer doen?"),
        description=_l("Meekijken mag een begeleider altijd. Kies wat er nog meer mag."),
    )


class CodeForm(FlaskForm):
    code = StringField(_l("Code van uw begeleider"), description=_l("6 cijfers"))


class StopForm(FlaskForm):
    pass


def _pagina(
    uitnodigen: UitnodigForm | None = None,
    bevestigen: tuple[int, CodeForm] | None = None,
    status: int = 200,
) -> ResponseReturnValue:
    form = uitnodigen or UitnodigForm(formdata=None)
    form.rechten.choices = [SelectChoice(code, naam) for code, naam in service.RECHTEN.items()]
    alle = service.van_burger(get_session(), g.burger.id)
    return (
        render_template(
            "begeleiders/overzicht.html",
            form=form,
            begeleiders=[v for v in alle if v.soort == "begeleider"],
            machtigingen=[v for v in alle if v.soort != "begeleider"],
            bevestigen=bevestigen,
            codeform=CodeForm(formdata=None),
            stopform=StopForm(formdata=None),
            rechten=service.RECHTEN,
            nu=utcnow(),
        ),
        status,
    )


@bp.get("/begeleiders")
@burger_vereist
def overzicht() -> ResponseReturnValue:
    return _pagina()


@bp.post("/begeleiders/uitnodigen")
@burger_vereist
def uitnodigen() -> ResponseReturnValue:
    form = UitnodigForm()
    form.rechten.choices = [SelectChoice(code, naam) for code, naam in service.RECHTEN.items()]
    if form.validate_on_submit():
        try:
            service.nodig_uit(
                get_session(),
                g.burger,
                naam=form.naam.data,
                email=form.email.data,
                rechten=list(form.rechten.data or []),
                nu=utcnow(),
            )
        except service.BegeleiderFout as fout:
            veld = getattr(form, fout.veld)
            veld.errors = [*veld.errors, str(fout.melding)]
        else:
            flash(
                _(
                    "Wij hebben de uitnodiging gestuurd. "
                    "Uw begeleider krijgt een e-mail met een code."
                ),
                "succes",
            )
            return redirect(url_for(".overzicht"), code=303)
    return _pagina(uitnodigen=form, status=400)


@bp.post("/begeleiders/<int:vertegenwoordiging_id>/bevestigen")
@burger_vereist
def bevestigen(vertegenwoordiging_id: int) -> ResponseReturnValue:
    id_ = vertegenwoordiging_id
    form = CodeForm()
    if form.validate_on_submit():
        try:
            gevonden = service.bevestig(get_session(), g.burger.id, id_, form.code.data, utcnow())
        except LookupError:
            abort(404)
        except service.BegeleiderFout as fout:
            form.code.errors = [*form.code.errors, str(fout.melding)]
        else:
            flash(_("%(naam)s is nu uw begeleider.", naam=gevonden.naam or ""), "succes")
            return redirect(url_for(".overzicht"), code=303)
    return _pagina(bevestigen=(id_, form), status=400)


@bp.post("/begeleiders/<int:vertegenwoordiging_id>/stoppen")
@burger_vereist
def stoppen(vertegenwoordiging_id: int) -> ResponseReturnValue:
    id_ = vertegenwoordiging_id
    if StopForm().validate_on_submit():
        try:
            gevonden = service.beeindig(get_session(), g.burger.id, id_, utcnow())
        except LookupError:
            abort(404)
        flash(
            _(
                "%(naam)s is geen begeleider meer. Meekijken kan niet meer.",
                naam=gevonden.naam or "",
            ),
            "succes",
        )
    return redirect(url_for(".overzicht"), code=303)

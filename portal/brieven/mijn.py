"""Mijn brieven: the person's letters, each opened as a page and downloaded as a PDF, and the
form letters should come in (large print, easy language)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    send_file,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_wtf import FlaskForm

from portal import statussen
from portal.auth import burger_vereist, namens
from portal.brieven.afdruk import afdruk
from portal.db import get_session
from portal.formulieren import SelectChoice, VrijeVinkjes
from portal.models import Brief, utcnow
from portal.services import bestanden, bezwaren, mijnbrieven, spreekuurvoorkeur
from portal.vertalen import gettext as _
from portal.vertalen import lazy_gettext as _l

bp = Blueprint("mijnbrieven", __name__)


VORMEN = ("grote_letters", "eenvoudige_taal")


class Briefvorm(FlaskForm):
    vorm = VrijeVinkjes(
        _l("Hoe wilt u uw brieven?"),
        choices=[SelectChoice(code, spreekuurvoorkeur.BEHOEFTEN[code]) for code in VORMEN],
    )


@bp.get("/brieven")
@burger_vereist
def lijst() -> str:
    db = get_session()
    profiel = spreekuurvoorkeur.ondersteuning(db, g.burger.id)
    form = Briefvorm(vorm=[code for code in VORMEN if profiel and getattr(profiel, code)])
    return render_template(
        "brieven/mijn_lijst.html",
        brieven=[_regel(b) for b in mijnbrieven.van_burger(db, g.burger.id)],
        form=form,
    )


@dataclass(frozen=True)
class Regel:
    brief: Brief
    titel: str
    soort: str
    datum: date
    deel: str | None


def _regel(brief: Brief) -> Regel:
    return Regel(
        brief=brief,
        titel=mijnbrieven.titel_van(brief),
        soort=str(mijnbrieven.SOORTNAMEN[mijnbrieven.soort_van(brief)]),
        datum=mijnbrieven.datum_van(brief),
        deel=str(statussen.SOORTEN[brief.traject_soort].naam)
        if brief.traject_soort in statussen.SOORTEN
        else None,
    )


@bp.post("/brieven/vorm")
@burger_vereist
def vorm() -> ResponseReturnValue:
    form = Briefvorm()
    if form.validate_on_submit():
        spreekuurvoorkeur.zet_briefvorm(
            get_session(),
            g.burger.id,
            grote_letters="grote_letters" in (form.vorm.data or []),
            eenvoudige_taal="eenvoudige_taal" in (form.vorm.data or []),
            nu=utcnow(),
        )
        flash(_("Wij hebben uw keuze opgeslagen. Uw volgende brieven krijgt u zo."), "succes")
    return redirect(url_for(".lijst", _anchor="vorm"), code=303)


def _eigen(brief_id: int) -> Brief:
    brief = mijnbrieven.brief_van(get_session(), g.burger.id, brief_id)
    if brief is None:
        abort(404)
    return brief


@bp.get("/brieven/<int:brief_id>")
@burger_vereist
def brief(brief_id: int) -> str:
    db = get_session()
    gevonden = _eigen(brief_id)
    # A begeleider's look leaves the letter new for the person (auth/namens.py).
    if namens.zelf_gelezen():
        mijnbrieven.noteer(db, gevonden, mijnbrieven.OPENEN, nu=utcnow(), trace_id=g.trace_id)
    termijn = next(
        (t for t in bezwaren.bezwaartermijnen(db, g.burger.id, utcnow()) if t.brief.id == brief_id),
        None,
    )
    return render_template(
        "brieven/mijn_brief.html",
        regel=_regel(gevonden),
        inhoud=mijnbrieven.inhoud(db, gevonden) if gevonden.herkomst == "portal" else None,
        termijn=termijn,
        downloads=mijnbrieven.downloads(db, gevonden),
    )


@bp.get("/brieven/<int:brief_id>/pdf")
@burger_vereist
def download(brief_id: int) -> Response:
    db = get_session()
    gevonden = _eigen(brief_id)
    if namens.zelf_gelezen():  # as above
        mijnbrieven.noteer(db, gevonden, mijnbrieven.DOWNLOADEN, nu=utcnow(), trace_id=g.trace_id)
    if gevonden.herkomst == "uwv":
        assert gevonden.sha256 is not None
        pad = bestanden.pad(current_app.config["DOCUMENTEN_MAP"], gevonden.sha256)
        if not pad.is_file():
            abort(404)
        antwoord = send_file(
            pad,
            mimetype="application/pdf",
            as_attachment=True,
            download_name=gevonden.bestandsnaam or "brief.pdf",
        )
    else:
        antwoord = Response(afdruk(db, gevonden), mimetype="application/pdf")
        naam = f"brief-{mijnbrieven.datum_van(gevonden).isoformat()}.pdf"
        antwoord.headers["Content-Disposition"] = f'attachment; filename="{naam}"'
    antwoord.headers["X-Content-Type-Options"] = "nosniff"
    antwoord.headers["Cache-Control"] = "no-store"
    return antwoord

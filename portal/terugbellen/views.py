"""Bel mij terug: the person's request and its page; the casemanagers' queue and outcomes."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_babel import format_time
from flask_wtf import FlaskForm

from portal import datumtekst
from portal.auth import burger_vereist, eigen_dossier, medewerker_vereist, wat_er_loopt
from portal.db import get_session
from portal.formulieren import SelectChoice
from portal.i18n import telefoon_leesbaar
from portal.invoer import als_id
from portal.models import Bericht, Terugbelverzoek, utcnow
from portal.services import berichten
from portal.services import terugbellen as service
from portal.services.belmomenten import Belmoment, belmoment, lokaal
from portal.terugbellen.forms import (
    DAGDEEL_LABELS,
    UITKOMST_LABELS,
    AanvraagForm,
    IntrekForm,
    UitkomstForm,
    als_dag,
)
from portal.tijd import vandaag
from portal.vertalen import gettext as _

bp = Blueprint("terugbellen", __name__)
PAD = "/bel-mij-terug"
WACHTRIJ = "/medewerker/terugbelverzoeken"
ROLLEN = ("casemanager", "teamleider")


@bp.app_template_global("terugbel_dagdeel")
def _dagdeel(code: str) -> str:
    return str(DAGDEEL_LABELS.get(code, code))


@bp.app_template_global("terugbel_moment")
def _moment(verzoek: Terugbelverzoek) -> Belmoment | None:
    """The chosen day and day part in words, as service-call windows are written."""
    van, tot = service.DAGDELEN[verzoek.dagdeel]
    return belmoment(lokaal(verzoek.dag, van), lokaal(verzoek.dag, tot))


@bp.app_template_global("terugbel_tijdstip")
def _tijdstip(moment: datetime | None) -> str:
    """'dinsdag 4 mei 2027 om 13.00 uur', in Amsterdam time."""
    if moment is None:
        return ""
    # Vertalers: een Babel-tijdpatroon. UWV schrijft 10.00 uur; in het Engels: HH:mm.
    patroon = _("HH.mm")
    return str(
        _(
            "%(dag)s om %(tijd)s uur",
            dag=datumtekst.dag(moment),
            tijd=format_time(moment, patroon),
        )
    )


@bp.app_template_global("terugbel_status")
def _status(verzoek: Terugbelverzoek, medewerker: bool = False) -> str:
    """The status in words; translated when rendered, not at import."""
    if medewerker:
        labels = {
            "open": _("Open"),
            "gebeld": _("Gebeld"),
            "niet_bereikt": _("Niet bereikt"),
            "ingetrokken": _("Ingetrokken door de klant"),
        }
    else:
        labels = {
            "open": _("Wij bellen u nog"),
            "gebeld": _("Wij hebben u gebeld"),
            "niet_bereikt": _("Wij konden u niet bereiken"),
            "ingetrokken": _("U hebt deze vraag ingetrokken"),
        }
    return str(labels.get(verzoek.status, verzoek.status))


@bp.app_template_global("terugbel_berichtsoort")
def _berichtsoort(bericht: Bericht | None) -> str:
    """Which message the request was asked from, for the casemanager."""
    if bericht is None:
        return ""
    soorten = {
        berichten.STATUSWIJZIGING: _("Bericht over een nieuwe status"),
        berichten.KWARTAALUPDATE: _("Update over het onderzoek"),
        berichten.SERVICECALL: _("Bericht over een service-call"),
        berichten.INZAGE: _("Bericht over inzage"),
        berichten.SPREEKUUR: _("Bericht over een spreekuur"),
    }
    return str(
        _(
            "%(soort)s van %(datum)s",
            soort=soorten.get(bericht.soort, bericht.soort),
            datum=datumtekst.datum(bericht.aangemaakt_op),
        )
    )


@bp.app_template_global("mijn_terugbelverzoeken")
def _mijn_terugbelverzoeken() -> list[Terugbelverzoek]:
    """The logged-in person's open and recently handled requests, for the small section."""
    if g.get("burger") is None or not wat_er_loopt().terugbelverzoeken:
        return []
    return service.recent_van_burger(get_session(), g.burger.id, utcnow())


def foutmelding(reden: str) -> str:
    """The refusal in B1 words."""
    kcc = current_app.config["KCC_TELEFOON"]
    teksten = {
        "geen_dag": _("Kies een dag."),
        "in_verleden": _("Deze dag is al voorbij. Kies een dag uit de lijst."),
        "weekend": _("Deze dag valt in het weekend. Kies een werkdag uit de lijst."),
        "feestdag": _("Deze dag is een feestdag. Dan werken wij niet. Kies een andere dag."),
        "te_ver": _("Kies een dag uit de lijst. Verder vooruit kan niet."),
        "vandaag_te_laat": _("Voor vandaag is het te laat. Kies een andere dag."),
        "geen_dagdeel": _("Kies 's ochtends of 's middags."),
        "dagdeel_voorbij": _(
            "Dit dagdeel is vandaag al voorbij. Kies 's middags of een andere dag."
        ),
        "al_gevraagd": _(
            "U hebt al gevraagd om terugbellen op deze dag en dit dagdeel. Wij bellen u dan. "
            "Kies een ander moment, of wacht op ons telefoontje."
        ),
        "geen_nummer": _("Vul het nummer in waarop wij kunnen bellen."),
        "ongeldig_nummer": _(
            "Dit nummer klopt niet. Controleer het nummer, bijvoorbeeld 06 12345678."
        ),
        "te_lange_tekst": _("Gebruik ten hoogste %(max)d tekens.", max=service.MAX_TEKST),
        "onbekende_uitkomst": _("Kies hoe het ging."),
        "niet_open": _(
            "Dit verzoek is al afgehandeld of ingetrokken. Bel bij vragen %(telefoon)s.",
            telefoon=kcc,
        ),
    }
    return str(teksten.get(reden, _("Dit kan niet. Probeer het opnieuw.")))


def _zet_fouten(form: FlaskForm, fout: service.TerugbelFout) -> None:
    if "niet_gevonden" in fout.fouten.values():
        abort(404)  # a message or request that is not this person's
    for veld, reden in fout.fouten.items():
        doel = getattr(form, veld)
        doel.errors = [*doel.errors, foutmelding(reden)]


# --- the person -----------------------------------------------------------------------------


def _dagnaam(dag: date, nu: datetime) -> str:
    leesbaar = datumtekst.dag(dag, nu)
    if dag == vandaag(nu):
        return str(_("Vandaag, %(dag)s", dag=leesbaar))
    if dag == vandaag(nu) + timedelta(days=1):
        return str(_("Morgen, %(dag)s", dag=leesbaar))
    return leesbaar


def _kies_dagen(form: AanvraagForm, nu: datetime) -> None:
    dagen = service.aangeboden_dagen(nu)
    gekozen = als_dag(form.dag.data)
    if gekozen is not None and gekozen not in dagen:
        # What the person sent stays visible beside the error, even if it cannot be chosen.
        dagen = sorted([*dagen, gekozen])
    form.dag.choices = [SelectChoice(d.isoformat(), _dagnaam(d, nu)) for d in dagen]


def _eigen_bericht(waarde: str | None) -> Bericht | None:
    """The message the request is about; a foreign or unknown id answers 404."""
    if not waarde:
        return None
    bericht_id = als_id(waarde)
    if bericht_id is None:
        abort(404)
    bericht = service.bericht_van(get_session(), g.burger.id, bericht_id)
    if bericht is None:
        abort(404)
    return bericht


def _berichtonderwerp(bericht: Bericht | None) -> str | None:
    if bericht is None:
        return None
    try:
        return berichten.tekst(bericht).onderwerp
    except (KeyError, ValueError):  # a kind of message this page cannot write out
        return None


@bp.route(PAD, methods=["GET", "POST"])
@burger_vereist
def aanvragen() -> ResponseReturnValue:
    db = get_session()
    dossier = eigen_dossier()
    nu = utcnow()
    form = AanvraagForm()
    if request.method == "GET":
        form.bericht.data = request.args.get("bericht") or ""
        form.telefoon.data = telefoon_leesbaar(service.bekend_nummer(db, g.burger))
    bericht = _eigen_bericht(form.bericht.data)
    _kies_dagen(form, nu)
    if form.validate_on_submit():
        try:
            verzoek = service.vraag_aan(
                db,
                g.burger,
                dossier,
                dag=als_dag(form.dag.data),
                dagdeel=form.dagdeel.data,
                telefoon=form.telefoon.data,
                onderwerp=form.onderwerp.data,
                bericht_id=bericht.id if bericht else None,
                nu=nu,
                binnen_uren=current_app.config["TERUGBELLEN_BINNEN_UREN"],
            )
        except service.TerugbelFout as fout:
            _zet_fouten(form, fout)
        else:
            flash(_("Wij hebben uw vraag ontvangen. Wij bellen u terug."), "succes")
            return redirect(url_for(".verzoek", verzoek_id=verzoek.id), code=303)
    open_verzoeken = [v for v in service.van_burger(db, g.burger.id) if v.status == service.OPEN]
    return render_template(
        "terugbellen/aanvragen.html",
        form=form,
        bericht=bericht,
        bericht_onderwerp=_berichtonderwerp(bericht),
        open_verzoeken=open_verzoeken,
        binnen_uren=current_app.config["TERUGBELLEN_BINNEN_UREN"],
    ), (400 if form.errors else 200)


def _eigen_verzoek(verzoek_id: int) -> Terugbelverzoek:
    gevonden = service.van_burger_op_id(get_session(), g.burger.id, verzoek_id)
    if gevonden is None:
        abort(404)
    return gevonden


@bp.get(f"{PAD}/<int:verzoek_id>")
@burger_vereist
def verzoek(verzoek_id: int) -> ResponseReturnValue:
    gevonden = _eigen_verzoek(verzoek_id)
    return render_template(
        "terugbellen/verzoek.html",
        verzoek=gevonden,
        te_laat=service.te_laat(gevonden, utcnow()),
        # The promise ends later than the chosen day part: say what happens if we miss it.
        later_beloofd=gevonden.beloofd_voor > service.einde_dagdeel(gevonden.dag, gevonden.dagdeel),
    )


@bp.post(f"{PAD}/<int:verzoek_id>/intrekken")
@burger_vereist
def intrekken(verzoek_id: int) -> ResponseReturnValue:
    gevonden = _eigen_verzoek(verzoek_id)
    if IntrekForm().validate_on_submit():
        try:
            service.trek_in(get_session(), g.burger, gevonden, utcnow())
        except service.TerugbelFout as fout:
            flash(foutmelding(fout.reden), "fout")
        else:
            flash(_("U hebt uw vraag ingetrokken. Wij bellen u niet."), "succes")
    return redirect(url_for(".verzoek", verzoek_id=gevonden.id), code=303)


# --- the casemanager ------------------------------------------------------------------------


@bp.get(WACHTRIJ)
@medewerker_vereist(*ROLLEN)
def wachtrij() -> ResponseReturnValue:
    db = get_session()
    # A casemanager starts with their own dossiers; a teamleider with everyone's.
    alle = request.args.get("alle") == "1" or not g.medewerker.heeft_rol("casemanager")
    verzoeken, volledig = service.wachtrij(db, casemanager_id=None if alle else g.medewerker.id)
    service.log_bekeken(db, verzoeken, medewerker=g.medewerker, trace_id=g.trace_id)
    nu = utcnow()
    return render_template(
        "terugbellen/wachtrij.html",
        verzoeken=verzoeken,
        volledig=volledig,
        alle=alle,
        te_laat={v.id for v in verzoeken if service.te_laat(v, nu)},
        berichten=service.berichten_bij(db, verzoeken),
    )


def _verzoek_of_404(verzoek_id: int) -> Terugbelverzoek:
    gevonden = service.op_id(get_session(), verzoek_id)
    if gevonden is None:
        abort(404)
    return gevonden


def _behandel(verzoek: Terugbelverzoek, form: UitkomstForm, status: int = 200) -> tuple[str, int]:
    return render_template(
        "terugbellen/behandelen.html",
        verzoek=verzoek,
        burger=verzoek.dossier.burger,
        form=form,
        te_laat=service.te_laat(verzoek, utcnow()),
        bericht=service.berichten_bij(get_session(), [verzoek]).get(verzoek.bericht_id or 0),
        uitkomsten=UITKOMST_LABELS,
    ), status


@bp.get(f"{WACHTRIJ}/<int:verzoek_id>")
@medewerker_vereist(*ROLLEN)
def behandelen(verzoek_id: int) -> ResponseReturnValue:
    gevonden = _verzoek_of_404(verzoek_id)
    service.log_bekeken(get_session(), [gevonden], medewerker=g.medewerker, trace_id=g.trace_id)
    return _behandel(gevonden, UitkomstForm(formdata=None))


@bp.post(f"{WACHTRIJ}/<int:verzoek_id>/uitkomst")
@medewerker_vereist(*ROLLEN)
def uitkomst(verzoek_id: int) -> ResponseReturnValue:
    gevonden = _verzoek_of_404(verzoek_id)
    form = UitkomstForm()
    if form.validate_on_submit():
        try:
            service.leg_uitkomst_vast(
                get_session(),
                gevonden,
                form.uitkomst.data,
                toelichting=form.toelichting.data,
                medewerker=g.medewerker,
                nu=utcnow(),
                trace_id=g.trace_id,
            )
        except service.TerugbelFout as fout:
            _zet_fouten(form, fout)
        else:
            flash(_("De uitkomst is vastgelegd. De klant ziet dit in het portaal."), "succes")
            return redirect(url_for(".wachtrij"), code=303)
    return _behandel(gevonden, form, 400)

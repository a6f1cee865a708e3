"""axe-core on every page, in Dutch and English, at phone and desktop width: no violations.

DESIGN.md section 4: WCAG 2.2 AA, zero axe-core violations on every page. Each page is
reached the way a person reaches it (logged in through the persona picker, forms filled in
and sent), so error states and the htmx message preview are checked too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, time, timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from flask import Flask
from playwright.sync_api import BrowserContext, Page
from sqlalchemy import select

from notificaties import teksten
from portal.kalender import is_werkdag
from portal.models import Bezwaar, Brief, Burger, Medewerker, Servicecall, utcnow
from portal.models.voorkeur import VOORKEURSOORTEN
from portal.services import servicecalls, voorkeuren
from portal.tijd import AMSTERDAM, vandaag

pytestmark = pytest.mark.browser

BREEDTES = {"telefoon": (375, 812), "desktop": (1280, 800)}
# Every page in Dutch, English and Arabic (right to left); the other languages on the pages
# that show most of the layout and forms (below), where longer words could break it.
TALEN = ("nl", "en", "ar")
OVERIGE_TALEN = ("tr", "pl", "uk")
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE = Axe()

JAN = "Jan de Vries"  # WIA-1000001: two herstelacties in onderzoek
PIETER = "Pieter van den Berg"  # two herstelacties further down the route
ANNEKE = "Anneke van der Meer"  # a herstelactie and a beoordeling
ESTHER = "Esther Mulder"  # casemanager
ROB = "Rob de Graaf"  # casemanager of Pieter
INGRID = "Ingrid Bakker"  # sets up SMS and e-mail (pages with errors)
SANNE = "Sanne de Jong"  # types a wrong SMS code
BAS = "Bas Hendriks"  # beheerder
WILMA = "Wilma ter Horst"  # has a verified number and address: sees the switches

# The live app, for states that need data prepared behind the scenes (a valid link).
_LIVE: dict[str, Flask] = {}


@pytest.fixture(scope="module", autouse=True)
def _live_app(portaal) -> None:
    _LIVE["app"] = portaal.app


def _ga_naar(pad: str, status: int = 200) -> Callable[[Page], None]:
    def ga(page: Page) -> None:
        response = page.goto(pad)
        assert response is not None
        assert response.status == status, f"{pad} answered {response.status}"

    return ga


def _bericht(page: Page) -> None:
    _ga_naar("/berichten")(page)
    page.locator(".berichtenlijst a").first.click()
    page.wait_for_url("**/berichten/*")


def _zoeken_met_fout(page: Page) -> None:
    _ga_naar("/medewerker/")(page)
    page.locator("#bsn").fill("123456789")  # fails the 11-proef
    page.locator("form.formulier button[type=submit]").click()
    page.locator(".foutoverzicht").wait_for()
    assert page.locator("#bsn").get_attribute("aria-invalid") == "true"


def _statuspagina(page: Page) -> None:
    _ga_naar("/medewerker/dossiers/WIA-1000001")(page)
    page.locator("a[href*='/trajecten/'][href$='/status']").first.click()
    page.wait_for_url("**/status")
    page.locator("input[name=nieuwe_status]").first.wait_for()


def _status_met_fout(page: Page) -> None:
    _statuspagina(page)
    page.locator("button[name=actie][value=opslaan]").click()  # no status chosen
    page.locator(".foutoverzicht").wait_for()


def _status_met_voorbeeld(page: Page) -> None:
    _statuspagina(page)
    page.locator("input[name=nieuwe_status]").first.check()
    page.locator("button[name=actie][value=voorbeeld]").click()
    page.locator("#voorbeeld #voorbeeld-titel").wait_for()


def _met_app(functie: Callable[[Flask], str]) -> Callable[[Page], None]:
    """Go to the path that ``functie`` prepares in the live app's database."""

    def ga(page: Page) -> None:
        app = _LIVE["app"]
        with app.app_context():
            _ga_naar(functie(app))(page)

    return ga


def _burger(app: Flask, achternaam: str) -> Burger:
    session = app.extensions["portal.sessionmaker"]()
    return session, session.scalar(select(Burger).where(Burger.achternaam == achternaam))


def _bevestigd_met_keuzes(app: Flask) -> str:
    session, burger = _burger(app, "Horst")
    if not burger.telefoon_geverifieerd_op:
        burger.telefoon_geverifieerd_op = burger.email_geverifieerd_op = burger.aangemaakt_op
        session.commit()
        voorkeuren.zet_keuzes(session, burger, {"sms": set(VOORKEURSOORTEN), "email": set()})
    session.close()
    return "/sms-en-e-mail"


def _afmeldlink(app: Flask) -> str:
    session, burger = _burger(app, "Yilmaz")
    session.close()
    return f"/afmelden/{teksten.afmeldtoken(burger.id)}"


def _voorkeuren_met_fout(page: Page) -> None:
    _ga_naar("/sms-en-e-mail")(page)
    page.locator("#nieuw-telefoon").fill("020 123 4567")  # a landline: no SMS possible
    page.locator("form[action$='/telefoon'] button[type=submit]").click()
    page.locator(".foutoverzicht").wait_for()
    assert page.locator("#nieuw-telefoon").get_attribute("aria-invalid") == "true"


def _code_met_fout(page: Page) -> None:
    _ga_naar("/sms-en-e-mail")(page)
    page.locator("form[action$='/telefoon'] button[type=submit]").click()
    page.wait_for_url("**/telefoon/code")
    page.locator("#code").fill("000000")
    page.locator("form.formulier button[type=submit]").click()
    page.locator(".foutoverzicht").wait_for()


def _volgende_werkdag_om_tien() -> datetime:
    dag = vandaag() + timedelta(days=1)
    while not is_werkdag(dag):
        dag += timedelta(days=1)
    return datetime.combine(dag, time(10), AMSTERDAM)


def _gepland_gesprek(app: Flask) -> str:
    """A call planned for Jan, as the back-office or a casemanager would: its page."""
    session, burger = _burger(app, "Vries")
    gesprek = session.scalar(select(Servicecall).where(Servicecall.dossier_id == burger.dossier.id))
    if gesprek is None:
        gesprek = Servicecall(dossier_id=burger.dossier.id, onderwerp="uitkomst_onderzoek")
        session.add(gesprek)
        session.flush()
        van = _volgende_werkdag_om_tien()
        servicecalls.plan(
            session,
            gesprek,
            van=van,
            tot=van + timedelta(hours=2),
            telefoon=burger.telefoon,
            belnummer=app.config["KCC_TELEFOON"],
            medewerker=session.scalar(select(Medewerker).limit(1)),
            nu=utcnow(),
            trace_id="a" * 32,
        )
    pad = f"/gebeld-worden/{gesprek.id}"
    session.close()
    return pad


def _gesprek_voor_medewerker(app: Flask) -> str:
    session = app.extensions["portal.sessionmaker"]()
    gesprek_id = session.scalar(select(Servicecall.id).order_by(Servicecall.id).limit(1))
    session.close()
    return f"/medewerker/servicecalls/{gesprek_id}"


def _plannen_met_fout(page: Page) -> None:
    _met_app(_gesprek_voor_medewerker)(page)
    page.locator("form[action$='/plannen'] button[type=submit]").click()
    page.locator(".foutoverzicht").wait_for()


def _bekeken(app: Flask) -> str:
    """Jan's dossier opened by his casemanager, so his list has a row to show."""
    from portal.services import dossiers

    session, burger = _burger(app, "Vries")
    esther = session.scalar(select(Medewerker).where(Medewerker.naam == ESTHER))
    dossiers.log_bekeken(session, burger.dossier, medewerker_id=esther.id, trace_id="b" * 32)
    session.close()
    return "/wie-heeft-mijn-dossier-bekeken"


def _inzageverzoek_van_jan(app: Flask) -> int:
    """An open inzage request of Jan's (made once), as the request form would make it."""
    from portal.models.inzage import Inzageverzoek
    from portal.services import inzage

    session, burger = _burger(app, "Vries")
    verzoek = session.scalar(
        select(Inzageverzoek).where(
            Inzageverzoek.burger_id == burger.id, Inzageverzoek.status == "ontvangen"
        )
    )
    if verzoek is None:
        verzoek = inzage.vraag_aan(
            session,
            burger,
            burger.dossier,
            onderwerpen=["dagloon"],
            anders=None,
            levering="portaal",
            toelichting=None,
        )
    verzoek_id = verzoek.id
    session.close()
    return verzoek_id


def _inzage_aanvragen_met_fout(page: Page) -> None:
    _ga_naar("/inzage/aanvragen")(page)
    page.locator("form.formulier button[type=submit]").click()  # nothing chosen
    page.locator(".foutoverzicht").wait_for()


def _verlengen_met_fout(page: Page) -> None:
    _met_app(lambda app: f"/medewerker/inzage/{_inzageverzoek_van_jan(app)}")(page)
    page.locator("form[action$='/verlengen'] button[type=submit]").click()  # nothing filled in
    page.locator(".foutoverzicht").wait_for()


@dataclass(frozen=True)
class Pagina:
    naam: str
    persoon: str | None
    ga: Callable[[Page], None]


def _spreekuurvoorkeur_met_fout(page: Page) -> None:
    _ga_naar("/spreekuur/voorkeur?wijzig=1")(page)
    page.locator("input[name=vorm][value=video]").check()
    for dagdeel in page.locator("input[name=dagdelen]").all():
        dagdeel.uncheck()  # whatever Jan chose before: no day part is always an error
    page.locator("form[action$='/spreekuur/voorkeur'] button[type=submit]").click()
    page.locator(".foutoverzicht").wait_for()


def _ondersteuning_met_fout(page: Page) -> None:
    _ga_naar("/spreekuur/ondersteuning")(page)
    page.locator("input[name=behoeften][value=tolk]").check()
    page.locator("#tolk_taal").fill("")
    page.locator("form[action$='/spreekuur/ondersteuning'] button[type=submit]").click()
    page.locator(".foutoverzicht").wait_for()


def _demo_id(model: type, extern: str) -> Callable[[Flask], int]:
    """The id of a demo letter or objection, by its id in the back office."""

    def zoek(app: Flask) -> int:
        session = app.extensions["portal.sessionmaker"]()
        try:
            kolom = model.sleutel if model is Brief else model.extern_id
            waarde = f"uwv:{extern}" if model is Brief else extern
            return int(session.scalar(select(model.id).where(kolom == waarde)))
        finally:
            session.close()

    return zoek


def _vraag_van_jan(app: Flask) -> int:
    from portal.models import Vraag

    session, burger = _burger(app, "Vries")
    try:
        return int(session.scalar(select(Vraag.id).where(Vraag.burger_id == burger.id)))
    finally:
        session.close()


def _vraag_met_fout(page: Page) -> None:
    _ga_naar("/vragen/nieuw")(page)
    page.locator("form[action$='/vragen/nieuw'] button[type=submit]").click()
    page.locator(".foutoverzicht").wait_for()


def _taak_van_pieter(app: Flask) -> int:
    from portal.models import Taak

    session, burger = _burger(app, "Berg")
    try:
        return int(session.scalar(select(Taak.id).where(Taak.burger_id == burger.id)))
    finally:
        session.close()


def _taak_met_fout(page: Page) -> None:
    """Pieter sends the form without choosing a file: the refusal beside the field."""
    _met_app(lambda app: f"/taken/{_taak_van_pieter(app)}")(page)
    page.locator("form[enctype='multipart/form-data'] button[type=submit]").click()
    page.locator(".foutoverzicht").wait_for()


def _brieven_vorm_met_keuze(page: Page) -> None:
    _ga_naar("/brieven")(page)
    page.locator("input[name=vorm][value=grote_letters]").check()
    page.locator("form[action$='/brieven/vorm'] button[type=submit]").click()
    page.locator(".melding").first.wait_for()


def _begeleider_uitnodigen_met_fout(page: Page) -> None:
    _ga_naar("/begeleiders")(page)
    page.locator("form[action$='/begeleiders/uitnodigen'] button[type=submit]").click()
    page.locator(".foutoverzicht").wait_for()


def _begeleider_code_met_fout(page: Page) -> None:
    _ga_naar("/begeleider")(page)
    page.locator("input[name=code]").fill("ABC")
    page.locator("form[action$='/begeleider'] button[type=submit]").click()
    page.locator(".foutoverzicht").wait_for()


PAGINAS = [
    Pagina("start", None, _ga_naar("/")),
    # Someone the person trusts: the begeleider's login, and the person's own page.
    Pagina("ik-ben-begeleider", None, _ga_naar("/begeleider")),
    Pagina("ik-ben-begeleider-fout", None, _begeleider_code_met_fout),
    Pagina("mijn-begeleiders", JAN, _ga_naar("/begeleiders")),
    Pagina("mijn-begeleiders-fout", JAN, _begeleider_uitnodigen_met_fout),
    Pagina("inloggen", None, _ga_naar("/inloggen")),
    Pagina("medewerker-inloggen", None, _ga_naar("/medewerker/inloggen")),
    Pagina("demo-personas", None, _ga_naar("/demo/inloggen")),
    Pagina("uitgelogd", None, _ga_naar("/uitgelogd")),
    Pagina("niet-gevonden", None, _ga_naar("/bestaat-niet", status=404)),
    Pagina("mijn-dossier-jan", JAN, _ga_naar("/mijn-dossier")),
    Pagina("mijn-dossier-pieter", PIETER, _ga_naar("/mijn-dossier")),
    Pagina("mijn-dossier-anneke", ANNEKE, _ga_naar("/mijn-dossier")),
    Pagina("berichten", JAN, _ga_naar("/berichten")),
    Pagina("bericht", JAN, _bericht),
    Pagina("niet-gevonden-ingelogd", JAN, _ga_naar("/berichten/999999", status=404)),
    Pagina("zoeken", ESTHER, _ga_naar("/medewerker/")),
    Pagina("zoeken-fout", ESTHER, _zoeken_met_fout),
    Pagina("dossier", ESTHER, _ga_naar("/medewerker/dossiers/WIA-1000001")),
    Pagina("status", ESTHER, _statuspagina),
    Pagina("status-fout", ESTHER, _status_met_fout),
    Pagina("status-voorbeeld", ESTHER, _status_met_voorbeeld),
    Pagina("voorkeuren", INGRID, _ga_naar("/sms-en-e-mail")),
    Pagina("voorkeuren-fout", INGRID, _voorkeuren_met_fout),
    Pagina("code-fout", SANNE, _code_met_fout),
    Pagina("voorkeuren-keuzes", WILMA, _met_app(_bevestigd_met_keuzes)),
    Pagina("email-link-ongeldig", None, _ga_naar("/e-mail-bevestigen/ongeldig", status=400)),
    Pagina("afmelden", None, _met_app(_afmeldlink)),
    Pagina("sjablonen", ESTHER, _ga_naar("/medewerker/berichtsjablonen")),
    Pagina("sjabloon-email", ESTHER, _ga_naar("/medewerker/berichtsjablonen/spreekuur/email.html")),
    Pagina("demo-verzonden", None, _ga_naar("/demo/verzonden")),
    Pagina("verwachten", JAN, _ga_naar("/wat-kunt-u-verwachten")),
    Pagina("gebeld-worden", JAN, _ga_naar("/gebeld-worden")),
    Pagina("belvoorkeuren", JAN, _ga_naar("/gebeld-worden/voorkeuren")),
    Pagina("gesprek", JAN, _met_app(_gepland_gesprek)),
    Pagina("servicecalls", ESTHER, _ga_naar("/medewerker/servicecalls")),
    Pagina("servicecall", ESTHER, _met_app(_gesprek_voor_medewerker)),
    Pagina("servicecall-fout", ESTHER, _plannen_met_fout),
    Pagina("digest", ESTHER, _ga_naar("/medewerker/overzicht")),
    Pagina("brieven", BAS, _ga_naar("/medewerker/brieven")),
    # Letters, money and objections: Pieter has them all (portal/demo/brieven.py).
    Pagina("mijn-brieven", PIETER, _ga_naar("/brieven")),
    Pagina("mijn-brieven-vorm", PIETER, _brieven_vorm_met_keuze),
    Pagina(
        "brief-besluit",
        PIETER,
        _met_app(lambda app: f"/brieven/{_demo_id(Brief, 'DEMO-BRIEF-2')(app)}"),
    ),
    Pagina("uw-geld", PIETER, _ga_naar("/uw-geld")),
    Pagina("uw-geld-te-hoog", "Fatima el Amrani", _ga_naar("/uw-geld")),
    Pagina("bezwaar", PIETER, _ga_naar("/bezwaar")),
    Pagina(
        "ingebrekestelling",
        PIETER,
        _met_app(
            lambda app: f"/bezwaar/{_demo_id(Bezwaar, 'DEMO-BEZWAAR-1')(app)}/ingebrekestelling"
        ),
    ),
    Pagina("contact", PIETER, _ga_naar("/contact-met-uwv")),
    # Questions: Jan asked one (portal/demo/vragen.py).
    Pagina("vragen", JAN, _ga_naar("/vragen")),
    Pagina("vraag-stellen", JAN, _ga_naar("/vragen/nieuw")),
    Pagina("vraag-stellen-fout", JAN, _vraag_met_fout),
    Pagina("uitkering-klopt-niet", JAN, _ga_naar("/uitkering-klopt-niet")),
    Pagina("vraag", JAN, _met_app(lambda app: f"/vragen/{_vraag_van_jan(app)}")),
    Pagina("vragen-wachtrij", ESTHER, _ga_naar("/medewerker/vragen")),
    Pagina(
        "vraag-behandelen",
        ESTHER,
        _met_app(lambda app: f"/medewerker/vragen/{_vraag_van_jan(app)}"),
    ),
    # Tasks: Pieter is asked for his wage slips (portal/demo/taken.py); Rob is his casemanager.
    Pagina("taak", PIETER, _met_app(lambda app: f"/taken/{_taak_van_pieter(app)}")),
    Pagina("taak-fout", PIETER, _taak_met_fout),
    Pagina("taken-wachtrij", ROB, _ga_naar("/medewerker/taken")),
    Pagina(
        "taak-behandelen",
        ROB,
        _met_app(lambda app: f"/medewerker/taken/{_taak_van_pieter(app)}"),
    ),
    Pagina("taak-vragen", ROB, _ga_naar("/medewerker/dossiers/WIA-1000003/taken/nieuw")),
    Pagina("contact-medewerker", ESTHER, _ga_naar("/medewerker/dossiers/WIA-1000003/contact")),
    Pagina("dagloon-jan", JAN, _ga_naar("/mijn-dagloon")),
    Pagina("dagloon-maximum", "Kees van Dijk", _ga_naar("/mijn-dagloon")),
    Pagina("dagloon-zonder-cijfers", INGRID, _ga_naar("/mijn-dagloon")),
    Pagina("rechten", None, _ga_naar("/uw-rechten")),
    Pagina("toegankelijkheid", None, _ga_naar("/toegankelijkheid")),
    Pagina("privacy", None, _ga_naar("/privacy")),
    Pagina("bekeken", JAN, _met_app(_bekeken)),
    Pagina("inzage", JAN, _ga_naar("/inzage")),
    Pagina("inzage-aanvragen", JAN, _ga_naar("/inzage/aanvragen")),
    Pagina("inzage-aanvragen-fout", JAN, _inzage_aanvragen_met_fout),
    Pagina("inzage-verzoek", JAN, _met_app(lambda app: f"/inzage/{_inzageverzoek_van_jan(app)}")),
    Pagina("inzage-wachtrij", ESTHER, _ga_naar("/medewerker/inzage")),
    Pagina(
        "inzage-behandelen",
        ESTHER,
        _met_app(lambda app: f"/medewerker/inzage/{_inzageverzoek_van_jan(app)}"),
    ),
    Pagina("inzage-verlengen-fout", ESTHER, _verlengen_met_fout),
    Pagina("inzage-team", "Yvonne Smit", _ga_naar("/medewerker/inzage/team")),
    Pagina("spreekuur-gepland", ANNEKE, _ga_naar("/spreekuur/gepland")),
    Pagina("spreekuur-voorbereiden", ANNEKE, _ga_naar("/spreekuur/voorbereiden")),
    Pagina("spreekuurvoorkeur", JAN, _ga_naar("/spreekuur/voorkeur")),
    Pagina("spreekuurvoorkeur-wijzig", JAN, _ga_naar("/spreekuur/voorkeur?wijzig=1")),
    Pagina("spreekuurvoorkeur-fout", JAN, _spreekuurvoorkeur_met_fout),
    Pagina("ondersteuning", JAN, _ga_naar("/spreekuur/ondersteuning")),
    Pagina("ondersteuning-fout", JAN, _ondersteuning_met_fout),
    Pagina("spreekuurplanning", ESTHER, _ga_naar("/medewerker/spreekuurplanning")),
    Pagina(
        "spreekuurplanning-filter",
        ESTHER,
        _ga_naar("/medewerker/spreekuurplanning?ondersteuning=1&vorm=fysiek"),
    ),
]


def _rapport(violations: list[dict]) -> str:
    regels = [f"{len(violations)} axe-core violation(s):"]
    for v in violations:
        regels.append(f"- {v['id']} ({v['impact']}): {v['help']}")
        regels.append(f"  help: {v['helpUrl']}")
        for node in v["nodes"]:
            doel = " ".join(str(t) for t in node["target"])
            regels.append(f"  * {doel}")
            regels.append(f"    {node.get('failureSummary', '').replace(chr(10), ' ')}")
    return "\n".join(regels)


@pytest.fixture(scope="module")
def open_pagina(context_fabriek) -> Iterator[Callable[[Pagina, str, str], Page]]:
    """The page in the given state, language and width.

    The two widths of one page and language follow each other in the test order, so the
    page is reached once, at phone width first, and then widened: that halves the work.
    """
    open_: dict[tuple[str, str], tuple[BrowserContext, Page]] = {}

    def sluit_alles() -> None:
        for context, _page in open_.values():
            context.close()
        open_.clear()

    def geef(pagina: Pagina, taal: str, breedte: str) -> Page:
        w, h = BREEDTES[breedte]
        if (pagina.naam, taal) in open_:
            page = open_[(pagina.naam, taal)][1]
            page.set_viewport_size({"width": w, "height": h})
            page.evaluate("() => new Promise(klaar => requestAnimationFrame(() => klaar()))")
            return page
        sluit_alles()
        context = context_fabriek(persoon=pagina.persoon, taal=taal, breedte=w, hoogte=h)
        page = context.new_page()
        open_[(pagina.naam, taal)] = (context, page)
        pagina.ga(page)
        page.wait_for_load_state("load")
        return page

    yield geef
    sluit_alles()


@pytest.mark.parametrize("breedte", list(BREEDTES), ids=list(BREEDTES))
@pytest.mark.parametrize("taal", TALEN)
@pytest.mark.parametrize("pagina", PAGINAS, ids=[p.naam for p in PAGINAS])
def test_page_has_no_axe_violations(open_pagina, pagina: Pagina, taal: str, breedte: str):
    controleer(open_pagina(pagina, taal, breedte), taal, breedte)


def controleer(page: Page, taal: str, breedte: str) -> None:
    """The page speaks the language in the right direction at the width asked, and axe-core
    finds no WCAG 2.2 AA violation. Shared by the feature modules' own page lists."""
    assert page.locator("html").get_attribute("lang") == taal
    assert page.locator("html").get_attribute("dir") == ("rtl" if taal == "ar" else "ltr")
    assert page.viewport_size == dict(zip(("width", "height"), BREEDTES[breedte], strict=True))

    resultaat = AXE.run(
        page,
        options={"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]},
    )
    violations = resultaat.response["violations"]
    w, h = BREEDTES[breedte]
    assert not violations, f"{page.url} [{taal}, {w}x{h}]\n" + _rapport(violations)


STEEKPROEF = [p for p in PAGINAS if p.naam in {
    "start", "mijn-dossier-jan", "bericht", "voorkeuren-fout", "inzage-aanvragen-fout",
    "spreekuurvoorkeur-fout", "dagloon-jan", "toegankelijkheid",
}]  # fmt: skip


@pytest.mark.parametrize("breedte", list(BREEDTES), ids=list(BREEDTES))
@pytest.mark.parametrize("taal", OVERIGE_TALEN)
@pytest.mark.parametrize("pagina", STEEKPROEF, ids=[p.naam for p in STEEKPROEF])
def test_page_in_the_other_languages_has_no_axe_violations(
    open_pagina, pagina: Pagina, taal: str, breedte: str
):
    controleer(open_pagina(pagina, taal, breedte), taal, breedte)

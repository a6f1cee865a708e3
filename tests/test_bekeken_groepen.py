"""Wie heeft mijn dossier bekeken: the person's own log and status history, per day and per
who, one plain sentence each, against the real app and database."""

from __future__ import annotations

import re
from datetime import UTC, datetime, time, timedelta
from html.parser import HTMLParser

from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from portal.models import Burger, Dossier, Medewerker, Statuswijziging
from portal.services import dossiers, verwerkingslog
from portal.services import inzage as inzageservice
from portal.services.statuswijziging import Wijziging, wijzig_status
from portal.tijd import AMSTERDAM, vandaag
from tests.conftest import log_in
from tests.factories import maak_burger, maak_dossier, maak_medewerker, maak_traject

PAD = "/wie-heeft-mijn-dossier-bekeken"
NIEMAND = "Niemand van UWV heeft uw gegevens bekeken of veranderd sinds dit wordt bijgehouden."


class _Dagen(HTMLParser):
    """The page as the person reads it: each day's heading with its sentences."""

    def __init__(self) -> None:
        super().__init__()
        self.dagen: list[tuple[str, list[str]]] = []
        self._kop: list[str] | None = None
        self._item: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributen = dict(attrs)
        if tag == "h2" and (attributen.get("id") or "").startswith("dag-"):
            self._kop = []
        if tag == "li" and "berichtenlijst__item" in (attributen.get("class") or ""):
            self._item = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "h2" and self._kop is not None:
            self.dagen.append((_schoon("".join(self._kop)), []))
            self._kop = None
        if tag == "li" and self._item is not None:
            self.dagen[-1][1].append(_schoon("".join(self._item)))
            self._item = None

    def handle_data(self, data: str) -> None:
        for deel in (self._kop, self._item):
            if deel is not None:
                deel.append(data)


def _schoon(tekst: str) -> str:
    return re.sub(r"\s+", " ", tekst.replace("\xa0", " ")).strip()


def _lees(client: FlaskClient, pad: str = PAD) -> tuple[str, list[tuple[str, list[str]]]]:
    antwoord = client.get(pad)
    assert antwoord.status_code == 200
    html = antwoord.get_data(as_text=True)
    lezer = _Dagen()
    lezer.feed(html)
    return html.replace("\xa0", " "), lezer.dagen


def _om(dag_terug: int, uur: int, minuut: int = 0) -> datetime:
    """A moment on an Amsterdam day counted back from today, in UTC."""
    dag = vandaag() - timedelta(days=dag_terug)
    return datetime.combine(dag, time(uur, minuut), AMSTERDAM).astimezone(UTC)


def _log(
    db: Session,
    burger: Burger,
    medewerker: Medewerker | None,
    op: datetime,
    activiteit: str = "dossier-inzien",
    handeling: str = "inzien",
    object: str | None = None,
) -> None:
    regel = verwerkingslog.log(
        db,
        trace_id="t" * 32,
        medewerker_id=medewerker.id if medewerker else None,
        burger_id=burger.id,
        handeling=handeling,
        activiteit=activiteit,
        object=object,
    )
    regel.tijdstip = op
    db.commit()


def _dossier_met_casemanager(db: Session, naam: str = "Esther Mulder") -> Dossier:
    casemanager = maak_medewerker(db, naam=naam, rollen="casemanager")
    dossier = maak_dossier(db, casemanager_id=casemanager.id)
    db.commit()
    return dossier


# --- one sentence per group, counted -------------------------------------------------------


def test_twelve_looks_within_a_minute_read_as_one_sentence_with_the_count(client, db):
    dossier = _dossier_met_casemanager(db)
    for seconde in range(12):
        _log(db, dossier.burger, dossier.casemanager, _om(1, 14, 0) + timedelta(seconds=seconde))
    log_in(client, dossier.burger)

    html, dagen = _lees(client)

    assert dagen == [
        ("Gisteren", ["Uw casemanager heeft uw dossier 12 keer bekeken. Om 14.00 uur."])
    ]
    assert "<table" not in html


def test_the_casemanagers_real_visits_and_status_change_form_one_sentence_told_once(
    app, client, db
):
    dossier = _dossier_met_casemanager(db)
    traject = maak_traject(db, dossier=dossier, soort="dagloon", route=("in_onderzoek",))
    # The traject's history from before this test is older, so only today's visit counts.
    for wijziging in traject.statuswijzigingen:
        wijziging.gewijzigd_op = _om(30, 9)
    db.commit()
    medewerker_client = app.test_client()
    log_in(medewerker_client, dossier.casemanager)
    for _ in range(3):
        pad = f"/medewerker/dossiers/{dossier.kenmerk}"
        assert medewerker_client.get(pad).status_code == 200
    # The change writes a history row and a log row: the page tells it once.
    wijzig_status(
        db,
        traject,
        Wijziging(naar="onderzoek_afgerond", toelichting=None, volgende_update_op=None),
        verwacht_van="in_onderzoek",
        medewerker=dossier.casemanager,
        trace_id="w" * 32,
    )
    log_in(client, dossier.burger)

    _html, dagen = _lees(client)

    kop, zinnen = dagen[0]
    assert kop == "Vandaag"
    assert len(zinnen) == 1
    assert zinnen[0].startswith(
        "Uw casemanager heeft uw dossier 3 keer bekeken en de stand van uw onderzoek aangepast."
        " Dit ging over: Kwaliteit WIA-dagloon."
    )
    assert "keer aangepast" not in zinnen[0]


def test_different_roles_on_one_day_get_their_own_sentence_newest_first(client, db):
    dossier = _dossier_met_casemanager(db)
    teamleider = maak_medewerker(db, rollen="teamleider")
    andere = [maak_medewerker(db, rollen="casemanager") for _ in range(2)]
    _log(db, dossier.burger, dossier.casemanager, _om(2, 9, 15))
    _log(db, dossier.burger, andere[0], _om(2, 10, 0))
    _log(db, dossier.burger, andere[1], _om(2, 11, 30))
    _log(db, dossier.burger, teamleider, _om(2, 16, 5), "toezegging-inzien")
    log_in(client, dossier.burger)

    _html, dagen = _lees(client)

    assert len(dagen) == 1
    assert dagen[0][1] == [
        "Een teamleider heeft een datum bekeken die wij u beloofden. Om 16.05 uur.",
        "2 casemanagers hebben uw dossier 2 keer bekeken. Tussen 10.00 en 11.30 uur.",
        "Uw casemanager heeft uw dossier bekeken. Om 09.15 uur.",
    ]


def test_named_staff_each_get_their_own_sentence_when_the_policy_names_them(maak_app, db):
    app = maak_app(VERWERKINGSLOG_NAAM_TONEN=True)
    dossier = _dossier_met_casemanager(db, naam="Esther Mulder")
    rob = maak_medewerker(db, naam="Rob de Graaf", rollen="casemanager")
    _log(db, dossier.burger, dossier.casemanager, _om(1, 9))
    _log(db, dossier.burger, rob, _om(1, 10))
    client = app.test_client()
    log_in(client, dossier.burger)

    _html, dagen = _lees(client)

    assert dagen[0][1] == [
        "Casemanager Rob de Graaf heeft uw dossier bekeken. Om 10.00 uur.",
        "Uw casemanager Esther Mulder heeft uw dossier bekeken. Om 09.00 uur.",
    ]


def test_without_the_policy_no_staff_name_shows(client, db):
    dossier = _dossier_met_casemanager(db, naam="Esther Mulder")
    _log(db, dossier.burger, dossier.casemanager, _om(1, 9))
    log_in(client, dossier.burger)

    html, _dagen = _lees(client)

    assert "Esther Mulder" not in html


def test_what_the_person_did_themselves_reads_as_u(client, db):
    burger = maak_burger(db)
    _log(db, burger, None, _om(1, 20), "inzagedocument-downloaden", "downloaden")
    log_in(client, burger)

    _html, dagen = _lees(client)

    assert dagen[0][1] == ["U hebt een document van uw verzoek om inzage gedownload. Om 20.00 uur."]


def test_a_withdrawn_request_shows_as_the_persons_own_act(client, db):
    burger = maak_burger(db)
    verzoek = inzageservice.vraag_aan(
        db, burger, maak_dossier(db, burger=burger), onderwerpen=["dagloon"], anders=None,
        levering="portaal", toelichting=None,
    )  # fmt: skip
    inzageservice.trek_in(db, verzoek, trace_id="i" * 32)
    log_in(client, burger)

    _html, dagen = _lees(client)

    assert dagen[0][0] == "Vandaag"
    assert dagen[0][1][0].startswith("U hebt uw verzoek om inzage ingetrokken.")


def test_unknown_codes_never_show_and_fall_back_to_plain_words(client, db):
    burger = maak_burger(db)
    _log(db, burger, None, _om(1, 9), "iets-nieuws", "wijzigen")
    _log(db, burger, None, _om(1, 9, 1), "nog-onbekend", "xyz")
    log_in(client, burger)

    html, dagen = _lees(client)

    assert dagen[0][1] == [
        "Een computersysteem van UWV heeft uw gegevens aangepast en uw gegevens gebruikt. "
        "Tussen 09.00 en 09.01 uur."
    ]
    assert "iets-nieuws" not in html and "nog-onbekend" not in html and "xyz" not in html


def test_the_usual_purpose_is_said_once_and_another_purpose_beside_its_group(client, db):
    dossier = _dossier_met_casemanager(db)
    _log(db, dossier.burger, dossier.casemanager, _om(1, 9))
    regel = verwerkingslog.log(
        db, trace_id="d" * 32, medewerker_id=None, burger_id=dossier.burger.id,
        handeling="inzien", activiteit="dossier-lezen", doel="Controle op de rechtmatigheid",
    )  # fmt: skip
    regel.tijdstip = _om(1, 10)
    db.commit()
    log_in(client, dossier.burger)

    html, dagen = _lees(client)

    assert html.count("Voor uw WIA-uitkering en het onderzoek naar uw uitkering") == 1
    assert dagen[0][1][0] == (
        "Een computersysteem van UWV heeft de stand van uw dossier opgehaald. "
        "Waarom: Controle op de rechtmatigheid. Om 10.00 uur."
    )


# --- consistent with the status history -----------------------------------------------------


def test_a_status_change_in_the_history_shows_even_without_a_log_row(client, db):
    dossier = _dossier_met_casemanager(db)
    traject = maak_traject(db, dossier=dossier, soort="ewt", route=())
    db.add(
        Statuswijziging(
            traject_id=traject.id,
            van_status="aanvraag_ontvangen",
            naar_status="wacht_op_beoordeling",
            medewerker_id=dossier.casemanager_id,
            gewijzigd_op=_om(3, 10),
        )
    )
    for wijziging in traject.statuswijzigingen:
        if wijziging.van_status is None:
            wijziging.gewijzigd_op = _om(40, 10)
    db.commit()
    log_in(client, dossier.burger)

    html, dagen = _lees(client)

    assert NIEMAND not in html
    zinnen = [zin for _kop, groepen in dagen for zin in groepen]
    assert (
        "Uw casemanager heeft de stand van uw beoordeling aangepast. "
        "Dit ging over: WIA-beoordeling einde wachttijd. Om 10.00 uur."
    ) in zinnen
    assert zinnen[-1].startswith("Een computersysteem van UWV heeft een nieuw onderdeel in uw")


def test_truly_nothing_is_said_plainly(client, db):
    burger = maak_burger(db)
    maak_dossier(db, burger=burger)
    db.commit()
    log_in(client, burger)

    html, dagen = _lees(client)

    assert dagen == []
    assert NIEMAND in html


# --- days -----------------------------------------------------------------------------------


def test_each_day_is_a_heading_newest_first_and_the_amsterdam_day_counts(client, db):
    dossier = _dossier_met_casemanager(db)
    # 00.30 in Amsterdam is still the day before in UTC: it belongs to today.
    na_middernacht = _om(0, 0, 30)
    assert na_middernacht.astimezone(UTC).date() < vandaag()
    _log(db, dossier.burger, dossier.casemanager, na_middernacht)
    _log(db, dossier.burger, dossier.casemanager, _om(1, 23, 50))
    _log(db, dossier.burger, dossier.casemanager, _om(9, 12))
    log_in(client, dossier.burger)

    _html, dagen = _lees(client)

    with client.application.test_request_context():
        from portal.datumtekst import wanneer

        eerder = wanneer(_om(9, 12))
    assert [kop for kop, _zinnen in dagen] == ["Vandaag", "Gisteren", eerder]
    # Hours and minutes as UWV writes them; never seconds, never a zone.
    assert dagen[0][1] == ["Uw casemanager heeft uw dossier bekeken. Om 00.30 uur."]
    assert dagen[1][1] == ["Uw casemanager heeft uw dossier bekeken. Om 23.50 uur."]


def test_the_list_has_pages_of_fourteen_days_and_never_splits_a_day(client, db):
    dossier = _dossier_met_casemanager(db)
    for dag in range(15):
        _log(db, dossier.burger, dossier.casemanager, _om(dag, 10))
    # The fifteenth day has many rows: they all stay on page 2, together.
    for minuut in range(30):
        _log(db, dossier.burger, dossier.casemanager, _om(14, 11, minuut))
    log_in(client, dossier.burger)

    eerste, dagen1 = _lees(client)
    tweede, dagen2 = _lees(client, f"{PAD}?pagina=2")
    derde, dagen3 = _lees(client, f"{PAD}?pagina=3")

    assert len(dagen1) == 14 and "Vorige pagina" not in eerste
    assert f'href="{PAD}?pagina=2"' in eerste
    assert len(dagen2) == 1
    assert dagen2[0][1] == [
        "Uw casemanager heeft uw dossier 31 keer bekeken. Tussen 10.00 en 11.29 uur."
    ]
    assert f'href="{PAD}"' in tweede and "Volgende pagina" not in tweede
    assert dagen3 == [] and "Op deze pagina staat niets meer." in derde and NIEMAND not in derde


def test_a_bad_page_number_shows_the_first_page(client, db):
    dossier = _dossier_met_casemanager(db)
    _log(db, dossier.burger, dossier.casemanager, _om(1, 10))
    log_in(client, dossier.burger)

    _html, dagen = _lees(client, f"{PAD}?pagina=nul")

    assert dagen[0][0] == "Gisteren"


# --- privacy --------------------------------------------------------------------------------


def test_only_the_persons_own_rows_and_own_status_history_show(client, db):
    eigen = _dossier_met_casemanager(db)
    ander = _dossier_met_casemanager(db, naam="Rob de Graaf")
    anders_traject = maak_traject(db, dossier=ander, soort="indexatie")
    db.add(
        Statuswijziging(
            traject_id=anders_traject.id,
            van_status="in_onderzoek",
            naar_status="onderzoek_afgerond",
            medewerker_id=ander.casemanager_id,
            gewijzigd_op=_om(1, 10),
        )
    )
    _log(db, ander.burger, ander.casemanager, _om(1, 11), "papieren-brief-afdrukken", "verstrekken")
    # A row about this person that names someone else's traject does not reveal it.
    _log(db, eigen.burger, eigen.casemanager, _om(1, 12), "traject-status-wijzigen", "wijzigen",
         object=f"traject:{anders_traject.id}")  # fmt: skip
    log_in(client, eigen.burger)

    html, dagen = _lees(client)

    assert dagen == [
        ("Gisteren", ["Uw casemanager heeft de stand van uw dossier aangepast. Om 12.00 uur."])
    ]
    assert "Indexatie" not in html and "brief" not in html


def test_no_bsn_shows_even_when_staff_searched_by_it(app, client, db):
    dossier = _dossier_met_casemanager(db)
    dossiers.zoek_dossier(
        db, kenmerk=None, bsn=dossier.burger.bsn, medewerker_id=dossier.casemanager_id,
        trace_id="z" * 32,
    )  # fmt: skip
    log_in(client, dossier.burger)

    html, dagen = _lees(client)

    assert dagen[0][1][0].startswith(
        "Uw casemanager heeft uw dossier opgezocht met uw burgerservicenummer."
    )
    assert dossier.burger.bsn not in html


def test_reading_the_page_writes_no_log_row(client, db):
    from sqlalchemy import func, select

    from portal.models import Verwerkingslog

    dossier = _dossier_met_casemanager(db)
    _log(db, dossier.burger, dossier.casemanager, _om(1, 10))
    log_in(client, dossier.burger)

    _lees(client)

    db.expire_all()
    assert db.scalar(select(func.count()).select_from(Verwerkingslog)) == 1

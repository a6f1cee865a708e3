"""The person's inzage pages: a finished request reads as finished, a withdrawn one as
withdrawn; the casemanager's words and the download come before the steps; done steps carry
their date and the step the request stands at says "u bent hier" to a screen reader."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from html.parser import HTMLParser

import pytest
from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from portal import datumtekst
from portal.models import Burger, Medewerker
from portal.models.inzage import Inzageverzoek
from portal.services import inzage as service
from portal.services import inzagedocumenten
from portal.tijd import AMSTERDAM, vandaag
from tests.conftest import log_in
from tests.factories import maak_burger, maak_dossier, maak_medewerker
from tests.test_inzage import PDF

# Ten days ago, 10.00 in Amsterdam: the answer's due date (a month on) is still ahead.
NU = datetime.combine(vandaag() - timedelta(days=10), time(10), AMSTERDAM).astimezone(UTC)
TRACE = "v" * 32


def _datum(client: FlaskClient, moment: datetime | date) -> str:
    """A date as the page writes it ("4 februari 2027")."""
    with client.application.test_request_context():
        return datumtekst.datum(moment)


@pytest.fixture(autouse=True)
def _documentenmap(app, tmp_path):
    app.config["DOCUMENTEN_MAP"] = str(tmp_path / "documenten")


class _Stappen(HTMLParser):
    """The steps of the timeline: their class, aria-current and the text read aloud."""

    def __init__(self) -> None:
        super().__init__()
        self.stappen: list[dict[str, str | bool]] = []
        self._in_lijst = False
        self._stap: dict[str, str | bool] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributen = dict(attrs)
        if tag == "ol" and "tijdlijn" in (attributen.get("class") or ""):
            self._in_lijst = True
        if tag == "li" and self._in_lijst:
            self._stap = {
                "klasse": attributen.get("class") or "",
                "hier": attributen.get("aria-current") == "step",
                "tekst": "",
            }

    def handle_endtag(self, tag: str) -> None:
        if tag == "li" and self._stap is not None:
            self._stap["tekst"] = re.sub(r"\s+", " ", str(self._stap["tekst"])).strip()
            self.stappen.append(self._stap)
            self._stap = None
        if tag == "ol":
            self._in_lijst = False

    def handle_data(self, data: str) -> None:
        if self._stap is not None:
            self._stap["tekst"] = str(self._stap["tekst"]) + data


def _pagina(client: FlaskClient, pad: str) -> tuple[str, list[dict[str, str | bool]]]:
    antwoord = client.get(pad)
    assert antwoord.status_code == 200
    html = antwoord.get_data(as_text=True).replace("\xa0", " ")
    lezer = _Stappen()
    lezer.feed(html)
    return html, lezer.stappen


def _verzoek(db: Session, burger: Burger | None = None, nu: datetime = NU) -> Inzageverzoek:
    burger = burger or maak_burger(db)
    dossier = burger.dossier or maak_dossier(db, burger=burger)
    return service.vraag_aan(
        db, burger, dossier, onderwerpen=["dagloon"], anders=None, levering="portaal",
        toelichting=None, nu=nu,
    )  # fmt: skip


def _in_behandeling(db: Session, verzoek: Inzageverzoek, medewerker: Medewerker) -> None:
    service.wijs_toe(
        db, verzoek, medewerker, door=medewerker, trace_id=TRACE, nu=NU + timedelta(days=1)
    )


def _verstrekt(app, db: Session, verzoek: Inzageverzoek, medewerker: Medewerker) -> None:
    inzagedocumenten.voeg_document_toe(
        db, verzoek, bestandsnaam="dagloonberekening.pdf", data=PDF,
        map_=app.config["DOCUMENTEN_MAP"], max_bytes=1024 * 1024, medewerker=medewerker,
        trace_id=TRACE, nu=NU + timedelta(days=2),
    )  # fmt: skip
    service.noteer(db, verzoek, "Intern: klant belde boos.", medewerker=medewerker, trace_id=TRACE)
    service.rond_af(
        db, verzoek, naar="verstrekt", bericht="Hier ziet u hoe wij uw dagloon berekenden.",
        medewerker=medewerker, trace_id=TRACE, nu=NU + timedelta(days=3),
    )  # fmt: skip


def test_a_finished_request_reads_as_finished_with_its_last_step_done(app, client, db):
    verzoek = _verzoek(db)
    medewerker = maak_medewerker(db, naam="Esther Mulder")
    _in_behandeling(db, verzoek, medewerker)
    _verstrekt(app, db, verzoek, medewerker)
    log_in(client, verzoek.dossier.burger)

    html, stappen = _pagina(client, f"/inzage/{verzoek.id}")

    assert "Uw verzoek is klaar" in html
    assert f"Wij hebben uw verzoek op {_datum(client, NU + timedelta(days=3))} beantwoord." in html
    assert [stap["tekst"] for stap in stappen] == [
        f"Ontvangen (klaar) {_datum(client, NU)}",
        f"In behandeling (klaar) {_datum(client, NU + timedelta(days=1))}",
        f"Verstrekt (u bent hier) {_datum(client, NU + timedelta(days=3))}",
    ]
    assert all("tijdlijn__stap--klaar" in str(stap["klasse"]) for stap in stappen)
    assert [stap["hier"] for stap in stappen] == [False, False, True]
    assert "nu bezig" not in html and "tijdlijn__stap--nu" not in html
    assert "Wanneer krijgt u antwoord?" not in html and "Trek mijn verzoek in" not in html
    assert "Wie behandelde uw verzoek?" in html and "Esther Mulder" in html


def test_the_casemanagers_message_and_the_download_come_before_the_steps(app, client, db):
    verzoek = _verzoek(db)
    medewerker = maak_medewerker(db)
    _in_behandeling(db, verzoek, medewerker)
    _verstrekt(app, db, verzoek, medewerker)
    log_in(client, verzoek.dossier.burger)

    html, _stappen = _pagina(client, f"/inzage/{verzoek.id}")

    bericht = html.index("Hier ziet u hoe wij uw dagloon berekenden.")
    download = html.index("Download dagloonberekening.pdf")
    stappen = html.index('class="tijdlijn"')
    assert html.index("Bericht van uw casemanager") < bericht < download < stappen
    # An internal note is for staff only.
    assert "klant belde boos" not in html
    link = re.search(r'href="(/inzage/\d+/documenten/\d+)"', html)
    assert link
    antwoord = client.get(link.group(1))
    assert antwoord.status_code == 200 and antwoord.data == PDF
    antwoord.close()


def test_a_request_withdrawn_before_anyone_took_it_reads_as_withdrawn(client, db):
    verzoek = _verzoek(db)
    service.trek_in(db, verzoek, trace_id=TRACE, nu=NU + timedelta(days=2))
    log_in(client, verzoek.dossier.burger)

    html, stappen = _pagina(client, f"/inzage/{verzoek.id}")

    assert "Uw verzoek is ingetrokken" in html
    assert f"U hebt dit verzoek op {_datum(client, NU + timedelta(days=2))} ingetrokken." in html
    # Never "In behandeling (klaar)": nobody took it before it was withdrawn.
    assert [stap["tekst"] for stap in stappen] == [
        f"Ontvangen (klaar) {_datum(client, NU)}",
        f"Ingetrokken (u bent hier) {_datum(client, NU + timedelta(days=2))}",
    ]
    assert "In behandeling" not in html
    assert "Een casemanager pakt uw verzoek snel op" not in html
    assert "Trek mijn verzoek in" not in html and "Uw verzoek is klaar" not in html


def test_an_open_request_marks_where_it_stands_and_what_is_still_to_come(client, db):
    verzoek = _verzoek(db)
    _in_behandeling(db, verzoek, maak_medewerker(db))
    log_in(client, verzoek.dossier.burger)

    html, stappen = _pagina(client, f"/inzage/{verzoek.id}")

    assert [stap["tekst"] for stap in stappen] == [
        f"Ontvangen (klaar) {_datum(client, NU)}",
        f"In behandeling (u bent hier) {_datum(client, NU + timedelta(days=1))}",
        f"Antwoord (komt nog) Uiterlijk {_datum(client, verzoek.termijn_op)}.",
    ]
    assert [str(stap["klasse"]).rsplit("--", 1)[1] for stap in stappen] == [
        "klaar",
        "nu",
        "straks",
    ]
    assert [stap["hier"] for stap in stappen] == [False, True, False]
    assert "Wanneer krijgt u antwoord?" in html and "Trek mijn verzoek in" in html


def test_an_extended_request_stands_at_the_extension_with_its_reason_first(client, db):
    verzoek = _verzoek(db)
    medewerker = maak_medewerker(db)
    _in_behandeling(db, verzoek, medewerker)
    service.verleng(
        db, verzoek, tot=NU.date() + timedelta(days=50), reden="Uw dossier is groot.",
        medewerker=medewerker, trace_id=TRACE, nu=NU + timedelta(days=5),
    )  # fmt: skip
    log_in(client, verzoek.dossier.burger)

    html, stappen = _pagina(client, f"/inzage/{verzoek.id}")

    assert [stap["tekst"] for stap in stappen][2] == (
        f"Verlengd (u bent hier) {_datum(client, NU + timedelta(days=5))}"
    )
    assert html.index("Uw dossier is groot.") < html.index('class="tijdlijn"')


def test_a_refused_request_gives_its_reason_before_the_steps(client, db):
    verzoek = _verzoek(db)
    medewerker = maak_medewerker(db)
    _in_behandeling(db, verzoek, medewerker)
    service.rond_af(
        db, verzoek, naar="afgewezen", bericht="Dit dossier ligt niet bij UWV.",
        medewerker=medewerker, trace_id=TRACE, nu=NU + timedelta(days=4),
    )  # fmt: skip
    log_in(client, verzoek.dossier.burger)

    html, stappen = _pagina(client, f"/inzage/{verzoek.id}")

    assert (
        f"Wij hebben uw verzoek op {_datum(client, NU + timedelta(days=4))} afgewezen."
        " U krijgt geen inzage."
    ) in html
    assert html.index("Dit dossier ligt niet bij UWV.") < html.index('class="tijdlijn"')
    assert stappen[-1]["tekst"] == (
        f"Afgewezen (u bent hier) {_datum(client, NU + timedelta(days=4))}"
    )


def test_the_list_of_requests_tells_finished_and_withdrawn_ones_as_such(app, client, db):
    burger = maak_burger(db)
    maak_dossier(db, burger=burger)
    medewerker = maak_medewerker(db)
    open_ = _verzoek(db, burger)
    klaar = _verzoek(db, burger)
    _in_behandeling(db, klaar, medewerker)
    _verstrekt(app, db, klaar, medewerker)
    ingetrokken = _verzoek(db, burger)
    _in_behandeling(db, ingetrokken, medewerker)
    service.trek_in(db, ingetrokken, trace_id=TRACE, nu=NU + timedelta(days=2))
    log_in(client, burger)

    html, _stappen = _pagina(client, "/inzage")

    regels = {
        kenmerk: re.sub(r"<[^>]+>|\s+", " ", tekst).strip()
        for kenmerk, tekst in re.findall(r">(INZ-[\d-]+)</a>(.*?)</li>", html, re.DOTALL)
    }
    assert regels[open_.kenmerk] == (
        f"Ontvangen. Antwoord uiterlijk {_datum(client, open_.termijn_op)}."
    )
    assert regels[klaar.kenmerk] == (
        f"Wij hebben uw verzoek op {_datum(client, NU + timedelta(days=3))} beantwoord."
    )
    assert regels[ingetrokken.kenmerk] == (
        "U hebt dit verzoek ingetrokken. Wij behandelen het niet meer."
    )


def test_a_late_request_never_shows_its_passed_due_date_as_still_ahead(client, db):
    verzoek = _verzoek(db, nu=NU - timedelta(days=60))
    log_in(client, verzoek.dossier.burger)

    html, stappen = _pagina(client, f"/inzage/{verzoek.id}")

    assert "Deze datum is voorbij. Wij zijn te laat." in html
    assert stappen[-1]["tekst"] == "Antwoord (komt nog)"
    assert [stap["hier"] for stap in stappen] == [True, False, False]

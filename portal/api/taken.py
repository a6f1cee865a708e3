"""Tasks through the API: the back office asks the person for something by a deadline, and
reads what became of it (the files' names, sizes and hashes; the files stay in the portal)."""

from __future__ import annotations

from datetime import datetime

from flask import g, url_for

from portal.api import vormen as s
from portal.api.dossiers import dossier_of_404
from portal.api.operaties import Resultaat, operatie
from portal.api.problemen import Probleem, Veldfout
from portal.db import get_session
from portal.models import ApiClient, Dossier, Taak
from portal.services import taken
from portal.taken.meldingen import foutmelding


def taak_uit(taak: Taak, kenmerk: str) -> s.TaakUit:
    return s.TaakUit(
        id=taak.id,
        kenmerk=kenmerk,
        titel=taak.titel,
        toelichting=taak.toelichting,
        traject_soort=taak.traject_soort,
        uiterlijk=taak.uiterlijk,
        status=taak.status,
        ronde=taak.ronde,
        reden=taak.reden,
        uitleg=taak.uitleg,
        gevraagd_op=taak.gevraagd_op,
        ingeleverd_op=taak.ingeleverd_op,
        afgerond_op=taak.afgerond_op,
        bestanden=[
            s.TaakbestandUit(
                id=b.id,
                ronde=b.ronde,
                bestandsnaam=b.bestandsnaam,
                soort=b.soort,
                grootte=b.grootte,
                sha256=b.sha256,
                ingeleverd_op=b.ingeleverd_op,
            )
            for b in taak.bestanden
        ],
    )


@operatie(
    "POST",
    "/dossiers/{kenmerk}/taken",
    naam="taak-vragen",
    scope="taken:schrijven",
    tag="taken",
    samenvatting="Ask the person for something (e.g. wage slips) by a deadline. It shows at "
    "the top of Mijn dossier; the person gets a message and, where switched on, an SMS or "
    "e-mail without content (a paper letter when neither), and a reminder some days before "
    "the deadline.",
    lichaam=s.TaakIn,
    antwoorden={201: s.TaakUit},
    locatie=True,
)
def vraag(*, client: ApiClient, nu: datetime, kenmerk: str, lichaam: s.TaakIn) -> Resultaat:
    dossier = dossier_of_404(kenmerk)
    g.api_burger_id = dossier.burger_id
    try:
        taak = taken.vraag(
            get_session(),
            dossier,
            taken.Taakinvoer(
                titel=lichaam.titel,
                uiterlijk=lichaam.uiterlijk,
                toelichting=lichaam.toelichting,
                traject_soort=lichaam.traject_soort,
            ),
            nu=nu,
            trace_id=g.trace_id,
            api_client_id=client.id,
        )
    except taken.TaakFout as fout:
        raise Probleem(
            422, "ongeldige-invoer", fouten=[Veldfout(fout.veld, fout.code, foutmelding(fout))]
        ) from fout
    return Resultaat(
        201,
        taak_uit(taak, dossier.kenmerk),
        locatie=url_for("api.taak-lezen", taak_id=taak.id),
        burger_id=dossier.burger_id,
    )


@operatie(
    "GET",
    "/taken/{taak_id}",
    naam="taak-lezen",
    scope="taken:lezen",
    tag="taken",
    samenvatting="A task's state: open, answered (files or 'niet beschikbaar'), accepted, "
    "asked again (with the reason) or withdrawn, with each file's name, size and sha256.",
    antwoorden={200: s.TaakUit},
)
def lees(*, client: ApiClient, nu: datetime, taak_id: int) -> Resultaat:
    session = get_session()
    taak = taken.voor_medewerker(session, taak_id)
    if taak is None:
        raise Probleem(404, "niet-gevonden")
    dossier = session.get(Dossier, taak.dossier_id)
    assert dossier is not None
    return Resultaat(200, taak_uit(taak, dossier.kenmerk), burger_id=taak.burger_id)

"""The person's answer to a task: files (PDF, JPEG, PNG; each judged by its content, stored
by its sha256), or "ik heb dit niet" with an explanation. Either gets its receipt
(ontvangstbevestiging, Wmebv) at once, in the same transaction, and UWV promises to look at
it within five working days. All files are checked before any is stored: a refused upload
leaves nothing behind."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from portal.models import Bericht, Taak, Taakbestand
from portal.models.taak import AFGESLOTEN, BESTANDSOORTEN
from portal.services import bestanden as opslag
from portal.services import ontvangst, toezeggingen
from portal.services.taken import (
    TaakFout,
    annuleer_herinneringen,
    beoordeeld_uiterlijk,
    log,
    onderwerp,
    tekst,
)

MAX_MB = 10  # per file: a phone photo or a scan of a few pages fits
MAX_BESTANDEN = 10  # per round: each time UWV asks
MAX_BYTES = MAX_MB * 1024 * 1024
# Field codes of a receipt's copy (labels in ``portal.services.nieuws``).
ONTVANGST_TAAK, ONTVANGST_NIET = "taak", "taak_niet"


@dataclass(frozen=True)
class Bestand:
    naam: str
    data: bytes


def bestandsregel(naam: str, grootte: int, sha256: str) -> str:
    """A file as a receipt keeps it (shown as name, size and the start of its hash)."""
    return f"{naam}\t{grootte}\t{sha256}"


def _open(taak: Taak, veld: str) -> None:
    if taak.status in AFGESLOTEN:
        raise TaakFout(veld, "gesloten")


def in_ronde(taak: Taak) -> list[Taakbestand]:
    return [b for b in taak.bestanden if b.ronde == taak.ronde]


def _beoordeel_uiterlijk(session: Session, taak: Taak, nu: datetime) -> Taak:
    """UWV promises to look at the answer; a second answer in the same round keeps the
    first promise's date."""
    if toezeggingen.open_voor(session, onderwerp(taak)) is None:
        toezeggingen.beloof(
            session,
            burger_id=taak.burger_id,
            dossier_id=taak.dossier_id,
            soort="taak",
            onderwerp=onderwerp(taak),
            datum=beoordeeld_uiterlijk(nu),
            bron="burger",
            nu=nu,
        )
    return taak


def controleer(taak: Taak, bestanden: list[Bestand]) -> list[str]:
    """The kind of each file, or ``TaakFout`` for the first that cannot be taken."""
    _open(taak, "bestanden")
    if not bestanden:
        raise TaakFout("bestanden", "geen_bestand")
    al = len(in_ronde(taak))
    if al + len(bestanden) > MAX_BESTANDEN:
        raise TaakFout("bestanden", "te_veel", max=MAX_BESTANDEN, al=al)
    soorten = []
    for bestand in bestanden:
        probleem = opslag.probleem(bestand.data, max_bytes=MAX_BYTES, soorten=BESTANDSOORTEN)
        if probleem is not None:
            raise TaakFout("bestanden", probleem, naam=bestand.naam, mb=MAX_MB)
        soort = opslag.soort_van(bestand.data)
        assert soort is not None
        if not opslag.naam_past(bestand.naam, soort):
            raise TaakFout("bestanden", "vermomd", naam=bestand.naam)
        soorten.append(soort)
    return soorten


def lever(
    session: Session,
    taak: Taak,
    bestanden: list[Bestand],
    *,
    map_: str,
    nu: datetime,
    trace_id: str,
) -> Bericht:
    """Store the files for this round, with a receipt that lists them, which this returns.
    Commits; ``TaakFout`` stores nothing."""
    soorten = controleer(taak, bestanden)
    nieuw = [
        Taakbestand(
            ronde=taak.ronde,
            bestandsnaam=opslag.veilige_naam(bestand.naam, soort),
            soort=soort,
            grootte=len(bestand.data),
            sha256=opslag.bewaar(map_, bestand.data),
            ingeleverd_op=nu,
        )
        for bestand, soort in zip(bestanden, soorten, strict=True)
    ]
    taak.bestanden.extend(nieuw)
    taak.status, taak.ingeleverd_op = "ingeleverd", nu
    _beoordeel_uiterlijk(session, taak, nu)
    annuleer_herinneringen(session, taak)
    bevestiging = ontvangst.bevestig(
        session,
        taak.burger_id,
        wat=ONTVANGST_TAAK,
        kopie=[
            ("taak", taak.titel),
            *(("bestand", bestandsregel(b.bestandsnaam, b.grootte, b.sha256)) for b in nieuw),
        ],
        volgende_op=beoordeeld_uiterlijk(nu),
        nu=nu,
    )
    log(session, taak, "taak-inleveren", trace_id)
    session.commit()
    return bevestiging


def niet_beschikbaar(
    session: Session, taak: Taak, uitleg: str | None, *, nu: datetime, trace_id: str
) -> Bericht:
    """The person does not have what was asked, and may say why; returns the receipt.
    Commits."""
    _open(taak, "uitleg")
    schoon = tekst(uitleg, "uitleg")
    taak.status, taak.uitleg, taak.ingeleverd_op = "niet_beschikbaar", schoon, nu
    _beoordeel_uiterlijk(session, taak, nu)
    annuleer_herinneringen(session, taak)
    bevestiging = ontvangst.bevestig(
        session,
        taak.burger_id,
        wat=ONTVANGST_NIET,
        kopie=[("taak", taak.titel), ("uitleg", schoon or "")],
        volgende_op=beoordeeld_uiterlijk(nu),
        nu=nu,
    )
    log(session, taak, "taak-niet-beschikbaar", trace_id)
    session.commit()
    return bevestiging

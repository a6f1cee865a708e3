"""Someone the person trusts, acting for them: a begeleider they invite in the portal, or a
representative who logs in through DigiD Machtigen (a gemachtigde, bewindvoerder, curator or
mentor).

A begeleider is invited by e-mail with a code (no link: the e-mail could be forwarded or
faked). The invitee logs in with their own DigiD and types the code; the portal then shows
them a second, short code that the person types in their own portal. Only then does the
begeleider see anything: a stolen invitation alone opens nothing. The person chooses what the
begeleider may do besides reading, and can end it at any time.

Every change commits here; views only parse and render.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import datetime, timedelta

from email_validator import EmailNotValidError, validate_email
from flask_babel import LazyString
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from notificaties import stuur_systeembericht
from portal.models import Burger, Sessie, Vertegenwoordiging
from portal.tijd import vandaag
from portal.vertalen import lazy_gettext as _l

UITNODIGING_GELDIG = timedelta(days=14)
MAX_POGINGEN = 5  # wrong confirmation codes before the invitation ends
MAX_BEGELEIDERS = 5  # invited or active at one time
MAX_NAAM = 100
# Letters and digits that cannot be mistaken for each other when read aloud or copied.
_TEKENS = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTE = 12
BEVESTIGING_LENGTE = 6

# What a begeleider may do besides reading. A representative through DigiD Machtigen may
# do everything the person can, except inviting begeleiders (only the person decides that).
RECHTEN: dict[str, LazyString] = {
    "vragen": _l("Vragen stellen en meldingen doen"),
    "uploaden": _l("Bestanden sturen die UWV vraagt (of zeggen dat die er niet zijn)"),
}
LEZEN, WIJZIGEN = "lezen", "wijzigen"
WETTELIJK = ("machtiging", "bewindvoering", "curatele", "mentorschap")
OPEN = ("uitgenodigd", "wacht_op_bevestiging", "actief")

MELDINGEN: dict[str, LazyString] = {
    "naam_leeg": _l("Vul de naam in van de persoon die u uitnodigt."),
    "naam_te_lang": _l("Deze naam is te lang. Gebruik ten hoogste 100 tekens."),
    "email_ongeldig": _l("Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl."),
    "eigen_email": _l("Dit is uw eigen e-mailadres. Vul het adres in van de persoon die u helpt."),
    "onbekend_recht": _l("Kies alleen uit de keuzes die er staan."),
    "te_veel": _l("U hebt al 5 begeleiders. Stop eerst met een begeleider."),
    "code_onbekend": _l("Deze code kennen wij niet. Kijk of u de code goed hebt overgenomen."),
    "code_verlopen": _l("Deze uitnodiging is verlopen. Vraag om een nieuwe uitnodiging."),
    "code_gebruikt": _l("Deze uitnodiging is al gebruikt. Vraag om een nieuwe uitnodiging."),
    "eigen_uitnodiging": _l("U kunt niet uw eigen begeleider zijn."),
    "bevestiging_fout": _l("Deze code klopt niet. Vraag uw begeleider om de code op het scherm."),
    "bevestiging_op": _l("De code was te vaak fout. De uitnodiging is gestopt. Nodig opnieuw uit."),
    "niet_te_bevestigen": _l("Deze begeleider hoeft u niet meer te bevestigen."),
}


class BegeleiderFout(ValueError):
    """A refused step; ``veld`` is the form field, ``code`` the reason."""

    def __init__(self, veld: str, code: str) -> None:
        super().__init__(f"{veld}: {code}")
        self.veld, self.code = veld, code

    @property
    def melding(self) -> LazyString:
        return MELDINGEN[self.code]


def _sleutel(code: str) -> str:
    return hashlib.sha256(code.encode()).hexdigest()


def normaliseer_code(invoer: str | None) -> str:
    """The code as we store it: capitals, without spaces or dashes."""
    return "".join(teken for teken in (invoer or "").upper() if teken.isalnum())


def _nieuwe_code() -> str:
    return "".join(secrets.choice(_TEKENS) for _ in range(CODE_LENGTE))


def leesbaar(code: str) -> str:
    """XXXX-XXXX-XXXX: easier to read aloud and to type."""
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def mag(vertegenwoordiging: Vertegenwoordiging, recht: str) -> bool:
    """May this representative do ``recht`` (``lezen``, a key of RECHTEN, or ``wijzigen``)?"""
    if vertegenwoordiging.status != "actief":
        return False
    if vertegenwoordiging.soort in WETTELIJK or recht == LEZEN:
        return True
    return recht in (vertegenwoordiging.rechten or [])


def van_burger(session: Session, burger_id: int) -> list[Vertegenwoordiging]:
    """Everyone who acts, acted or was invited to act for this person, newest first."""
    return list(
        session.scalars(
            select(Vertegenwoordiging)
            .where(Vertegenwoordiging.burger_id == burger_id)
            .order_by(Vertegenwoordiging.aangemaakt_op.desc(), Vertegenwoordiging.id.desc())
        )
    )


def _telt(vertegenwoordiging: Vertegenwoordiging, nu: datetime) -> bool:
    """Open, and not an invitation that expired unused."""
    verloopt = vertegenwoordiging.uitnodiging_verloopt_op
    if vertegenwoordiging.status != "actief" and verloopt is not None and verloopt <= nu:
        return False
    return vertegenwoordiging.status in OPEN


def _eigen(session: Session, burger_id: int, vertegenwoordiging_id: int) -> Vertegenwoordiging:
    gevonden = session.get(Vertegenwoordiging, vertegenwoordiging_id)
    if gevonden is None or gevonden.burger_id != burger_id:
        raise LookupError(vertegenwoordiging_id)
    return gevonden


def nodig_uit(
    session: Session,
    burger: Burger,
    *,
    naam: str | None,
    email: str | None,
    rechten: list[str],
    nu: datetime,
) -> Vertegenwoordiging:
    """Invite a begeleider: the e-mail with the code goes through the outbox in the same
    transaction, so it is sent once even if a process dies."""
    schone_naam = " ".join((naam or "").split())
    if not schone_naam:
        raise BegeleiderFout("naam", "naam_leeg")
    if len(schone_naam) > MAX_NAAM:
        raise BegeleiderFout("naam", "naam_te_lang")
    try:
        adres = validate_email((email or "").strip(), check_deliverability=False).normalized
    except EmailNotValidError:
        raise BegeleiderFout("email", "email_ongeldig") from None
    if len(adres) > 254:
        raise BegeleiderFout("email", "email_ongeldig")
    if burger.email and adres.casefold() == burger.email.casefold():
        raise BegeleiderFout("email", "eigen_email")
    if any(recht not in RECHTEN for recht in rechten):
        raise BegeleiderFout("rechten", "onbekend_recht")
    open_ = [v for v in van_burger(session, burger.id) if v.soort == "begeleider"]
    if sum(_telt(v, nu) for v in open_) >= MAX_BEGELEIDERS:
        raise BegeleiderFout("naam", "te_veel")
    code = _nieuwe_code()
    uitnodiging = Vertegenwoordiging(
        burger_id=burger.id,
        soort="begeleider",
        status="uitgenodigd",
        naam=schone_naam,
        email=adres,
        rechten=[recht for recht in RECHTEN if recht in rechten],
        uitnodiging_sleutel=_sleutel(code),
        uitnodiging_verloopt_op=nu + UITNODIGING_GELDIG,
        bevestiging_pogingen=0,
        aangemaakt_op=nu,
    )
    session.add(uitnodiging)
    session.flush()
    stuur_systeembericht(
        session,
        burger,
        soort="begeleider_uitnodiging",
        kanaal="email",
        adres=adres,
        sleutel=f"begeleider_uitnodiging:{uitnodiging.id}",
        gegevens={
            "code": leesbaar(code),
            "geldig_tot": vandaag(uitnodiging.uitnodiging_verloopt_op).isoformat(),
        },
        nu=nu,
    )
    session.commit()
    return uitnodiging


def neem_aan(
    session: Session, *, code: str, bsn: str, nu: datetime
) -> tuple[Vertegenwoordiging, str]:
    """The invitee logged in with DigiD and typed the invitation's code: they get the short
    code the person must confirm. Logging in again with the same invitation gives a new one."""
    gevonden = session.scalar(
        select(Vertegenwoordiging).where(
            Vertegenwoordiging.uitnodiging_sleutel == _sleutel(normaliseer_code(code))
        )
    )
    if gevonden is None or gevonden.soort != "begeleider":
        raise BegeleiderFout("code", "code_onbekend")
    if gevonden.status not in ("uitgenodigd", "wacht_op_bevestiging") or (
        gevonden.vertegenwoordiger_bsn not in (None, bsn)
    ):
        raise BegeleiderFout("code", "code_gebruikt")
    verloopt = gevonden.uitnodiging_verloopt_op
    if verloopt is not None and verloopt <= nu:
        raise BegeleiderFout("code", "code_verlopen")
    if gevonden.burger.bsn == bsn:
        raise BegeleiderFout("code", "eigen_uitnodiging")
    bevestiging = "".join(secrets.choice("0123456789") for _ in range(BEVESTIGING_LENGTE))
    gevonden.vertegenwoordiger_bsn = bsn
    gevonden.status = "wacht_op_bevestiging"
    gevonden.bevestiging_sleutel = _sleutel(bevestiging)
    session.commit()
    return gevonden, bevestiging


def bevestig(
    session: Session, burger_id: int, vertegenwoordiging_id: int, code: str | None, nu: datetime
) -> Vertegenwoordiging:
    """The person types the code their begeleider sees: from now on the begeleider is in."""
    gevonden = _eigen(session, burger_id, vertegenwoordiging_id)
    if gevonden.status != "wacht_op_bevestiging" or gevonden.bevestiging_sleutel is None:
        raise BegeleiderFout("code", "niet_te_bevestigen")
    verloopt = gevonden.uitnodiging_verloopt_op
    if verloopt is not None and verloopt <= nu:
        raise BegeleiderFout("code", "code_verlopen")
    if not hmac.compare_digest(_sleutel(normaliseer_code(code)), gevonden.bevestiging_sleutel):
        gevonden.bevestiging_pogingen += 1
        if gevonden.bevestiging_pogingen >= MAX_POGINGEN:
            _stop(gevonden, nu)
            session.commit()
            raise BegeleiderFout("code", "bevestiging_op")
        session.commit()
        raise BegeleiderFout("code", "bevestiging_fout")
    gevonden.status = "actief"
    gevonden.actief_sinds = nu
    gevonden.uitnodiging_sleutel = None
    gevonden.bevestiging_sleutel = None
    session.commit()
    return gevonden


def _stop(vertegenwoordiging: Vertegenwoordiging, nu: datetime) -> None:
    vertegenwoordiging.status = "beeindigd"
    vertegenwoordiging.beeindigd_op = nu
    vertegenwoordiging.uitnodiging_sleutel = None
    vertegenwoordiging.bevestiging_sleutel = None


def beeindig(
    session: Session, burger_id: int, vertegenwoordiging_id: int, nu: datetime
) -> Vertegenwoordiging:
    """The person ends a begeleider (or withdraws an invitation): their sessions end at once."""
    gevonden = _eigen(session, burger_id, vertegenwoordiging_id)
    if gevonden.soort == "begeleider" and gevonden.status in OPEN:
        _stop(gevonden, nu)
        session.execute(
            update(Sessie)
            .where(Sessie.vertegenwoordiging_id == gevonden.id, Sessie.beeindigd_op.is_(None))
            .values(beeindigd_op=nu)
        )
        session.commit()
    return gevonden


def actief_voor(session: Session, bsn: str) -> list[Vertegenwoordiging]:
    """The people this BSN may act for as a begeleider."""
    return list(
        session.scalars(
            select(Vertegenwoordiging)
            .where(
                Vertegenwoordiging.vertegenwoordiger_bsn == bsn,
                Vertegenwoordiging.status == "actief",
                Vertegenwoordiging.soort == "begeleider",
            )
            .order_by(Vertegenwoordiging.id)
        )
    )


def machtiging(
    session: Session,
    burger: Burger,
    *,
    bsn: str,
    soort: str,
    dienst: str,
    naam: str | None,
    nu: datetime,
) -> Vertegenwoordiging:
    """A login through DigiD Machtigen: the mandate is DigiD's, we keep one row per
    representative and kind, so the person and the casemanager see who acts for them."""
    gevonden = session.scalar(
        select(Vertegenwoordiging).where(
            Vertegenwoordiging.burger_id == burger.id,
            Vertegenwoordiging.vertegenwoordiger_bsn == bsn,
            Vertegenwoordiging.soort == soort,
        )
    )
    if gevonden is None:
        gevonden = Vertegenwoordiging(
            burger_id=burger.id,
            soort=soort,
            vertegenwoordiger_bsn=bsn,
            rechten=[],
            bevestiging_pogingen=0,
            aangemaakt_op=nu,
            actief_sinds=nu,
        )
        session.add(gevonden)
    # DigiD checked the mandate at this login: it holds now, whatever we knew before.
    gevonden.status = "actief"
    gevonden.dienst = dienst[:200]
    gevonden.naam = naam[:200] if naam else gevonden.naam
    gevonden.beeindigd_op = None
    gevonden.laatst_gebruikt_op = nu
    session.commit()
    return gevonden


def gebruikt(session: Session, vertegenwoordiging: Vertegenwoordiging, nu: datetime) -> None:
    vertegenwoordiging.laatst_gebruikt_op = nu
    session.commit()

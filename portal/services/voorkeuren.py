"""Berichten en herinneringen: verified channels and the switches per kind of news.

Nothing goes to a number or address before the person proved it is theirs: a 6-digit code
by SMS (10 minutes, 5 tries, 3 codes an hour) or a signed link by e-mail (24 hours).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

import phonenumbers
from email_validator import EmailNotValidError, validate_email
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from notificaties import stuur_systeembericht
from portal.models import Burger, Notificatie, Notificatievoorkeur, Verificatie, utcnow
from portal.models.voorkeur import KANALEN, VOORKEURSOORTEN

CODE_GELDIG = timedelta(minutes=10)
LINK_GELDIG = timedelta(hours=24)
MAX_POGINGEN = 5
MAX_PER_UUR = 3
EMAIL_ZOUT = "email-bevestigen"


class NotificatievoorkeurFout(ValueError):
    """Refused input; ``reden`` says which (the view turns it into a translated text)."""

    def __init__(self, reden: str, **details: object) -> None:
        super().__init__(reden)
        self.reden = reden
        self.details = details


def normaliseer_mobiel(invoer: str) -> str:
    """A mobile number as E.164, or NotificatievoorkeurFout('ongeldig' | 'vast_nummer')."""
    try:
        nummer = phonenumbers.parse(invoer.strip(), "NL")
    except phonenumbers.NumberParseException as fout:
        raise NotificatievoorkeurFout("ongeldig") from fout
    if not phonenumbers.is_valid_number(nummer):
        raise NotificatievoorkeurFout("ongeldig")
    soort = phonenumbers.number_type(nummer)
    if soort not in (
        phonenumbers.PhoneNumberType.MOBILE,
        phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
    ):
        raise NotificatievoorkeurFout("vast_nummer")
    return phonenumbers.format_number(nummer, phonenumbers.PhoneNumberFormat.E164)


def normaliseer_email(invoer: str) -> str:
    try:
        # No DNS look-up: the verification link proves the address works.
        return validate_email(invoer.strip(), check_deliverability=False).normalized
    except EmailNotValidError as fout:
        raise NotificatievoorkeurFout("ongeldig") from fout


def _code_hash(geheim: str, burger_id: int, code: str) -> str:
    # Keyed, so a copy of the database alone does not reveal codes by trying all 10^6.
    return hmac.new(geheim.encode(), f"{burger_id}:{code}".encode(), hashlib.sha256).hexdigest()


def _codes_laatste_uur(session: Session, burger_id: int, kanaal: str, nu: datetime) -> int:
    return (
        session.scalar(
            select(func.count())
            .select_from(Verificatie)
            .where(
                Verificatie.burger_id == burger_id,
                Verificatie.kanaal == kanaal,
                Verificatie.aangemaakt_op > nu - timedelta(hours=1),
            )
        )
        or 0
    )


def _verstuur_verificatie(
    session: Session,
    burger: Burger,
    verificatie: Verificatie,
    soort: str,
    gegevens: Callable[[Verificatie], dict[str, str]],
    nu: datetime,
) -> Verificatie:
    """Save the verification and send its code or link to the address it is about."""
    if _codes_laatste_uur(session, burger.id, verificatie.kanaal, nu) >= MAX_PER_UUR:
        raise NotificatievoorkeurFout("te_veel_codes")
    session.add(verificatie)
    session.flush()
    stuur_systeembericht(
        session,
        burger,
        soort=soort,
        kanaal=verificatie.kanaal,
        adres=verificatie.adres,
        sleutel=f"verificatie:{verificatie.id}",
        gegevens=gegevens(verificatie),
        nu=nu,
    )
    session.commit()
    return verificatie


def vraag_sms_code(
    session: Session, burger: Burger, invoer: str, *, geheim: str, nu: datetime | None = None
) -> Verificatie:
    """Send a code to ``invoer`` (normalised first); the number is not used before it is proven."""
    nu = nu or utcnow()
    nummer = normaliseer_mobiel(invoer)
    code = f"{secrets.randbelow(1_000_000):06d}"
    verificatie = Verificatie(
        burger_id=burger.id,
        kanaal="sms",
        adres=nummer,
        code_hash=_code_hash(geheim, burger.id, code),
        aangemaakt_op=nu,
        verloopt_op=nu + CODE_GELDIG,
    )
    return _verstuur_verificatie(
        session, burger, verificatie, "verificatiecode", lambda _v: {"code": code}, nu
    )


def open_verificatie(
    session: Session, burger_id: int, kanaal: str, nu: datetime | None = None
) -> Verificatie | None:
    """The newest code or link that can still be used."""
    nu = nu or utcnow()
    return session.scalar(
        select(Verificatie)
        .where(
            Verificatie.burger_id == burger_id,
            Verificatie.kanaal == kanaal,
            Verificatie.bevestigd_op.is_(None),
            Verificatie.verloopt_op > nu,
        )
        .order_by(Verificatie.id.desc())
        .limit(1)
    )


def controleer_sms_code(
    session: Session, burger: Burger, code: str, *, geheim: str, nu: datetime | None = None
) -> None:
    """Accept the code and make the number the person's, or raise NotificatievoorkeurFout."""
    nu = nu or utcnow()
    verificatie = open_verificatie(session, burger.id, "sms", nu)
    if verificatie is None:
        raise NotificatievoorkeurFout("verlopen")
    if verificatie.pogingen >= MAX_POGINGEN:
        raise NotificatievoorkeurFout("te_veel_pogingen")
    verwacht = verificatie.code_hash or ""
    if not hmac.compare_digest(_code_hash(geheim, burger.id, code.strip()), verwacht):
        verificatie.pogingen += 1
        session.commit()
        over = MAX_POGINGEN - verificatie.pogingen
        raise NotificatievoorkeurFout("te_veel_pogingen" if over <= 0 else "foute_code", over=over)
    _bevestig(session, burger, verificatie, nu)


def _bevestig(session: Session, burger: Burger, verificatie: Verificatie, nu: datetime) -> None:
    oud = burger.telefoon if verificatie.kanaal == "sms" else burger.email
    oud_geverifieerd = (
        burger.telefoon_geverifieerd_op
        if verificatie.kanaal == "sms"
        else burger.email_geverifieerd_op
    )
    verificatie.bevestigd_op = nu
    if verificatie.kanaal == "sms":
        burger.telefoon, burger.telefoon_geverifieerd_op = verificatie.adres, nu
        burger.sms_gestopt_op = None  # a newly proven number starts with a clean slate
    else:
        burger.email, burger.email_geverifieerd_op = verificatie.adres, nu
    if oud and oud_geverifieerd and oud != verificatie.adres:
        # Tell the old address, so that a takeover of the account does not go unnoticed.
        stuur_systeembericht(
            session,
            burger,
            soort="adres_gewijzigd",
            kanaal=verificatie.kanaal,
            adres=oud,
            sleutel=f"adres_gewijzigd:{verificatie.id}",
            gegevens={"kanaal": verificatie.kanaal},
            nu=nu,
        )
    session.commit()


def vraag_email_bevestiging(
    session: Session, burger: Burger, invoer: str, *, geheim: str, nu: datetime | None = None
) -> Verificatie:
    nu = nu or utcnow()
    adres = normaliseer_email(invoer)
    verificatie = Verificatie(
        burger_id=burger.id,
        kanaal="email",
        adres=adres,
        aangemaakt_op=nu,
        verloopt_op=nu + LINK_GELDIG,
    )

    def link(opgeslagen: Verificatie) -> dict[str, str]:
        return {"token": URLSafeTimedSerializer(geheim, salt=EMAIL_ZOUT).dumps(opgeslagen.id)}

    return _verstuur_verificatie(session, burger, verificatie, "email_bevestigen", link, nu)


def bevestig_email(
    session: Session, token: str, *, geheim: str, nu: datetime | None = None
) -> Burger:
    """The link from the e-mail: valid for 24 hours, once."""
    nu = nu or utcnow()
    try:
        verificatie_id = URLSafeTimedSerializer(geheim, salt=EMAIL_ZOUT).loads(
            token, max_age=int(LINK_GELDIG.total_seconds())
        )
    except SignatureExpired as fout:
        raise NotificatievoorkeurFout("verlopen") from fout
    except BadSignature as fout:
        raise NotificatievoorkeurFout("ongeldige_link") from fout
    verificatie = (
        session.get(Verificatie, verificatie_id) if isinstance(verificatie_id, int) else None
    )
    if verificatie is None or verificatie.kanaal != "email":
        raise NotificatievoorkeurFout("ongeldige_link")
    burger = session.get(Burger, verificatie.burger_id)
    assert burger is not None
    if verificatie.bevestigd_op is not None:
        if burger.email == verificatie.adres:
            return burger  # opened twice: already done
        raise NotificatievoorkeurFout("ongeldige_link")
    if verificatie.verloopt_op <= nu:
        raise NotificatievoorkeurFout("verlopen")
    _bevestig(session, burger, verificatie, nu)
    return burger


@dataclass(frozen=True)
class Keuzes:
    """What is switched on: kanaal → set of kinds."""

    aan: dict[str, set[str]]

    def heeft(self, kanaal: str, soort: str) -> bool:
        return soort in self.aan.get(kanaal, set())


def keuzes(session: Session, burger_id: int) -> Keuzes:
    aan: dict[str, set[str]] = {kanaal: set() for kanaal in KANALEN}
    for kanaal, soort in session.execute(
        select(Notificatievoorkeur.kanaal, Notificatievoorkeur.soort).where(
            Notificatievoorkeur.burger_id == burger_id
        )
    ):
        aan.setdefault(kanaal, set()).add(soort)
    return Keuzes(aan)


def zet_keuzes(
    session: Session, burger: Burger, gekozen: dict[str, set[str]], nu: datetime | None = None
) -> None:
    """Replace the switches. A channel that is not verified cannot be switched on."""
    nu = nu or utcnow()
    geverifieerd = {"sms": burger.telefoon_geverifieerd_op, "email": burger.email_geverifieerd_op}
    for kanaal in KANALEN:
        soorten = gekozen.get(kanaal, set()) & set(VOORKEURSOORTEN)
        if soorten and not geverifieerd[kanaal]:
            raise NotificatievoorkeurFout("niet_geverifieerd", kanaal=kanaal)
    session.execute(delete(Notificatievoorkeur).where(Notificatievoorkeur.burger_id == burger.id))
    for kanaal in KANALEN:
        for soort in sorted(gekozen.get(kanaal, set()) & set(VOORKEURSOORTEN)):
            session.add(
                Notificatievoorkeur(burger_id=burger.id, kanaal=kanaal, soort=soort, aangezet_op=nu)
            )
    if gekozen.get("sms", set()) & set(VOORKEURSOORTEN):
        burger.sms_gestopt_op = None  # switching SMS on in the portal undoes an earlier STOP
    session.commit()


def verwijder_kanaal(session: Session, burger: Burger, kanaal: str) -> None:
    """Forget a number or address for messages: its switches go off, the proof is dropped."""
    session.execute(
        delete(Notificatievoorkeur).where(
            Notificatievoorkeur.burger_id == burger.id, Notificatievoorkeur.kanaal == kanaal
        )
    )
    if kanaal == "sms":
        burger.telefoon_geverifieerd_op = None
    else:
        burger.email_geverifieerd_op = None
    session.commit()


def meld_af_email(session: Session, burger_id: int) -> None:
    """The unsubscribe link: no more e-mail of any kind. Pending ones are cancelled when due."""
    session.execute(
        delete(Notificatievoorkeur).where(
            Notificatievoorkeur.burger_id == burger_id, Notificatievoorkeur.kanaal == "email"
        )
    )
    session.commit()


def mislukte_kanalen(session: Session, burger_id: int) -> dict[str, Notificatie]:
    """Channels whose most recent message failed for good: the person should check them."""
    laatste = (
        select(Notificatie.kanaal, func.max(Notificatie.id).label("id"))
        .where(
            Notificatie.burger_id == burger_id,
            Notificatie.status.in_(("verzonden", "afgeleverd", "mislukt")),
            # An invitation goes to the begeleider's address, not to the person's own.
            Notificatie.soort != "begeleider_uitnodiging",
        )
        .group_by(Notificatie.kanaal)
        .subquery()
    )
    rijen = session.scalars(
        select(Notificatie)
        .join(laatste, Notificatie.id == laatste.c.id)
        .where(Notificatie.status == "mislukt")
    )
    return {rij.kanaal: rij for rij in rijen}

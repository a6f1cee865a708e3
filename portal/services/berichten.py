"""The portal inbox: messages are stored as facts and written out when they are read."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from flask import current_app
from flask_babel import format_date
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from portal import statussen
from portal.models import Bericht, Traject, utcnow
from portal.services import nieuws
from portal.services.belmomenten import belmoment
from portal.services.berichttekst import BerichtTekst
from portal.services.servicecalls import ONDERWERPEN
from portal.vertalen import gettext as _

STATUSWIJZIGING = "statuswijziging"
SERVICECALL = "servicecall"
KWARTAALUPDATE = "kwartaalupdate"
INZAGE = "inzage"
SPREEKUUR = "spreekuur"
TOEZEGGING = "toezegging"
# A decision in a message: the person must not miss it (see Bericht.belangrijk).
BESLISSINGEN = frozenset(
    {"geen_wijziging", "dagloon_te_hoog", "dagloon_te_laag", "beslissing", "nabetaling"}
)


# Where a person needs independent help most: a decision, an outcome, an objection or appeal.
HULP_BIJ = BESLISSINGEN | {"bezwaar", "beroep"}


def vraagt_om_hulp(bericht: Bericht) -> bool:
    """Whether the message is a decision, an outcome or about an objection: the page then
    shows, beside it, where to find independent help."""
    return bericht.soort == STATUSWIJZIGING and (bericht.gegevens or {}).get("status") in HULP_BIJ


def statusbericht(
    traject: Traject, naar: str, *, toelichting: str | None, volgende_update_op: date | None
) -> Bericht:
    """A new (not yet added) message telling the person their traject moved to ``naar``."""
    return Bericht(
        burger_id=traject.dossier.burger_id,
        soort=STATUSWIJZIGING,
        traject_id=traject.id,
        belangrijk=naar in BESLISSINGEN,
        gegevens={
            "soort": traject.soort,
            "status": naar,
            "volgende_update_op": volgende_update_op.isoformat() if volgende_update_op else None,
        },
        toelichting=toelichting or None,
    )


def tekst(bericht: Bericht) -> BerichtTekst:
    """The message in the current language."""
    gegevens = bericht.gegevens
    if bericht.soort == STATUSWIJZIGING:
        soort = statussen.SOORTEN[gegevens["soort"]]
        status = statussen.status(soort.code, gegevens["status"])
        alineas = [str(status.betekenis), str(status.wat_nu)]
        if gegevens.get("volgende_update_op"):
            datum = date.fromisoformat(gegevens["volgende_update_op"])
            alineas.append(
                _(
                    "Wij laten uiterlijk %(datum)s weer van ons horen.",
                    datum=format_date(datum, "long"),
                )
            )
        else:
            alineas.append(str(status.wanneer_meer))
        return BerichtTekst(
            onderwerp=_("%(soort)s: %(status)s", soort=soort.naam, status=status.titel),
            alineas=alineas,
            toelichting=bericht.toelichting,
        )
    if bericht.soort == KWARTAALUPDATE:
        return _kwartaalupdate(gegevens)
    if bericht.soort == SERVICECALL:
        return _servicecall_tekst(bericht)
    if bericht.soort == INZAGE:
        return _inzage_tekst(bericht)
    if bericht.soort == SPREEKUUR:
        return _spreekuur_tekst(bericht)
    if bericht.soort == TOEZEGGING:
        return _toezegging_tekst(bericht)
    if bericht.soort in nieuws.SOORTEN:
        return nieuws.tekst(bericht)
    raise ValueError(f"unknown bericht soort {bericht.soort!r}")


def _servicecall_tekst(bericht: Bericht) -> BerichtTekst:
    """'UWV belt u': planned, cancelled, or we could not reach you."""
    gegevens = bericht.gegevens
    moment = belmoment(gegevens.get("van"), gegevens.get("tot"))
    dag = moment.dag if moment else ""
    onderwerp = ONDERWERPEN.get(gegevens.get("onderwerp", ""), "")
    if gegevens.get("gebeurtenis") == "geannuleerd":
        alineas = [
            _("Wij bellen u niet op %(dag)s. Dit gesprek gaat niet door.", dag=dag),
            _(
                "Wilt u ons toch spreken? Bel ons dan zelf op %(telefoon)s.",
                telefoon=gegevens.get("belnummer") or "",
            ),
        ]
        return BerichtTekst(_("UWV belt u toch niet"), alineas, bericht.toelichting)
    if gegevens.get("gebeurtenis") == "niet_bereikt":
        alineas = [
            _("Wij hebben u op %(dag)s gebeld. Wij konden u helaas niet bereiken.", dag=dag),
            _("Wij plannen een nieuw moment om te bellen. Daarover krijgt u een bericht."),
        ]
        return BerichtTekst(_("Wij konden u niet bereiken"), alineas, bericht.toelichting)
    alineas = [
        _(
            "Wij bellen u op %(dag)s tussen %(van)s en %(tot)s uur.",
            dag=dag,
            van=moment.van if moment else "",
            tot=moment.tot if moment else "",
        ),
        _("Onderwerp van het gesprek: %(onderwerp)s.", onderwerp=onderwerp),
        _("Wij bellen vanaf %(telefoon)s.", telefoon=gegevens.get("belnummer") or ""),
        _(
            "Aan het begin van het gesprek noemen wij een belcode. Zo weet u zeker dat "
            "UWV belt. De code staat in het portaal, bij 'Gebeld worden'."
        ),
        _("Kunt u dan niet? Vraag bij 'Gebeld worden' een ander moment aan."),
    ]
    if gegevens.get("buiten_voorkeur_reden"):
        # The person asked for another day part: they see why it was planned anyway.
        alineas.insert(
            1,
            _(
                "U wilde liever op een ander dagdeel gebeld worden. Waarom het zo is gepland: "
                "%(reden)s",
                reden=gegevens["buiten_voorkeur_reden"],
            ),
        )
    return BerichtTekst(
        _("UWV belt u op %(dag)s", dag=dag),
        alineas,
        bericht.toelichting,
    )


def _spreekuur_tekst(bericht: Bericht) -> BerichtTekst:
    """A spreekuur planned, moved or cancelled; where and what to bring is on its page."""
    gegevens = bericht.gegevens
    moment = belmoment(gegevens.get("begin"), gegevens.get("eind"))
    dag, van, tot = (moment.dag, moment.van, moment.tot) if moment else ("", "", "")
    if gegevens.get("gebeurtenis") == "geannuleerd":
        alineas = [
            _("Uw spreekuur op %(dag)s om %(van)s uur gaat niet door.", dag=dag, van=van),
            _("Wij maken een nieuwe afspraak met u. Daarover krijgt u een bericht."),
        ]
        return BerichtTekst(_("Uw spreekuur gaat niet door"), alineas, bericht.toelichting)
    alineas = [
        _("Uw spreekuur is op %(dag)s van %(van)s tot %(tot)s uur.", dag=dag, van=van, tot=tot),
        _(
            "Bij 'Uw spreekuur' ziet u waar het is en wat u meeneemt. Daar kunt u de afspraak "
            "ook in uw agenda zetten."
        ),
        _("Kunt u niet? Bel dan zo snel mogelijk UWV."),
    ]
    if gegevens.get("gebeurtenis") == "verplaatst":
        return BerichtTekst(_("Uw spreekuur is verplaatst"), alineas, bericht.toelichting)
    return BerichtTekst(_("U heeft een spreekuur bij UWV"), alineas, bericht.toelichting)


def _inzage_tekst(bericht: Bericht) -> BerichtTekst:
    """News about an inzageverzoek: extended (with the new date), answered, or refused."""
    gegevens = bericht.gegevens
    kenmerk = gegevens.get("kenmerk", "")
    gebeurtenis = gegevens.get("gebeurtenis")
    if gebeurtenis == "verlengd":
        datum = format_date(date.fromisoformat(gegevens["uiterlijk"]), "long")
        alineas = [
            _("Wij hebben meer tijd nodig voor uw verzoek om inzage %(kenmerk)s.", kenmerk=kenmerk),
            _("U krijgt uiterlijk %(datum)s antwoord. De reden staat hieronder.", datum=datum),
        ]
        return BerichtTekst(_("Uw verzoek om inzage duurt langer"), alineas, bericht.toelichting)
    if gebeurtenis == "afgewezen":
        alineas = [
            _(
                "Wij kunnen u geen inzage geven in %(kenmerk)s. De reden staat hieronder.",
                kenmerk=kenmerk,
            ),
            _(
                "Bent u het hier niet mee eens? Dan kunt u bezwaar maken of een klacht indienen "
                "bij de Autoriteit Persoonsgegevens."
            ),
        ]
        return BerichtTekst(_("Antwoord op uw verzoek om inzage"), alineas, bericht.toelichting)
    alineas = [
        _("Uw verzoek om inzage %(kenmerk)s is klaar.", kenmerk=kenmerk),
        _(
            "Open het verzoek in het portaal bij 'Inzage in uw dossier'. Daar staan uw "
            "documenten, of wat wij u per post sturen."
        ),
    ]
    return BerichtTekst(_("Uw inzage is klaar"), alineas, bericht.toelichting)


def te_laat_zin(soort: str, datum: str) -> str:
    """What UWV promised by ``datum`` and did not do, in one sentence."""
    zinnen: dict[str, str] = {
        "kwartaalupdate": _(
            "Wij beloofden u uiterlijk %(datum)s een update over het onderzoek naar uw "
            "uitkering. Dat is niet gelukt.",
            datum=datum,
        ),
        "beslistermijn": _(
            "Wij beloofden u uiterlijk %(datum)s te laten weten hoe het verder gaat. Dat is "
            "niet gelukt.",
            datum=datum,
        ),
        "inzagetermijn": _(
            "Wij moesten uiterlijk %(datum)s antwoorden op uw verzoek om inzage. Zo staat het "
            "in de wet. Dat is niet gelukt.",
            datum=datum,
        ),
        "terugbellen": _(
            "Wij beloofden u uiterlijk %(datum)s terug te bellen. Dat is niet gelukt.",
            datum=datum,
        ),
        "belafspraak": _(
            "Wij zouden u op %(datum)s bellen. Dat is niet gelukt, of wij hebben het gesprek "
            "niet goed genoteerd.",
            datum=datum,
        ),
        "betaling": _(
            "Wij beloofden u het geld uiterlijk %(datum)s te betalen. Dat is niet gelukt.",
            datum=datum,
        ),
        "vraag": _(
            "Wij beloofden u uiterlijk %(datum)s antwoord op uw vraag. Dat is niet gelukt.",
            datum=datum,
        ),
        "taak": _(
            "Wij beloofden u uiterlijk %(datum)s te laten weten of wij genoeg hebben aan wat u "
            "stuurde. Dat is niet gelukt.",
            datum=datum,
        ),
        "bezwaar": _(
            "Wij moesten uiterlijk %(datum)s beslissen op uw bezwaar. Zo staat het in de wet. "
            "Dat is niet gelukt.",
            datum=datum,
        ),
        "klacht": _(
            "Wij moesten uiterlijk %(datum)s antwoorden op uw klacht. Zo staat het in de wet. "
            "Dat is niet gelukt.",
            datum=datum,
        ),
    }
    anders = _("Wij beloofden u iets uiterlijk %(datum)s. Dat is niet gelukt.", datum=datum)
    return zinnen.get(soort, str(anders))


def _toezegging_tekst(bericht: Bericht) -> BerichtTekst:
    """UWV is late (a promise passed unkept), or set a new date with a reason."""
    gegevens = bericht.gegevens
    datum = format_date(date.fromisoformat(gegevens["datum"]), "long")
    if gegevens.get("gebeurtenis") == "verschoven":
        vorige = format_date(date.fromisoformat(gegevens["vorige_datum"]), "long")
        alineas = [
            _("U hoort uiterlijk %(datum)s van ons.", datum=datum),
            _(
                "Eerst noemden wij %(vorige)s. Hieronder staat waarom de datum verandert.",
                vorige=vorige,
            ),
        ]
        return BerichtTekst(_("Nieuwe datum: %(datum)s", datum=datum), alineas, bericht.toelichting)
    alineas = [
        te_laat_zin(gegevens.get("soort", ""), datum),
        _("Het spijt ons. U had op ons moeten kunnen rekenen."),
        _(
            "Wat gebeurt er nu? Uw casemanager ziet dit vandaag en geeft u een nieuwe datum. "
            "Daarover krijgt u een bericht."
        ),
        _(
            "Wilt u niet wachten? Bel ons op %(telefoon)s, op werkdagen van 8.00 tot 17.00 uur.",
            telefoon=current_app.config["KCC_TELEFOON"],
        ),
    ]
    return BerichtTekst(_("Wij zijn te laat"), alineas, bericht.toelichting)


def _namen(soorten: list[str]) -> str:
    namen = [str(statussen.SOORTEN[soort].naam) for soort in soorten]
    if len(namen) < 2:
        return "".join(namen)
    return str(_("%(lijst)s en %(laatste)s", lijst=", ".join(namen[:-1]), laatste=namen[-1]))


def _kwartaalupdate(gegevens: dict[str, Any]) -> BerichtTekst:
    """The promised update: where things stand, what changed (or why nothing did), and when
    the next one comes. The next date is always named: that is the promise."""
    alineas = [
        _(
            "Wij onderzoeken nog of uw uitkering goed is berekend. Het gaat om: %(onderdelen)s.",
            onderdelen=_namen(gegevens["trajecten"]),
        )
    ]
    wijzigingen = gegevens.get("wijzigingen") or []
    if wijzigingen:
        for wijziging in wijzigingen:
            status = statussen.status(wijziging["soort"], wijziging["status"])
            alineas.append(
                _(
                    'Op %(datum)s: %(onderdeel)s is nu "%(status)s".',
                    datum=format_date(date.fromisoformat(wijziging["op"]), "long"),
                    onderdeel=statussen.SOORTEN[wijziging["soort"]].naam,
                    status=status.titel,
                )
            )
    else:
        alineas.append(
            _(
                "Sinds de vorige update is er niets veranderd. Dat komt doordat wij de gegevens "
                "van veel mensen één voor één nakijken. Dat kost tijd. U hoeft niets te doen."
            )
        )
    alineas.append(
        _(
            "Uw volgende update krijgt u uiterlijk %(datum)s. Hebben wij eerder nieuws? Dan "
            "hoort u het meteen.",
            datum=format_date(date.fromisoformat(gegevens["volgende_update_op"]), "long"),
        )
    )
    return BerichtTekst(
        onderwerp=_("Update over het onderzoek naar uw uitkering"),
        alineas=alineas,
        toelichting=None,
    )


def berichten_van(session: Session, burger_id: int) -> list[Bericht]:
    return list(
        session.scalars(
            select(Bericht)
            .where(Bericht.burger_id == burger_id)
            .order_by(Bericht.aangemaakt_op.desc(), Bericht.id.desc())
        )
    )


def bericht_van(session: Session, burger_id: int, bericht_id: int) -> Bericht | None:
    """The message, only if it belongs to this person."""
    return session.scalar(
        select(Bericht).where(Bericht.id == bericht_id, Bericht.burger_id == burger_id)
    )


def markeer_gelezen(
    session: Session, burger_id: int, bericht_id: int, nu: datetime | None = None
) -> bool:
    """Mark one of this person's messages as read; False when it is not theirs."""
    bericht = bericht_van(session, burger_id, bericht_id)
    if bericht is None:
        return False
    if bericht.gelezen_op is None:
        bericht.gelezen_op = nu or utcnow()
        session.commit()
    return True


def markeer_alles_gelezen(session: Session, burger_id: int, nu: datetime | None = None) -> None:
    session.execute(
        update(Bericht)
        .where(Bericht.burger_id == burger_id, Bericht.gelezen_op.is_(None))
        .values(gelezen_op=nu or utcnow())
    )
    session.commit()

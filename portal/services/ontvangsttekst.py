"""A receipt (ontvangstbevestiging) written out when it is read, in the person's language:
when it was received, what happens next and by when, and a copy of what was sent.

The copy reads in the words of the form it came from: each line is the form's question, and
a choice is named as the form named it. Those words live in service modules that the forms
take them from too (``inzagesoorten``, ``terugbelteksten``, ``spreekuurteksten``,
``belvoorkeurteksten``, and the day parts and needs where their rules are).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, datetime
from typing import Any

from flask import current_app
from flask_babel import format_date, format_datetime, format_decimal

from portal.kantoren import KANTOREN
from portal.services import belmomenten, spreekuurvoorkeur, vragen
from portal.services.belvoorkeurteksten import ANDER_MOMENT_VRAGEN, BELVOORKEUR_VRAGEN
from portal.services.berichttekst import BerichtTekst
from portal.services.inzagesoorten import LEVERING_LABELS, ONDERWERP_LABELS
from portal.services.spreekuurteksten import ONDERSTEUNING_VRAGEN, VOORKEUR_VRAGEN, VORM_LABELS
from portal.services.terugbelteksten import DAGDEEL_LABELS
from portal.services.terugbelteksten import VRAGEN as TERUGBEL_VRAGEN
from portal.tijd import vandaag
from portal.vertalen import gettext as _

Opmaak = Callable[[str], str]


def tekst(gegevens: dict[str, Any]) -> BerichtTekst:
    """The receipt as the person reads it now, from what ``ontvangst.bevestig`` kept."""
    moment = format_datetime(datetime.fromisoformat(gegevens["ontvangen_op"]), "d MMMM y, HH.mm")
    wat = gegevens["wat"]
    alineas = [_ontvangen(wat, moment), *_wat_nu(wat, gegevens)]
    alineas.append(_("Hieronder staat een kopie van wat u stuurde. Bewaar dit bericht als bewijs."))
    velden = _velden(wat)
    kopie = []
    for code, waarde in gegevens["kopie"]:
        vraag, opmaak = velden[code]
        kopie.append((str(vraag), opmaak(waarde)))
    return BerichtTekst(_("Bevestiging van ontvangst"), alineas, None, kopie)


def _ontvangen(wat: str, moment: str) -> str:
    teksten = {
        "melding": _("Wij hebben uw melding ontvangen op %(moment)s.", moment=moment),
        "vraag": _("Wij hebben uw vraag ontvangen op %(moment)s.", moment=moment),
        "inzage": _("Wij hebben uw verzoek om inzage ontvangen op %(moment)s.", moment=moment),
        "taak": _("Wij hebben uw bestanden ontvangen op %(moment)s.", moment=moment),
        "taak_niet": _("Wij hebben uw antwoord ontvangen op %(moment)s.", moment=moment),
        "terugbellen": _(
            "Wij hebben uw vraag om terugbellen ontvangen op %(moment)s.", moment=moment
        ),
        "spreekuurvoorkeur": _(
            "Wij hebben uw voorkeur voor het spreekuur ontvangen op %(moment)s.", moment=moment
        ),
        "ondersteuning": _(
            "Wij hebben op %(moment)s ontvangen wat u nodig heeft bij het spreekuur.",
            moment=moment,
        ),
        "belvoorkeur": _("Wij hebben uw belvoorkeuren ontvangen op %(moment)s.", moment=moment),
        "ander_moment": _(
            "Wij hebben uw vraag om een ander moment ontvangen op %(moment)s.", moment=moment
        ),
    }
    return teksten[wat]


def _dag(dag: date) -> str:
    """'woensdag 28 april 2027': a receipt is kept, so always with the weekday and year."""
    return str(format_date(dag, "full"))


def _venster(van: datetime, tot: datetime) -> str:
    """'woensdag 28 april 2027, tussen 13.00 en 17.00 uur'."""
    moment = belmomenten.belmoment(van, tot)
    assert moment is not None
    return _(
        "%(dag)s, tussen %(van)s en %(tot)s uur",
        dag=_dag(vandaag(van)),
        van=moment.van,
        tot=moment.tot,
    )


def _wat_nu(wat: str, gegevens: dict[str, Any]) -> list[str]:
    """What happens next, and when: the answer's day, the call's window, the spreekuur."""
    volgende = date.fromisoformat(gegevens["volgende_op"]) if gegevens["volgende_op"] else None
    venster = [datetime.fromisoformat(m) for m in gegevens.get("venster") or ()]
    moment = _venster(*venster) if venster else None
    if wat == "terugbellen" and moment:
        zinnen = [_("Wat er nu gebeurt: wij bellen u op %(moment)s.", moment=moment)]
        # A request for today is promised within working hours: that can end days later.
        if volgende and volgende > vandaag(venster[0]):
            datum = format_date(volgende, "long")
            zinnen.append(
                _("Lukt het ons dan niet? Dan bellen wij u uiterlijk %(datum)s.", datum=datum)
            )
        return zinnen
    if wat == "spreekuurvoorkeur":
        zinnen = [_("Wat er nu gebeurt: wij gebruiken uw voorkeur als wij uw spreekuur plannen.")]
        if moment:
            kcc = current_app.config["KCC_TELEFOON"]
            zinnen += [
                _("Uw volgende spreekuur is al gepland: %(moment)s.", moment=moment),
                _("Uw nieuwe voorkeur verandert dat spreekuur niet vanzelf."),
                _(
                    "Kunt u niet op het geplande moment? Bel dan zo snel mogelijk UWV op "
                    "%(telefoon)s.",
                    telefoon=kcc,
                ),
            ]
        return zinnen
    if wat == "ondersteuning":
        zinnen = [
            _(
                "Wat er nu gebeurt: wij houden hier rekening mee bij uw spreekuur en in onze "
                "brieven."
            )
        ]
        if moment:
            zinnen.append(_("Uw volgende spreekuur is op %(moment)s.", moment=moment))
        return zinnen
    if wat == "belvoorkeur":
        zinnen = [_("Wat er nu gebeurt: wij gebruiken dit als wij een gesprek met u plannen.")]
        if moment:
            zinnen += [
                _("Er staat al een gesprek gepland: %(moment)s.", moment=moment),
                _("Voor dat gesprek verandert er niets."),
                _("Kunt u dan niet? Vraag bij 'Gebeld worden' een ander moment aan."),
            ]
        return zinnen
    if wat == "ander_moment":
        return [
            _("Wat er nu gebeurt: wij plannen een nieuw moment. Daarover krijgt u een bericht.")
        ]
    if volgende is None:
        return []
    datum = format_date(volgende, "long")
    if wat in ("taak", "taak_niet"):
        return [
            _(
                "Wat er nu gebeurt: uiterlijk %(datum)s laten wij u weten of wij genoeg hebben "
                "aan wat u stuurde.",
                datum=datum,
            )
        ]
    # A question, a report, an inzage request: the day of the answer.
    return [_("Wat er nu gebeurt: u krijgt uiterlijk %(datum)s antwoord.", datum=datum)]


def _keuzes(labels: Mapping[str, object]) -> Opmaak:
    """Codes, comma-separated in the copy, each named as the form names it."""
    return lambda waarde: ", ".join(str(labels.get(code, code)) for code in waarde.split(","))


def _zelf(waarde: str) -> str:
    return waarde


def _gesprek(waarde: str) -> str:
    van, _scheiding, tot = waarde.partition("/")
    return _venster(datetime.fromisoformat(van), datetime.fromisoformat(tot))


def _kantoor(code: str) -> str:
    return KANTOREN[code].naam if code in KANTOREN else code


def _behoeften(waarde: str) -> str:
    if waarde == spreekuurvoorkeur.GEEN:
        return _("Niets gekozen")
    return _keuzes(spreekuurvoorkeur.BEHOEFTEN)(waarde)


def _bestand(waarde: str) -> str:
    """A file sent for a task: its name, size, and the start of its sha256, by which anyone
    can check it is the same file."""
    naam, grootte, sha256 = waarde.split("\t")
    kb = format_decimal(max(1, round(int(grootte) / 1024)))
    return _("%(naam)s (%(kb)s kB, controlegetal %(sha)s)", naam=naam, kb=kb, sha=sha256[:12])


def _of_geen_uitleg(waarde: str) -> str:
    return waarde or _("(geen uitleg)")


def _velden(wat: str) -> Mapping[str, tuple[object, Opmaak]]:
    """The fields of the form ``wat`` came from: its question, and how a value is written
    where it is not the person's own words."""
    melding = wat == "melding"
    if wat in ("taak", "taak_niet"):
        return {
            "taak": (_("Wat wij vroegen"), _of_geen_uitleg),
            "bestand": (_("Bestand"), _bestand),
            "uitleg": (_("Waarom u het niet heeft"), _of_geen_uitleg),
        }
    if wat in ("vraag", "melding"):
        return {
            "onderwerp": (
                _("Over welk deel gaat het?") if melding else _("Waar gaat uw vraag over?"),
                vragen.onderwerpnaam,
            ),
            "tekst": (_("Wat klopt er volgens u niet?") if melding else _("Uw vraag"), _zelf),
        }
    if wat == "inzage":
        return {
            "onderwerpen": (_("Wat wilt u inzien?"), _keuzes(ONDERWERP_LABELS)),
            "anders": (_("Wat wilt u nog meer inzien?"), _zelf),
            "levering": (_("Hoe wilt u de documenten krijgen?"), _keuzes(LEVERING_LABELS)),
            "toelichting": (_("Toelichting (niet verplicht)"), _zelf),
        }
    if wat == "terugbellen":
        return {
            "dag": (TERUGBEL_VRAGEN["dag"], lambda waarde: _dag(date.fromisoformat(waarde))),
            "dagdeel": (TERUGBEL_VRAGEN["dagdeel"], _keuzes(DAGDEEL_LABELS)),
            "telefoon": (TERUGBEL_VRAGEN["telefoon"], belmomenten.telefoon_leesbaar),
            "onderwerp": (TERUGBEL_VRAGEN["onderwerp"], _zelf),
        }
    if wat == "spreekuurvoorkeur":
        return {
            "vorm": (VOORKEUR_VRAGEN["vorm"], _keuzes(VORM_LABELS)),
            "kantoor": (VOORKEUR_VRAGEN["kantoor"], _kantoor),
            "dagdelen": (VOORKEUR_VRAGEN["dagdelen"], _keuzes(spreekuurvoorkeur.DAGDELEN)),
            "toelichting": (VOORKEUR_VRAGEN["toelichting"], _zelf),
        }
    if wat == "ondersteuning":
        return {
            "behoeften": (ONDERSTEUNING_VRAGEN["behoeften"], _behoeften),
            "tolk_taal": (ONDERSTEUNING_VRAGEN["tolk_taal"], _zelf),
            "toelichting": (ONDERSTEUNING_VRAGEN["toelichting"], _zelf),
        }
    if wat == "belvoorkeur":
        return {
            "dagdelen": (BELVOORKEUR_VRAGEN["dagdelen"], _keuzes(belmomenten.DAGDELEN)),
            "telefoon": (BELVOORKEUR_VRAGEN["telefoon"], belmomenten.telefoon_leesbaar),
        }
    return {  # ander_moment: the call it is about, then the form's fields
        "gesprek": (_("Over welk gesprek gaat het?"), _gesprek),
        "dagdelen": (ANDER_MOMENT_VRAGEN["dagdelen"], _keuzes(belmomenten.DAGDELEN)),
        "toelichting": (ANDER_MOMENT_VRAGEN["toelichting"], _zelf),
    }

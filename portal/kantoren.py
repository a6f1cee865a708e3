"""UWV offices where a spreekuur can take place, with the accessibility facts people ask
about. Configuration in code: the list changes rarely and is the same for every install."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import LazyString

from portal.vertalen import lazy_gettext as _l


@dataclass(frozen=True)
class Kantoor:
    code: str
    naam: str
    adres: str
    postcode: str
    plaats: str
    toegankelijkheid: tuple[LazyString, ...]


_DREMPELVRIJ = _l("Drempelvrij, met een lift")
_PARKEREN = _l("Invalidenparkeerplaats bij de ingang")
_RINGLEIDING = _l("Ringleiding aan de balie")
_STIL = _l("Rustige wachtruimte op aanvraag")
_OV = _l("Bushalte op minder dan 200 meter")

KANTOREN: dict[str, Kantoor] = {
    k.code: k
    for k in (
        Kantoor("amsterdam", "UWV Amsterdam", "Karspeldreef 14", "1101 CK", "Amsterdam",
                (_DREMPELVRIJ, _RINGLEIDING, _OV)),
        Kantoor("rotterdam", "UWV Rotterdam", "Hofplein 20", "3032 AC", "Rotterdam",
                (_DREMPELVRIJ, _PARKEREN, _STIL)),
        Kantoor("den_haag", "UWV Den Haag", "Lange Voorhout 1", "2514 EA", "Den Haag",
                (_DREMPELVRIJ, _OV)),
        Kantoor("utrecht", "UWV Utrecht", "Vliegend Hertlaan 79", "3526 KT", "Utrecht",
                (_DREMPELVRIJ, _PARKEREN, _RINGLEIDING, _STIL)),
        Kantoor("groningen", "UWV Groningen", "Kempkensberg 12", "9722 TB", "Groningen",
                (_DREMPELVRIJ, _PARKEREN)),
        Kantoor("eindhoven", "UWV Eindhoven", "Vestdijk 47", "5611 CA", "Eindhoven",
                (_DREMPELVRIJ, _OV, _STIL)),
        Kantoor("zwolle", "UWV Zwolle", "Dokter Klinkertweg 22", "8025 BS", "Zwolle",
                (_DREMPELVRIJ, _PARKEREN, _RINGLEIDING)),
    )
}  # fmt: skip

"""The data model. Models never commit; services own the transaction."""

from portal.models.base import Base, utcnow
from portal.models.burger import Bericht, Burger
from portal.models.dossier import Dossier, Statuswijziging, Traject
from portal.models.medewerker import Medewerker, Sessie, Verwerkingslog

__all__ = [
    "Base",
    "Bericht",
    "Burger",
    "Dossier",
    "Medewerker",
    "Sessie",
    "Statuswijziging",
    "Traject",
    "Verwerkingslog",
    "utcnow",
]

"""The data model. Models never commit; services own the transaction."""

from portal.models.base import Base, utcnow
from portal.models.burger import Bericht, Burger
from portal.models.dossier import Dossier, Statuswijziging, Traject
from portal.models.medewerker import Medewerker, Sessie, Verwerkingslog
from portal.models.notificatie import DevBericht, Notificatie

__all__ = [
    "Base",
    "Bericht",
    "Burger",
    "DevBericht",
    "Dossier",
    "Medewerker",
    "Notificatie",
    "Sessie",
    "Statuswijziging",
    "Traject",
    "Verwerkingslog",
    "utcnow",
]

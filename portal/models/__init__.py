"""The data model. Models never commit; services own the transaction."""

from portal.models.api import ApiClient, ApiIdempotentie
from portal.models.base import Base, utcnow
from portal.models.bezwaar import Bezwaar
from portal.models.brief import Brief
from portal.models.burger import Bericht, Burger
from portal.models.dossier import Dossier, Statuswijziging, Traject
from portal.models.feedback import Feedback
from portal.models.geld import Betaling, Betalingsperiode
from portal.models.inzage import (
    Dagloonberekening,
    Inzagedocument,
    Inzagegebeurtenis,
    Inzageverzoek,
)
from portal.models.lease import SchedulerLease
from portal.models.medewerker import Medewerker, Sessie, Verwerkingslog
from portal.models.notificatie import DevNotificatie, Notificatie
from portal.models.pilot import Deelnemer, Pilot, Pilottaak, Taakpoging
from portal.models.providermeting import Providermeting
from portal.models.servicecall import Belvoorkeur, Servicecall
from portal.models.spreekuur import Ondersteuning, Spreekuur, Spreekuurvoorkeur, Voorbereiding
from portal.models.taak import Taak, Taakbestand
from portal.models.terugbellen import Terugbelverzoek
from portal.models.toezegging import Toezegging
from portal.models.vertegenwoordiging import Vertegenwoordiging
from portal.models.voorkeur import Notificatievoorkeur, Verificatie
from portal.models.vraag import Vraag, Vraagbericht

__all__ = [
    "ApiClient",
    "ApiIdempotentie",
    "Base",
    "Belvoorkeur",
    "Bericht",
    "Betaling",
    "Betalingsperiode",
    "Bezwaar",
    "Brief",
    "Burger",
    "Dagloonberekening",
    "Deelnemer",
    "DevNotificatie",
    "Dossier",
    "Feedback",
    "Inzagedocument",
    "Inzagegebeurtenis",
    "Inzageverzoek",
    "Medewerker",
    "Notificatie",
    "Notificatievoorkeur",
    "Ondersteuning",
    "Pilot",
    "Pilottaak",
    "Providermeting",
    "SchedulerLease",
    "Servicecall",
    "Sessie",
    "Spreekuur",
    "Spreekuurvoorkeur",
    "Statuswijziging",
    "Taak",
    "Taakbestand",
    "Taakpoging",
    "Terugbelverzoek",
    "Toezegging",
    "Traject",
    "Verificatie",
    "Vertegenwoordiging",
    "Verwerkingslog",
    "Voorbereiding",
    "Vraag",
    "Vraagbericht",
    "utcnow",
]

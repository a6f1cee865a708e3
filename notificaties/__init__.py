"""Everything that sends: the outbox, the dispatcher, the channels and their texts.

This module is the border: the portal imports ``notificaties`` and uses what is listed
here, never a submodule (``tests/test_architectuur.py`` checks it). Services ask for
messages through :func:`meld` (news a person switched on), :func:`stuur_systeembericht`
(codes and notices about the channel itself) or :func:`vraag_aan` (one message to one
address, such as a casemanager's morning overview). All three write an outbox row in the
caller's transaction; the dispatcher sends it later, once.
"""

from notificaties.aanvragen import (
    annuleer_wachtend,
    gekozen_kanalen,
    meld,
    met_sleutel,
    stuur_systeembericht,
    waarom_niet,
)
from notificaties.dispatcher import Instellingen
from notificaties.lease import NAAM as LEASE_NAAM
from notificaties.outbox import vraag_aan
from notificaties.teksten import SOORTEN, VOORBEELDGEGEVENS, burger_van_afmeldtoken, render
from notificaties.terugmelding import verwerk_antwoord, verwerk_status
from notificaties.toezeggingen import verloop as verloop_toezeggingen

__all__ = [
    "LEASE_NAAM",
    "SOORTEN",
    "VOORBEELDGEGEVENS",
    "Instellingen",
    "annuleer_wachtend",
    "burger_van_afmeldtoken",
    "gekozen_kanalen",
    "meld",
    "met_sleutel",
    "render",
    "stuur_systeembericht",
    "verloop_toezeggingen",
    "verwerk_antwoord",
    "verwerk_status",
    "vraag_aan",
    "waarom_niet",
]

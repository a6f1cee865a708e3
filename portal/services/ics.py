"""The calendar file (RFC 5545) for a planned spreekuur, made with ``icalendar``.

The UID never changes and SEQUENCE is the spreekuur's ``volgnummer``, so a calendar that
imported the file before replaces the event on a move and removes it on a cancellation.
Times carry TZID=Europe/Amsterdam with a VTIMEZONE, so DST is the calendar's business.
Texts are in the current language; no BSN, no medical details.
"""

from __future__ import annotations

from datetime import timedelta

from icalendar import Alarm, Calendar, Event

from portal.kantoren import KANTOREN
from portal.models import Spreekuur
from portal.services.spreekuren import ROLLEN, VORM_LABELS
from portal.tijd import AMSTERDAM
from portal.vertalen import gettext as _

PRODID = "-//UWV//WIA-clientportaal//NL"
ALARMEN = (timedelta(days=1), timedelta(hours=1))


def locatie(spreekuur: Spreekuur) -> str:
    kantoor = KANTOREN.get(spreekuur.kantoor or "")
    if spreekuur.vorm == "telefonisch" or kantoor is None:
        return str(_("Telefonisch"))
    return f"{kantoor.naam}, {kantoor.adres}, {kantoor.postcode} {kantoor.plaats}"


def _beschrijving(spreekuur: Spreekuur) -> str:
    regels = [
        _("Vorm: %(vorm)s", vorm=VORM_LABELS.get(spreekuur.vorm, spreekuur.vorm)),
        _("U spreekt met: de %(rol)s", rol=ROLLEN.get(spreekuur.rol, spreekuur.rol)),
    ]
    if spreekuur.vorm == "telefonisch" and spreekuur.telefoon:
        regels.append(_("Wij bellen u op %(nummer)s.", nummer=spreekuur.telefoon))
    if spreekuur.meenemen:
        regels.append(_("Neem mee: %(wat)s", wat=spreekuur.meenemen))
    regels.append(_("Kunt u niet? Bel dan zo snel mogelijk UWV."))
    return "\n".join(regels)


def kalender(spreekuur: Spreekuur) -> bytes:
    """The .ics file: PUBLISH while planned, CANCEL once cancelled."""
    geannuleerd = spreekuur.status == "geannuleerd"
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "CANCEL" if geannuleerd else "PUBLISH")

    event = Event()
    event.add("uid", spreekuur.uid)
    event.add("sequence", spreekuur.volgnummer)
    event.add("dtstamp", spreekuur.gewijzigd_op)
    event.add("dtstart", spreekuur.begin.astimezone(AMSTERDAM))
    event.add("dtend", spreekuur.eind.astimezone(AMSTERDAM))
    event.add("summary", _("Spreekuur UWV"))
    event.add("location", locatie(spreekuur))
    event.add("description", _beschrijving(spreekuur))
    event.add("status", "CANCELLED" if geannuleerd else "CONFIRMED")
    event.add("transp", "OPAQUE")
    if not geannuleerd:
        for vooraf in ALARMEN:
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", _("Spreekuur UWV"))
            alarm.add("trigger", -vooraf)
            event.add_component(alarm)
    cal.add_component(event)
    cal.add_missing_timezones()
    ical: bytes = cal.to_ical()  # icalendar does not annotate to_ical()
    return ical

"""``import brieven``: UWV's letters from the back office, a manifest (CSV) and its PDFs.

One row per letter: ``kenmerk, extern_id, soort, datum, titel, bestand`` and optionally
``traject_soort``; ``bestand`` is the PDF's path relative to the manifest's folder (never
outside it). Each letter goes through ``mijnbrieven.lever``, as the API's do, and is
committed on its own: a refused row leaves nothing, and running the file again adds nothing
("al_bezorgd").
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from flask_babel import LazyString
from sqlalchemy.orm import sessionmaker

from portal import statussen
from portal.importeren.csvbestand import lees
from portal.importeren.uitslag import Uitslag
from portal.models import brief as briefmodel
from portal.models import utcnow
from portal.services import dossiers, mijnbrieven
from portal.services.bestanden import pdf_probleem
from portal.services.levering import MELDINGEN, Geweigerd
from portal.vertalen import lazy_gettext as _l

VERPLICHT = ("kenmerk", "extern_id", "soort", "datum", "titel", "bestand")
OPTIONEEL = ("traject_soort",)
UITKOMSTEN = ("nieuw", "al_bezorgd")
MAX_TITEL, MAX_ID = 200, 80

ONBEKENDE_SOORT = _l("Deze soort brief kennen wij niet.")
ONBEKEND_TRAJECT = _l("Deze soort traject bestaat niet.")
ONGELDIGE_DATUM = _l("Dit is geen geldige datum (JJJJ-MM-DD).")
TE_LANG = _l("Deze tekst is te lang.")
GEEN_BESTAND = _l("Dit bestand staat niet naast het manifest.")


def importeer(
    maker: sessionmaker,  # type: ignore[type-arg]
    manifest: Path,
    *,
    map_: str,
    max_bytes: int,
    trace_id: str,
    dry_run: bool = False,
) -> Uitslag:
    bestand = lees(manifest, verplicht=VERPLICHT, optioneel=OPTIONEEL)
    uitslag = Uitslag(UITKOMSTEN)
    uitslag.gelezen = bestand.gelezen
    uitslag.afwijzingen.extend(bestand.afwijzingen)
    basis = manifest.parent.resolve()
    for regel in bestand.regels:
        w = regel.waarden
        fouten: list[tuple[str, LazyString]] = []
        if w["soort"] not in briefmodel.BRIEFSOORTEN:
            fouten.append(("soort", ONBEKENDE_SOORT))
        traject_soort = w.get("traject_soort") or None
        if traject_soort is not None and traject_soort not in statussen.SOORTEN:
            fouten.append(("traject_soort", ONBEKEND_TRAJECT))
        try:
            datum = date.fromisoformat(w["datum"])
        except ValueError:
            fouten.append(("datum", ONGELDIGE_DATUM))
            datum = date.min
        for veld, maximum in (("titel", MAX_TITEL), ("extern_id", MAX_ID)):
            if not w[veld]:
                fouten.append((veld, MELDINGEN["verplicht"]))
            elif len(w[veld]) > maximum:
                fouten.append((veld, TE_LANG))
        pad = (basis / w["bestand"]).resolve()
        if not w["bestand"] or basis not in pad.parents or not pad.is_file():
            fouten.append(("bestand", GEEN_BESTAND))
        with maker() as session:
            dossier = dossiers.dossier_op_kenmerk(session, w["kenmerk"])
            if dossier is None:
                fouten.append(("kenmerk", MELDINGEN["onbekend_kenmerk"]))
            if fouten or dossier is None:
                for veld, reden in fouten:
                    uitslag.weiger(regel.nummer, veld, reden)
                continue
            data = pad.read_bytes()
            if dry_run:  # the file is judged as the import would; nothing is stored
                probleem = pdf_probleem(data, max_bytes=max_bytes)
                if probleem is not None:
                    uitslag.weiger(regel.nummer, "bestand", MELDINGEN[probleem])
                else:
                    uitslag.tel("nieuw")
                continue
            try:
                _brief, nieuw = mijnbrieven.lever(
                    session,
                    dossier,
                    mijnbrieven.Aanlevering(
                        extern_id=w["extern_id"],
                        soort=w["soort"],
                        datum=datum,
                        titel=w["titel"],
                        traject_soort=traject_soort,
                        bestandsnaam=pad.name,
                        data=data,
                    ),
                    map_=map_,
                    max_bytes=max_bytes,
                    nu=utcnow(),
                    api_client_id=None,
                    trace_id=trace_id,
                )
            except Geweigerd as fout:
                session.rollback()
                for gevonden in fout.problemen:
                    uitslag.weiger(regel.nummer, gevonden.veld, gevonden.melding)
                continue
            session.commit()
            uitslag.tel("nieuw" if nieuw else "al_bezorgd")
    return uitslag

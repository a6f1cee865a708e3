"""The planners' view: everyone's current spreekuurvoorkeur and support needs, per office and
per week, filterable, with a CSV export of the same selection."""

from __future__ import annotations

import re
from itertools import groupby

from flask import Response, g, render_template, request
from flask.typing import ResponseReturnValue

from portal.auth import medewerker_vereist
from portal.db import get_session
from portal.kantoren import KANTOREN
from portal.models.spreekuur import VORMEN
from portal.services import spreekuurvoorkeur as voorkeuren
from portal.spreekuur import bp

ROLLEN = ("casemanager", "teamleider")
_WEEK = re.compile(r"^\d{4}-W\d{2}$")


def filter_uit(args: dict[str, str]) -> voorkeuren.Filter:
    """Unknown values in the address are ignored: a filter is a view, not a change."""
    kantoor = args.get("kantoor") or None
    vorm = args.get("vorm") or None
    week = (args.get("week") or "").strip() or None
    return voorkeuren.Filter(
        kantoor=kantoor if kantoor == "geen" or kantoor in KANTOREN else None,
        vorm=vorm if vorm in VORMEN else None,
        week=week if week and _WEEK.match(week) else None,
        ondersteuning=args.get("ondersteuning") == "1",
    )


@bp.get("/medewerker/spreekuurplanning")
@medewerker_vereist(*ROLLEN)
def planning() -> ResponseReturnValue:
    db = get_session()
    filter = filter_uit(request.args)
    if request.args.get("formaat") == "csv":
        inhoud = voorkeuren.csv_van(db, filter, medewerker_id=g.medewerker.id, trace_id=g.trace_id)
        return Response(
            inhoud,
            mimetype="text/csv",
            headers={"Content-Disposition": 'attachment; filename="spreekuurplanning.csv"'},
        )
    regels = voorkeuren.planning(db, filter)
    voorkeuren.log_bekeken(db, filter, medewerker_id=g.medewerker.id, trace_id=g.trace_id)
    return render_template(
        "spreekuur/planner.html",
        regels=regels,
        # Already sorted by office (phone last), then week: group without sorting again.
        groepen=[(code, list(rij)) for code, rij in groupby(regels, lambda r: r.voorkeur.kantoor)],
        filter=filter,
        kantoren=KANTOREN,
        csv_args={**request.args.to_dict(), "formaat": "csv"},
    )

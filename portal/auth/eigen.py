"""The logged-in person's own things, for every feature's views: their dossier and what is
going on for them. Scoped to ``g.burger``, so a view never asks for someone else's."""

from __future__ import annotations

from flask import abort, g, has_app_context
from sqlalchemy.orm import Session

from portal.db import get_session
from portal.models import Dossier
from portal.services import dossiers, lopend


def eigen_dossier() -> Dossier:
    """The logged-in person's dossier; 404 when they have none."""
    dossier = dossiers.dossier_van_burger(get_session(), g.burger.id)
    if dossier is None:
        abort(404)
    return dossier


def vergeet_wat_er_loopt(_session: Session) -> None:
    """After a commit: what was read with the login session may be out of date (a message
    just opened, a callback just asked), so ``wat_er_loopt`` asks again when next needed."""
    if has_app_context():
        g.pop("lopend", None)


def wat_er_loopt() -> lopend.Lopend:
    """What is going on for the logged-in person: read with the login session, or asked
    when first needed (again after a commit)."""
    if "lopend" not in g:
        g.lopend = lopend.van_burger(get_session(), g.burger.id)
    loopt: lopend.Lopend = g.lopend
    return loopt

"""The letters the portal makes, as a PDF: the person's copy and the letter street's batch."""

from __future__ import annotations

from flask import render_template
from flask_babel import force_locale
from sqlalchemy.orm import Session

from portal import pdf
from portal.models import Brief
from portal.services import mijnbrieven


def afdruk(session: Session, brief: Brief, *, taal: str | None = None) -> bytes:
    """The letter in the language ``taal`` (the person's own for the letter street), or the
    page's language when the person downloads it."""
    gegevens = mijnbrieven.afdrukgegevens(session, brief)
    if taal is None:
        return pdf.als_pdf(render_template("brieven/_afdruk.html", **gegevens))
    with force_locale(taal):
        return pdf.als_pdf(render_template("brieven/_afdruk.html", **gegevens))

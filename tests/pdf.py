"""Real PDFs for the tests, made with pypdf: one blank A4 page, optionally with a password."""

from __future__ import annotations

import io

from pypdf import PdfWriter


def maak_pdf(*, wachtwoord: str | None = None, breedte: float = 595, hoogte: float = 842) -> bytes:
    schrijver = PdfWriter()
    schrijver.add_blank_page(width=breedte, height=hoogte)
    if wachtwoord is not None:
        schrijver.encrypt(wachtwoord)
    uit = io.BytesIO()
    schrijver.write(uit)
    return uit.getvalue()


PDF = maak_pdf()

"""HTML into PDF with WeasyPrint, for the letters the portal makes (the person's copy, the
print street's batch, the model letters). Fonts come from the system (Debian's DejaVu), so
every language the portal speaks prints, Arabic included."""

from __future__ import annotations

import logging

from flask import current_app

# WeasyPrint tells every step at INFO, its own style sheet's too when it is first imported;
# the portal's log keeps to what matters.
logging.getLogger("weasyprint").setLevel(logging.WARNING)


def als_pdf(html: str) -> bytes:
    """The page as a PDF; images and styles are read from the portal's static folder.

    WeasyPrint is imported on first use: most processes (the worker, a web process that
    serves no letter) never need its 30 MB."""
    from weasyprint import HTML

    pdf: bytes = HTML(string=html, base_url=current_app.static_folder or ".").write_pdf()
    return pdf

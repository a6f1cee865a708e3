"""Was dit duidelijk? Anonymous feedback on pages and messages, and its overview."""

from __future__ import annotations

from flask import Flask, before_render_template


def init_app(app: Flask) -> None:
    from portal.feedback import views

    app.register_blueprint(views.bp)
    before_render_template.connect(views.geen_vraag_op_foutpagina, app)

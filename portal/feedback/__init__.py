"""Was dit duidelijk? and Hoe ging het gesprek?: anonymous feedback on pages, messages and
contacts (a call, a spreekuur, a callback), and its overview."""

from __future__ import annotations

from flask import Flask, before_render_template


def init_app(app: Flask) -> None:
    from portal.feedback import gesprek, views  # noqa: F401  (gesprek adds to views.bp)

    app.register_blueprint(views.bp)
    before_render_template.connect(views.geen_vraag_op_foutpagina, app)

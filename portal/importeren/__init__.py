"""Bulk import of dossiers and statuses from the back office (CSV)."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from portal.importeren.cli import import_cli

    app.cli.add_command(import_cli)

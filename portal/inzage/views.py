from __future__ import annotations

from flask import Blueprint

bp = Blueprint("inzage", __name__)

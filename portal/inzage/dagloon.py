from __future__ import annotations

from flask import Blueprint

bp = Blueprint("dagloon", __name__)

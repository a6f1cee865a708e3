from __future__ import annotations

from flask import Blueprint

bp = Blueprint("servicecalls", __name__)

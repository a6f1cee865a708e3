"""Helpers for the planners' set-based statements, the same on PostgreSQL and SQLite."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from sqlalchemy import JSON, ColumnElement, Integer, bindparam, cast, func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session


def postgres(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


def insert_voor(session: Session) -> Any:
    """The dialect's INSERT, for ``ON CONFLICT DO NOTHING``."""
    return postgresql.insert if postgres(session) else sqlite.insert


def een_van(session: Session, kolom: Any, ids: Sequence[int]) -> ColumnElement[bool]:
    """``kolom IN (ids)``. On PostgreSQL the ids travel as one JSON text: a batch holds
    thousands, and the driver would spend more time writing them out as an array (or the
    statement as thousands of parameters) than the database spends on the whole query."""
    if not postgres(session):
        return kolom.in_(ids)  # type: ignore[no-any-return]
    lijst = bindparam(None, json.dumps(list(ids)), unique=True)
    waarden = func.json_array_elements_text(cast(lijst, JSON)).table_valued("value")
    return kolom.in_(select(cast(waarden.c.value, Integer)))  # type: ignore[no-any-return]

"""Helpers for the planners' set-based statements, the same on PostgreSQL and SQLite."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any
from typing import cast as cast_type

from sqlalchemy import JSON, BindParameter, ColumnElement, Integer, bindparam, cast, func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import CursorResult, Result
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
        return cast_type(ColumnElement[bool], kolom.in_(ids))
    lijst: BindParameter[str] = bindparam(None, json.dumps(list(ids)), unique=True)
    waarden = func.json_array_elements_text(cast(lijst, JSON)).table_valued("value")
    return cast_type(ColumnElement[bool], kolom.in_(select(cast(waarden.c.value, Integer))))


def rijen_geraakt(resultaat: Result[Any]) -> int:
    """How many rows an UPDATE or DELETE touched (SQLAlchemy types ``execute`` as a plain
    Result; for these statements it is a CursorResult, which knows)."""
    return cast_type(CursorResult[Any], resultaat).rowcount or 0

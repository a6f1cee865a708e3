from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import DateTime, MetaData, TypeDecorator
from sqlalchemy.orm import DeclarativeBase

# Stable constraint names, so Alembic migrations read the same on SQLite and PostgreSQL.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


# How far the clock runs ahead: always zero in production. Tests move it to see what a
# person sees once a promised date has passed (``tests/browser`` runs the live portal in this
# process), as freezegun would, but for every thread of the server at once.
_voorsprong = timedelta(0)


def utcnow() -> datetime:
    """Now, in UTC: the one clock every rule, page and job reads."""
    return datetime.now(UTC) + _voorsprong


def zet_klok_vooruit(voorsprong: timedelta) -> None:
    """For tests only: let ``utcnow`` run ``voorsprong`` ahead of the real clock."""
    global _voorsprong  # one clock for the whole process, on purpose
    _voorsprong = voorsprong


class UTCDateTime(TypeDecorator[datetime]):
    """Stores UTC, always hands back an aware datetime (SQLite forgets the zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: object) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("Naive datetimes are ambiguous; pass an aware UTC datetime.")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: object) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {datetime: UTCDateTime()}  # noqa: RUF012

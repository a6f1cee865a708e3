"""Back-office systems that use the JSON API, and the answers they may ask for again."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from portal.models.base import Base, utcnow


class ApiClient(Base):
    """One back-office system with its own token and scopes.

    Only a SHA-256 of the token is stored: tokens are long random strings, so a slow hash
    adds nothing, and a stolen database holds no usable token.
    """

    __tablename__ = "api_client"

    id: Mapped[int] = mapped_column(primary_key=True)
    naam: Mapped[str] = mapped_column(String(100), unique=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    # The first characters of the token, so an operator can tell tokens apart in a list.
    token_begin: Mapped[str] = mapped_column(String(16))
    scopes: Mapped[str] = mapped_column(String(500))  # space separated, as in OAuth
    aangemaakt_op: Mapped[datetime] = mapped_column(default=utcnow)
    ingetrokken_op: Mapped[datetime | None]

    @property
    def scopelijst(self) -> list[str]:
        return self.scopes.split()


class ApiIdempotentie(Base):
    """The first answer to a POST with an Idempotency-Key, replayed on a retry.

    Written in the same transaction as the change itself, so a stored key always means the
    change happened; ``status_code`` is None only in the moment between the two.
    """

    __tablename__ = "api_idempotentie"
    __table_args__ = (UniqueConstraint("client_id", "sleutel"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("api_client.id"))
    sleutel: Mapped[str] = mapped_column(String(255))
    vingerafdruk: Mapped[str] = mapped_column(String(64))  # method, path and body
    status_code: Mapped[int | None]
    antwoord: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    locatie: Mapped[str | None] = mapped_column(String(300))
    aangemaakt_op: Mapped[datetime] = mapped_column(default=utcnow, index=True)

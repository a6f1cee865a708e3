import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text

from portal.models import Base


# SQLite cannot reflect an index on an expression, so Alembic cannot compare it there; the
# test below checks that one directly.
@pytest.mark.filterwarnings("ignore:Skipped unsupported reflection of expression-based index")
@pytest.mark.filterwarnings("ignore:autogenerate skipping metadata-specified expression-based")
def test_migrations_create_exactly_the_tables_of_the_models(app):
    with app.extensions["portal.engine"].connect() as verbinding:
        verschillen = compare_metadata(
            MigrationContext.configure(verbinding, opts={"compare_type": True}), Base.metadata
        )
    assert verschillen == []


def test_the_migrations_create_the_inzage_queues_partial_index_on_the_due_date(app):
    """Comparing the schema skips expression indexes, so this one is looked up by name."""
    with app.extensions["portal.engine"].connect() as verbinding:
        if verbinding.dialect.name == "postgresql":
            definitie = verbinding.scalar(
                text("SELECT indexdef FROM pg_indexes WHERE indexname = :naam"),
                {"naam": "ix_inzageverzoek_open_uiterlijk"},
            )
        else:
            definitie = verbinding.scalar(
                text("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = :naam"),
                {"naam": "ix_inzageverzoek_open_uiterlijk"},
            )
    assert definitie is not None
    assert "coalesce(verlengd_tot, termijn_op)" in definitie.lower()
    assert "ontvangen" in definitie and "verlengd" in definitie
    assert "verstrekt" not in definitie  # answered requests stay out of it

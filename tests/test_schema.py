from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from portal.models import Base


def test_migrations_create_exactly_the_tables_of_the_models(app):
    with app.extensions["portal.engine"].connect() as verbinding:
        verschillen = compare_metadata(
            MigrationContext.configure(verbinding, opts={"compare_type": True}), Base.metadata
        )
    assert verschillen == []

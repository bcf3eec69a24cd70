"""The Alembic migrations, installed as ``app.migrations`` (pyproject.toml maps this folder into the package)."""

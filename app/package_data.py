"""The files the package carries: the migrations, the curated seed (with its documents) and the static assets.

pyproject.toml maps the checkout's top-level ``migrations/`` and ``seed_data/`` folders into the package as
``app.migrations`` and ``app.seed_data``: a wheel holds copies, an editable install reads the checkout. Either
way importlib.resources finds them where the package is installed, never relative to a checkout.
"""

from importlib.resources import files
from pathlib import Path


def _directory(package: str, *parts: str) -> Path:
    resource = files(package).joinpath(*parts)
    # Alembic, StaticFiles and the seed reader need a real folder; pip installs a wheel unzipped, so it is one.
    if not isinstance(resource, Path) or not resource.is_dir():
        raise RuntimeError(f"{package} is not installed as a folder of files ({resource})")
    return resource


MIGRATIONS_DIR = _directory("app.migrations")
SEED_DIR = _directory("app.seed_data")
STATIC_DIR = _directory("app", "static")

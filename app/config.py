"""Settings read from the environment (prefix ``PEACEKB_``) or a ``.env`` file."""

from functools import lru_cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_PATH = REPO_ROOT / "data" / "peacekb.db"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="PEACEKB_", env_file=".env", extra="ignore")

    database_url: str = Field(
        default=f"sqlite:///{DEFAULT_DATABASE_PATH}",
        description="SQLAlchemy URL of the database; defaults to data/peacekb.db in the checkout.",
    )
    seed_dir: Path = Field(default=REPO_ROOT / "seed_data", description="Directory of curated seed files.")
    seed_on_startup: bool = Field(
        default=True,
        description="Migrate and load the seed data when the server starts on an empty database.",
    )
    sqlite_busy_timeout_ms: int = Field(default=5000, ge=0)
    page_limit_default: int = Field(default=50, ge=1)
    page_limit_max: int = Field(default=500, ge=1)
    read_requires_key: bool = Field(default=False, description="Require an API key for reads too.")


@lru_cache
def get_settings() -> Settings:
    return Settings()

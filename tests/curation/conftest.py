"""The seed's actors as a vocabulary, and its source texts, for the curation assistant's tests."""

import pytest
import yaml

from app.config import REPO_ROOT
from app.curation import Vocabulary
from app.services.seed_reader import ResolvedSeed, resolve

SEED = REPO_ROOT / "seed_data"


@pytest.fixture(scope="session")
def seed_vocabulary() -> Vocabulary:
    actors = yaml.safe_load((SEED / "actors.yaml").read_text(encoding="utf-8"))["actors"]
    return Vocabulary.build(actors=actors, thesaurus={"POW": "prisoner of war"})


@pytest.fixture(scope="session")
def resolved_seed() -> ResolvedSeed:
    return resolve(SEED)

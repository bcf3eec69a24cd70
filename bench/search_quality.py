"""How well search finds the claims that answer analysts' questions (bench/search_eval.yaml).

    python bench/search_quality.py                          # SQLite
    python bench/search_quality.py --postgres postgresql+psycopg://postgres@127.0.0.1:5432/test
    python bench/search_quality.py --misses                 # also list the questions not found

Each backend gets a database of its own, built by the migrations and loaded with the curated seed (on
PostgreSQL a database created on the named server and dropped afterwards). Every question is asked in both
of its forms through ``GET /api/v1/search?kind=claim&limit=10`` of the app in this process, and scored:

- recall@10: the share of questions with at least one answering claim among the first 10 hits (an error
  answer, such as a 422 for the query, counts as not found);
- MRR@10: the mean over questions of 1/rank of the first answering claim in those 10 (0 when there is none).
"""

import argparse
import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import yaml
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlmodel import Session

from app.config import REPO_ROOT
from app.db import build_engine, get_session
from app.main import create_app
from app.migrate import upgrade
from app.services.seeding import load_seed

EVAL_FILE = Path(__file__).with_name("search_eval.yaml")
FORMS = ("keywords", "question")
TOP = 10


@dataclass(frozen=True)
class Question:
    id: str
    keywords: str
    question: str
    answers: frozenset[str]
    covers: tuple[str, ...]


def read_questions(path: Path = EVAL_FILE) -> list[Question]:
    records = yaml.safe_load(path.read_text("utf-8"))["questions"]
    return [
        Question(r["id"], r["keywords"], r["question"], frozenset(r["answers"]), tuple(r.get("covers", ())))
        for r in records
    ]


@contextmanager
def sqlite_database() -> Iterator[str]:
    with tempfile.TemporaryDirectory(prefix="peacekb-search-eval-") as directory:
        yield f"sqlite:///{Path(directory) / 'eval.db'}"


@contextmanager
def postgres_database(server_url: str) -> Iterator[str]:
    server = make_url(server_url)
    name = f"peacekb_search_eval_{os.getpid()}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT", pool_size=1)
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield server.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@contextmanager
def seeded_client(url: str) -> Iterator[TestClient]:
    upgrade(url)
    engine = build_engine(url)
    with Session(engine) as session:
        load_seed(session, REPO_ROOT / "seed_data")
    app = create_app()

    def session_on_eval_database() -> Iterator[Session]:
        with Session(engine) as session:
            yield session

    app.dependency_overrides[get_session] = session_on_eval_database
    try:
        with TestClient(app) as client:
            yield client
    finally:
        engine.dispose()


def claim_hits(client: TestClient, query: str) -> list[str] | None:
    """The ids of the first claim hits, best first; None when search answers with an error."""
    response = client.get("/api/v1/search", params={"q": query, "kind": "claim", "limit": TOP})
    if response.status_code != 200:
        return None
    return [hit["id"] for hit in response.json()["items"]]


def first_answer_rank(hits: list[str] | None, answers: frozenset[str]) -> int | None:
    for rank, claim_id in enumerate(hits or [], start=1):
        if claim_id in answers:
            return rank
    return None


@dataclass
class Score:
    found: int = 0
    reciprocal_ranks: float = 0.0
    asked: int = 0
    errors: int = 0

    def add(self, rank: int | None, *, error: bool) -> None:
        self.asked += 1
        self.errors += error
        if rank is not None:
            self.found += 1
            self.reciprocal_ranks += 1 / rank

    @property
    def recall(self) -> float:
        return self.found / self.asked

    @property
    def mrr(self) -> float:
        return self.reciprocal_ranks / self.asked


def evaluate(client: TestClient, questions: list[Question]) -> tuple[dict[str, Score], list[tuple[str, str, str]]]:
    scores = {form: Score() for form in FORMS}
    misses = []
    for question in questions:
        for form in FORMS:
            query = getattr(question, form)
            hits = claim_hits(client, query)
            rank = first_answer_rank(hits, question.answers)
            scores[form].add(rank, error=hits is None)
            if rank is None:
                misses.append((question.id, form, query))
    return scores, misses


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--postgres", metavar="URL", help="also measure on a database made on this server")
    parser.add_argument("--misses", action="store_true", help="list the questions whose answers were not found")
    arguments = parser.parse_args()
    os.environ["PEACEKB_SEED_ON_STARTUP"] = "false"  # the app must not migrate or seed its default database
    questions = read_questions()
    backends = [("sqlite", sqlite_database())]
    if arguments.postgres:
        backends.append(("postgresql", postgres_database(arguments.postgres)))
    print(f"{len(questions)} questions, each asked as keywords and as a whole question; first {TOP} claim hits")
    print(f"{'backend':<11} {'form':<9} {'recall@10':>9} {'MRR@10':>7} {'errors':>6}")
    for name, database in backends:
        with database as url, seeded_client(url) as client:
            scores, misses = evaluate(client, questions)
        for form in FORMS:
            score = scores[form]
            print(f"{name:<11} {form:<9} {score.recall:>9.1%} {score.mrr:>7.3f} {score.errors:>6}")
        if arguments.misses:
            for question_id, form, query in misses:
                print(f"  not found ({name}, {form}): {question_id}: {query}", file=sys.stderr)


if __name__ == "__main__":
    main()

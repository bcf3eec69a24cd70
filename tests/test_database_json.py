"""The database-built JSON (app/services/database_json.py) equals the public model's own serialisation, for
every record of every kind, in the seed and in a synthetic knowledge base, on each backend (parsed-equal):
the contract the pydantic models document cannot drift from what the database answers."""

from collections.abc import Iterator

import orjson
import pytest
from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlmodel import Session

from app.listing import csv_rows, ndjson_line
from app.models.resource import RESOURCES
from app.services.bulk import apply_lines
from app.services.database_json import json_forms
from app.services.resources import public_forms
from app.services.synth import Synthesizer
from tests.conftest import _shared_database
from tests.helpers import API

KINDS = sorted(RESOURCES)


@pytest.fixture(scope="session")
def synthetic_engine(databases, migrated_template: str) -> Iterator[Engine]:
    """300 synthetic claims with their sources, actors, events, relations and positions."""

    def fill(session: Session) -> None:
        apply_lines(session, Synthesizer(claims=300, seed=7).lines(), key_name="synth", allow_cascade=False)
        session.commit()

    yield from _shared_database(databases, migrated_template, fill)


def compare_every_record(engine: Engine, kind: str) -> int:
    resource = RESOURCES[kind]
    with Session(engine) as session:
        rows = list(session.scalars(select(resource.table).order_by(resource.table.id)))
        for form in {resource.public, resource.listed}:
            built = json_forms(kind, form)
            assert built is not None, f"{kind}: {form.__name__} has a field the database cannot build"
            expected = [record.model_dump(mode="json") for record in public_forms(session, kind, rows)]
            if form is not resource.public:
                expected = [{name: record[name] for name in form.model_fields} for record in expected]
            answered = built(session, rows)
            for want, got in zip(expected, answered, strict=True):
                assert got == want, f"{kind} {want['id']}"
                # The same bytes: the fields in the model's order, and numbers of the model's types (80.0, not 80).
                assert orjson.dumps(got) == orjson.dumps(want), f"{kind} {want['id']}"
    return len(rows)


@pytest.mark.parametrize("kind", KINDS)
def test_every_seed_record_is_built_as_its_model_serialises_it(seeded_engine, kind):
    count = compare_every_record(seeded_engine, kind)
    if kind not in {"thesaurus_entry"}:
        assert count > 0, f"the seed holds no {kind}: the comparison proved nothing"


@pytest.mark.parametrize("kind", KINDS)
def test_every_synthetic_record_is_built_as_its_model_serialises_it(synthetic_engine, kind):
    count = compare_every_record(synthetic_engine, kind)
    if kind not in {"thesaurus_entry", "place"}:
        assert count > 0, f"the synthetic set holds no {kind}: the comparison proved nothing"


def test_the_synthetic_set_covers_links_relations_and_roles(synthetic_engine):
    with Session(synthetic_engine) as session:
        claims = list(session.scalars(select(RESOURCES["claim"].table)))
        built = json_forms("claim", RESOURCES["claim"].public)(session, claims)
    assert any(claim["relations"] for claim in built)
    assert any(claim["actor_ids"] for claim in built) and any(claim["event_ids"] for claim in built)


def test_an_item_and_its_etag_are_the_bytes_the_model_gives(kb, seeded_engine):
    with Session(seeded_engine) as session:
        for kind in ("claim", "actor", "source", "place"):
            resource = RESOURCES[kind]
            row = session.scalars(select(resource.table).order_by(resource.table.id).limit(1)).one()
            body = orjson.dumps(public_forms(session, kind, [row])[0].model_dump(mode="json"))
            answer = kb.get(f"{API}/{resource.collection}/{row.id}")
            assert answer.content == body, kind
            again = kb.get(f"{API}/{resource.collection}/{row.id}", headers={"If-None-Match": answer.headers["etag"]})
            assert again.status_code == 304


def test_a_page_holds_the_records_the_model_gives(kb, seeded_engine):
    with Session(seeded_engine) as session:
        table = RESOURCES["claim"].table
        rows = list(session.scalars(select(table).order_by(table.id).limit(20)))
        expected = [record.model_dump(mode="json") for record in public_forms(session, "claim", rows)]
    page = kb.get(f"{API}/claims", params={"limit": 20}).json()
    assert page["items"] == expected
    assert list(page) == ["items", "total", "total_exact", "limit", "offset"]


@pytest.mark.parametrize("kind", KINDS)
def test_csv_and_ndjson_lines_are_the_same_from_either_form(synthetic_engine, seeded_engine, kind):
    resource = RESOURCES[kind]
    for engine in (seeded_engine, synthetic_engine):
        with Session(engine) as session:
            rows = list(session.scalars(select(resource.table).order_by(resource.table.id)))
            models = public_forms(session, kind, rows)
            built = json_forms(kind, resource.public)(session, rows)
        assert csv_rows(built, resource.public) == csv_rows(models, resource.public)
        assert [ndjson_line(b, resource.public) for b in built] == [ndjson_line(m, resource.public) for m in models]


@pytest.mark.parametrize("latitude", [0.30000000000000004, 48.0, -0.0001, 1e-07, 47.123456789012345])
def test_floats_keep_every_digit_and_their_type(session, latitude):
    # SQLite's json_object writes 15 significant digits; the database JSON must answer the stored double.
    place = RESOURCES["place"].table(id="p", name="P", kind="city", latitude=latitude, longitude=80.0, aliases=[])
    session.add(place)
    session.commit()
    session.refresh(place)
    want = public_forms(session, "place", [place])[0].model_dump(mode="json")
    got = json_forms("place", RESOURCES["place"].public)(session, [place])[0]
    assert orjson.dumps(got) == orjson.dumps(want)

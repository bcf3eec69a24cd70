"""Export the whole knowledge base as one document in the seed schema, so ``peacekb seed`` reads it back.

Every declared kind with a seed section travels as its create schema, built from its public form; two
sections have seed forms of their own: sources point into their documents, plans list their points.
"""

from collections import defaultdict
from collections.abc import Iterator

from sqlalchemy import select
from sqlmodel import Session

from app import models
from app.db import sortable
from app.keyset import Ordering
from app.models.resource import RESOURCES, parents_first
from app.models.seed_schema import SEED_FORMS, DocumentSeed, KnowledgeBaseSeed, PlanPointSeed
from app.paging import every_chunk
from app.services.lookup import rows_of
from app.services.resources import create_form, to_public


def records_of(session: Session, kind: str) -> Iterator[dict]:
    """Every record of a kind in its public form, in id order, a chunk at a time."""
    table = RESOURCES[kind].table
    for chunk in every_chunk(session, rows_of(table), Ordering("", [], table.id), public=to_public(kind)):
        yield from (record.model_dump() for record in chunk)


def export_knowledge_base(session: Session) -> KnowledgeBaseSeed:
    """Every record, with links, in the seed schema; source texts travel inside their documents."""
    documents = session.scalars(select(models.Document).order_by(sortable(models.Document.id)))
    sections: dict[str, list] = {
        "documents": [DocumentSeed(id=d.id, filename=d.filename, text=d.text, sha256=d.sha256) for d in documents]
    }
    for kind in parents_first():
        section = RESOURCES[kind].seed_section
        if section in SEED_FORMS:
            form = SEED_FORMS[section].model_fields
            sections[section] = [{n: v for n, v in r.items() if n in form} for r in records_of(session, kind)]
        elif section:
            sections[section] = [create_form(kind, record) for record in records_of(session, kind)]
    for source in sections["sources"]:
        source.pop("text") if source["document_id"] else source.update(document_start=None, document_end=None)
    points: dict[str, list] = defaultdict(list)
    for point in sorted(records_of(session, "plan_point"), key=lambda p: (p["plan_id"], p["sequence"])):
        points[point["plan_id"]].append({n: v for n, v in point.items() if n in PlanPointSeed.model_fields})
    for plan in sections["plans"]:
        plan["points"] = points[plan["id"]]
    return KnowledgeBaseSeed.model_validate(sections)

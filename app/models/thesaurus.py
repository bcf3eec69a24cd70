"""The search thesaurus: words and phrases that mean the same to an analyst of these talks."""

from pydantic import Field as Described
from sqlalchemy import JSON, Column
from sqlmodel import Field, SQLModel

from app.models.examples import example
from app.models.fields import Record, Slug, Text
from app.models.resource import Resource, declare


class ThesaurusEntryBase(SQLModel):
    id: str = Field(primary_key=True, schema_extra={"examples": ["prisoner-of-war"]})
    terms: list[str] = Field(
        sa_column=Column(JSON, nullable=False),
        description="Forms that mean the same; a query naming one of them also finds the others.",
        schema_extra={"examples": [["prisoner of war", "POW", "prisoner"]]},
    )
    note: str | None = Field(default=None, description="Where the sources use these forms.")


class ThesaurusEntry(ThesaurusEntryBase, table=True):
    __tablename__ = "thesaurus_entry"


class ThesaurusEntryPublic(ThesaurusEntryBase):
    model_config = example(
        {
            "id": "prisoner-of-war",
            "terms": ["prisoner of war", "POW", "prisoner", "captive"],
            "note": 'The Praise article has "Prisoner‑of‑War Exchange" and "2,300 Ukrainian POWs".',
        }
    )


class ThesaurusEntryCreate(Record):
    """Words or phrases that mean the same in a search (seed_data/thesaurus.yaml), stored in the
    ``thesaurus_entry`` table that search expands queries by."""

    id: Slug
    terms: list[Text] = Described(min_length=2)
    note: Text


THESAURUS_ENTRY = declare(
    Resource(
        kind="thesaurus_entry", label="thesaurus entry", collection="thesaurus", table=ThesaurusEntry,
        public=ThesaurusEntryPublic, create=ThesaurusEntryCreate,
        seed_section="thesaurus", sort_fields=("id",), path_parameter="entry_id",
        about="Curated sets of words and phrases that mean the same: a query naming one also finds the others.",
    )
)  # fmt: skip

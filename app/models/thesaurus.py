"""The search thesaurus: words and phrases that mean the same to an analyst of these talks."""

from sqlalchemy import JSON, Column
from sqlmodel import Field, SQLModel


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
    pass

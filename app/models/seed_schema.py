"""The shape of seed files and of the exported knowledge base: one pydantic model per record kind.

Seed files (YAML) and ``peacekb export`` (JSON) share this schema, so an export can be loaded back.
Every model forbids unknown fields, so a misspelt key fails the load instead of being ignored.
"""

from typing import Any

from pydantic import Field, create_model, model_validator

from app.models.fields import Int, Record, Slug
from app.models.plan import PlanCreate, PlanPointSeed
from app.models.resource import RESOURCES, parents_first
from app.models.source import SourceFields


class DocumentSeed(Record):
    """A stored file: seed files name it by ``file`` (relative to the seed dir), exports inline ``text``."""

    id: Slug
    file: str | None = None
    filename: str | None = Field(default=None, description="The name the file was received under.")
    text: str | None = None
    sha256: str | None = None

    @model_validator(mode="after")
    def _file_or_text(self) -> "DocumentSeed":
        if (self.file is None) == (self.text is None):
            raise ValueError("give exactly one of 'file' or 'text'")
        return self


class SourceSeed(SourceFields):
    """A source; its text is a verbatim slice of a document, located by markers or by offsets."""

    document_id: Slug | None = None
    begins_with: str | None = Field(default=None, description="The source starts where this text occurs.")
    ends_before: str | None = Field(default=None, description="The source ends where this text occurs.")
    document_start: Int | None = Field(default=None, ge=0)
    document_end: Int | None = Field(default=None, ge=0)
    text: str | None = Field(default=None, description="For a source stored without a document.")

    @model_validator(mode="after")
    def _document_or_text(self) -> "SourceSeed":
        if (self.document_id is None) == (self.text is None):
            raise ValueError("give exactly one of 'document_id' or 'text'")
        return self


class PlanSeed(PlanCreate):
    points: list[PlanPointSeed] = []


# Sections whose seed form differs from the kind's create schema: a source slices a document, a plan lists
# its points. Every other declared kind's section holds its create schema as it is.
SEED_FORMS: dict[str, type[Record]] = {"sources": SourceSeed, "plans": PlanSeed}
# Sections that state records of another kind inside theirs: section → (field, inner kind, its parent column).
NESTED = {"plans": ("points", "plan_point", "plan_id")}


def _sections() -> dict[str, Any]:
    sections: dict[str, Any] = {"documents": (list[DocumentSeed], [])}
    for kind in parents_first():
        section = RESOURCES[kind].seed_section
        if section:
            sections[section] = (list[SEED_FORMS.get(section, RESOURCES[kind].create)], [])
    return sections


KnowledgeBaseSeed = create_model(
    "KnowledgeBaseSeed",
    __base__=Record,
    __doc__="The whole knowledge base: what seed files add up to and what ``peacekb export`` writes.",
    **_sections(),
)
SECTIONS = tuple(KnowledgeBaseSeed.model_fields)

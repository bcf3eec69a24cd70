"""Documents as stored, and the sources (articles, posts, statements) they hold."""

from datetime import date

from pydantic import Field as Described
from sqlalchemy import Column, Text, func
from sqlmodel import Field, SQLModel

from app.models import examples
from app.models.examples import example
from app.models.fields import Day, Record, Slug
from app.models.fields import Text as NonEmpty
from app.models.filters import day_range, equal
from app.models.resource import Resource, SubList, declare
from app.models.vocab import Reliability, SourceKind


class Document(SQLModel, table=True):
    """A file exactly as it was received; one document may hold several sources run together."""

    id: str = Field(primary_key=True)
    filename: str
    sha256: str
    text: str = Field(sa_column=Column(Text, nullable=False))


class SourceBase(SQLModel):
    id: str = Field(primary_key=True, schema_extra={"examples": ["zelensky-praise-us-envoys-blueprint"]})
    title: str
    kind: SourceKind
    publisher: str | None = None
    attributed_to: str | None = Field(default=None, description="Who the source says its content comes from.")
    published_on: date | None = Field(default=None, index=True)
    url: str | None = None
    reliability: Reliability = Field(description="Admiralty source reliability, A (reliable) … F (cannot judge).")
    reliability_note: str = Field(description="Why the source got its grade.")
    notes: str | None = None
    updates_id: str | None = Field(
        default=None, foreign_key="source.id", index=True, description="The earlier source this one corrects."
    )
    document_id: str | None = Field(default=None, foreign_key="document.id", index=True)
    document_start: int | None = Field(
        default=None,
        description="Code-point offset of this source's text in the stored document it was cut from. Documents "
        "are not served (a source's own text is), so this offset has no UTF-16 twin, unlike a claim's.",
    )
    document_end: int | None = Field(default=None, description="Code-point offset just past this source's text.")


class Source(SourceBase, table=True):
    text: str = Field(sa_column=Column(Text, nullable=False))
    sha256: str


class SourceSummary(SourceBase):
    """A source in a list: everything but its text."""

    model_config = example(examples.SOURCE)

    sha256: str
    text_length: int


class SourcePublic(SourceSummary):
    model_config = example(
        examples.SOURCE | {"text": "zelensky’s public Praise for U.S. Envoys’ Fresh Peace Blueprint …"}
    )

    text: str


class SourceFields(Record):
    """What describes a source, whether it is written over the API or sliced out of a seed document."""

    id: Slug
    title: NonEmpty
    kind: SourceKind
    publisher: str | None = None
    attributed_to: str | None = None
    published_on: Day | None = None
    url: str | None = None
    reliability: Reliability
    reliability_note: NonEmpty
    notes: str | None = None
    updates_id: Slug | None = Described(default=None, description="The earlier source this one corrects.")


class SourceCreate(SourceFields):
    text: NonEmpty = Described(description="The full text exactly as published; claims quote it.")


SOURCE = declare(
    Resource(
        kind="source", label="source", collection="sources", table=Source, public=SourcePublic,
        create=SourceCreate, search=lambda r: (r.title, r.text), seed_section="sources",
        sort_fields=("id", "title", "published_on", "reliability"),
        filters=(
            equal(Source.kind, SourceKind), equal(Source.reliability, Reliability, "Admiralty grade A–F."),
            equal(Source.document_id), *day_range(Source.published_on, "published"),
        ),
        # A list never reads the (possibly long) texts.
        summary=SourceSummary, summary_extras={"text_length": func.length(Source.text)},
        list_doc="List sources (without their text; get one source for its text).",
        item_doc="Get one source with its full text, exactly as published, and its sha256.",
        sub_lists=(
            SubList("claim", "List the claims quoted from this source."),
        ),
    )
)  # fmt: skip

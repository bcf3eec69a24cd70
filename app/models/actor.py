"""People, states, organisations and bodies that act in or speak about the talks."""

from sqlalchemy import JSON, Column
from sqlmodel import Field, SQLModel

from app.models import examples
from app.models.examples import example
from app.models.fields import Record, Slug, Text
from app.models.filters import equal
from app.models.resource import Resource, SubList, declare
from app.models.vocab import ActorKind


class ActorBase(SQLModel):
    id: str = Field(primary_key=True, schema_extra={"examples": ["volodymyr-zelensky"]})
    name: str
    kind: ActorKind
    description: str | None = None
    affiliation_id: str | None = Field(
        default=None, foreign_key="actor.id", index=True, description="The actor this one belongs to."
    )
    aliases: list[str] = Field(
        default_factory=list,
        sa_column=Column(JSON, nullable=False),
        description="Every spelling in the sources.",
    )


class Actor(ActorBase, table=True):
    pass


class ActorRole(SQLModel, table=True):
    """A role or title of an actor as one claim states it."""

    __tablename__ = "actor_role"
    id: int | None = Field(default=None, primary_key=True)
    actor_id: str = Field(foreign_key="actor.id", index=True, ondelete="CASCADE")
    role: str
    claim_id: str = Field(foreign_key="claim.id", index=True)


class ActorRolePublic(SQLModel):
    role: str
    claim_id: str
    source_id: str


class ActorPublic(ActorBase):
    model_config = example(examples.ACTOR)

    roles: list[ActorRolePublic] = []


class RoleCreate(Record):
    role: Text
    claim_id: Slug


class ActorCreate(Record):
    id: Slug
    name: Text
    kind: ActorKind
    description: str | None = None
    affiliation_id: Slug | None = None
    aliases: list[Text] = []
    roles: list[RoleCreate] = []


ACTOR = declare(
    Resource(
        kind="actor", label="actor", collection="actors", table=Actor, public=ActorPublic, create=ActorCreate,
        search=lambda r: (r.name, "\n".join(part for part in (" · ".join(r.aliases), r.description) if part)),
        seed_section="actors", sort_fields=("id", "name", "kind"),
        filters=(equal(Actor.kind, ActorKind), equal(Actor.affiliation_id, str, "Actors affiliated to this actor.")),
        list_doc="List actors; `q` searches names and every alias spelled in the sources.",
        item_doc="Get one actor with aliases, affiliation and the roles the sources state.",
        sub_lists=(
            SubList("claim", "List the claims about this actor or spoken by it."),
            SubList("position", "List the positions this actor takes."),
            SubList("event", "List the events this actor took part in."),
        ),
    )
)  # fmt: skip

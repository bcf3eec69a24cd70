"""What a kind of record is, declared once beside its table: the one place the rest of the code reads it from.

Each model module ends with a ``declare(Resource(...))``: its table, what a client sends to create it, what
the API serves, the link tables behind its list-of-ids fields, the text search indexes, the fields a list
sorts by and the section of the seed files that holds it. Routes, the write engine, bulk import, the seed
loader, exports, search indexing and the change feed all derive from these declarations, so a new kind is a
model module (plus its migration and router), not an edit of each of those.
"""

import types
import typing
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, cached_property
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, create_model
from pydantic.fields import FieldInfo
from sqlalchemy import Index
from sqlmodel import Field as TableField
from sqlmodel import SQLModel


@dataclass(frozen=True)
class LinkField:
    """A list-of-ids field stored as rows of a link table: (owner column, target column, target kind)."""

    table: type[SQLModel]
    owner: str
    target: str
    target_kind: str  # by name: the target's module may import this one
    shown_as: str | None = None  # the field that lists the owners on the target's public form, if any

    @property
    def target_table(self) -> type[SQLModel]:
        return RESOURCES[self.target_kind].table


def link_table(name: str, *, owner: tuple[str, str], target: tuple[str, str], paired_index: bool = False,
               ) -> type[SQLModel]:  # fmt: skip
    """The table of a link field: ``owner`` and ``target`` are (column, the id it references), together the
    primary key, each row deleted with either record. The target is indexed, to find its owners; with
    ``paired_index``, by (target, owner), so that a target's owners come off the index in id order."""
    (owner_column, owner_id), (target_column, target_id) = owner, target
    body: dict[str, Any] = {
        "__tablename__": name,
        "__annotations__": {owner_column: str, target_column: str},
        owner_column: TableField(foreign_key=owner_id, primary_key=True, ondelete="CASCADE"),
        target_column: TableField(foreign_key=target_id, primary_key=True, index=not paired_index, ondelete="CASCADE"),
    }
    if paired_index:
        body["__table_args__"] = (Index(f"ix_{name}_{target_column}_{owner_column}", target_column, owner_column),)
    class_name = "".join(part.capitalize() for part in name.split("_"))
    return types.new_class(class_name, (SQLModel,), {"table": True}, lambda namespace: namespace.update(body))


SearchText = Callable[[Any], tuple[str | None, str | None]]


@dataclass(frozen=True)
class SubList:
    """A list under one record: the records of ``target`` whose filter ``by`` (default ``{owner kind}_id``)
    is that record's id (``/issues/{issue_id}/claims`` is ``/claims?issue_id=…``), sorted, and filtered by
    ``also`` too; at ``segment`` below the record (default the target's collection), named ``name`` (default
    ``list_{owner kind}_{segment}``)."""

    target: str
    summary: str
    segment: str | None = None
    name: str | None = None
    by: str | None = None
    also: tuple[str, ...] = ()


@dataclass(frozen=True)
class Resource:
    kind: str
    label: str
    collection: str  # the API collection's path segment
    table: type[SQLModel]
    public: type[BaseModel]
    create: type[BaseModel]
    search: SearchText | None = None  # a row's (title, body) for the search index; None: not a search hit
    links: dict[str, LinkField] = field(default_factory=dict)  # written with the record
    sort_fields: tuple[str, ...] = ()
    seed_section: str | None = None  # its section in seed files and the exported knowledge base
    path_parameter: str | None = None  # the item routes' path parameter; default ``{kind}_id``
    tag: str | None = None  # the OpenAPI tag; default the collection, spaced
    about: str | None = None  # the OpenAPI tag's description
    sort_schema: str | None = None  # the name of its sort enum in the OpenAPI document; default ``KindSort``
    filters: tuple = ()  # the ``Filter``s its lists take (app/models/filters.py), in their documented order
    # Unsorted and unsearched, its lists follow these columns (the id breaks ties); default the id alone.
    natural_order: tuple[str, ...] = ()
    # A list's form, when lighter than the item's (a source without its text), and the SQL of the fields it
    # computes (its text's length).
    summary: type[BaseModel] | None = None
    summary_extras: dict[str, Any] = field(default_factory=dict)
    # The read operations' documentation (a first line, the summary; then the description), and the lists
    # under one record: by default one for each link it holds (a place's claims).
    list_doc: str | None = None
    item_doc: str | None = None
    sub_lists: tuple[SubList, ...] | None = None

    @cached_property
    def update(self) -> type[BaseModel]:
        return partial(self.create)

    @property
    def parameter(self) -> str:
        return self.path_parameter or f"{self.kind}_id"

    @property
    def sort_name(self) -> str:
        return self.sort_schema or "".join(part.capitalize() for part in self.kind.split("_")) + "Sort"

    @property
    def tag_name(self) -> str:
        return self.tag or self.collection.replace("-", " ")

    @property
    def article(self) -> str:
        return "An" if self.label[0] in "aeiou" else "A"

    @property
    def sort_columns(self) -> dict[str, Any]:
        """The columns a list of this kind sorts by, by the sort's name."""
        return {name: getattr(self.table, name) for name in self.sort_fields}

    @property
    def listed(self) -> type[BaseModel]:
        """The form a list answers."""
        return self.summary or self.public

    @cached_property
    def shown(self) -> dict[str, tuple[str, LinkField]]:
        """Other kinds' links this kind's public form lists (read-only): field → (owner kind, link). Read once
        every kind is declared (at the first request or import, never while the models load)."""
        return {
            link.shown_as: (owner, link)
            for owner, resource in RESOURCES.items()
            for link in resource.links.values()
            if link.target_kind == self.kind and link.shown_as
        }

    @property
    def references(self) -> dict[str, str]:
        """Columns holding another record's id → the table they point into (from the foreign keys)."""
        return {
            column.name: next(iter(column.foreign_keys)).column.table.name
            for column in self.table.__table__.columns
            if column.foreign_keys
        }


RESOURCES: dict[str, Resource] = {}


def declare(resource: Resource) -> Resource:
    if resource.kind in RESOURCES:
        raise ValueError(f"kind '{resource.kind}' is declared twice")
    RESOURCES[resource.kind] = resource
    return resource


def kind_of_table(name: str) -> str | None:
    """The kind whose table is ``name`` (None for link and bookkeeping tables)."""
    return _kinds_by_table().get(name)


def _kinds_by_table() -> dict[str, str]:
    return {resource.table.__tablename__: kind for kind, resource in RESOURCES.items()}


def referenced(kind: str) -> bool:
    """Whether any other record refers to this kind's records (so deleting one can conflict): its own link
    tables, which go with it, do not count."""
    resource = RESOURCES[kind]
    target = resource.table.__table__
    own = {(link.table.__tablename__, link.owner) for link in resource.links.values()}
    return any(
        key.column.table is target and (table.name, key.parent.name) not in own
        for table in SQLModel.metadata.tables.values()
        for key in table.foreign_keys
        if table is not target
    )


def parents_first() -> tuple[str, ...]:
    """Every kind after the kinds it refers to (by column or link), so that a load in this order never meets
    a reference to a kind not yet loaded."""
    by_table = _kinds_by_table()
    needs = {
        kind: {by_table[t] for t in resource.references.values() if by_table.get(t) not in (None, kind)}
        | {link.target_kind for link in resource.links.values()} - {kind}
        for kind, resource in RESOURCES.items()
    }
    ordered: list[str] = []
    while len(ordered) < len(needs):
        ready = [kind for kind in needs if kind not in ordered and needs[kind] <= set(ordered)]
        if not ready:
            raise ValueError(f"declared references form a cycle among {sorted(set(needs) - set(ordered))}")
        ordered.extend(ready)
    return tuple(ordered)


# ---- update schemas ---------------------------------------------------------------------------------


def _constrained(info: FieldInfo) -> Any:
    """A field's type with its constraints (strictness, bounds), which pydantic keeps beside the annotation."""
    return Annotated[(info.annotation, *info.metadata)] if info.metadata else info.annotation


def _admits_null(info: FieldInfo) -> bool:
    return info.annotation is None or type(None) in typing.get_args(info.annotation)


def _unsent(schema: dict) -> None:
    schema.pop("default", None)  # the field is left out, not sent as null: it would be refused


@cache
def partial(schema: type[BaseModel]) -> type[BaseModel]:
    """The update schema of a create schema: the same fields but ``id``, all optional, unknown ones rejected.

    ``null`` clears a field that may be empty, and only such a field: a field the record must have keeps its
    type (its update validates the merged record against the create schema, which would refuse the null).
    """
    fields: dict[str, Any] = {
        name: (
            (_constrained(info) | None, Field(default=None, description=info.description))
            if _admits_null(info)
            else (_constrained(info), Field(default=None, description=info.description, json_schema_extra=_unsent))
        )
        for name, info in schema.model_fields.items()
        if name != "id"
    }
    name = schema.__name__.replace("Create", "") + "Update"
    return create_model(name, __config__=ConfigDict(extra="forbid"), **fields)

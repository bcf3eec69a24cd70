"""Bulk import's fast path: a batch of NDJSON lines checked together and written with one statement per table.

The write engine (app/services/writes.py) applies one record at a time with several queries each: right for
the API, far too slow for a million claims. Here a batch of lines is parsed and validated together (the same
create schemas), every reference is checked against the ids loaded once per batch, every quote is anchored
in its source text (cached), and rows, links, search entries and revisions go in with one ``executemany``
each (a plain ``INSERT``: the fast path writes only records that do not exist yet).

The fast path takes only the lines whose outcome it can be sure of: ``create``/``upsert`` of a record that
does not exist yet, and ``upsert`` of a record stored exactly as given (a no-op: what re-running an import
meets). Any other line — an update, a delete, a change to a stored record, a line failing any check — stops
the batch: what came before it is written, then the write engine applies that line alone, so the outcome and
every error message are the engine's own.

History: each record written gets one revision whose ``after`` is its public form built from the input (the
form ``Resource.snapshot`` gives; a test holds the two equal). A record whose public form the batch changes
without writing it — an existing claim gaining a relation, an existing event gaining a claim — gets one
``update`` revision per batch, before and after the batch, where the engine would record one per line.
"""

import json
import math
import sqlite3
from collections import Counter, defaultdict, deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from enum import Enum
from functools import cache
from itertools import islice
from operator import itemgetter
from types import UnionType
from typing import Annotated, Any, Union, get_args, get_origin

import orjson
from pydantic import TypeAdapter, ValidationError
from sqlalchemy import JSON
from sqlmodel import Session

from app.collector_pause import cyclic_collector_paused
from app.db import stored_value
from app.errors import Problem
from app.models.resource import RESOURCES, kind_of_table, parents_first
from app.search import SEARCH_TABLE
from app.services.indexing import search_entries
from app.services.resources import snapshots
from app.services.rules import NotKnownHere, rules_for

LINE_KEYS = frozenset({"op", "kind", "id", "data", "cascade"})
FIRST_STEP = 64  # lines tried after a line went to the write engine; doubles while lines stay fast
SOURCE_TEXT_CACHE = 4_000
# Columns an import computes (``_Run._derive``) rather than reads from its lines.
DERIVED_COLUMNS = frozenset({"sha256", "quote_start_utf16", "quote_end_utf16"})
STATEMENT_DEADLINE = "peacekb_deadline"  # app/limits.py: where a connection keeps its statement's deadline


@dataclass(frozen=True)
class LinkSpec:
    field: str
    table: str
    owner: str
    target: str
    target_kind: str


@dataclass(frozen=True)
class KindSpec:
    """What the fast path needs to know about one kind, read once from the models and the registry."""

    kind: str
    table: str
    columns: tuple[str, ...]  # the columns an import writes, in table order
    references: tuple[tuple[str, str, bool], ...]  # (column, target kind, refers to its own table)
    links: tuple[LinkSpec, ...]
    public_fields: tuple[str, ...]
    shown_as: tuple[tuple[str, str], ...]  # (link field, field of the target's public form listing this one)
    insert_sql: str
    json_columns: frozenset[str]
    converted: tuple[str, ...]  # columns whose validated values (dates, enums) are stored as text
    row_of: Callable[[dict], tuple]  # a record's values → its row, in ``columns`` order


@cache
def spec(kind: str) -> KindSpec:
    resource = RESOURCES[kind]
    table = resource.table.__table__
    writable = set(resource.create.model_fields) | DERIVED_COLUMNS
    columns = tuple(c.name for c in table.columns if c.name in writable)
    references = tuple(
        (c.name, kind_of_table(fk.column.table.name), fk.column.table is table)
        for c in table.columns
        if c.name in writable
        for fk in c.foreign_keys
    )
    links = tuple(
        LinkSpec(name, link.table.__tablename__, link.owner, link.target, link.target_kind)
        for name, link in resource.links.items()
    )
    # A plain INSERT: the fast path writes only records that do not exist yet (an upsert clause would cost a
    # third more per row, and a row that somehow existed should fail loudly rather than be overwritten).
    insert_sql = f"INSERT INTO {table.name} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
    json_columns = frozenset(c.name for c in table.columns if c.name in columns and isinstance(c.type, JSON))
    public_fields = tuple(resource.public.model_fields)
    shown_as = tuple((name, link.shown_as) for name, link in resource.links.items() if link.shown_as)
    converted = tuple(c for c in columns if c in resource.create.model_fields and _stored_as_text(resource.create, c))
    row_of = itemgetter(*columns) if len(columns) > 1 else lambda values: (values[columns[0]],)
    return KindSpec(kind, table.name, columns, references, links, public_fields, shown_as, insert_sql, json_columns,
                    converted, row_of)  # fmt: skip


def _stored_as_text(schema: type, name: str) -> bool:
    return any(isinstance(t, type) and issubclass(t, date | Enum) for t in _types(schema.model_fields[name].annotation))


def _types(annotation: Any) -> list[Any]:
    """The types an annotation admits, through ``Annotated`` and unions."""
    origin = get_origin(annotation)
    if origin is Annotated:
        return _types(get_args(annotation)[0])
    if origin in (Union, UnionType):
        return [t for argument in get_args(annotation) for t in _types(argument)]
    return [annotation]


@cache
def _list_adapter(kind: str) -> TypeAdapter:
    return TypeAdapter(list[RESOURCES[kind].create])


@cache
def _list_defaults(kind: str) -> dict[str, list]:
    """The create schema's fields that default to an empty list.

    Pydantic deep-copies such a default for every record that leaves the field out (a third of validation's
    time on claims); given the empty list explicitly, the record validates to the same model without the
    copy (validation builds a new list from the one given, so the shared empty list is never aliased)."""
    fields = RESOURCES[kind].create.model_fields
    return {name: [] for name, info in fields.items() if isinstance(info.default, list) and not info.default}


@dataclass(slots=True)
class Item:
    """One line the fast path will apply."""

    number: int
    kind: str
    record_id: str
    model: Any
    values: dict[str, Any] = field(default_factory=dict)  # columns and link lists, as stored
    existed: bool = False
    noop: bool = False


@dataclass(slots=True)
class _Line:
    number: int
    raw: str | bytes
    kind: str = ""
    op: str = ""
    record_id: str = ""
    data: dict | None = None
    blank: bool = False
    model: Any = None


def _parse(number: int, raw: str | bytes) -> _Line | None:
    """The line's parts, or None when only the write engine can tell what it does (or what is wrong)."""
    if not raw or raw.isspace():  # no stripped copy of every line
        return _Line(number, raw, blank=True)
    try:
        line = orjson.loads(raw)
    except orjson.JSONDecodeError:
        return None
    if not isinstance(line, dict) or not line.keys() <= LINE_KEYS or line.get("cascade", False) is not False:
        return None
    op, kind, data = line.get("op", "upsert"), line.get("kind"), line.get("data")
    if (
        op not in ("create", "upsert")
        or not isinstance(kind, str)
        or kind not in RESOURCES
        or not isinstance(data, dict)
    ):
        return None
    record_id = line.get("id") or data.get("id")
    if not isinstance(record_id, str) or not record_id or not rules_for(kind).owned_fields.isdisjoint(data):
        return None  # rows the record owns besides its links (an actor's roles): left to the engine
    if line.get("id") is not None and data.get("id") != record_id:
        data = data | {"id": record_id}
    return _Line(number, raw, kind, op, record_id, data)


def _validate(lines: list[_Line]) -> int:
    """Validate the lines kind by kind, one call each; return how many leading lines passed."""
    passed = len(lines)
    by_kind: dict[str, list[int]] = defaultdict(list)
    for index, line in enumerate(lines):
        if not line.blank:
            by_kind[line.kind].append(index)
    for kind, indexes in by_kind.items():
        adapter, defaults = _list_adapter(kind), _list_defaults(kind)
        records = [defaults | lines[i].data for i in indexes] if defaults else [lines[i].data for i in indexes]
        try:
            models = adapter.validate_python(records)
        except ValidationError as error:
            first_bad = min(e["loc"][0] for e in error.errors())
            passed = min(passed, indexes[first_bad])
            models = adapter.validate_python(records[:first_bad])
        for index, model in zip(indexes, models, strict=False):
            lines[index].model = model
    return passed


class FastWriter:
    """Applies runs of lines within the session's transaction; keeps a cache of source texts across batches."""

    def __init__(self, session: Session, *, key_name: str):
        self.session = session
        self.key_name = key_name
        self.source_texts: dict[str, str] = {}
        self.texts_read_in: object = None  # the transaction the cached texts were read in

    def apply(self, chunk: list[tuple[int, str | bytes]], applied: Counter) -> int:
        """Apply the longest run of leading lines the fast path can; return how many it applied."""
        lines: list[_Line] = []
        for number, raw in chunk:
            parsed = _parse(number, raw)
            if parsed is None:
                break
            lines.append(parsed)
        lines = lines[: _validate(lines)]
        if not lines:
            return 0
        state = _DatabaseState(self, lines)
        run = _Run(state)
        consumed = len(lines)
        for index, line in enumerate(lines):
            if not line.blank and not run.add(line):
                consumed = index
                break
        if run.items:
            self._write(run)
            for item in run.items:
                applied[f"{item.kind}.{'update' if item.existed else 'create'}"] += 1
        return consumed

    # ---- writing -------------------------------------------------------------------------------------------

    def _write(self, run: "_Run") -> None:
        fresh = [item for item in run.items if not item.noop]
        if not fresh:
            return
        knock_on = self._snapshots(run.knock_on)
        cursor = _raw_cursor(self.session)
        by_kind: dict[str, list[Item]] = defaultdict(list)
        for item in fresh:
            by_kind[item.kind].append(item)
        for kind in parents_first():
            items = by_kind.get(kind)
            if not items:
                continue
            kind_spec = spec(kind)
            cursor.executemany(kind_spec.insert_sql, [_row(kind_spec, item.values) for item in items])
            for link in kind_spec.links:
                # The owners are new records and their targets distinct: no link can exist already. In key
                # order, each pair lands next to the one before in the link table's index (a quarter faster).
                pairs = sorted((item.record_id, target) for item in items for target in item.values[link.field])
                if pairs:
                    cursor.executemany(f"INSERT INTO {link.table} ({link.owner}, {link.target}) VALUES (?, ?)", pairs)
            entries = [entry.row() for entry in search_entries(kind, (item.model for item in items))]
            cursor.executemany(
                f"INSERT INTO {SEARCH_TABLE} (kind, item_id, title, body, title_terms, body_terms)"
                " VALUES (:kind, :item_id, :title, :body, :title_terms, :body_terms)",
                entries,
            )
        at = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
        revisions = [
            (item.kind, item.record_id, "create", self.key_name, at, None, _json(run.public_form(item)))
            for item in fresh
        ]
        self.session.expire_all()
        for (kind, record_id), after in self._snapshots(knock_on).items():
            if after != knock_on[(kind, record_id)]:
                revisions.append((kind, record_id, "update", self.key_name, at, _json(knock_on[(kind, record_id)]),
                                  _json(after)))  # fmt: skip
        cursor = _raw_cursor(self.session)
        cursor.executemany(
            "INSERT INTO revision (kind, record_id, operation, key_name, at, before, after)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            revisions,
        )
        cursor.close()

    def _snapshots(self, records: Iterable[tuple[str, str]]) -> dict[tuple[str, str], dict]:
        """The public forms of stored records, one query per kind and link table."""
        by_kind: dict[str, list[str]] = defaultdict(list)
        for kind, record_id in sorted(records):
            by_kind[kind].append(record_id)
        return {
            (kind, record_id): form
            for kind, ids in by_kind.items()
            for record_id, form in snapshots(self.session, kind, ids).items()
        }


def _raw_cursor(session: Session) -> sqlite3.Cursor:
    """A cursor on the session's own connection (inside its transaction), for ``executemany``.

    A batch's statements are long by design: the clock app/limits.py keeps for request statements (reset
    by every statement SQLAlchemy runs) is stopped for the ones run here.
    """
    connection = session.connection()
    connection.info[STATEMENT_DEADLINE] = math.inf
    return connection.connection.driver_connection.cursor()


def _row(kind_spec: KindSpec, values: dict) -> tuple:
    row = kind_spec.row_of(values)
    if kind_spec.json_columns:
        # Serialised as SQLAlchemy's JSON type does, so rows read the same whichever path wrote them.
        row = tuple(
            json.dumps(v) if c in kind_spec.json_columns else v for c, v in zip(kind_spec.columns, row, strict=True)
        )
    return row


def _json(value: dict | None) -> str | None:
    return None if value is None else orjson.dumps(value).decode()


class _DatabaseState:
    """What the database holds for the lines of one batch, loaded with one query per kind and purpose."""

    def __init__(self, writer: FastWriter, lines: list[_Line]):
        self.writer = writer
        self.cursor = _raw_cursor(writer.session)
        if writer.session.get_transaction() is not writer.texts_read_in:  # another writer may have been since
            writer.source_texts.clear()
            writer.texts_read_in = writer.session.get_transaction()
        wanted: dict[str, set[str]] = defaultdict(set)
        asked: dict[str, set[str]] = defaultdict(set)
        for line in lines:
            if line.blank:
                continue
            wanted[line.kind].add(line.record_id)
            kind_spec = spec(line.kind)
            for column, target_kind, _own in kind_spec.references:
                value = getattr(line.model, column)
                if value is not None:
                    wanted[target_kind].add(value)
            for link in kind_spec.links:
                wanted[link.target_kind].update(getattr(line.model, link.field))
            for question, key in rules_for(line.kind).asks(line.model.__dict__):
                asked[question].add(key)
        self.ids = {kind: self._existing_ids(kind, ids) for kind, ids in wanted.items()}
        self.point_plans = dict(self._select("SELECT id, plan_id FROM plan_point", "id", asked["plan_of_point"]))
        self.relations = {
            (type_, from_id, to_id): relation_id
            for relation_id, type_, from_id, to_id in self._select(
                "SELECT id, type, from_claim_id, to_claim_id FROM claim_relation", "from_claim_id",
                asked["relations_from"],
            )
        }  # fmt: skip
        source_ids = asked["source_text"]
        if len(writer.source_texts) + len(source_ids) > SOURCE_TEXT_CACHE:
            writer.source_texts.clear()
        missing = [s for s in source_ids if s not in writer.source_texts and s in self.ids.get("source", ())]
        writer.source_texts.update(self._select("SELECT id, text FROM source", "id", missing))
        stored = defaultdict(list)
        for line in lines:
            if not line.blank and line.record_id in self.ids.get(line.kind, ()):
                stored[line.kind].append(line.record_id)
        self.stored = {kind: self._stored(kind, ids) for kind, ids in stored.items()}

    def exists(self, kind: str, record_id: str) -> bool:
        return record_id in self.ids.get(kind, ())

    def _select(self, statement: str, column: str, values: Iterable[str]) -> list[tuple]:
        values = list(values)
        if not values:
            return []
        return self.cursor.execute(
            f"{statement} WHERE {column} IN (SELECT value FROM json_each(?))", (orjson.dumps(values).decode(),)
        ).fetchall()

    def _existing_ids(self, kind: str, ids: set[str]) -> set[str]:
        return {row[0] for row in self._select(f"SELECT id FROM {spec(kind).table}", "id", ids)}

    def _stored(self, kind: str, ids: list[str]) -> dict[str, dict]:
        """Stored columns and link lists of the records the batch upserts, to tell a no-op from a change."""
        kind_spec = spec(kind)
        columns = kind_spec.columns
        found = {}
        for row in self._select(f"SELECT {', '.join(columns)} FROM {kind_spec.table}", "id", ids):
            found[row[0]] = values = dict(zip(columns, row, strict=True))
            for column in kind_spec.json_columns:
                values[column] = json.loads(values[column])
        for link in kind_spec.links:
            targets = defaultdict(list)
            for owner, target in self._select(
                f"SELECT {link.owner}, {link.target} FROM {link.table}", link.owner, found
            ):
                targets[owner].append(target)
            for record_id, values in found.items():
                values[link.field] = sorted(targets[record_id])
        return found


class _Run:
    """The lines of a batch accepted so far, and what they add to the database's state.

    It is the ``Known`` the kinds' rules ask (app/services/rules.py) while judging a line of the batch, and the
    ``Batch`` they add to: what it cannot answer from the batch and what it loaded, it leaves to the engine.
    """

    def __init__(self, state: _DatabaseState):
        self.state = state
        self.items: list[Item] = []
        self.fresh: dict[str, dict[str, dict]] = defaultdict(dict)  # kind → id → values of the new records
        self.ids: dict[str, set[str]] = defaultdict(set, {k: set(v) for k, v in state.ids.items()})  # all known
        self.seen: set[tuple[str, str]] = set()
        self.relation_ids: dict[tuple[str, str, str], str] = {}
        self.shown: dict[tuple[str, str], dict[str, list]] = defaultdict(lambda: defaultdict(list))
        self.knock_on: set[tuple[str, str]] = set()

    # ---- Known -----------------------------------------------------------------------------------------

    def exists(self, kind: str, record_id: str) -> bool:
        return record_id in self.ids[kind]

    def source_text(self, source_id: str) -> str | None:
        fresh = self.fresh["source"].get(source_id)
        return fresh["text"] if fresh else self.state.writer.source_texts.get(source_id)

    def plan_of_point(self, point_id: str) -> str | None:
        fresh = self.fresh["plan_point"].get(point_id)
        return fresh["plan_id"] if fresh else self.state.point_plans.get(point_id)

    def next_sequence(self, plan_id: str, record_id: str) -> int:
        raise NotKnownHere("the last point of the plan")

    def relation_twin(self, triple: tuple[str, str, str], record_id: str) -> str | None:
        twin = self.relation_ids.get(triple) or self.state.relations.get(triple)
        return twin if twin != record_id else None

    # ---- Batch -----------------------------------------------------------------------------------------

    def show(self, kind: str, record_id: str, field: str, entry: dict, *, order: str) -> None:
        self.shown[(kind, record_id)][field].append((order, entry))
        if record_id not in self.fresh[kind]:
            self.knock_on.add((kind, record_id))

    # ---- lines -----------------------------------------------------------------------------------------

    def add(self, line: _Line) -> bool:
        """Take the line if its outcome is certain; False leaves it (and all after it) to the write engine."""
        kind, record_id, model = line.kind, line.record_id, line.model
        if (kind, record_id) in self.seen:
            return False
        stored = self.state.exists(kind, record_id)
        if stored and line.op == "create":
            return False
        kind_spec = spec(kind)
        ids = self.ids
        values = model.__dict__.copy()  # every field: the columns, the link lists and a few inputs besides
        for column in kind_spec.converted:
            if values[column] is not None:
                values[column] = stored_value(values[column])
        for column, target_kind, own in kind_spec.references:
            value = values[column]
            if value is not None and ((own and value == record_id) or value not in ids[target_kind]):
                return False
        for link in kind_spec.links:
            targets = values[link.field]
            if targets:
                targets = values[link.field] = sorted(set(targets))
                if not ids[link.target_kind].issuperset(targets):
                    return False
        try:
            rules_for(kind).derive(values, values, self, record_id)
        except (Problem, NotKnownHere):
            return False  # the engine judges it, and says why
        item = Item(line.number, kind, record_id, model, values, existed=stored)
        if stored:
            # The engine would update only the fields given: the line is a no-op if they hold those values.
            current = self.state.stored[kind].get(record_id)
            compared = [*kind_spec.columns, *(link.field for link in kind_spec.links if link.field in line.data)]
            if current is None or any(values[name] != current[name] for name in compared):
                return False
            item.noop = True
        else:
            self._note(kind_spec, record_id, values)
        self.seen.add((kind, record_id))
        self.items.append(item)
        return True

    def _note(self, kind_spec: KindSpec, record_id: str, values: dict) -> None:
        """Remember what a new record adds, for the lines after it and for the public forms of others."""
        kind = kind_spec.kind
        self.fresh[kind][record_id] = values
        self.ids[kind].add(record_id)
        for name, shown_as in kind_spec.shown_as:
            target_kind = RESOURCES[kind].links[name].target_kind
            for target in values[name]:
                self.show(target_kind, target, shown_as, record_id, order=record_id)
        rules_for(kind).noted(values, self)

    def public_form(self, item: Item) -> dict:
        """The record's public form when the run is written, as ``snapshot`` gives it."""
        values, kind = item.values, item.kind
        form = {name: values.get(name) for name in spec(kind).public_fields}
        form |= rules_for(kind).fresh_extras(values)
        for name in RESOURCES[kind].shown:
            form[name] = []
        for name, entries in self.shown.get((kind, item.record_id), {}).items():
            form[name] = [entry for _, entry in sorted(entries, key=itemgetter(0))]
        return form


BATCH_SIZE = 2_000  # lines checked and written together, at most
FTS_IMPORT_HASHSIZE, FTS_DEFAULT_HASHSIZE = 64 << 20, 1 << 20
IMPORT_CACHE_KIB = 96 * 1024  # SQLite page cache while importing (the connection's own is restored after)


def apply_all(
    session: Session,
    lines: Iterable[str | bytes],
    *,
    key_name: str,
    slow: Callable[[int, str | bytes], str | None],
    after_step: Callable[[int], bool],
    batch_size: int = BATCH_SIZE,
) -> Counter:
    """Apply every line in order: runs of lines through the fast path, any other line through ``slow`` (the
    write engine; it returns the operation applied, or None). ``after_step`` hears the number of the last line
    done after each step, and stops the import by returning False. Returns the operations applied."""
    applied: Counter = Counter()
    # The fast path speaks SQLite (FTS5, json_each, the sqlite3 cursor); other databases take the engine's path.
    writer = FastWriter(session, key_name=key_name) if session.get_bind().dialect.name == "sqlite" else None
    if writer is None:
        return _apply_steps(None, lines, slow=slow, after_step=after_step, batch_size=batch_size, applied=applied)
    cursor = _raw_cursor(session)
    (cache_size,) = cursor.execute("PRAGMA cache_size").fetchone()
    # Ids are not inserted in order: every index the batch touches should stay in memory while it loads.
    cursor.execute(f"PRAGMA cache_size = -{IMPORT_CACHE_KIB}")
    # FTS5 flushes its pending terms to a new segment (to be merged later) whenever they pass 'hashsize':
    # a larger buffer halves the cost of indexing. A persistent setting: put back when the import ends.
    cursor.execute(f"INSERT INTO {SEARCH_TABLE}({SEARCH_TABLE}, rank) VALUES ('hashsize', {FTS_IMPORT_HASHSIZE})")
    try:
        with cyclic_collector_paused():  # full collections took a fifth of an import's time
            applied = _apply_steps(writer, lines, slow=slow, after_step=after_step, batch_size=batch_size,
                                   applied=applied)  # fmt: skip
        _raw_cursor(session).execute(
            f"INSERT INTO {SEARCH_TABLE}({SEARCH_TABLE}, rank) VALUES ('hashsize', {FTS_DEFAULT_HASHSIZE})"
        )
        return applied
    finally:
        _raw_cursor(session).execute(f"PRAGMA cache_size = {int(cache_size)}")


def _apply_steps(
    writer: FastWriter | None,
    lines: Iterable[str | bytes],
    *,
    slow: Callable[[int, str | bytes], str | None],
    after_step: Callable[[int], bool],
    batch_size: int,
    applied: Counter,
) -> Counter:
    numbered = enumerate(lines, start=1)
    pending: deque[tuple[int, str | bytes]] = deque()
    step = FIRST_STEP if writer else 1
    exhausted = False
    while True:
        if not exhausted and len(pending) < step:
            pending.extend(islice(numbered, step - len(pending)))
            exhausted = len(pending) < step  # the file gave fewer lines than asked for
        if not pending:
            return applied
        # Steps end on multiples of the batch size, where the caller may commit.
        size = min(step, len(pending), batch_size - (pending[0][0] - 1) % batch_size)
        chunk = _take(pending, size)
        done = writer.apply(chunk, applied) if writer else 0
        if done < len(chunk):
            number, raw = chunk[done]
            operation = slow(number, raw)
            if operation:
                applied[operation] += 1
            if writer:
                writer.source_texts.clear()  # the line may have changed a source's text
            pending.extendleft(reversed(chunk[done + 1 :]))
            step = FIRST_STEP if writer else 1
        else:
            number = chunk[-1][0]
            step = min(step * 2, batch_size)
        if not after_step(number):
            return applied


def _take(pending: deque, size: int) -> list:
    """The first ``size`` lines waiting, removed from the queue."""
    if size == len(pending):
        chunk = list(pending)
        pending.clear()
        return chunk
    return [pending.popleft() for _ in range(size)]

"""Read seed files and check them completely before anything touches the database.

``read_seed`` turns a seed directory (YAML files) or an export (one JSON file) into a KnowledgeBaseSeed;
``resolve`` then checks every cross-reference, slices each source out of its document and anchors every
quote. All problems are gathered and reported together, each naming its file, record and reason.
"""

import json
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pydantic import ValidationError

from app.errors import InvalidInput, Problem
from app.models.resource import RESOURCES, kind_of_table, parents_first
from app.models.seed_schema import NESTED, SECTIONS, KnowledgeBaseSeed, SourceSeed
from app.services.anchoring import QuoteError, Span, anchor_quote, sha256_hex
from app.services.rules import NotKnownHere, rules_for

# A seed source's fields that locate it in its document, which the database does not keep.
SLICING = {"begins_with", "ends_before"}


class SeedError(Exception):
    """The seed cannot be loaded; ``problems`` lists every reason, each naming its file and record."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s) in the seed:\n" + "\n".join(f"- {p}" for p in problems))


@dataclass
class SeedRecord:
    """One record a seed states, as its kind's create schema has it (a plan's point with its plan and place).

    ``section`` and ``owner`` are where the seed states it, for messages: a plan's point is stated in
    ``plans`` under its plan, its fields prefixed ``points[id].``."""

    kind: str
    values: dict
    section: str
    owner: str
    prefix: str = ""
    row: dict = field(default_factory=dict)  # its values with the derived columns, once the rules passed

    @property
    def id(self) -> str:
        return self.values["id"]


@dataclass
class ResolvedSeed:
    """A seed that passed every check, with the derived values the database stores."""

    seed: KnowledgeBaseSeed
    document_texts: dict[str, str]
    source_texts: dict[str, str]
    source_spans: dict[str, Span | None]
    records: dict[str, list[SeedRecord]] = field(default_factory=dict)  # kind → records, in seed order
    origins: dict[tuple[str, str], str] = field(default_factory=dict)

    @property
    def claim_spans(self) -> dict[str, Span]:
        """Where each claim's quote stands in its source text, as the checks anchored it."""
        return {r.id: Span(r.row["quote_start"], r.row["quote_end"]) for r in self.records.get("claim", [])}


def seed_records(seed: KnowledgeBaseSeed) -> dict[str, list[SeedRecord]]:
    """Every record of the seed by kind: each section's records, a nesting section's inner ones too."""
    records: dict[str, list[SeedRecord]] = {kind: [] for kind in RESOURCES}
    for kind in parents_first():
        section = RESOURCES[kind].seed_section
        for record in getattr(seed, section) if section else []:
            values = record.model_dump()
            nested = NESTED.get(section)
            if nested:
                inner, inner_kind, parent = nested
                for position, point in enumerate(values.pop(inner), start=1):
                    point |= {parent: record.id, "sequence": position}
                    records[inner_kind].append(
                        SeedRecord(inner_kind, point, section, record.id, f"{inner}[{point['id']}].")
                    )
            records[kind].append(SeedRecord(kind, values, section, record.id))
    return records


def read_seed(path: Path) -> tuple[KnowledgeBaseSeed, dict[tuple[str, str], str], Path]:
    """Parse a seed directory or an export file; return the seed, each record's file, and the base dir."""
    if not path.exists():
        raise SeedError([f"{path}: no such file or directory"])
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.suffix in {".yaml", ".yml", ".json"})
        base = path
    else:
        files, base = [path], path.parent
    merged: dict[str, list] = {section: [] for section in SECTIONS}
    origins: dict[tuple[str, str], str] = {}
    # Each merged record's file and position in it, so that records without a valid id are still located.
    places: dict[str, list[tuple[str, int]]] = {section: [] for section in SECTIONS}
    problems: list[str] = []
    for file in files:
        label = str(file.relative_to(base))
        try:
            content = (
                json.loads(file.read_text("utf-8"))
                if file.suffix == ".json"
                else yaml.safe_load(file.read_text("utf-8"))
            )
        except (yaml.YAMLError, json.JSONDecodeError, UnicodeDecodeError) as exc:
            problems.append(f"{label}: cannot be parsed: {exc}")
            continue
        if content is None:
            continue
        if not isinstance(content, dict) or not set(content) <= set(SECTIONS):
            problems.append(f"{label}: expected a mapping whose keys are among {', '.join(SECTIONS)}")
            continue
        for section, records in content.items():
            if not isinstance(records, list):
                problems.append(f"{label}: '{section}' must be a list")
                continue
            for record in records:
                if isinstance(record, dict) and "id" in record:
                    origins[(section, str(record["id"]))] = label
            merged[section].extend(records)
            places[section].extend((label, position) for position in range(len(records)))
    if problems:
        raise SeedError(problems)
    try:
        seed = KnowledgeBaseSeed.model_validate(merged)
    except ValidationError as exc:
        raise SeedError([_describe_validation_error(error, merged, places) for error in exc.errors()]) from None
    return seed, origins, base


def _describe_validation_error(error: dict, merged: dict, places: dict) -> str:
    location = error["loc"]
    section, index = location[0], location[1] if len(location) > 1 else None
    record_id, file = "?", "?"
    if isinstance(index, int):
        record = merged[section][index]
        file, position = places[section][index]
        record_id = record.get("id", f"#{position}") if isinstance(record, dict) else f"#{position}"
    field_path = ".".join(str(part) for part in location[2:]) or "(record)"
    return f"{file}: {section} '{record_id}': {field_path}: {error['msg']}"


def resolve(path: Path) -> ResolvedSeed:
    """Read and fully check a seed; raise SeedError listing every problem found."""
    seed, origins, base = read_seed(path)
    checker = _Checker(seed, origins, base)
    return checker.run()


class _Checker:
    def __init__(self, seed: KnowledgeBaseSeed, origins: dict[tuple[str, str], str], base: Path):
        self.seed, self.origins, self.base = seed, origins, base
        self.problems: list[str] = []

    def fail(self, section: str, record_id: str, message: str) -> None:
        file = self.origins.get((section, record_id), "?")
        self.problems.append(f"{file}: {section} '{record_id}': {message}")

    def run(self) -> ResolvedSeed:
        seed = self.seed
        records = seed_records(seed)
        ids = {kind: self._unique(found) for kind, found in records.items()}
        ids["document"] = self._unique(
            [SeedRecord("document", {"id": d.id}, "documents", d.id) for d in seed.documents]
        )
        self._check_references(records, ids)
        document_texts = self._document_texts()
        source_texts, source_spans = self._source_texts(document_texts)
        for record in records["source"]:  # from here on, a source is the text the database stores
            span = source_spans.get(record.id)
            record.values = {name: value for name, value in record.values.items() if name not in SLICING} | {
                "text": source_texts.get(record.id, ""),
                "document_start": span.start if span else None,
                "document_end": span.end if span else None,
            }
        if not self.problems:
            self._check_rules(records, source_texts)
        if self.problems:
            raise SeedError(self.problems)
        return ResolvedSeed(seed, document_texts, source_texts, source_spans, records, self.origins)

    def _unique(self, records: list[SeedRecord]) -> set[str]:
        seen: set[str] = set()
        for record in records:
            if record.id in seen:
                self.fail(record.section, record.owner, f"{record.prefix}id: duplicate id" if record.prefix
                          else "duplicate id")  # fmt: skip
            seen.add(record.id)
        return seen

    def _refs(self, record: SeedRecord, field_name: str, values, known: set[str]) -> None:
        for value in [values] if isinstance(values, str) else values or []:
            if value not in known:
                self.fail(record.section, record.owner, f"{record.prefix}{field_name} '{value}' does not exist")

    def _check_references(self, records: dict[str, list[SeedRecord]], ids: dict[str, set[str]]) -> None:
        """Every id a record names exists in the seed: its columns' foreign keys, its link lists and what its
        rules say it refers to (an actor's roles cite claims); and no record is its own ancestor."""
        for kind, found in records.items():
            resource, rules = RESOURCES[kind], rules_for(kind)
            own = {column for column, table in resource.references.items() if table == resource.table.__tablename__}
            for record in found:
                for column, table in resource.references.items():
                    if column in record.values:
                        self._refs(record, column, record.values[column], ids[kind_of_table(table) or table])
                for name, link in resource.links.items():
                    self._refs(record, name, record.values.get(name), ids[link.target_kind])
                for name, target_kind, value in rules.owned_references(record.values):
                    self._refs(record, name, value, ids[target_kind])
            for column in sorted(own):
                self._acyclic(found, column)

    def _check_rules(self, records: dict[str, list[SeedRecord]], source_texts: dict[str, str]) -> None:
        """Each kind's own rules (a quote found in its source, a relation stated once), as the write engine
        applies them, answered from the seed itself."""
        known = SeedKnowledge(records, source_texts)
        for kind, found in records.items():
            rules = rules_for(kind)
            for record in found:
                row = dict(record.values)
                try:
                    rules.derive(record.values, row, known, record.id)
                    record.row = row
                except InvalidInput as problem:
                    for error in problem.errors or []:
                        value = record.values.get(error.name)
                        stated = f"{error.name} {value!r}" if value is not None else error.name
                        self.fail(record.section, record.owner, f"{record.prefix}{stated}: {error.reason}")
                except Problem as problem:
                    self.fail(record.section, record.owner, f"{record.prefix}{problem.detail}")

    def _acyclic(self, records: list[SeedRecord], column: str) -> None:
        """Reject records that are their own ancestor: such rows cannot be inserted parents first."""
        parents = {record.id: record.values.get(column) for record in records}
        for record in records:
            seen, current = set(), parents[record.id]
            while current is not None and current not in seen and current != record.id:
                seen.add(current)
                current = parents.get(current)
            if current == record.id:
                self.fail(
                    record.section, record.owner, f"{record.prefix}{column} leads back to '{record.id}' (a cycle)"
                )

    def _document_texts(self) -> dict[str, str]:
        texts: dict[str, str] = {}
        for d in self.seed.documents:
            if d.text is not None:
                text = d.text
            else:
                file = self.base / d.file
                try:
                    # newline="" keeps line endings: the stored text must be the file, byte for byte.
                    with file.open(encoding="utf-8", newline="") as handle:
                        text = handle.read()
                except (OSError, UnicodeDecodeError) as exc:
                    self.fail("documents", d.id, f"cannot read file '{d.file}': {exc}")
                    continue
            if d.sha256 and d.sha256 != sha256_hex(text):
                self.fail("documents", d.id, "sha256 does not match the text")
            texts[d.id] = text
        return texts

    def _source_texts(self, documents: dict[str, str]) -> tuple[dict[str, str], dict[str, Span | None]]:
        texts: dict[str, str] = {}
        spans: dict[str, Span | None] = {}
        for s in self.seed.sources:
            if s.text is not None:
                texts[s.id], spans[s.id] = s.text, None
                continue
            document = documents.get(s.document_id or "")
            if document is None:
                continue
            span = self._source_span(s, document)
            if span is not None:
                texts[s.id], spans[s.id] = document[span.start : span.end], span
        return texts, spans

    def _source_span(self, s: SourceSeed, document: str) -> Span | None:
        if s.document_start is not None or s.document_end is not None:
            start, end = s.document_start or 0, len(document) if s.document_end is None else s.document_end
            if not 0 <= start < end <= len(document):
                self.fail("sources", s.id, f"document offsets {start}..{end} fall outside the document")
                return None
            return Span(start, end)
        try:
            start = anchor_quote(document, s.begins_with).start if s.begins_with else 0
            end = anchor_quote(document, s.ends_before).start if s.ends_before else len(document)
        except QuoteError as exc:
            self.fail("sources", s.id, f"begins_with/ends_before: {exc}")
            return None
        if end <= start:
            self.fail("sources", s.id, "ends_before occurs before begins_with")
            return None
        return Span(start, end)


class SeedKnowledge:
    """What the kinds' rules ask about other records (app/services/rules.py), answered from the seed."""

    def __init__(self, records: dict[str, list[SeedRecord]], source_texts: dict[str, str]):
        self.ids = {kind: {record.id for record in found} for kind, found in records.items()}
        self.source_texts = source_texts
        self.point_plans = {record.id: record.values.get("plan_id") for record in records.get("plan_point", [])}
        self.relations: dict[tuple, str] = {}
        for record in records.get("claim_relation", []):
            values = record.values
            self.relations.setdefault((values["type"], values["from_claim_id"], values["to_claim_id"]), record.id)

    def exists(self, kind: str, record_id: str) -> bool:
        return record_id in self.ids.get(kind, ())

    def source_text(self, source_id: str) -> str | None:
        return self.source_texts.get(source_id)

    def plan_of_point(self, point_id: str) -> str | None:
        return self.point_plans.get(point_id)

    def next_sequence(self, plan_id: str, record_id: str) -> int:
        raise NotKnownHere("a seed gives each point its place in its plan")

    def relation_twin(self, triple: tuple[str, str, str], record_id: str) -> str | None:
        first = self.relations.get(triple)
        return first if first != record_id else None


if __name__ == "__main__":  # a quick check for curators: python -m app.services.seed_reader seed_data
    import sys

    try:
        resolved = resolve(Path(sys.argv[1] if len(sys.argv) > 1 else "seed_data"))
    except SeedError as error:
        print(error)
        raise SystemExit(1) from None
    counts = {kind: len(found) for kind, found in resolved.records.items()}
    print("seed OK:", ", ".join(f"{k}={v}" for k, v in counts.items()))

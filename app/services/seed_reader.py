"""Read seed files and check them completely before anything touches the database.

``read_seed`` turns a seed directory (YAML files) or an export (one JSON file) into a KnowledgeBaseSeed;
``resolve`` then checks every cross-reference, slices each source out of its document and anchors every
quote. All problems are gathered and reported together, each naming its file, record and reason.
"""

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pydantic import ValidationError

from app.models.claim import ClaimCreate
from app.models.seed_schema import SECTIONS, KnowledgeBaseSeed, SourceSeed
from app.services.anchoring import QuoteError, Span, anchor_quote, sha256_hex


class SeedError(Exception):
    """The seed cannot be loaded; ``problems`` lists every reason, each naming its file and record."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s) in the seed:\n" + "\n".join(f"- {p}" for p in problems))


@dataclass
class ResolvedSeed:
    """A seed that passed every check, with the derived values the database stores."""

    seed: KnowledgeBaseSeed
    document_texts: dict[str, str]
    source_texts: dict[str, str]
    source_spans: dict[str, Span | None]
    claim_spans: dict[str, Span]
    origins: dict[tuple[str, str], str] = field(default_factory=dict)


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
        ids = {
            "documents": self._unique("documents", (d.id for d in seed.documents)),
            "sources": self._unique("sources", (s.id for s in seed.sources)),
            "actors": self._unique("actors", (a.id for a in seed.actors)),
            "issues": self._unique("issues", (i.id for i in seed.issues)),
            "plans": self._unique("plans", (p.id for p in seed.plans)),
            "plan_points": self._unique("plans", (pt.id for p in seed.plans for pt in p.points)),
            "events": self._unique("events", (e.id for e in seed.events)),
            "claims": self._unique("claims", (c.id for c in seed.claims)),
            "positions": self._unique("positions", (p.id for p in seed.positions)),
            "relations": self._unique("relations", (r.id for r in seed.relations)),
        }
        self._check_references(ids)
        document_texts = self._document_texts()
        source_texts, source_spans = self._source_texts(document_texts)
        claim_spans = self._claim_spans(source_texts)
        if self.problems:
            raise SeedError(self.problems)
        return ResolvedSeed(seed, document_texts, source_texts, source_spans, claim_spans, self.origins)

    def _unique(self, section: str, record_ids: Iterable[str]) -> set[str]:
        seen: set[str] = set()
        for record_id in record_ids:
            if record_id in seen:
                self.fail(section, record_id, "duplicate id")
            seen.add(record_id)
        return seen

    def _refs(self, section: str, record_id: str, field_name: str, values, known: set[str]) -> None:
        for value in [values] if isinstance(values, str) else values or []:
            if value not in known:
                self.fail(section, record_id, f"{field_name} '{value}' does not exist")

    def _check_references(self, ids: dict[str, set[str]]) -> None:
        seed, ref = self.seed, self._refs
        for s in seed.sources:
            ref("sources", s.id, "document_id", s.document_id, ids["documents"])
            ref("sources", s.id, "updates_id", s.updates_id, ids["sources"])
        for a in seed.actors:
            ref("actors", a.id, "affiliation_id", a.affiliation_id, ids["actors"])
            ref("actors", a.id, "roles.claim_id", [r.claim_id for r in a.roles], ids["claims"])
        for p in seed.plans:
            ref("plans", p.id, "supersedes_id", p.supersedes_id, ids["plans"])
            ref("plans", p.id, "source_id", p.source_id, ids["sources"])
            ref("plans", p.id, "proposer_ids", p.proposer_ids, ids["actors"])
            own_points = {pt.id for pt in p.points}
            for pt in p.points:
                ref("plans", p.id, f"points[{pt.id}].parent_id", pt.parent_id, own_points)
                ref("plans", p.id, f"points[{pt.id}].issue_ids", pt.issue_ids, ids["issues"])
        for e in seed.events:
            ref("events", e.id, "actor_ids", e.actor_ids, ids["actors"])
        for c in seed.claims:
            ref("claims", c.id, "source_id", c.source_id, ids["sources"])
            ref("claims", c.id, "speaker_id", c.speaker_id, ids["actors"])
            ref("claims", c.id, "actor_ids", c.actor_ids, ids["actors"])
            ref("claims", c.id, "plan_point_ids", c.plan_point_ids, ids["plan_points"])
            ref("claims", c.id, "issue_ids", c.issue_ids, ids["issues"])
            ref("claims", c.id, "event_ids", c.event_ids, ids["events"])
        for p in seed.positions:
            ref("positions", p.id, "actor_id", p.actor_id, ids["actors"])
            ref("positions", p.id, "issue_id", p.issue_id, ids["issues"])
            ref("positions", p.id, "plan_id", p.plan_id, ids["plans"])
            ref("positions", p.id, "plan_point_id", p.plan_point_id, ids["plan_points"])
            ref("positions", p.id, "claim_ids", p.claim_ids, ids["claims"])
        first_of_kind: dict[tuple, str] = {}
        for r in seed.relations:
            ref("relations", r.id, "from_claim_id", r.from_claim_id, ids["claims"])
            ref("relations", r.id, "to_claim_id", r.to_claim_id, ids["claims"])
            if r.from_claim_id == r.to_claim_id:
                self.fail("relations", r.id, "a claim cannot relate to itself")
            # The table holds one relation per (type, from, to): a second one would fail mid-write.
            first = first_of_kind.setdefault((r.type, r.from_claim_id, r.to_claim_id), r.id)
            if first != r.id:
                self.fail("relations", r.id, f"repeats relation '{first}' (same type, same two claims)")
        self._acyclic("actors", "affiliation_id", {a.id: a.affiliation_id for a in seed.actors})
        self._acyclic("plans", "supersedes_id", {p.id: p.supersedes_id for p in seed.plans})
        for p in seed.plans:
            points = {pt.id: pt.parent_id for pt in p.points}
            self._acyclic("plans", "points[{id}].parent_id", points, owner=p.id)

    def _acyclic(
        self, section: str, field_name: str, parents: dict[str, str | None], *, owner: str | None = None
    ) -> None:
        """Reject records that are their own ancestor: such rows cannot be inserted parents first."""
        for record_id in parents:
            seen, current = set(), parents[record_id]
            while current is not None and current not in seen and current != record_id:
                seen.add(current)
                current = parents.get(current)
            if current == record_id:
                where = field_name.format(id=record_id)
                self.fail(section, owner or record_id, f"{where} leads back to '{record_id}' (a cycle)")

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

    def _claim_spans(self, sources: dict[str, str]) -> dict[str, Span]:
        spans: dict[str, Span] = {}
        for c in self.seed.claims:
            text = sources.get(c.source_id)
            if text is None:
                continue
            span = self._claim_span(c, text)
            if span is not None:
                spans[c.id] = span
        return spans

    def _claim_span(self, c: ClaimCreate, text: str) -> Span | None:
        try:
            span = anchor_quote(text, c.quote, start=c.quote_start, prefix=c.prefix, suffix=c.suffix)
        except QuoteError as exc:
            self.fail("claims", c.id, f"quote {c.quote!r}: {exc}")
            return None
        if c.quote_end is not None and c.quote_end != span.end:
            self.fail("claims", c.id, f"quote_end {c.quote_end} does not match the quote (ends at {span.end})")
            return None
        return span


if __name__ == "__main__":  # a quick check for curators: python -m app.services.seed_reader seed_data
    import sys

    try:
        resolved = resolve(Path(sys.argv[1] if len(sys.argv) > 1 else "seed_data"))
    except SeedError as error:
        print(error)
        raise SystemExit(1) from None
    counts = {section: len(getattr(resolved.seed, section)) for section in SECTIONS}
    counts["plan_points"] = sum(len(p.points) for p in resolved.seed.plans)
    print("seed OK:", ", ".join(f"{k}={v}" for k, v in counts.items()))

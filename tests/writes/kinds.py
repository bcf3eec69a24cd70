"""The nine writable kinds over the mini seed: one factory per kind for a valid create body, and what each
create answers, a seeded record to change, and a change of one optional field."""

from dataclasses import dataclass, field

from tests.writes.helpers import API


def source_body(id: str = "corrected-note", **fields) -> dict:
    return {
        "id": id,
        "title": "Talks update, corrected",
        "kind": "blog_post",
        "reliability": "B",
        "reliability_note": "Signed by the newsroom.",
        "updates_id": "note",
        "text": "Kyiv says Russia holds about 70% of Donetsk.",
    } | fields


def actor_body(id: str = "rustem-umerov", **fields) -> dict:
    return {
        "id": id,
        "name": "Rustem Umerov",
        "kind": "person",
        "aliases": ["Umerov"],
        "roles": [{"role": "negotiator", "claim_id": "witkoff-is-envoy"}],
    } | fields


def plan_body(id: str = "counter-plan", **fields) -> dict:
    return {
        "id": id,
        "name": "Counter-proposal",
        "status": "proposed",
        "supersedes_id": "draft",
        "proposer_ids": ["russia"],
    } | fields


def plan_point_body(id: str = "plan-ceasefire", **fields) -> dict:
    return {
        "id": id,
        "plan_id": "plan",
        "text": "A ceasefire along the line of contact.",
        "category": "ceasefire",
        "issue_ids": ["territory"],
    } | fields


def issue_body(id: str = "ceasefire", **fields) -> dict:
    return {"id": id, "name": "Ceasefire"} | fields


def position_body(id: str = "russia-opposes-plan", **fields) -> dict:
    return {
        "id": id,
        "actor_id": "russia",
        "stance": "opposes",
        "summary": "Russia opposes the revised plan.",
        "plan_id": "plan",
        "claim_ids": ["russia-holds-75-donetsk"],
    } | fields


def claim_body(id: str = "talks-productive", **fields) -> dict:
    return {
        "id": id,
        "statement": "The envoy called the talks productive.",
        "source_id": "note",
        "quote": "called the talks “productive”",
        "speaker_id": "steve-witkoff",
        "credibility": 2,
        "actor_ids": ["united-states"],
        "event_ids": ["talks"],
    } | fields


def event_body(id: str = "geneva-round", **fields) -> dict:
    return {
        "id": id,
        "title": "Geneva round",
        "kind": "meeting",
        "occurred_on": "2025-11-23",
        "actor_ids": ["russia"],
    } | fields


def relation_body(id: str = "envoy-contradicts-figure", **fields) -> dict:
    return {
        "id": id,
        "type": "contradicts",
        "from_claim_id": "witkoff-is-envoy",
        "to_claim_id": "russia-holds-75-donetsk",
        "rationale": "Chosen to exercise the write API.",
    } | fields


# What POST answers for each factory's body: every public field, defaults and derived ones included.
CREATED = {
    "source": {
        "id": "corrected-note",
        "title": "Talks update, corrected",
        "kind": "blog_post",
        "publisher": None,
        "attributed_to": None,
        "published_on": None,
        "url": None,
        "reliability": "B",
        "reliability_note": "Signed by the newsroom.",
        "notes": None,
        "updates_id": "note",
        "document_id": None,
        "document_start": None,
        "document_end": None,
        "sha256": "998d1dbc10b4a1ab4ef464da0fc2ad417027270424e66b6d607c67ab744285b5",
        "text_length": 44,
        "text": "Kyiv says Russia holds about 70% of Donetsk.",
    },
    "actor": {
        "id": "rustem-umerov",
        "name": "Rustem Umerov",
        "kind": "person",
        "description": None,
        "affiliation_id": None,
        "aliases": ["Umerov"],
        "roles": [{"role": "negotiator", "claim_id": "witkoff-is-envoy", "source_id": "note"}],
    },
    "plan": {
        "id": "counter-plan",
        "name": "Counter-proposal",
        "status": "proposed",
        "announced_on": None,
        "description": None,
        "supersedes_id": "draft",
        "source_id": None,
        "proposer_ids": ["russia"],
    },
    "plan_point": {
        "id": "plan-ceasefire",
        "plan_id": "plan",
        "parent_id": None,
        "ordinal": None,
        "sequence": 2,
        "text": "A ceasefire along the line of contact.",
        "category": "ceasefire",
        "issue_ids": ["territory"],
    },
    "issue": {"id": "ceasefire", "name": "Ceasefire", "description": None, "aliases": []},
    "position": {
        "id": "russia-opposes-plan",
        "actor_id": "russia",
        "stance": "opposes",
        "summary": "Russia opposes the revised plan.",
        "issue_id": None,
        "plan_id": "plan",
        "plan_point_id": None,
        "claim_ids": ["russia-holds-75-donetsk"],
    },
    "claim": {
        "id": "talks-productive",
        "statement": "The envoy called the talks productive.",
        "source_id": "note",
        "quote": "called the talks “productive”",
        "quote_start": 131,
        "quote_end": 160,
        "quote_start_utf16": 132,
        "quote_end_utf16": 161,
        "speaker_id": "steve-witkoff",
        "attribution": None,
        "stated_on": None,
        "value": None,
        "unit": None,
        "measure": None,
        "value_on": None,
        "credibility": 2,
        "credibility_note": None,
        "actor_ids": ["united-states"],
        "plan_point_ids": [],
        "issue_ids": [],
        "event_ids": ["talks"],
        "relations": [],
    },
    "event": {
        "id": "geneva-round",
        "title": "Geneva round",
        "kind": "meeting",
        "occurred_on": "2025-11-23",
        "date_note": None,
        "location": None,
        "description": None,
        "actor_ids": ["russia"],
        "claim_ids": [],
    },
    "claim_relation": {
        "id": "envoy-contradicts-figure",
        "type": "contradicts",
        "from_claim_id": "witkoff-is-envoy",
        "to_claim_id": "russia-holds-75-donetsk",
        "rationale": "Chosen to exercise the write API.",
    },
}


@dataclass(frozen=True)
class Kind:
    kind: str
    label: str
    collection: str
    seeded_id: str  # a record of the mini seed
    change: dict = field(default_factory=dict)  # a PATCH setting one optional field (None: the kind has none)

    def __str__(self) -> str:
        return self.kind

    @property
    def path(self) -> str:
        return f"{API}/{self.collection}"

    def item(self, record_id: str | None = None) -> str:
        return f"{self.path}/{record_id or self.seeded_id}"

    @property
    def new_id(self) -> str:
        return FACTORIES[self.kind]()["id"]

    def body(self, **fields) -> dict:
        return FACTORIES[self.kind](**fields)


FACTORIES = {
    "source": source_body,
    "actor": actor_body,
    "plan": plan_body,
    "plan_point": plan_point_body,
    "issue": issue_body,
    "position": position_body,
    "claim": claim_body,
    "event": event_body,
    "claim_relation": relation_body,
}

KINDS = [
    Kind("source", "source", "sources", "note", {"notes": "Checked against the archive."}),
    Kind("actor", "actor", "actors", "russia", {"description": "The Russian Federation."}),
    Kind("plan", "plan", "plans", "draft", {"description": "The first draft."}),
    Kind("plan_point", "plan point", "plan-points", "plan-guarantees", {"ordinal": 5}),
    Kind("issue", "issue", "issues", "territory", {"description": "Who holds which land."}),
    Kind("position", "position", "positions", "us-supports-plan", {"issue_id": "territory"}),
    Kind("claim", "claim", "claims", "witkoff-is-envoy", {"attribution": "Reuters"}),
    Kind("event", "event", "events", "talks", {"location": "Geneva"}),
    Kind("claim_relation", "claim relation", "claim-relations", "repeat-supports", {"rationale": "Said twice."}),
]
BY_KIND = {kind.kind: kind for kind in KINDS}

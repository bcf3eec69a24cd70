"""Example records for the OpenAPI document, taken from the seeded knowledge base."""

CLAIM = {
    "id": "russia-controls-99-percent-luhansk",
    "statement": "Kyiv asserts that Russia holds near-total control, about 99%, of the neighboring Luhansk region.",
    "source_id": "breaking-zelenskiy-hails-momentum",
    "quote": "near-total domination-about 99%-in neighboring Luhansk",
    "quote_start": 2897,
    "quote_end": 2951,
    "quote_start_utf16": 2897,
    "quote_end_utf16": 2951,
    "speaker_id": "ukraine",
    "attribution": "Kyiv",
    "stated_on": None,
    "value": 99.0,
    "unit": "percent",
    "measure": 'share of the Luhansk region under Russian control (stated as "about")',
    "value_on": None,
    "credibility": 3,
    "credibility_note": "Kyiv's own assertion; no other source gives a figure.",
    "actor_ids": ["russia", "ukraine"],
    "plan_point_ids": [],
    "issue_ids": ["territory-donbas"],
    "event_ids": [],
    "relations": [
        {
            "relation_id": "luhansk-99-percent-table-supports-prose",
            "type": "supports",
            "direction": "incoming",
            "claim_id": "russia-controls-99-percent-luhansk-table",
            "rationale": "The table repeats the prose's ~99% figure for Luhansk.",
        }
    ],
}

SOURCE = {
    "id": "zelensky-praise-us-envoys-blueprint",
    "title": "zelensky’s public Praise for U.S. Envoys’ Fresh Peace Blueprint",
    "kind": "news_article",
    "publisher": None,
    "attributed_to": "Ukrainian Presidential Office, Reuters, AP",
    "published_on": "2025-12-25",
    "url": None,
    "reliability": "E",
    "reliability_note": "Names U.S. envoys who appear nowhere else and contradicts itself on NATO and monitoring.",
    "notes": None,
    "document_id": "doc-002-zelenskiy-peace-talks",
    "document_start": 5998,
    "document_end": 12810,
    "sha256": "…",
    "text_length": 6812,
}

ACTOR = {
    "id": "steve-witkoff",
    "name": "Steve Witkoff",
    "kind": "person",
    "description": "U.S. envoy in the blog and the Breaking article; not mentioned by the Praise article.",
    "affiliation_id": "united-states",
    "aliases": ["Steve Witkoff", "Witkoff"],
    "roles": [
        {
            "role": "U.S. envoy",
            "claim_id": "witkoff-us-envoy-blog",
            "source_id": "blog-current-status-peace-talks",
        }
    ],
}

PLAN = {
    "id": "revised-20-point-plan",
    "name": "Revised 20-point peace plan",
    "status": "proposed",
    "announced_on": None,
    "description": "The revised 20-point plan that Ukraine unveiled, developed with the United States.",
    "supersedes_id": "earlier-draft-peace-framework",
    "source_id": "blog-current-status-peace-talks",
    "proposer_ids": ["ukraine", "united-states"],
}

PLAN_POINT = {
    "id": "revised-plan-non-aggression-pact",
    "plan_id": "revised-20-point-plan",
    "parent_id": None,
    "ordinal": None,
    "sequence": 1,
    "text": "A legally binding non-aggression pact with Russia.",
    "category": "security_guarantees",
    "issue_ids": ["security-guarantees"],
}

ISSUE = {
    "id": "ceasefire",
    "name": "Ceasefire and end of hostilities",
    "description": "Ending hostilities, including the phased ceasefire of the U.S. package.",
    "aliases": ["ceasefire", "truce", "end of hostilities"],
}

POSITION = {
    "id": "eu-leaders-back-ukraine-reconstruction",
    "actor_id": "eu-leaders",
    "stance": "supports",
    "summary": "Emphasise the need to back Ukraine's reconstruction.",
    "issue_id": "reconstruction-economy",
    "plan_id": None,
    "plan_point_id": None,
    "claim_ids": ["eu-leaders-back-ukraine-security-reconstruction"],
}

EVENT = {
    "id": "capture-of-sviato-pokrovske",
    "title": "Russian capture of Sviato-Pokrovske",
    "kind": "capture",
    "occurred_on": None,
    "date_note": 'Not dated; "reported" by the Russian defense ministry (Breaking article).',
    "location": "Sviato-Pokrovske, Donetsk",
    "description": None,
    "actor_ids": ["russian-defense-ministry", "russian-forces"],
    "claim_ids": ["russia-reports-capture-of-sviato-pokrovske"],
}

RELATION = {
    "id": "kupchik-as-envoy-vs-witkoff-kushner",
    "type": "contradicts",
    "from_claim_id": "kupchik-deputy-secretary-of-state",
    "to_claim_id": "witkoff-kushner-us-envoys-call",
    "rationale": "The Praise article names other U.S. envoys than the Breaking article's Witkoff and Kushner.",
}


def example(record: dict) -> dict:
    """The ``model_config`` fragment of a served record: ``record`` as the schema's example, and every field
    required in the schema of what is served (a field with a default is still always sent)."""
    return {"json_schema_extra": {"examples": [record]}, "json_schema_serialization_defaults_required": True}

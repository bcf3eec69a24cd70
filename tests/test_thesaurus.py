"""The seed thesaurus (seed_data/thesaurus.yaml) stays grounded in the documents it serves."""

import yaml

from app.config import REPO_ROOT
from app.text import index_form

SEED = REPO_ROOT / "seed_data"
ENTRIES = yaml.safe_load((SEED / "thesaurus.yaml").read_text("utf-8"))["thesaurus"]


def test_every_entry_has_a_form_that_a_seed_document_uses():
    documents = [f" {index_form(path.read_text('utf-8'))} " for path in sorted((SEED / "documents").glob("*.txt"))]
    ungrounded = [
        entry["id"]
        for entry in ENTRIES
        if not any(f" {index_form(form)} " in document for form in entry["terms"] for document in documents)
    ]
    assert ungrounded == []


def test_no_two_forms_of_an_entry_analyse_alike():
    repeated = [e["id"] for e in ENTRIES if len({index_form(form) for form in e["terms"]}) < len(e["terms"])]
    assert repeated == []

"""The search evaluation set (bench/search_eval.yaml) is sound: enough questions, each with real answers."""

import yaml

from app.config import REPO_ROOT

EVAL = yaml.safe_load((REPO_ROOT / "bench" / "search_eval.yaml").read_text("utf-8"))["questions"]


def seeded_claim_ids() -> set[str]:
    paths = sorted((REPO_ROOT / "seed_data" / "claims").glob("*.yaml"))
    return {claim["id"] for path in paths for claim in yaml.safe_load(path.read_text("utf-8"))["claims"]}


def test_the_set_has_at_least_forty_questions_with_unique_ids():
    ids = [q["id"] for q in EVAL]
    assert len(ids) >= 40
    assert len(set(ids)) == len(ids)


def test_every_question_has_both_forms_and_at_least_one_answer():
    for question in EVAL:
        assert question["keywords"].strip() and question["question"].strip(), question["id"]
        assert question["answers"], question["id"]


def test_every_answer_is_a_seeded_claim():
    known = seeded_claim_ids()
    unknown = {(q["id"], claim_id) for q in EVAL for claim_id in q["answers"] if claim_id not in known}
    assert unknown == set()

"""Compare two plans point by point: which points were kept, reworded, dropped or added between versions.

Points of different plans are different records, so matching is by content, in three passes, each pairing
only points still unpaired, one to one:

1. **text** — the same words (compared case-insensitively, ignoring punctuation and spacing);
2. **ordinal** — the same number in the source (say, both are point 7) and texts at least
   ``ORDINAL_MIN_SIMILARITY`` alike;
3. **similar text** — the most alike remaining pairs first, down to ``TEXT_MIN_SIMILARITY``.

Similarity is difflib's ``SequenceMatcher.ratio()`` over the two texts' lower-cased words (2·matches /
total words, from 0 to 1). A matched pair is *unchanged* when its words are the same and *reworded*
otherwise, with a word-level diff; unpaired points of the first plan were *removed*, of the second *added*.
Rows come in the second plan's order, each removed point just after the row that preceded it in the first.
"""

import difflib
import re
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, Field
from sqlmodel import Session, select

from app.models import Plan, PlanPoint
from app.models.examples import example
from app.services.resources import to_public

ORDINAL_MIN_SIMILARITY = 0.3
TEXT_MIN_SIMILARITY = 0.5
_WORD = re.compile(r"\w+")
# Words with the spacing and punctuation that follow them, so that a diff can be shown in the original text.
_SPAN = re.compile(r"\W*\w+\W*|\W+")

METHOD = (
    f"matched by the same text, then the same ordinal (difflib ratio ≥ {ORDINAL_MIN_SIMILARITY}), "
    f"then similar text (difflib ratio ≥ {TEXT_MIN_SIMILARITY})"
)
Status = Literal["unchanged", "reworded", "removed", "added"]
MatchedBy = Literal["text", "ordinal", "similar text"]


DIFF_POINT_EXAMPLE = {
    "id": "us-package-ceasefire-stage-1",
    "ordinal": 1,
    "sequence": 2,
    "parent_id": "us-package-phased-ceasefire",
    "text": "Stage 1: a 48-hour humanitarian pause.",
    "category": "ceasefire",
    "issue_ids": ["ceasefire"],
}


PLAN_DIFF_EXAMPLE = {
    "plan_id": "us-draft",
    "other_id": "twenty-point",
    "method": METHOD,
    "summary": {"unchanged": 0, "reworded": 1, "removed": 0, "added": 0},
    "rows": [
        {
            "status": "reworded",
            "base": DIFF_POINT_EXAMPLE,
            "other": DIFF_POINT_EXAMPLE | {"text": "Stage 1: a 72-hour humanitarian pause."},
            "matched_by": "ordinal",
            "similarity": 0.857,
            "changed_fields": [],
            "changes": [
                {"op": "equal", "base": "Stage 1: a ", "other": "Stage 1: a "},
                {"op": "replace", "base": "48-", "other": "72-"},
                {"op": "equal", "base": "hour humanitarian pause.", "other": "hour humanitarian pause."},
            ],
        }
    ],
}


class DiffPoint(BaseModel):
    """A plan point as the diff shows it."""

    id: str = Field(examples=["us-package-ceasefire-stage-1"])
    ordinal: int | None = Field(description="The number the source gives the point, if any.", examples=[1])
    sequence: int = Field(description="Order within its plan.", examples=[2])
    parent_id: str | None = Field(examples=["us-package-phased-ceasefire"])
    text: str = Field(examples=["A 48-hour humanitarian pause."])
    category: str = Field(examples=["ceasefire"])
    issue_ids: list[str] = Field(examples=[["ceasefire"]])


class TextChange(BaseModel):
    """One stretch of a word-level diff: kept (`equal`), or only in the first text, the second, or both."""

    model_config = example(PLAN_DIFF_EXAMPLE["rows"][0]["changes"][1])

    op: Literal["equal", "delete", "insert", "replace"]
    base: str = Field(description="The words of the first plan's point ('' for an insert).")
    other: str = Field(description="The words of the second plan's point ('' for a delete).")


class PointDiff(BaseModel):
    """One row of the side-by-side view: a matched pair, or a point only one plan has."""

    model_config = example(PLAN_DIFF_EXAMPLE["rows"][0])

    status: Status
    base: DiffPoint | None = Field(description="The point in the first plan (none when added).")
    other: DiffPoint | None = Field(description="The point in the second plan (none when removed).")
    matched_by: MatchedBy | None = Field(description="Which pass paired the points.")
    similarity: float | None = Field(description="0–1: how alike the two texts' words are.", examples=[0.82])
    changed_fields: list[str] = Field(
        description="Besides the text: which of ordinal, category and issue_ids differ.", examples=[["ordinal"]]
    )
    changes: list[TextChange] = Field(description="Word-level diff of a reworded point; empty otherwise.")


class DiffSummary(BaseModel):
    unchanged: int = Field(examples=[3])
    reworded: int = Field(examples=[2])
    removed: int = Field(examples=[1])
    added: int = Field(examples=[4])


class PlanDiff(BaseModel):
    """How the points of one plan became those of another."""

    model_config = example(PLAN_DIFF_EXAMPLE)

    plan_id: str = Field(description="The first plan (usually the earlier version).")
    other_id: str = Field(description="The second plan.")
    method: str = Field(description="How points were matched, in one line.")
    summary: DiffSummary
    rows: list[PointDiff]


@dataclass
class _Pair:
    base: DiffPoint
    other: DiffPoint
    matched_by: MatchedBy
    similarity: float


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def similarity(a: str, b: str) -> float:
    """How alike two texts' words are, 0 to 1 (difflib's ratio over lower-cased words)."""
    return difflib.SequenceMatcher(None, _words(a), _words(b), autojunk=False).ratio()


def _key(span: str) -> tuple[str, ...]:
    """What a span is compared by: its words, not its spacing or case (bare punctuation by itself)."""
    return tuple(_words(span)) or (span.strip(),)


def word_changes(a: str, b: str) -> list[TextChange]:
    """A word-level diff of two texts, in their original spelling and spacing."""
    spans_a, spans_b = _SPAN.findall(a), _SPAN.findall(b)
    matcher = difflib.SequenceMatcher(None, [_key(s) for s in spans_a], [_key(s) for s in spans_b], autojunk=False)
    return [
        TextChange(op=op, base="".join(spans_a[i1:i2]), other="".join(spans_b[j1:j2]))
        for op, i1, i2, j1, j2 in matcher.get_opcodes()
    ]


def _points(session: Session, plan: Plan) -> list[DiffPoint]:
    rows = list(session.scalars(select(PlanPoint).where(PlanPoint.plan_id == plan.id).order_by(PlanPoint.sequence)))
    return [DiffPoint.model_validate(p.model_dump()) for p in to_public("plan_point")(session, rows)]


def match_points(base: list[DiffPoint], other: list[DiffPoint]) -> list[_Pair]:
    """Pair points one to one: same text, then same ordinal, then most similar text."""
    pairs: list[_Pair] = []
    free_base, free_other = list(base), list(other)

    def take(b: DiffPoint, o: DiffPoint, matched_by: MatchedBy, score: float) -> None:
        pairs.append(_Pair(b, o, matched_by, score))
        free_base.remove(b)
        free_other.remove(o)

    for b in list(free_base):
        same = next((o for o in free_other if _words(o.text) == _words(b.text)), None)
        if same is not None:
            take(b, same, "text", 1.0)
    for b in list(free_base):
        numbered = [o for o in free_other if b.ordinal is not None and o.ordinal == b.ordinal]
        scored = [(similarity(b.text, o.text), o) for o in numbered]
        best = max(scored, key=lambda pair: pair[0], default=None)
        if best is not None and best[0] >= ORDINAL_MIN_SIMILARITY:
            take(b, best[1], "ordinal", best[0])
    for score, b, o in _similar_pairs(free_base, free_other):
        if b in free_base and o in free_other:
            take(b, o, "similar text", score)
    return pairs


def _similar_pairs(base: list[DiffPoint], other: list[DiffPoint]) -> list[tuple[float, DiffPoint, DiffPoint]]:
    """Every pair at least TEXT_MIN_SIMILARITY alike, most alike first (ties in plan order)."""
    found = []
    matcher = difflib.SequenceMatcher(None, autojunk=False)
    other_words = [_words(o.text) for o in other]
    for i, b in enumerate(base):
        matcher.set_seq2(_words(b.text))  # difflib caches what it learns about the second sequence
        for j, o in enumerate(other):
            matcher.set_seq1(other_words[j])
            # quick_ratio() bounds ratio() from above, cheaply: most pairs are ruled out without the full match
            if matcher.quick_ratio() >= TEXT_MIN_SIMILARITY and (score := matcher.ratio()) >= TEXT_MIN_SIMILARITY:
                found.append((score, i, j, b, o))
    found.sort(key=lambda c: (-c[0], c[1], c[2]))
    return [(score, b, o) for score, _i, _j, b, o in found]


def _row(pair: _Pair) -> PointDiff:
    b, o = pair.base, pair.other
    same_words = _words(b.text) == _words(o.text)
    changed = [name for name in ("ordinal", "category", "issue_ids") if getattr(b, name) != getattr(o, name)]
    return PointDiff(
        status="unchanged" if same_words else "reworded",
        base=b,
        other=o,
        matched_by=pair.matched_by,
        similarity=round(pair.similarity, 3),
        changed_fields=changed,
        changes=[] if same_words else word_changes(b.text, o.text),
    )


def _lone(point: DiffPoint, status: Status) -> PointDiff:
    base, other = (point, None) if status == "removed" else (None, point)
    return PointDiff(
        status=status, base=base, other=other, matched_by=None, similarity=None, changed_fields=[], changes=[]
    )


def diff_plans(session: Session, plan: Plan, other: Plan) -> PlanDiff:
    """The side-by-side diff of two plans' points (see the module docstring for the method)."""
    base_points, other_points = _points(session, plan), _points(session, other)
    pairs = {pair.other.id: pair for pair in match_points(base_points, other_points)}
    matched_base = {pair.base.id for pair in pairs.values()}
    rows: list[PointDiff] = []
    pending = list(base_points)  # first-plan points not yet shown, in their order
    for point in other_points:
        pair = pairs.get(point.id)
        if pair is None:
            rows.append(_lone(point, "added"))
            continue
        while pending and pending[0].sequence <= pair.base.sequence:
            earlier = pending.pop(0)
            if earlier.id not in matched_base:
                rows.append(_lone(earlier, "removed"))
        rows.append(_row(pair))
    rows.extend(_lone(point, "removed") for point in pending if point.id not in matched_base)
    counts = {status: sum(row.status == status for row in rows) for status in DiffSummary.model_fields}
    return PlanDiff(plan_id=plan.id, other_id=other.id, method=METHOD, summary=DiffSummary(**counts), rows=rows)

"""A small but varied knowledge base for the API tests, built with the factories.

Ids are chosen so that no sort order coincides with the id order (or a collection's default order): a route
that ignored ``sort`` would fail the sort tests. Texts hold an emoji outside the BMP, a non-breaking hyphen,
curly quotes and HTML, so offsets, snippets and CSV meet them too.
"""

from datetime import date

from sqlmodel import Session

from app.models.vocab import (
    ActorKind,
    EventKind,
    PlanStatus,
    PointCategory,
    RelationType,
    Reliability,
    SourceKind,
    Stance,
)
from tests.factories import (
    make_actor,
    make_actor_role,
    make_claim,
    make_document,
    make_event,
    make_issue,
    make_plan,
    make_plan_point,
    make_position,
    make_relation,
    make_source,
)

REUTERS_TEXT = (
    "Ukraine and the United States met in Geneva on Sunday. Russia controls about 75% of Donetsk, "
    "officials said. The envoy said the talks were productive."
)
KREMLIN_TEXT = "Moscow says Russia controls 80% of Donetsk. The plan could be a basis for a final settlement."
BLOG_TEXT = "Security guarantees <b>must</b> mirror “Article 5” & be re‑examined in 2035."
NOTES_TEXT = f"🧠 Notes\n{BLOG_TEXT}\n--- end of notes ---\n"


def build_world(session: Session) -> None:
    for actor in (
        {"id": "coalition", "name": "Coalition of the Willing", "kind": ActorKind.organisation},
        {"id": "russia", "name": "Russia", "kind": ActorKind.state},
        {"id": "ukraine", "name": "Ukraine", "kind": ActorKind.state},
        {"id": "usa", "name": "United States", "kind": ActorKind.state, "aliases": ["US", "U.S."]},
    ):
        make_actor(session, **actor)
    make_actor(
        session,
        id="witkoff",
        name="Steve Witkoff",
        aliases=["Witkoff"],
        affiliation_id="usa",
        description="US special envoy.",
    )
    make_actor(
        session,
        id="zelensky",
        name="Volodymyr Zelensky",
        aliases=["Zelenskyy", "Zelenskiy"],
        affiliation_id="ukraine",
    )

    make_issue(session, id="guarantees", name="Security guarantees", description="What protects Ukraine.")
    make_issue(session, id="sanctions", name="Sanctions relief")
    make_issue(session, id="territory", name="Territory", description="Who holds Donetsk and Luhansk.")

    reuters = make_source(
        session,
        id="reuters-geneva",
        title="Talks in Geneva end without a deal",
        text=REUTERS_TEXT,
        kind=SourceKind.news_article,
        reliability=Reliability.B,
        published_on=date(2025, 11, 24),
        publisher="Reuters",
        url="https://example.org/geneva",
    )
    kremlin = make_source(
        session,
        id="kremlin-readout",
        title="Kremlin readout",
        text=KREMLIN_TEXT,
        kind=SourceKind.official_statement,
        reliability=Reliability.D,
        published_on=date(2025, 11, 26),
    )
    notes = make_document(session, id="notes-file", text=NOTES_TEXT)
    blog = make_source(
        session,
        id="blog-note",
        title="Why guarantees matter",
        text=BLOG_TEXT,
        kind=SourceKind.blog_post,
        reliability=Reliability.C,
        document=notes,
    )

    make_plan(
        session,
        id="us-draft",
        name="28-point draft",
        status=PlanStatus.superseded,
        announced_on=date(2025, 11, 20),
        proposer_ids=["usa"],
    )
    make_plan(
        session,
        id="twenty-point",
        name="Revised 20-point plan",
        status=PlanStatus.under_negotiation,
        announced_on=date(2025, 11, 30),
        supersedes_id="us-draft",
        source_id="reuters-geneva",
        proposer_ids=["ukraine", "usa"],
    )
    make_plan(
        session,
        id="counter-proposal",
        name="European counter-proposal",
        status=PlanStatus.proposed,
        description="Europe's answer to the 28-point draft.",
        proposer_ids=["coalition"],
    )

    make_plan_point(
        session,
        id="ceasefire-line",
        plan_id="twenty-point",
        sequence=1,
        ordinal=1,
        category=PointCategory.ceasefire,
        text="An immediate ceasefire along the contact line.",
    )
    make_plan_point(
        session,
        id="article-5-guarantees",
        plan_id="twenty-point",
        sequence=2,
        ordinal=2,
        category=PointCategory.security_guarantees,
        issue_ids=["guarantees"],
        text="Security guarantees mirroring Article 5.",
    )
    make_plan_point(
        session,
        id="guarantee-review",
        plan_id="twenty-point",
        sequence=3,
        parent_id="article-5-guarantees",
        category=PointCategory.security_guarantees,
        text="The guarantees are reviewed after ten years.",
    )
    make_plan_point(
        session,
        id="donetsk-buffer-zone",
        plan_id="us-draft",
        sequence=1,
        ordinal=21,
        category=PointCategory.territory,
        issue_ids=["territory"],
        text="Donetsk becomes a demilitarised buffer zone.",
    )
    make_plan_point(
        session,
        id="sanctions-relief",
        plan_id="us-draft",
        sequence=2,
        ordinal=14,
        category=PointCategory.economy,
        issue_ids=["sanctions"],
        text="Sanctions are lifted in stages.",
    )

    make_event(
        session,
        id="strike-on-kyiv",
        title="Missile strike on Kyiv",
        kind=EventKind.strike,
        occurred_on=date(2025, 11, 25),
        location="Kyiv",
        actor_ids=["russia"],
    )
    make_event(
        session,
        id="geneva-talks",
        title="Geneva talks",
        kind=EventKind.talks,
        occurred_on=date(2025, 11, 23),
        location="Geneva",
        actor_ids=["ukraine", "usa"],
    )
    make_event(
        session,
        id="miami-call",
        title="Call from Miami",
        kind=EventKind.call,
        date_note="late November",
        actor_ids=["witkoff"],
    )

    make_claim(
        session,
        id="russia-controls-75-donetsk",
        source=reuters,
        quote="Russia controls about 75% of Donetsk",
        statement="Russia controls about 75% of Donetsk region, according to officials.",
        stated_on=date(2025, 11, 23),
        value=75,
        unit="percent",
        measure="share of Donetsk held by Russia",
        credibility=2,
        actor_ids=["russia"],
        issue_ids=["territory"],
        plan_point_ids=["donetsk-buffer-zone"],
        event_ids=["geneva-talks"],
    )
    make_claim(
        session,
        id="russia-claims-80-donetsk",
        source=kremlin,
        quote="Russia controls 80% of Donetsk",
        statement="Moscow claims control of 80% of Donetsk region.",
        stated_on=date(2025, 11, 26),
        value=80,
        unit="percent",
        measure="share of Donetsk held by Russia",
        credibility=4,
        speaker_id="russia",
        issue_ids=["territory"],
    )
    make_claim(
        session,
        id="envoy-calls-talks-productive",
        source=reuters,
        quote="the talks were productive",
        statement="The US envoy called the Geneva talks productive.",
        credibility=3,
        speaker_id="witkoff",
        actor_ids=["usa"],
        event_ids=["geneva-talks"],
        plan_point_ids=["ceasefire-line"],
    )
    make_claim(
        session,
        id="plan-basis-for-settlement",
        source=kremlin,
        quote="The plan could be a basis for a final settlement",
        statement="Moscow sees the plan as a possible basis for settlement.",
        stated_on=date(2025, 11, 21),
        credibility=5,
        speaker_id="russia",
    )
    make_claim(
        session,
        id="article-5-guarantees-reviewed",
        source=blog,
        quote="“Article 5” & be re‑examined in 2035",
        statement="Guarantees modelled on Article 5 would be re-examined in 2035.",
        value_on=date(2035, 1, 1),
        credibility=6,
        plan_point_ids=["article-5-guarantees"],
        issue_ids=["guarantees"],
    )
    make_actor_role(session, actor_id="witkoff", role="special envoy", claim_id="envoy-calls-talks-productive")

    make_relation(
        session,
        id="kremlin-contradicts-reuters",
        type=RelationType.contradicts,
        from_claim_id="russia-claims-80-donetsk",
        to_claim_id="russia-controls-75-donetsk",
        rationale="80% against about 75% of Donetsk.",
    )
    make_relation(
        session,
        id="envoy-supports-basis",
        type=RelationType.supports,
        from_claim_id="envoy-calls-talks-productive",
        to_claim_id="plan-basis-for-settlement",
        rationale="Both treat the plan as workable.",
    )
    make_relation(
        session,
        id="later-estimate-updates",
        type=RelationType.updates,
        from_claim_id="russia-claims-80-donetsk",
        to_claim_id="russia-controls-75-donetsk",
        rationale="The Kremlin figure is the later estimate.",
    )

    make_position(
        session,
        id="buffer-zone-rejected",
        actor_id="ukraine",
        stance=Stance.opposes,
        summary="Ukraine rejects a demilitarised zone in Donetsk.",
        issue_id="territory",
        plan_point_id="donetsk-buffer-zone",
        claim_ids=["russia-controls-75-donetsk"],
    )
    make_position(
        session,
        id="twenty-point-backed",
        actor_id="usa",
        stance=Stance.supports,
        summary="The United States backs the revised plan.",
        plan_id="twenty-point",
        claim_ids=["envoy-calls-talks-productive"],
    )
    make_position(
        session,
        id="guarantees-with-conditions",
        actor_id="russia",
        stance=Stance.conditional,
        summary="Russia accepts guarantees only without NATO troops.",
        issue_id="guarantees",
        claim_ids=["plan-basis-for-settlement"],
    )
    make_position(
        session,
        id="sanctions-undecided",
        actor_id="coalition",
        stance=Stance.unclear,
        summary="The coalition has not said whether sanctions should be lifted.",
        issue_id="sanctions",
        plan_point_id="sanctions-relief",
        claim_ids=["article-5-guarantees-reviewed"],
    )

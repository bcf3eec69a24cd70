// A page for each remaining kind of record: claim, position, event, claim relation, place.
// Each reads a small, fixed number of API answers: lists come one page at a time, evidence comes embedded.

import { apiPath, getJSON, getList, getSource, nameOf, records } from "./api.js";
import { byId, h, link, plural, route } from "./dom.js";
import { credibility, reliability, stance } from "./grades.js";
import { claimCard, claimCards, definitions, heading, inlineList, section } from "./pieces.js";
import { positionLink, targetWords } from "./positions.js";
import { formatDate, quantity } from "./text.js";

// ---------------------------------------------------------------- claim

function sourceText(source, claim) {
  // JavaScript strings count UTF-16 units, in which the blog's 🧠 and 🧩 take two: the API gives the quote's
  // offsets in those units too, beside the code-point ones.
  const [start, end] = [claim.quote_start_utf16, claim.quote_end_utf16];
  const found = source.text.slice(start, end);
  return {
    exact: found === claim.quote,
    element: h(
      "div",
      { class: "source-text", tabindex: "0", role: "region", "aria-label": `Text of ${source.title}` },
      source.text.slice(0, start),
      h("mark", { id: "quote", "data-claim-id": claim.id }, found),
      source.text.slice(end),
    ),
  };
}

function otherSide(pair, claimId) {
  return pair.from_claim_id === claimId
    ? { claim: pair.to_claim, source: pair.to_source, direction: "outgoing" }
    : { claim: pair.from_claim, source: pair.from_source, direction: "incoming" };
}

export async function viewClaim(id) {
  const claim = await getJSON(apiPath("claims", id));
  const [source, pairs, backed, actors, issues, points, events] = await Promise.all([
    getSource(claim.source_id),
    getList("/claim-pairs", { claim_id: id }),
    getList("/positions", { claim_id: id }),
    records("actors", [...claim.actor_ids, claim.speaker_id]),
    records("issues", claim.issue_ids),
    records("plan-points", claim.plan_point_ids),
    records("events", claim.event_ids),
  ]);
  const sources = new Map([[source.id, source]]);
  for (const pair of pairs) for (const s of [pair.from_source, pair.to_source]) sources.set(s.id, s);
  const text = sourceText(source, claim);
  const contradictions = pairs.filter((p) => p.type === "contradicts");
  const others = pairs.filter((p) => p.type !== "contradicts");
  return [
    ...heading(claim.statement),
    definitions([
      ["Credibility", [credibility(claim.credibility), claim.credibility_note ? ` ${claim.credibility_note}` : ""]],
      [
        "Said by",
        claim.speaker_id
          ? link(route("actors", claim.speaker_id), nameOf(actors, claim.speaker_id))
          : claim.attribution,
      ],
      ["Stated on", claim.stated_on ? formatDate(claim.stated_on) : null],
      ["Figure", quantity(claim) ? `${quantity(claim)}${claim.measure ? ` — ${claim.measure}` : ""}` : null],
      ["Issues", inlineList(claim.issue_ids, (x) => link(route("issues", x), nameOf(issues, x)))],
      ["About", inlineList(claim.actor_ids, (x) => link(route("actors", x), nameOf(actors, x)))],
      ["Plan points", inlineList(claim.plan_point_ids, (x) => link(route("plan-points", x), points.get(x)?.text ?? x))],
      ["Events", inlineList(claim.event_ids, (x) => link(route("events", x), events.get(x)?.title ?? x))],
      [
        "Backs",
        inlineList(backed, (p) => [
          nameOf(actors, p.actor_id),
          " ",
          stance(p.stance),
          " — ",
          positionLink(p, nameOf(actors, p.actor_id)),
        ]),
      ],
    ]),
    section(
      "The quote in its source",
      h(
        "p",
        { class: "meta" },
        link(route("sources", source.id), h("cite", {}, source.title)),
        " ",
        source.publisher ? `${source.publisher} · ` : "",
        source.published_on ? formatDate(source.published_on) : "undated",
        " ",
        reliability(source),
      ),
      h("p", { class: "why" }, h("strong", {}, "Why this grade: "), source.reliability_note),
      text.exact ? null : h("p", { class: "error", role: "alert" }, "The stored offsets do not point at this quote."),
      h("p", { class: "meta" }, `Code points ${claim.quote_start}–${claim.quote_end} of the source text.`),
      text.element,
    ),
    contradictions.length
      ? section(
          `Contradicting claims (${contradictions.length})`,
          contradictions.map((pair) =>
            h(
              "div",
              { class: "contradiction", "data-relation-id": pair.id },
              h("p", { class: "rationale" }, link(route("relations", pair.id), pair.rationale)),
              h(
                "div",
                { class: "side-by-side" },
                claimCard(claim, sources),
                claimCard(otherSide(pair, id).claim, sources),
              ),
            ),
          ),
        )
      : null,
    others.length
      ? section(
          `Other relations (${others.length})`,
          h(
            "div",
            { class: "claims" },
            others.map((pair) => {
              const other = otherSide(pair, id);
              const words =
                other.direction === "outgoing" ? `This claim ${pair.type} it: ` : `It ${pair.type} this claim: `;
              return claimCard(
                other.claim,
                sources,
                h("p", { class: "rationale" }, words, link(route("relations", pair.id), pair.rationale)),
              );
            }),
          ),
        )
      : null,
  ];
}

// ---------------------------------------------------------------- position

export async function viewPosition(id) {
  const position = await getJSON(apiPath("positions", id));
  const [matrix, actors, plans] = await Promise.all([
    getJSON("/position-matrix", { actor_id: position.actor_id, embed: "claims" }),
    records("actors", [position.actor_id]),
    records("plans"),
  ]);
  const entry = [...matrix.cells.flatMap((c) => c.positions), ...matrix.unplaced].find((p) => p.position_id === id);
  const claims = byId(matrix.claims),
    sources = byId(matrix.sources);
  const counts = matrix.cells.filter((c) => c.positions.some((p) => p.position_id === id));
  const actor = nameOf(actors, position.actor_id);
  return [
    ...heading(`${actor}: ${position.stance} — ${entry.target_label}`, position.summary),
    definitions([
      ["Actor", link(route("actors", position.actor_id), actor)],
      ["Stance", stance(position.stance)],
      ["On", targetWords(entry, plans)],
      [
        "Counts for",
        inlineList(counts, (c) => link(route("issues", c.issue_id), nameOf(byId(matrix.issues), c.issue_id))),
      ],
    ]),
    section(
      `Evidence (${position.claim_ids.length})`,
      claimCards(position.claim_ids.map((c) => claims.get(c)), sources, "No claim backs this position."),
    ),
  ];
}

// ---------------------------------------------------------------- event

export async function viewEvent(id) {
  const [event, claims] = await Promise.all([getJSON(apiPath("events", id)), getList(apiPath("events", id, "claims"))]);
  const [actors, sources] = await Promise.all([
    records("actors", event.actor_ids),
    records(
      "sources",
      claims.map((c) => c.source_id),
    ),
  ]);
  return [
    ...heading(event.title, event.description),
    definitions([
      [
        "When",
        event.occurred_on
          ? h("time", { datetime: event.occurred_on }, formatDate(event.occurred_on))
          : "Not dated by the sources",
      ],
      ["About the date", event.date_note],
      ["Kind", event.kind.replace("_", " ")],
      ["Where", event.location],
      ["Involves", inlineList(event.actor_ids, (a) => link(route("actors", a), nameOf(actors, a)))],
    ]),
    h("p", { class: "controls" }, link(route("timeline", { at: id }), "This event on the timeline")),
    section(
      `Reported by ${plural(claims.length, "claim")}`,
      claimCards(claims, sources, "No claim reports this event."),
    ),
  ];
}

// ---------------------------------------------------------------- relation

export async function viewRelation(id) {
  const pair = await getJSON(apiPath("claim-pairs", id));
  const [issues] = await Promise.all([records("issues", pair.issue_ids)]);
  const sources = byId([pair.from_source, pair.to_source]);
  const between = [pair.from_source.id, pair.to_source.id].sort();
  return [
    ...heading(
      pair.rationale,
      `Claim relation: the first claim ${pair.type} the second. Weight ${pair.weight} of 20 ` +
        "(how well both sides are backed).",
    ),
    definitions([
      ["Type", pair.type],
      [
        "Sources",
        pair.within_source
          ? ["both from ", pair.from_source.title]
          : [pair.from_source.title, " and ", pair.to_source.title],
      ],
      ["Issues", inlineList(pair.issue_ids, (x) => link(route("issues", x), nameOf(issues, x)))],
    ]),
    h(
      "p",
      { class: "controls" },
      link(
        route("contradictions", { sources: between.join(",") }),
        pair.within_source ? "Every contradiction within this source" : "Every contradiction between these two sources",
      ),
    ),
    h(
      "div",
      { class: "contradiction", "data-relation-id": pair.id },
      h("div", { class: "side-by-side" }, claimCard(pair.from_claim, sources), claimCard(pair.to_claim, sources)),
    ),
  ];
}

// ---------------------------------------------------------------- place

export async function viewPlace(id) {
  const [place, claims, events] = await Promise.all([
    getJSON(apiPath("places", id)),
    getList(apiPath("places", id, "claims")),
    getList(apiPath("places", id, "events")),
  ]);
  const sources = await records(
    "sources",
    claims.map((c) => c.source_id),
  );
  const where = [place.region, place.country].filter(Boolean).join(", ");
  return [
    ...heading(place.name, place.description),
    definitions([
      ["Kind", place.kind],
      ["In", where || null],
      ["Coordinates", `${place.latitude.toFixed(4)}° N, ${place.longitude.toFixed(4)}° E (curated)`],
      ["Also written", place.aliases.length ? place.aliases.join(", ") : null],
      [
        "Events here",
        inlineList(place.event_ids, (e) => link(route("events", e), events.find((x) => x.id === e)?.title ?? e)),
      ],
    ]),
    section(
      `Mentioned by ${plural(claims.length, "claim")}`,
      claimCards(claims, sources, "No claim mentions this place."),
    ),
  ];
}

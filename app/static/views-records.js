// A page for every kind of record: issue, actor, claim, source, plan point, position, event, claim relation.
// Each reads a small, fixed number of API answers: lists come one page at a time, evidence comes embedded.

import { downloads } from "./downloads.js";
import {
  byId, claimCard, claimItem, credibility, definitions, empty, formatDate, getJSON, getList, getSource, groupBy, h,
  heading, inlineList, link, moreNote, nameOf, plural, quantity, quoteRange, records, reliability, route, section,
  stance,
} from "./lib.js";
import { positionColumns, positionEntry, positionLink, targetWords } from "./positions.js";

const enc = encodeURIComponent;

/** Claims columns for exports: names beside ids, the quote, the grades. */
export function claimColumns(sources, actors = new Map()) {
  return [
    ["claim_id", (c) => c.id],
    ["statement", (c) => c.statement],
    ["quote", (c) => c.quote],
    ["source", (c) => sources.get(c.source_id)?.title ?? c.source_id],
    ["source_id", (c) => c.source_id],
    ["source_reliability", (c) => sources.get(c.source_id)?.reliability ?? ""],
    ["credibility", (c) => c.credibility],
    ["said_by", (c) => (c.speaker_id ? nameOf(actors, c.speaker_id) : c.attribution ?? "")],
    ["stated_on", (c) => c.stated_on ?? ""],
    ["figure", (c) => quantity(c)],
    ["measure", (c) => c.measure ?? ""],
    ["quote_start", (c) => c.quote_start],
    ["quote_end", (c) => c.quote_end],
  ];
}

// ---------------------------------------------------------------- issue

export async function viewIssue(id) {
  const path = `/issues/${enc(id)}`;
  const [issue, matrix, points, about, plans] = await Promise.all([
    getJSON(path), getJSON("/positions/matrix", { issue_id: id, embed: "claims" }),
    getList(`${path}/plan-points`), getList(`${path}/claims`), records("plans"),
  ]);
  const sources = await records("sources", about.map((c) => c.source_id));
  for (const source of matrix.sources) sources.set(source.id, source);
  const claims = byId(matrix.claims);
  const actors = byId(matrix.actors);
  const positions = matrix.cells.flatMap((cell) => cell.positions);
  const counted = groupBy(positions, (p) => p.target_kind);
  const rows = positions.map((p) => ({ ...p, issue_id: id, issue_name: issue.name }));
  // Actors with a stance on the issue itself first: theirs is the most direct answer.
  const direct = (cell) => cell.positions.some((p) => p.target_kind === "issue");
  const cells = [...matrix.cells.filter(direct), ...matrix.cells.filter((cell) => !direct(cell))];
  return [
    ...heading(issue.name, issue.description),
    h("p", { class: "summary" },
      `${plural(matrix.cells.length, "actor")} take ${plural(positions.length, "position")} that count for this issue: ` +
      `${counted.get("issue")?.length ?? 0} on the issue itself, ${counted.get("plan")?.length ?? 0} on plans touching it, ` +
      `${counted.get("plan_point")?.length ?? 0} on plan points touching it.`),
    h("p", { class: "controls" }, link(route("contradictions", { issue: id }), "Contradictions about this issue"), " · ",
      link(route("graph", { issue: id }), "Network around this issue")),
    section("Who stands where",
      matrix.cells.length
        ? [downloads({ name: `positions-${id}`, what: "the positions on this issue", columns: positionColumns(actors, claims), rows }),
          glance(cells, actors),
          h("div", { class: "positions" }, cells.map((cell) =>
            h("article", { class: "actor-stand", id: `stand-${cell.actor_id}`, "data-actor-id": cell.actor_id },
              h("h3", {}, link(route("actors", cell.actor_id), nameOf(actors, cell.actor_id)), " ",
                cell.stances.map((s) => [stance(s), " "])),
              cell.positions.map((p) => positionEntry(p, { claims, sources, plans, actors, issueItself: id })))))]
        : empty("No actor’s position counts for this issue.")),
    section(`Plan points touching this issue (${points.length})`,
      points.length
        ? h("ul", { class: "points" }, points.map((point) => h("li", { "data-point-id": point.id },
          link(route("plan-points", point.id), point.text), " ",
          h("span", { class: "meta" }, "— ", nameOf(plans, point.plan_id)))))
        : empty("No plan point touches this issue.")),
    section(`Claims about this issue (${about.total})`,
      about.length
        ? [downloads({ name: `claims-${id}`, what: "the claims about this issue", columns: claimColumns(sources), rows: about,
          api: { list: `issues/${id}/claims` } }),
          h("ul", { class: "claim-list" }, about.map((c) => claimItem(c, sources))), moreNote(about, "claims")]
        : empty("No claim is about this issue.")),
  ];
}

/** Every actor's stance at a glance: on the issue itself, on plans touching it, on plan points touching it. */
function glance(cells, actors) {
  const kinds = [["issue", "On the issue itself"], ["plan", "On plans touching it"], ["plan_point", "On plan points touching it"]];
  const clip = (text) => (text.length > 70 ? `${text.slice(0, 69)}…` : text);
  return h("div", { class: "table-scroll" }, h("table", { class: "glance" },
    h("caption", {}, "At a glance (details, and the evidence, below)"),
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Actor"), kinds.map(([, words]) => h("th", { scope: "col" }, words)))),
    h("tbody", {}, cells.map((cell) => h("tr", { "data-actor-id": cell.actor_id },
      h("th", { scope: "row" }, link(route("actors", cell.actor_id), nameOf(actors, cell.actor_id))),
      kinds.map(([kind]) => h("td", { "data-kind": kind }, cell.positions.filter((p) => p.target_kind === kind).map((p) =>
        h("div", {}, stance(p.stance), kind === "issue" ? null : ` ${clip(p.target_label)}`)))))))));
}

// ---------------------------------------------------------------- actor

export async function viewActor(id, query = "") {
  const path = `/actors/${enc(id)}`;
  const focus = new URLSearchParams(query).get("issue");
  const [actor, matrix, claims, events, members, plans] = await Promise.all([
    getJSON(path), getJSON("/positions/matrix", { actor_id: id, embed: "claims" }),
    getList(`${path}/claims`), getList(`${path}/events`, { sort: "occurred_on" }),
    getList("/actors", { affiliation_id: id }), records("plans"),
  ]);
  const actors = await records("actors", [actor.affiliation_id]);
  const sources = await records("sources", claims.map((c) => c.source_id));
  for (const source of matrix.sources) sources.set(source.id, source);
  const backing = byId(matrix.claims);
  const issues = byId(matrix.issues);
  const spoken = claims.filter((c) => c.speaker_id === id);
  const aboutIt = claims.filter((c) => c.speaker_id !== id);
  const rows = matrix.cells.flatMap((cell) => cell.positions.map((p) => ({ ...p, issue_id: cell.issue_id,
    issue_name: nameOf(issues, cell.issue_id) })));
  const claimList = (list, what, name) => list.length
    ? [downloads({ name, what, columns: claimColumns(sources, actors), rows: list }),
      h("ul", { class: "claim-list" }, list.map((c) => claimItem(c, sources)))]
    : empty(`No ${what}.`);
  return [
    ...heading(actor.name, actor.description),
    definitions([
      ["Kind", actor.kind.replace("_", " ")],
      ["Part of", actor.affiliation_id ? link(route("actors", actor.affiliation_id), nameOf(actors, actor.affiliation_id)) : null],
      ["Members", inlineList(members, (m) => link(route("actors", m.id), m.name))],
      ["Spelled in the sources", inlineList(actor.aliases, (alias) => `“${alias}”`)],
      ["Roles", inlineList(actor.roles, (r) => [r.role, " — ", link(route("claims", r.claim_id), `as “${r.role}” in ${nameOf(sources, r.source_id)}`)])],
    ]),
    h("p", { class: "controls" }, link(route("graph", { actor: id }), `Network around ${actor.name}`)),
    section("Positions, issue by issue",
      matrix.cells.length || matrix.unplaced.length
        ? [downloads({ name: `positions-${id}`, what: `${actor.name}’s positions`, columns: positionColumns(byId([actor]), backing),
          rows: [...rows, ...matrix.unplaced] }),
          h("div", { class: "positions" }, matrix.cells.map((cell) =>
            h("article", { class: `issue-stand${cell.issue_id === focus ? " focused" : ""}`, id: `stand-${cell.issue_id}`, "data-issue-id": cell.issue_id },
              h("h3", {}, "On ", link(route("issues", cell.issue_id), nameOf(issues, cell.issue_id)), " ", cell.stances.map((s) => [stance(s), " "])),
              cell.positions.map((p) => positionEntry(p, { claims: backing, sources, plans, actors: byId([actor]), issueItself: cell.issue_id, open: cell.issue_id === focus }))))),
          matrix.unplaced.length
            ? h("article", { class: "issue-stand" }, h("h3", {}, "On plans and points that touch no issue"),
              matrix.unplaced.map((p) => positionEntry(p, { claims: backing, sources, plans, actors: byId([actor]) })))
            : null]
        : empty(`No position of ${actor.name} is recorded.`)),
    section(`Claims ${actor.name} made (${spoken.length})`, claimList(spoken, `claims ${actor.name} made`, `claims-by-${id}`)),
    section(`Claims about ${actor.name} (${aboutIt.length})`, claimList(aboutIt, `claims about ${actor.name}`, `claims-about-${id}`),
      moreNote(claims, "claims by or about this actor")),
    section(`Events (${events.length})`, events.length
      ? h("ul", {}, events.map((e) => h("li", {}, link(route("events", e.id), e.title), " ",
        h("span", { class: "meta" }, e.occurred_on ? formatDate(e.occurred_on) : "not dated"))))
      : empty("No event involves this actor.")),
  ];
}

// ---------------------------------------------------------------- claim

function sourceText(source, claim) {
  const [start, end] = quoteRange(source.text, claim.quote_start, claim.quote_end);
  const found = source.text.slice(start, end);
  return {
    exact: found === claim.quote,
    element: h("div", { class: "source-text", tabindex: "0", role: "region", "aria-label": `Text of ${source.title}` },
      source.text.slice(0, start), h("mark", { id: "quote", "data-claim-id": claim.id }, found), source.text.slice(end)),
  };
}

function otherSide(pair, claimId) {
  return pair.from_claim_id === claimId
    ? { claim: pair.to_claim, source: pair.to_source, direction: "outgoing" }
    : { claim: pair.from_claim, source: pair.from_source, direction: "incoming" };
}

export async function viewClaim(id) {
  const claim = await getJSON(`/claims/${enc(id)}`);
  const [source, pairs, backed, actors, issues, points, events] = await Promise.all([
    getSource(claim.source_id), getList("/claim-pairs", { claim_id: id }), getList("/positions", { claim_id: id }),
    records("actors", [...claim.actor_ids, claim.speaker_id]), records("issues", claim.issue_ids),
    records("plan-points", claim.plan_point_ids), records("events", claim.event_ids),
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
      ["Said by", claim.speaker_id ? link(route("actors", claim.speaker_id), nameOf(actors, claim.speaker_id)) : claim.attribution],
      ["Stated on", claim.stated_on ? formatDate(claim.stated_on) : null],
      ["Figure", quantity(claim) ? `${quantity(claim)}${claim.measure ? ` — ${claim.measure}` : ""}` : null],
      ["Issues", inlineList(claim.issue_ids, (x) => link(route("issues", x), nameOf(issues, x)))],
      ["About", inlineList(claim.actor_ids, (x) => link(route("actors", x), nameOf(actors, x)))],
      ["Plan points", inlineList(claim.plan_point_ids, (x) => link(route("plan-points", x), points.get(x)?.text ?? x))],
      ["Events", inlineList(claim.event_ids, (x) => link(route("events", x), events.get(x)?.title ?? x))],
      ["Backs", inlineList(backed, (p) => [nameOf(actors, p.actor_id), " ", stance(p.stance), " — ", positionLink(p, nameOf(actors, p.actor_id))])],
    ]),
    section("The quote in its source",
      h("p", { class: "meta" }, link(route("sources", source.id), h("cite", {}, source.title)), " ",
        source.publisher ? `${source.publisher} · ` : "", source.published_on ? formatDate(source.published_on) : "undated", " ",
        reliability(source)),
      h("p", { class: "why" }, h("strong", {}, "Why this grade: "), source.reliability_note),
      text.exact ? null : h("p", { class: "error", role: "alert" }, "The stored offsets do not point at this quote."),
      h("p", { class: "meta" }, `Code points ${claim.quote_start}–${claim.quote_end} of the source text.`),
      text.element),
    contradictions.length
      ? section(`Contradicting claims (${contradictions.length})`, contradictions.map((pair) =>
        h("div", { class: "contradiction", "data-relation-id": pair.id },
          h("p", { class: "rationale" }, link(route("relations", pair.id), pair.rationale)),
          h("div", { class: "side-by-side" }, claimCard(claim, sources), claimCard(otherSide(pair, id).claim, sources)))))
      : null,
    others.length
      ? section(`Other relations (${others.length})`, h("div", { class: "claims" }, others.map((pair) => {
        const other = otherSide(pair, id);
        const words = other.direction === "outgoing" ? `This claim ${pair.type} it: ` : `It ${pair.type} this claim: `;
        return claimCard(other.claim, sources, h("p", { class: "rationale" }, words, link(route("relations", pair.id), pair.rationale)));
      })))
      : null,
  ];
}

// ---------------------------------------------------------------- source

export async function viewSource(id) {
  const [source, claims] = await Promise.all([getSource(id), getList(`/sources/${enc(id)}/claims`, { sort: "quote_start" })]);
  const sources = new Map([[source.id, source]]);
  return [
    ...heading(source.title, [source.publisher, source.attributed_to && `attributed to ${source.attributed_to}`,
      source.published_on ? formatDate(source.published_on) : "undated"].filter(Boolean).join(" · ")),
    h("div", { class: "grade-box" }, reliability(source), h("p", { class: "why" }, h("strong", {}, "Why this grade: "), source.reliability_note)),
    definitions([["Kind", source.kind.replace("_", " ")], ["Notes", source.notes], ["Address", source.url]]),
    h("p", { class: "controls" }, link(route("contradictions", { sources: source.id }), "Contradictions involving this source"), " · ",
      link("#/sources", "Every source’s grade")),
    section(`Claims quoting it (${claims.total})`, claims.length
      ? [downloads({ name: `claims-${id}`, what: "the claims quoting this source", columns: claimColumns(sources), rows: claims,
        api: { list: `sources/${id}/claims`, params: { sort: "quote_start" } } }),
        h("ol", { class: "claim-list" }, claims.map((c) => h("li", { "data-claim-id": c.id }, link(route("claims", c.id), c.statement), " ",
          credibility(c.credibility)))), moreNote(claims, "claims")]
      : empty("No claim quotes this source.")),
    section("Text", h("div", { class: "source-text", tabindex: "0", role: "region", "aria-label": "Source text" }, source.text)),
  ];
}

// ---------------------------------------------------------------- plan point

export async function viewPlanPoint(id) {
  const path = `/plan-points/${enc(id)}`;
  const point = await getJSON(path);
  const [siblings, positions, claims, plans, issues] = await Promise.all([
    getList(`/plans/${enc(point.plan_id)}/points`), getList(`${path}/positions`), getList(`${path}/claims`),
    records("plans", [point.plan_id]), records("issues", point.issue_ids),
  ]);
  const [actors, sources] = await Promise.all([records("actors", positions.map((p) => p.actor_id)),
    records("sources", claims.map((c) => c.source_id))]);
  const byPoint = byId(siblings);
  const children = siblings.filter((p) => p.parent_id === id);
  const plan = plans.get(point.plan_id);
  const claimsById = byId(claims);
  return [
    ...heading(`${point.ordinal !== null ? `Point ${point.ordinal}` : "A point"} of ${plan?.name ?? point.plan_id}`, point.text),
    definitions([
      ["Plan", link(route("plans", point.plan_id), plan?.name ?? point.plan_id)],
      ["Detail of", point.parent_id ? link(route("plan-points", point.parent_id), byPoint.get(point.parent_id)?.text ?? point.parent_id) : null],
      ["Details", inlineList(children, (c) => link(route("plan-points", c.id), c.text))],
      ["Category", point.category.replace("_", " ")],
      ["Issues", inlineList(point.issue_ids, (x) => link(route("issues", x), nameOf(issues, x)))],
      ["Place in the plan", `${point.sequence} of ${siblings.length}`],
    ]),
    section(`Positions on this point (${positions.length})`, positions.length
      ? h("div", { class: "positions" }, positions.map((p) => h("div", {},
        h("h3", {}, link(route("actors", p.actor_id), nameOf(actors, p.actor_id))),
        positionEntry({ ...p, position_id: p.id, target_kind: "plan_point", target_id: id, target_label: point.text, plan_id: point.plan_id },
          { claims: claimsById, sources, plans, actors }))))
      : empty("No actor’s position on this point is recorded.")),
    section(`Claims about this point (${claims.length})`, claims.length
      ? h("div", { class: "claims" }, claims.map((c) => claimCard(c, sources)))
      : empty("No claim is about this point.")),
  ];
}

// ---------------------------------------------------------------- position

export async function viewPosition(id) {
  const position = await getJSON(`/positions/${enc(id)}`);
  const [matrix, actors, plans] = await Promise.all([
    getJSON("/positions/matrix", { actor_id: position.actor_id, embed: "claims" }), records("actors", [position.actor_id]), records("plans"),
  ]);
  const entry = [...matrix.cells.flatMap((c) => c.positions), ...matrix.unplaced].find((p) => p.position_id === id);
  const claims = byId(matrix.claims), sources = byId(matrix.sources);
  const counts = matrix.cells.filter((c) => c.positions.some((p) => p.position_id === id));
  const actor = nameOf(actors, position.actor_id);
  return [
    ...heading(`${actor}: ${position.stance} — ${entry.target_label}`, position.summary),
    definitions([
      ["Actor", link(route("actors", position.actor_id), actor)],
      ["Stance", stance(position.stance)],
      ["On", targetWords(entry, plans)],
      ["Counts for", inlineList(counts, (c) => link(route("issues", c.issue_id), nameOf(byId(matrix.issues), c.issue_id)))],
    ]),
    section(`Evidence (${position.claim_ids.length})`, position.claim_ids.length
      ? h("div", { class: "claims" }, position.claim_ids.map((c) => claimCard(claims.get(c), sources)))
      : empty("No claim backs this position.")),
  ];
}

// ---------------------------------------------------------------- event

export async function viewEvent(id) {
  const [event, claims] = await Promise.all([getJSON(`/events/${enc(id)}`), getList(`/events/${enc(id)}/claims`)]);
  const [actors, sources] = await Promise.all([records("actors", event.actor_ids), records("sources", claims.map((c) => c.source_id))]);
  return [
    ...heading(event.title, event.description),
    definitions([
      ["When", event.occurred_on ? h("time", { datetime: event.occurred_on }, formatDate(event.occurred_on)) : "Not dated by the sources"],
      ["About the date", event.date_note],
      ["Kind", event.kind.replace("_", " ")],
      ["Where", event.location],
      ["Involves", inlineList(event.actor_ids, (a) => link(route("actors", a), nameOf(actors, a)))],
    ]),
    h("p", { class: "controls" }, link(route("timeline", { at: id }), "This event on the timeline")),
    section(`Reported by ${plural(claims.length, "claim")}`, claims.length
      ? h("div", { class: "claims" }, claims.map((c) => claimCard(c, sources)))
      : empty("No claim reports this event.")),
  ];
}

// ---------------------------------------------------------------- relation

export async function viewRelation(id) {
  const pair = await getJSON(`/claim-pairs/${enc(id)}`);
  const [issues] = await Promise.all([records("issues", pair.issue_ids)]);
  const sources = byId([pair.from_source, pair.to_source]);
  const between = [pair.from_source.id, pair.to_source.id].sort();
  return [
    ...heading(pair.rationale, `Claim relation: the first claim ${pair.type} the second. Weight ${pair.weight} of 20 ` +
      "(how well both sides are backed)."),
    definitions([
      ["Type", pair.type],
      ["Sources", pair.within_source ? ["both from ", pair.from_source.title] : [pair.from_source.title, " and ", pair.to_source.title]],
      ["Issues", inlineList(pair.issue_ids, (x) => link(route("issues", x), nameOf(issues, x)))],
    ]),
    h("p", { class: "controls" }, link(route("contradictions", { sources: between.join(",") }),
      pair.within_source ? "Every contradiction within this source" : "Every contradiction between these two sources")),
    h("div", { class: "contradiction", "data-relation-id": pair.id },
      h("div", { class: "side-by-side" }, claimCard(pair.from_claim, sources), claimCard(pair.to_claim, sources))),
  ];
}

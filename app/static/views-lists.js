// The explorer's overviews: issues, who stands where (the positions matrix), sources and their grades,
// plans, numbers and the timeline. Contradictions and search have modules of their own.

import { figureBars, matrixChart, stanceKey, timelineChart } from "./charts.js";
import { downloads } from "./downloads.js";
import {
  byId, credibility, empty, formatDate, getJSON, getList, gradeLegend, groupBy, h, heading, link, moreNote,
  nameOf, plural, quantity, records, reliability, route, section, stance, unique,
} from "./lib.js";
import { describeCell, positionLink } from "./positions.js";
import { claimColumns } from "./views-records.js";

// ---------------------------------------------------------------- issues

export async function viewIssues() {
  const [issues, matrix] = await Promise.all([getList("/issues", { sort: "name" }), getJSON("/positions/matrix")]);
  const counts = new Map();
  for (const cell of matrix.cells) {
    const seen = counts.get(cell.issue_id) ?? { positions: new Set(), actors: new Set() };
    cell.positions.forEach((p) => seen.positions.add(p.position_id));
    seen.actors.add(cell.actor_id);
    counts.set(cell.issue_id, seen);
  }
  const count = (id) => counts.get(id) ?? { positions: new Set(), actors: new Set() };
  return [
    ...heading("Disputed issues", "Pick an issue to see where every actor stands on it — on the issue itself and on the " +
      "plans and plan points that touch it — and the words of the sources behind each position."),
    downloads({ name: "issues", what: "the issues", rows: issues, api: { list: "issues", params: { sort: "name" } }, columns: [
      ["issue_id", (i) => i.id], ["issue", (i) => i.name], ["description", (i) => i.description ?? ""],
      ["positions", (i) => count(i.id).positions.size], ["actors", (i) => count(i.id).actors.size],
    ] }),
    h("ul", { class: "cards" }, issues.map((issue) =>
      h("li", { class: "card", "data-issue-id": issue.id },
        h("h2", {}, link(route("issues", issue.id), issue.name)),
        issue.description ? h("p", {}, issue.description) : null,
        h("p", { class: "meta counts" }, `${plural(count(issue.id).positions.size, "position")} by ` +
          `${plural(count(issue.id).actors.size, "actor")}, counting those on plans and plan points that touch it`)))),
    moreNote(issues, "issues"),
  ];
}

// ---------------------------------------------------------------- who stands where

export async function viewActors() {
  const [matrix, actors] = await Promise.all([getJSON("/positions/matrix"), getList("/actors", { sort: "name" })]);
  const actorNames = byId(matrix.actors), issueNames = byId(matrix.issues);
  const held = groupBy(matrix.cells, (c) => c.actor_id);
  const everyActor = byId(actors);
  const rows = matrix.cells.flatMap((cell) => cell.positions.map((p) => ({ cell, p })));
  const describe = (cell) => describeCell(cell, nameOf(actorNames, cell.actor_id), nameOf(issueNames, cell.issue_id));
  return [
    ...heading("Who stands where", `${plural(matrix.actors.length, "actor")} × ${plural(matrix.issues.length, "issue")}. ` +
      "A position on a plan or plan point counts for every issue it touches. Select a cell for the positions behind it, " +
      "an issue for every actor’s position on it, an actor for its page."),
    stanceKey(),
    matrixChart(matrix, {
      cellHref: (cell) => route("actors", cell.actor_id, { issue: cell.issue_id }),
      actorHref: (actor) => route("actors", actor.id),
      issueHref: (issue) => route("issues", issue.id),
      describe,
    }),
    downloads({ name: "positions-matrix", what: "every position, cell by cell", rows, columns: [
      ["actor", ({ cell }) => nameOf(actorNames, cell.actor_id)], ["actor_id", ({ cell }) => cell.actor_id],
      ["issue", ({ cell }) => nameOf(issueNames, cell.issue_id)], ["issue_id", ({ cell }) => cell.issue_id],
      ["stance", ({ p }) => p.stance], ["on_kind", ({ p }) => p.target_kind], ["on", ({ p }) => p.target_label],
      ["on_id", ({ p }) => p.target_id], ["summary", ({ p }) => p.summary], ["position_id", ({ p }) => p.position_id],
      ["claim_ids", ({ p }) => p.claim_ids],
    ] }),
    h("details", { class: "as-table" }, h("summary", {}, "The matrix as a table"),
      h("div", { class: "table-scroll" }, h("table", {},
        h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Actor"), h("th", { scope: "col" }, "Issue"), h("th", { scope: "col" }, "Positions"))),
        h("tbody", {}, matrix.cells.map((cell) => h("tr", {},
          h("th", { scope: "row" }, nameOf(actorNames, cell.actor_id)), h("td", {}, nameOf(issueNames, cell.issue_id)),
          h("td", {}, h("a", { href: route("actors", cell.actor_id, { issue: cell.issue_id }), "aria-label": describe(cell) },
            describe(cell).split(": ").slice(1).join(": "))))))))),
    section(`Every actor (${actors.total})`,
      downloads({ name: "actors", what: "the actors", rows: actors, api: { list: "actors", params: { sort: "name" } }, columns: [
        ["actor_id", (a) => a.id], ["actor", (a) => a.name], ["kind", (a) => a.kind],
        ["part_of", (a) => (a.affiliation_id ? nameOf(everyActor, a.affiliation_id) : "")], ["part_of_id", (a) => a.affiliation_id ?? ""],
        ["aliases", (a) => a.aliases], ["issues_with_positions", (a) => (held.get(a.id) ?? []).map((c) => nameOf(issueNames, c.issue_id))],
      ] }),
      h("ul", { class: "actor-list" }, actors.map((actor) => h("li", { "data-actor-id": actor.id },
        link(route("actors", actor.id), actor.name), " ", h("span", { class: "meta" }, actor.kind.replace("_", " "),
          held.has(actor.id) ? ` · positions on ${plural(held.get(actor.id).length, "issue")}` : "")))),
      moreNote(actors, "actors")),
  ];
}

// ---------------------------------------------------------------- sources

export async function viewSources() {
  const [sources, summary] = await Promise.all([getList("/sources", { sort: "reliability" }),
    getJSON("/claim-pairs/summary", { type: "contradicts" })]);
  const against = (id, within) => summary.source_pairs
    .filter((p) => p.source_ids.includes(id) && (p.source_ids[0] === p.source_ids[1]) === within)
    .reduce((sum, p) => sum + p.count, 0);
  return [
    ...heading("Sources and how far to trust them", "Every source’s reliability grade side by side, with the reason for it. " +
      "Claims carry a credibility grade of their own."),
    gradeLegend(),
    downloads({ name: "sources", what: "the sources and their grades", rows: sources, api: { list: "sources", params: { sort: "reliability" } },
      columns: [
        ["source_id", (s) => s.id], ["title", (s) => s.title], ["kind", (s) => s.kind], ["publisher", (s) => s.publisher ?? ""],
        ["published_on", (s) => s.published_on ?? ""], ["reliability", (s) => s.reliability], ["why", (s) => s.reliability_note],
        ["contradictions_within", (s) => against(s.id, true)], ["contradictions_with_others", (s) => against(s.id, false)],
      ] }),
    h("ul", { class: "source-cards" }, sources.map((source) => h("li", { class: "source-card", "data-source-id": source.id },
      h("div", { class: "big-grade" }, reliability(source)),
      h("div", {},
        h("h2", {}, link(route("sources", source.id), source.title)),
        h("p", { class: "meta" }, [source.kind.replace("_", " "), source.publisher, source.published_on ? formatDate(source.published_on) : "undated"]
          .filter(Boolean).join(" · ")),
        h("p", { class: "why" }, h("strong", {}, "Why: "), source.reliability_note),
        h("p", { class: "meta" }, link(route("contradictions", { sources: source.id }),
          `${plural(against(source.id, false), "contradiction")} with other sources, ${against(source.id, true)} within itself`)))))),
    moreNote(sources, "sources"),
  ];
}

// ---------------------------------------------------------------- plans

export async function viewPlans() {
  const plans = [...(await records("plans")).values()];
  if (!plans.length) return [...heading("Plans"), empty("No plans are recorded.")];
  const ids = new Set(plans.map((p) => p.id));
  const newer = plans.find((p) => p.supersedes_id && ids.has(p.supersedes_id));
  const [base, other] = newer ? [newer.supersedes_id, newer.id] : [plans[0].id, (plans[1] ?? plans[0]).id];
  history.replaceState(history.state, "", route("plans", base, other));
  return viewPlanDiff(base, other);
}

function planPicker(plans, base, other) {
  const select = (name, label, chosen) => [
    h("label", { for: `plan-${name}` }, label),
    h("select", { id: `plan-${name}`, name }, plans.map((plan) => h("option", { value: plan.id, selected: plan.id === chosen }, plan.name))),
  ];
  return h("form", {
    class: "plan-picker",
    onsubmit: (event) => {
      event.preventDefault();
      const data = new FormData(event.target);
      location.hash = route("plans", data.get("base"), data.get("other"));
    },
  }, select("base", "Earlier version", base), select("other", "Later version", other), h("button", { type: "submit" }, "Compare"));
}

function diffText(changes, side) {
  return changes.map((change) => {
    if (change.op === "equal") return change[side];
    if (side === "base" && (change.op === "delete" || change.op === "replace")) return h("del", {}, change.base);
    if (side === "other" && (change.op === "insert" || change.op === "replace")) return h("ins", {}, change.other);
    return null;
  });
}

function pointCell(point, changes, side) {
  if (!point) return h("td", { class: "absent" }, h("span", { "aria-hidden": "true" }, "—"), h("span", { class: "visually-hidden" }, "no matching point"));
  const number = point.ordinal !== null ? `${point.ordinal}. ` : "";
  return h("td", { "data-point-id": point.id }, number, link(route("plan-points", point.id), changes.length ? diffText(changes, side) : point.text),
    point.parent_id ? h("span", { class: "meta" }, " (detail of another point)") : null);
}

async function viewPlan(id, plansById, plans) {
  const [points, positions, actors] = await Promise.all([getList(`/plans/${encodeURIComponent(id)}/points`),
    getList(`/plans/${encodeURIComponent(id)}/positions`), records("actors")]);
  const plan = plansById.get(id);
  const later = plans.filter((p) => p.supersedes_id === id);
  return [
    ...heading(plan.name, plan.description),
    h("p", { class: "meta" }, [plan.status.replace("_", " "), plan.announced_on ? `announced ${formatDate(plan.announced_on)}` : "no announcement date"].join(" · "),
      plan.proposer_ids.length ? [" · proposed by ", plan.proposer_ids.map((a, i) => [i ? ", " : "", link(route("actors", a), nameOf(actors, a))])] : null),
    h("p", { class: "controls" },
      plan.supersedes_id ? [link(route("plans", plan.supersedes_id, id), `Compare with the earlier ${nameOf(plansById, plan.supersedes_id)}`), " · "] : null,
      later.map((p) => [link(route("plans", id, p.id), `Compare with the later ${p.name}`), " · "]),
      plan.source_id ? link(route("sources", plan.source_id), "The source describing it") : null),
    planPicker(plans, id, id),
    section(`Positions on the whole plan (${positions.length})`, positions.length
      ? h("ul", {}, positions.map((p) => h("li", {}, link(route("actors", p.actor_id), nameOf(actors, p.actor_id)), " ",
        stance(p.stance), " — ", positionLink(p, nameOf(actors, p.actor_id)))))
      : empty("No position on the whole plan is recorded.")),
    section(`Points (${points.length})`, points.length
      ? [downloads({ name: `points-${id}`, what: "the plan’s points", rows: points, api: { list: `plans/${id}/points` }, columns: [
        ["point_id", (p) => p.id], ["plan", () => plan.name], ["plan_id", (p) => p.plan_id], ["ordinal", (p) => p.ordinal ?? ""],
        ["sequence", (p) => p.sequence], ["text", (p) => p.text], ["category", (p) => p.category], ["issue_ids", (p) => p.issue_ids],
        ["detail_of", (p) => p.parent_id ?? ""],
      ] }),
        h("ol", { class: "points" }, points.map((p) => h("li", { "data-point-id": p.id }, link(route("plan-points", p.id), p.text))))]
      : empty("No source lists this plan’s points, so none are recorded.")),
  ];
}

export async function viewPlanDiff(base, other) {
  const plansById = await records("plans");
  const plans = [...plansById.values()];
  const name = (id) => nameOf(plansById, id);
  if (base === other) return viewPlan(base, plansById, plans);
  const diff = await getJSON(`/plans/${encodeURIComponent(base)}/diff/${encodeURIComponent(other)}`);
  const { summary } = diff;
  const baseEmpty = !diff.rows.some((row) => row.base), otherEmpty = !diff.rows.some((row) => row.other);
  const explain = (emptyId, fullId, what) => h("p", { class: "notice", role: "note" },
    `${name(emptyId)} has no recorded points: the sources mention it but never list its points. So every point of `,
    `${name(fullId)} shows as ${what} — which says nothing about what changed between the two. `,
    link(route("plans", emptyId), `What is known of ${name(emptyId)}`));
  return [
    ...heading("Plans side by side", "Points matched across versions: unchanged, reworded (word by word), removed and added."),
    planPicker(plans, base, other),
    h("p", { class: "summary" }, `${summary.unchanged} unchanged · ${summary.reworded} reworded · ${summary.removed} removed · ${summary.added} added`),
    baseEmpty && diff.rows.length ? explain(base, other, "added") : null,
    otherEmpty && diff.rows.length ? explain(other, base, "removed") : null,
    h("p", { class: "meta" }, `Method: ${diff.method}.`),
    downloads({ name: `diff-${base}-${other}`, what: "the rows of this comparison", rows: diff.rows, columns: [
      ["change", (r) => r.status], ["matched_by", (r) => r.matched_by ?? ""], ["similarity", (r) => r.similarity ?? ""],
      [`${base}_point_id`, (r) => r.base?.id ?? ""], [`${base}_text`, (r) => r.base?.text ?? ""],
      [`${other}_point_id`, (r) => r.other?.id ?? ""], [`${other}_text`, (r) => r.other?.text ?? ""],
    ] }),
    h("div", { class: "table-scroll" }, h("table", { class: "diff" },
      h("caption", {}, `${name(base)} → ${name(other)}`),
      h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Change"), h("th", { scope: "col" }, name(base)), h("th", { scope: "col" }, name(other)))),
      h("tbody", {}, diff.rows.map((row) => h("tr", { class: `row-${row.status}` },
        h("th", { scope: "row" }, row.status,
          row.matched_by ? h("span", { class: "meta" }, ` by ${row.matched_by}${row.similarity !== null && row.similarity < 1 ? `, ${Math.round(row.similarity * 100)}% alike` : ""}`) : null),
        pointCell(row.base, row.changes, "base"),
        pointCell(row.other, row.changes, "other")))))),
    diff.rows.length ? null : empty("Neither plan has recorded points."),
  ];
}

// ---------------------------------------------------------------- numbers

/**
 * Figures to compare: claims linked by a relation (they speak of the same thing) that share a unit. A
 * relation may also link a duration to a year; those are never compared. The rest stand alone.
 */
function numberGroups(claims) {
  const parent = new Map(claims.map((c) => [c.id, c.id]));
  const find = (id) => (parent.get(id) === id ? id : find(parent.get(id)));
  for (const claim of claims) {
    for (const relation of claim.relations) {
      if (parent.has(relation.claim_id)) parent.set(find(claim.id), find(relation.claim_id));
    }
  }
  const linked = [...groupBy(claims, (c) => `${find(c.id)} ${c.unit ?? "date"}`).values()];
  return {
    compared: linked.filter((group) => group.length > 1).sort((a, b) => b.length - a.length),
    alone: linked.filter((group) => group.length === 1).map(([claim]) => claim),
  };
}

function numbersTable(claims, sources, caption, { compare }) {
  const values = unique(claims.map(quantity));
  return h("div", { class: "table-scroll" }, h("table", { class: "numbers" },
    h("caption", {}, caption, " ", compare
      ? h("span", { class: `badge ${values.length > 1 ? "differ" : "agree"}` }, values.length > 1 ? "the figures differ" : "the same figure")
      : null),
    h("thead", {}, h("tr", {}, ["Figure", "What it measures", "Source", "Credibility", "The words"].map((t) => h("th", { scope: "col" }, t)))),
    h("tbody", {}, claims.map((claim) => {
      const source = sources.get(claim.source_id);
      return h("tr", { "data-claim-id": claim.id },
        h("td", { class: "figure" }, quantity(claim)),
        h("td", {}, claim.measure ?? ""),
        h("td", {}, source ? source.title : claim.source_id, " ", reliability(source)),
        h("td", {}, credibility(claim.credibility)),
        h("td", {}, link(route("claims", claim.id), `“${claim.quote}”`)));
    }))));
}

const clipped = (text, length) => (text.length > length ? `${text.slice(0, length - 1)}…` : text);
const BAR_UNITS = new Set(["percent", "USD", "hours", "days", "points", "soldiers", "prisoners of war", "civilians", "envoys"]);

export async function viewNumbers() {
  const claims = await getList("/claims", { quantitative: "true", sort: "value" });
  const sources = await records("sources", claims.map((c) => c.source_id));
  const { compared, alone } = numberGroups(claims);
  const byUnit = groupBy(alone, (c) => (c.value_on ? "date" : c.unit ?? "number"));
  return [
    ...heading("Numbers across sources", "Every figure the sources give. Only figures of one measure — claims linked by a " +
      "relation, in the same unit — are compared, and drawn to one scale."),
    downloads({ name: "figures", what: "every figure", rows: claims, api: { list: "claims", params: { quantitative: "true", sort: "value" } },
      columns: [["figure", (c) => quantity(c)], ["value", (c) => c.value ?? c.value_on ?? ""], ["unit", (c) => c.unit ?? ""],
        ...claimColumns(sources).filter(([name]) => name !== "figure")] }),
    section(`Figures several claims give (${compared.length} measures)`, compared.length
      ? compared.map((group) => h("div", { class: "measure", "data-unit": group[0].unit ?? "date" },
        h("h3", {}, (group[0].measure ?? "a figure").replace(/\s*\([^)]*\)\s*$/, "")),
        group[0].unit && BAR_UNITS.has(group[0].unit)
          ? figureBars(group.map((c) => ({ ...c, shown: quantity(c) })), {
            label: (c) => `${clipped(sources.get(c.source_id)?.title ?? c.source_id, 28)} (${sources.get(c.source_id)?.reliability ?? "?"})`,
            value: (c) => c.value, href: (c) => route("claims", c.id), unit: group[0].unit,
          })
          : null,
        numbersTable(group, sources, `${plural(group.length, "claim")}, one measure`, { compare: true })))
      : empty("No figure is given by more than one claim.")),
    section("Figures only one claim gives", h("p", { class: "meta" }, "Each measures something of its own, so they are listed " +
      "by unit and not compared with each other."),
    [...byUnit.entries()].map(([unit, group]) => numbersTable(group, sources, unit === "year" ? "years" : unit, { compare: false }))),
    moreNote(claims, "figures"),
  ];
}

// ---------------------------------------------------------------- timeline

const byTitle = (a, b) => a.title.localeCompare(b.title, "en");

export async function viewTimeline(query = "") {
  const at = new URLSearchParams(query).get("at");
  const [events, stated, figures] = await Promise.all([
    getList("/events", { sort: "occurred_on" }),
    getList("/claims", { stated_from: "0001-01-01", sort: "stated_on" }),
    getList("/claims", { quantitative: "true", sort: "value" }),
  ]);
  const dated = events.filter((e) => e.occurred_on)
    .sort((a, b) => a.occurred_on.localeCompare(b.occurred_on) || byTitle(a, b));
  const undated = events.filter((e) => !e.occurred_on).sort(byTitle);
  const named = figures.filter((c) => c.value_on);
  const years = figures.filter((c) => c.unit === "year");
  const marks = [
    ...dated.map((e) => ({ date: e.occurred_on, label: e.title, kind: "event", href: route("events", e.id), id: `event-${e.id}` })),
    ...stated.map((c) => ({ date: c.stated_on, label: `said: ${c.statement}`, kind: "stated", href: route("claims", c.id), id: `claim-${c.id}` })),
    ...named.map((c) => ({ date: c.value_on, label: `date named: ${c.measure ?? c.statement}`, kind: "named", href: route("claims", c.id), id: `named-${c.id}` })),
  ].sort((a, b) => a.date.localeCompare(b.date) || a.label.localeCompare(b.label, "en"));
  const item = (mark) => h("li", { id: mark.id, class: `event kind-${mark.kind}${mark.id === `event-${at}` ? " focused" : ""}` },
    h("time", { datetime: mark.date }, formatDate(mark.date)), " ",
    h("span", { class: "badge" }, { event: "event", stated: "claim made", named: "date a claim names" }[mark.kind]), " ",
    link(mark.href, mark.label));
  return [
    ...heading("Timeline", `${plural(marks.length, "dated record")} drawn to scale: ${plural(dated.length, "event")}, ` +
      `${plural(stated.length, "claim")} with the day it was made, ${plural(named.length, "date")} that claims name. ` +
      `${plural(undated.length, "event")} the sources do not date are listed apart.`),
    marks.length ? timelineChart(marks) : empty("No record is dated."),
    h("p", { class: "meta" }, "Above the line: events (circles). Below: claims (squares) — when a claim was made, or a date it names."),
    downloads({ name: "timeline", what: "the dated records and the undated events", rows: [...marks.map((m) => ({ ...m, note: "" })),
      ...undated.map((e) => ({ date: "", label: e.title, kind: "undated event", href: route("events", e.id), id: `event-${e.id}`, note: e.date_note ?? "" }))],
    columns: [["date", (m) => m.date], ["what", (m) => m.kind], ["title", (m) => m.label], ["record", (m) => m.id], ["about_the_date", (m) => m.note]] }),
    section("In order", h("ol", { class: "timeline" }, marks.map(item))),
    section(`Not dated by the sources (${undated.length})`,
      h("p", { class: "meta" }, "These events have no date in any source, so they cannot be placed on the line; they are " +
        "listed by title, not in time order, each with what the sources say about when."),
      h("ul", { class: "timeline undated" }, undated.map((e) => h("li", { id: `event-${e.id}`, class: `event${e.id === at ? " focused" : ""}` },
        link(route("events", e.id), e.title), e.date_note ? h("p", { class: "meta" }, e.date_note) : null)))),
    years.length
      ? section(`Given only as a year (${years.length})`, h("p", { class: "meta" }, "Claims that name a year but no day; not drawn on the line."),
        h("ul", {}, years.map((c) => h("li", {}, h("span", { class: "figure" }, quantity(c)), " — ", link(route("claims", c.id), c.statement)))))
      : null,
  ];
}


// PeaceKB evidence explorer: a small single-page view over the public JSON API — no build step, no libraries.
// Views are chosen by the URL fragment (#/issues/territory-donbas, #/claims/…), so every view can be linked.
// All text from the API goes into the page as text nodes, never as HTML.

const API = "api/v1";

const CREDIBILITY = {
  1: "confirmed",
  2: "probably true",
  3: "possibly true",
  4: "doubtful",
  5: "improbable",
  6: "cannot be judged",
};
const RELIABILITY = {
  A: "completely reliable",
  B: "usually reliable",
  C: "fairly reliable",
  D: "not usually reliable",
  E: "unreliable",
  F: "cannot be judged",
};
const RELATION_WORDS = { contradicts: "contradicts", supports: "supports", updates: "updates" };
const PAGE = 25;

// ---------------------------------------------------------------- DOM

function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === "class") element.className = value;
    else if (name.startsWith("on")) element.addEventListener(name.slice(2), value);
    else element.setAttribute(name, value === true ? "" : value);
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : String(child));
  }
  return element;
}

const link = (href, ...children) => h("a", { href }, ...children);
const route = (...parts) => "#/" + parts.map(encodeURIComponent).join("/");
const unique = (values) => [...new Set(values)];
function groupBy(values, key) {
  const groups = new Map();
  for (const value of values) groups.set(key(value), [...(groups.get(key(value)) ?? []), value]);
  return groups;
}

// ---------------------------------------------------------------- API

class ApiError extends Error {}

async function fetchOk(path, accept) {
  const response = await fetch(`${API}${path}`, { headers: { Accept: accept } });
  if (!response.ok) {
    let detail = response.statusText;
    try {
      const problem = await response.json(); // application/problem+json
      detail = problem.detail || problem.title || detail;
    } catch {
      // not a problem document: keep the status text
    }
    throw new ApiError(`${response.status} — ${detail}`);
  }
  return response;
}

async function getJSON(path) {
  return (await fetchOk(path, "application/json")).json();
}

/** Every record of a collection: its NDJSON form (`.ndjson` on the path) without a limit streams the whole. */
async function getAll(path) {
  const [route, query] = path.split("?");
  const text = await (await fetchOk(`${route}.ndjson${query ? `?${query}` : ""}`, "application/x-ndjson")).text();
  return text.split("\n").filter((line) => line.trim()).map((line) => JSON.parse(line));
}

const cache = new Map();
function cached(key, load) {
  if (!cache.has(key)) {
    cache.set(key, load().catch((error) => { cache.delete(key); throw error; }));
  }
  return cache.get(key);
}
const byId = (records) => new Map(records.map((record) => [record.id, record]));
const lookup = (collection) => cached(`all:${collection}`, async () => byId(await getAll(`/${collection}`)));
const getClaim = (id) => cached(`claim:${id}`, () => getJSON(`/claims/${encodeURIComponent(id)}`));
const getSource = (id) => cached(`source:${id}`, () => getJSON(`/sources/${encodeURIComponent(id)}`));
const getClaims = async (ids) => byId(await Promise.all(unique(ids).map(getClaim)));

// ---------------------------------------------------------------- text

const ENTITIES = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#x27;": "'", "&#39;": "'" };

/** A search snippet — HTML-escaped text with <mark> around the hits — rebuilt as nodes, not parsed as HTML. */
function snippetNodes(snippet) {
  const nodes = [];
  let marked = false;
  for (const part of snippet.split(/(<\/?mark>)/)) {
    if (part === "<mark>" || part === "</mark>") {
      marked = part === "<mark>";
      continue;
    }
    if (!part) continue;
    const text = part.replace(/&(amp|lt|gt|quot|#x27|#39);/g, (entity) => ENTITIES[entity]);
    nodes.push(marked ? h("mark", {}, text) : document.createTextNode(text));
  }
  return nodes;
}

const numberFormat = new Intl.NumberFormat("en", { maximumFractionDigits: 2 });
const dateFormat = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
const formatDate = (iso) => dateFormat.format(new Date(`${iso}T00:00:00Z`));

function quantity(claim) {
  if (claim.value_on) return formatDate(claim.value_on);
  if (claim.value === null || claim.value === undefined) return "";
  const number = claim.unit === "year" ? String(claim.value) : numberFormat.format(claim.value);
  return `${number}${claim.unit ? ` ${claim.unit}` : ""}`;
}

// ---------------------------------------------------------------- shared pieces

function credibility(grade) {
  return h("span", { class: `badge credibility-${grade}`, title: "Admiralty information credibility (1 best … 6)" },
    `credibility ${grade}: ${CREDIBILITY[grade] ?? "?"}`);
}

function reliability(source) {
  if (!source) return null;
  return h("span", { class: `badge reliability-${source.reliability}`, title: source.reliability_note },
    `reliability ${source.reliability}: ${RELIABILITY[source.reliability] ?? "?"}`);
}

function stance(value) {
  return h("span", { class: `badge stance stance-${value}` }, value);
}

function actorName(actors, id) {
  return actors.get(id)?.name ?? id;
}

/** A claim with its quote and source, linking to the claim shown in its source. */
function claimCard(claim, sources, extra = null) {
  const source = sources.get(claim.source_id);
  return h("article", { class: "claim-card", "data-claim-id": claim.id },
    h("p", { class: "statement" }, claim.statement),
    h("blockquote", { class: "quote" }, `“${claim.quote}”`),
    h("p", { class: "meta" },
      h("cite", {}, source ? source.title : claim.source_id), " ", reliability(source), " ", credibility(claim.credibility),
      quantity(claim) ? h("span", { class: "badge number" }, quantity(claim)) : null),
    extra,
    h("p", {}, link(route("claims", claim.id), "Show the quote in its source →")));
}

function section(title, ...content) {
  return h("section", {}, h("h2", {}, title), ...content);
}

function heading(text, subtitle = null) {
  return [h("h1", { tabindex: "-1" }, text), subtitle ? h("p", { class: "lede" }, subtitle) : null];
}

function empty(text) {
  return h("p", { class: "empty" }, text);
}

// ---------------------------------------------------------------- views

async function viewIssues() {
  const [issues, positions] = await Promise.all([getAll("/issues?sort=name"), getAll("/positions")]);
  const counts = new Map();
  for (const position of positions) {
    if (position.issue_id) counts.set(position.issue_id, (counts.get(position.issue_id) ?? 0) + 1);
  }
  return [
    ...heading("Disputed issues", "Pick an issue to see every actor’s position and the words of the sources behind it."),
    h("ul", { class: "cards" }, issues.map((issue) =>
      h("li", { class: "card" },
        h("h2", {}, link(route("issues", issue.id), issue.name)),
        issue.description ? h("p", {}, issue.description) : null,
        h("p", { class: "meta" }, `${counts.get(issue.id) ?? 0} positions`)))),
  ];
}

function positionArticle(position, actors, claims, sources, target = null) {
  const backing = position.claim_ids.map((id) => claims.get(id)).filter(Boolean);
  return h("article", { class: "position", "data-position-id": position.id, "data-actor-id": position.actor_id },
    h("h3", {}, actorName(actors, position.actor_id), " ", stance(position.stance)),
    target ? h("p", { class: "meta" }, "On: ", target) : null,
    h("p", {}, position.summary),
    backing.length
      ? h("div", { class: "evidence" }, h("h4", {}, `Evidence (${backing.length})`), backing.map((c) => claimCard(c, sources)))
      : empty("No claim backs this position."));
}

async function viewIssue(id) {
  const path = `/issues/${encodeURIComponent(id)}`;
  const [issue, positions, points, about, actors, sources, plans] = await Promise.all([
    getJSON(path), getAll(`${path}/positions`), getAll(`${path}/plan-points`), getAll(`${path}/claims`),
    lookup("actors"), lookup("sources"), lookup("plans"),
  ]);
  const pointPositions = (await Promise.all(
    points.map((point) => getAll(`/plan-points/${encodeURIComponent(point.id)}/positions`)))).flat();
  const claims = await getClaims([...positions, ...pointPositions].flatMap((p) => p.claim_ids));
  const pointsById = byId(points);
  const pointLabel = (pointId) => {
    const point = pointsById.get(pointId);
    return point ? `${plans.get(point.plan_id)?.name ?? point.plan_id}: ${point.text}` : pointId;
  };
  return [
    ...heading(issue.name, issue.description),
    section(`Positions (${positions.length})`,
      positions.length
        ? h("div", { class: "positions" }, positions.map((p) => positionArticle(p, actors, claims, sources)))
        : empty("No actor’s position on this issue is recorded.")),
    pointPositions.length
      ? section(`Positions on plan points touching this issue (${pointPositions.length})`,
        h("div", { class: "positions" }, pointPositions.map((p) =>
          positionArticle(p, actors, claims, sources, pointLabel(p.plan_point_id)))))
      : null,
    points.length
      ? section(`Plan points touching this issue (${points.length})`,
        h("ul", {}, points.map((point) => h("li", {},
          link(route("plans", point.plan_id), plans.get(point.plan_id)?.name ?? point.plan_id), ": ", point.text))))
      : null,
    section(`Every claim about this issue (${about.length})`,
      h("details", {}, h("summary", {}, "Show the claims"),
        h("div", { class: "claims" }, about.map((c) => claimCard(c, sources))))),
  ];
}

function sourceText(source, claim) {
  // JavaScript strings count UTF-16 units, in which the blog's 🧠 and 🧩 take two: the API gives the quote's
  // offsets in those units too, beside the code-point ones.
  const [start, end] = [claim.quote_start_utf16, claim.quote_end_utf16];
  const found = source.text.slice(start, end);
  return {
    exact: found === claim.quote,
    element: h("div", { class: "source-text", tabindex: "0", role: "region", "aria-label": `Text of ${source.title}` },
      source.text.slice(0, start),
      h("mark", { id: "quote", "data-claim-id": claim.id }, found),
      source.text.slice(end)),
  };
}

function definitions(pairs) {
  return h("dl", { class: "facts" }, pairs.filter(([, value]) => value !== null && value !== undefined && value !== "" &&
    !(Array.isArray(value) && value.length === 0)).map(([term, value]) => [h("dt", {}, term), h("dd", {}, value)]));
}

async function viewClaim(id) {
  const claim = await getClaim(id);
  const [source, sources, actors, issues] = await Promise.all([
    getSource(claim.source_id), lookup("sources"), lookup("actors"), lookup("issues"),
  ]);
  const related = await getClaims(claim.relations.map((r) => r.claim_id));
  const text = sourceText(source, claim);
  const contradictions = claim.relations.filter((r) => r.type === "contradicts");
  const others = claim.relations.filter((r) => r.type !== "contradicts");
  const list = (ids, render) => ids.length ? h("ul", { class: "inline" }, ids.map((x) => h("li", {}, render(x)))) : null;
  return [
    ...heading(claim.statement),
    definitions([
      ["Credibility", [credibility(claim.credibility), claim.credibility_note ? ` ${claim.credibility_note}` : ""]],
      ["Said by", claim.speaker_id ? actorName(actors, claim.speaker_id) : claim.attribution],
      ["Stated on", claim.stated_on ? formatDate(claim.stated_on) : null],
      ["Number", quantity(claim) ? `${quantity(claim)}${claim.measure ? ` — ${claim.measure}` : ""}` : null],
      ["Issues", list(claim.issue_ids, (x) => link(route("issues", x), issues.get(x)?.name ?? x))],
      ["Actors", list(claim.actor_ids, (x) => actorName(actors, x))],
    ]),
    section("The quote in its source",
      h("p", { class: "meta" }, h("cite", {}, link(route("sources", source.id), source.title)), " ",
        source.publisher ? `${source.publisher} · ` : "", source.published_on ? formatDate(source.published_on) : "",
        " ", reliability(source)),
      h("p", { class: "meta" }, `Why this grade: ${source.reliability_note}`),
      text.exact ? null : h("p", { class: "error", role: "alert" }, "The stored offsets do not point at this quote."),
      h("p", { class: "meta" }, `Code points ${claim.quote_start}–${claim.quote_end} of the source text.`),
      text.element),
    contradictions.length
      ? section(`Contradicting claims (${contradictions.length})`, contradictions.map((relation) =>
        h("div", { class: "contradiction" },
          h("p", { class: "rationale" }, relation.rationale),
          h("div", { class: "side-by-side" }, claimCard(claim, sources), claimCard(related.get(relation.claim_id), sources)))))
      : null,
    others.length
      ? section(`Other relations (${others.length})`, h("div", { class: "claims" }, others.map((relation) => {
        const other = related.get(relation.claim_id);
        const words = relation.direction === "outgoing"
          ? `This claim ${RELATION_WORDS[relation.type]} it: ${relation.rationale}`
          : `It ${RELATION_WORDS[relation.type]} this claim: ${relation.rationale}`;
        return claimCard(other, sources, h("p", { class: "rationale" }, words));
      })))
      : null,
  ];
}

async function viewSource(id) {
  const [source, claims] = await Promise.all([
    getSource(id), getAll(`/sources/${encodeURIComponent(id)}/claims?sort=quote_start`),
  ]);
  return [
    ...heading(source.title, [source.publisher, source.attributed_to, source.published_on && formatDate(source.published_on)]
      .filter(Boolean).join(" · ")),
    h("p", {}, reliability(source), " ", source.reliability_note),
    section(`Claims quoting it (${claims.length})`, h("ol", {}, claims.map((c) =>
      h("li", {}, link(route("claims", c.id), c.statement))))),
    section("Text", h("div", { class: "source-text", tabindex: "0", role: "region", "aria-label": "Source text" }, source.text)),
  ];
}

async function viewPlans() {
  const plans = [...(await lookup("plans")).values()];
  if (!plans.length) return [...heading("Plans"), empty("No plans are recorded.")];
  const ids = new Set(plans.map((p) => p.id));
  const newer = plans.find((p) => p.supersedes_id && ids.has(p.supersedes_id));
  const [base, other] = newer ? [newer.supersedes_id, newer.id] : [plans[0].id, (plans[1] ?? plans[0]).id];
  history.replaceState(null, "", route("plans", base, other));
  return viewPlanDiff(base, other);
}

function planPicker(plans, base, other) {
  const select = (name, label, chosen) => [
    h("label", { for: `plan-${name}` }, label),
    h("select", { id: `plan-${name}`, name }, plans.map((plan) =>
      h("option", { value: plan.id, selected: plan.id === chosen }, plan.name))),
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
  if (!point) return h("td", { class: "absent" }, "—");
  const number = point.ordinal !== null ? `${point.ordinal}. ` : "";
  return h("td", { "data-point-id": point.id }, number, changes.length ? diffText(changes, side) : point.text,
    point.parent_id ? h("span", { class: "meta" }, " (sub-point)") : null);
}

async function viewPlanDiff(base, other) {
  const plansById = await lookup("plans");
  const plans = [...plansById.values()];
  const name = (id) => plansById.get(id)?.name ?? id;
  if (base === other) {
    const points = await getAll(`/plans/${encodeURIComponent(base)}/points`);
    return [
      ...heading(name(base), plansById.get(base)?.description),
      planPicker(plans, base, other),
      points.length ? h("ol", { class: "points" }, points.map((p) => h("li", { "data-point-id": p.id }, p.text))) : empty("No points are recorded."),
    ];
  }
  const diff = await getJSON(`/plans/${encodeURIComponent(base)}/diff/${encodeURIComponent(other)}`);
  const { summary } = diff;
  return [
    ...heading("Plans side by side", "Points matched across versions: unchanged, reworded (word by word), removed and added."),
    planPicker(plans, base, other),
    h("p", { class: "summary" }, `${summary.unchanged} unchanged · ${summary.reworded} reworded · ${summary.removed} removed · ${summary.added} added`),
    h("p", { class: "meta" }, `Method: ${diff.method}.`),
    h("table", { class: "diff" },
      h("caption", {}, `${name(base)} → ${name(other)}`),
      h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Change"), h("th", { scope: "col" }, name(base)), h("th", { scope: "col" }, name(other)))),
      h("tbody", {}, diff.rows.map((row) => h("tr", { class: `row-${row.status}` },
        h("th", { scope: "row" }, row.status,
          row.matched_by ? h("span", { class: "meta" }, ` by ${row.matched_by}${row.similarity !== null && row.similarity < 1 ? `, ${Math.round(row.similarity * 100)}% alike` : ""}`) : null),
        pointCell(row.base, row.changes, "base"),
        pointCell(row.other, row.changes, "other"))))),
    diff.rows.length ? null : empty("Neither plan has recorded points."),
  ];
}

async function viewContradictions() {
  const [relations, sources] = await Promise.all([getAll("/claim-relations?type=contradicts"), lookup("sources")]);
  const container = h("div", { class: "contradictions" });
  const more = h("button", { type: "button", class: "more" }, "Show more");
  let shown = 0;
  async function showMore() {
    const batch = relations.slice(shown, shown + PAGE);
    const claims = await getClaims(batch.flatMap((r) => [r.from_claim_id, r.to_claim_id]));
    container.append(...batch.map((relation) => h("article", { class: "contradiction", "data-relation-id": relation.id },
      h("p", { class: "rationale" }, relation.rationale),
      h("div", { class: "side-by-side" },
        claimCard(claims.get(relation.from_claim_id), sources), claimCard(claims.get(relation.to_claim_id), sources)))));
    shown += batch.length;
    more.hidden = shown >= relations.length;
  }
  more.addEventListener("click", showMore);
  await showMore();
  return [
    ...heading("Where the sources disagree", `${relations.length} pairs of claims that contradict each other, side by side.`),
    relations.length ? container : empty("No contradictions are recorded."),
    more,
  ];
}

/** Groups of quantitative claims about the same figure: those linked by relations, then the rest by unit. */
function numberGroups(claims) {
  const parent = new Map(claims.map((c) => [c.id, c.id]));
  const find = (id) => (parent.get(id) === id ? id : find(parent.get(id)));
  for (const claim of claims) {
    for (const relation of claim.relations) {
      if (parent.has(relation.claim_id)) parent.set(find(claim.id), find(relation.claim_id));
    }
  }
  const groups = new Map();
  for (const claim of claims) {
    const root = find(claim.id);
    groups.set(root, [...(groups.get(root) ?? []), claim]);
  }
  // Figures are compared only with figures of the same unit: a relation may also link a duration to a year.
  const sameUnit = [...groups.values()].flatMap((group) => [...groupBy(group, (c) => c.unit ?? "date").values()]);
  groups.clear();
  sameUnit.forEach((group, index) => groups.set(index, group));
  const linked = [...groups.values()].filter((g) => g.length > 1).sort((a, b) => b.length - a.length);
  const single = [...groups.values()].filter((g) => g.length === 1).map(([claim]) => claim);
  return { linked, byUnit: groupBy(single, (c) => c.unit ?? "date") };
}

function numbersTable(claims, sources, caption) {
  const values = unique(claims.map(quantity));
  return h("table", { class: "numbers" },
    h("caption", {}, caption, " ", claims.length > 1
      ? h("span", { class: `badge ${values.length > 1 ? "differ" : "agree"}` }, values.length > 1 ? "figures differ" : "same figure")
      : null),
    h("thead", {}, h("tr", {}, ["Figure", "What it measures", "Source", "Credibility", "Claim"].map((t) => h("th", { scope: "col" }, t)))),
    h("tbody", {}, claims.map((claim) => {
      const source = sources.get(claim.source_id);
      return h("tr", { "data-claim-id": claim.id },
        h("td", { class: "figure" }, quantity(claim)),
        h("td", {}, claim.measure ?? ""),
        h("td", {}, source ? source.title : claim.source_id, " ", reliability(source)),
        h("td", {}, credibility(claim.credibility)),
        h("td", {}, link(route("claims", claim.id), `“${claim.quote}”`)));
    })));
}

async function viewNumbers() {
  const [claims, sources] = await Promise.all([getAll("/claims?quantitative=true&sort=value"), lookup("sources")]);
  const { linked, byUnit } = numberGroups(claims);
  return [
    ...heading("Numbers across sources", "Every figure the sources give. Figures linked by a relation are compared side by side."),
    section(`Figures several claims give (${linked.length})`,
      linked.length ? linked.map((group) => numbersTable(group, sources, group[0].measure ?? "")) : empty("None.")),
    section("Other figures, by unit", [...byUnit.entries()].map(([unit, group]) => numbersTable(group, sources, unit))),
  ];
}

async function viewTimeline() {
  const [events, actors] = await Promise.all([getAll("/events?sort=occurred_on"), lookup("actors")]);
  const dated = events.filter((e) => e.occurred_on);
  const undated = events.filter((e) => !e.occurred_on);
  const item = (event) => h("li", { id: `event-${event.id}`, class: "event" },
    event.occurred_on ? h("time", { datetime: event.occurred_on }, formatDate(event.occurred_on)) : null,
    h("h3", {}, event.title),
    h("p", { class: "meta" }, [event.kind.replace("_", " "), event.location, event.date_note].filter(Boolean).join(" · ")),
    event.description ? h("p", {}, event.description) : null,
    event.actor_ids.length ? h("p", { class: "meta" }, "Involves: ", event.actor_ids.map((a) => actorName(actors, a)).join(", ")) : null,
    event.claim_ids.length
      ? h("p", {}, "Reported by: ", event.claim_ids.map((c, i) => [i ? ", " : "", link(route("claims", c), c.replaceAll("-", " "))]))
      : null);
  return [
    ...heading("Timeline of events", `${dated.length} dated events in order, then ${undated.length} the sources do not date.`),
    h("ol", { class: "timeline" }, dated.map(item)),
    section("Undated events", h("ul", { class: "timeline undated" }, undated.map(item))),
  ];
}

const SEARCH_VIEWS = { claim: "claims", issue: "issues", source: "sources" };

function hitLink(hit) {
  if (SEARCH_VIEWS[hit.kind]) return route(SEARCH_VIEWS[hit.kind], hit.id);
  if (hit.kind === "plan") return route("plans", hit.id, hit.id);
  if (hit.kind === "event") return `#/timeline`;
  return `${API}/${hit.kind.replace("_", "-")}s/${encodeURIComponent(hit.id)}`;
}

async function viewSearch(query) {
  const params = new URLSearchParams(query);
  const q = params.get("q") ?? "";
  const offset = Number(params.get("offset") ?? 0);
  document.getElementById("search-input").value = q;
  if (!q.trim()) return [...heading("Search"), empty("Type words to search every record.")];
  const page = await getJSON(`/search?${new URLSearchParams({ q, limit: PAGE, offset })}`);
  const pageLink = (to, text) => link(`#/search?${new URLSearchParams({ q, offset: to })}`, text);
  return [
    ...heading(`Results for “${q}”`,
      `${page.total.toLocaleString("en")}${page.total_exact ? "" : " or more"} records match; the words found are highlighted.`),
    h("ol", { class: "results", start: offset + 1 }, page.items.map((hit) => h("li", { "data-kind": hit.kind },
      h("span", { class: "badge kind" }, hit.kind.replace("_", " ")), " ",
      link(hitLink(hit), hit.title),
      h("p", { class: "snippet" }, snippetNodes(hit.snippet))))),
    h("nav", { class: "pager", "aria-label": "Result pages" },
      offset > 0 ? pageLink(Math.max(0, offset - PAGE), "← Previous") : null, " ",
      // A count that stopped at its bound (total_exact false) means there are more past it.
      offset + PAGE < page.total || !page.total_exact ? pageLink(offset + PAGE, "Next →") : null),
  ];
}

// ---------------------------------------------------------------- routing

const ROUTES = [
  [/^#\/issues\/?$/, viewIssues],
  [/^#\/issues\/([^/?]+)$/, viewIssue],
  [/^#\/claims\/([^/?]+)$/, viewClaim],
  [/^#\/sources\/([^/?]+)$/, viewSource],
  [/^#\/plans\/?$/, viewPlans],
  [/^#\/plans\/([^/?]+)$/, (id) => viewPlanDiff(id, id)],
  [/^#\/plans\/([^/?]+)\/([^/?]+)$/, viewPlanDiff],
  [/^#\/contradictions$/, viewContradictions],
  [/^#\/numbers$/, viewNumbers],
  [/^#\/timeline$/, viewTimeline],
  [/^#\/search\?(.*)$/, viewSearch, { raw: true }], // the query string is decoded by URLSearchParams
];

let rendering = 0;
let firstRender = true;

async function render() {
  const hash = location.hash.length > 1 ? location.hash : "#/issues";
  const main = document.getElementById("main");
  const ticket = ++rendering;
  const found = ROUTES.map(([pattern, view, options]) => [hash.match(pattern), view, options]).find(([match]) => match);
  main.setAttribute("aria-busy", "true");
  main.replaceChildren(h("p", { class: "status", role: "status" }, "Loading…"));
  let content;
  try {
    content = found
      ? await found[1](...found[0].slice(1).map((part) => (found[2]?.raw ? part : decodeURIComponent(part))))
      : [...heading("Not found"), h("p", {}, "No such view. ", link("#/issues", "Back to the issues"))];
  } catch (error) {
    content = [...heading("Could not load this view"), h("p", { class: "error", role: "alert" }, error.message)];
  }
  if (ticket !== rendering) return; // a newer navigation has started
  main.replaceChildren(...[content].flat().filter(Boolean));
  main.removeAttribute("aria-busy");
  const section = hash.split(/[/?]/)[1];
  if (section !== "search") document.getElementById("search-input").value = "";
  for (const anchor of document.querySelectorAll("nav [data-section]")) {
    if (anchor.dataset.section === section) anchor.setAttribute("aria-current", "page");
    else anchor.removeAttribute("aria-current");
  }
  const title = main.querySelector("h1")?.textContent ?? "PeaceKB";
  document.title = `${title} — PeaceKB evidence explorer`;
  document.getElementById("announcer").textContent = `Showing: ${title}`;
  if (!firstRender) main.querySelector("h1")?.focus();
  document.getElementById("quote")?.scrollIntoView({ block: "center" });
  firstRender = false;
  document.body.dataset.ready = "true";
}

document.getElementById("search-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const q = new FormData(event.target).get("q").trim();
  if (q) location.hash = `#/search?${new URLSearchParams({ q })}`;
});
window.addEventListener("hashchange", render);
render();

// Shared pieces of the explorer: building DOM and SVG, reading the API, text and grades, claim cards.
// All text from the API goes into the page as text nodes, never as HTML.

export const API = "api/v1";
export const LIST_LIMIT = 500; // the API's largest page: a list view reads one page, and says when there is more

// ---------------------------------------------------------------- DOM

function build(element, attributes, children) {
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === "class") element.setAttribute("class", value);
    else if (name.startsWith("on")) element.addEventListener(name.slice(2), value);
    else element.setAttribute(name, value === true ? "" : value);
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : String(child));
  }
  return element;
}

export const h = (tag, attributes = {}, ...children) => build(document.createElement(tag), attributes, children);
export const svg = (tag, attributes = {}, ...children) =>
  build(document.createElementNS("http://www.w3.org/2000/svg", tag), attributes, children);

/** A chart's <svg> root: its viewBox as large as the chart, and named for screen readers as one group. */
export const chartSvg = (className, width, height, label) =>
  svg("svg", {
    class: className,
    width,
    height,
    viewBox: `0 0 ${width} ${height}`,
    role: "group",
    "aria-label": label,
  });

/** Path segments, each encoded (an id may hold a slash), after a leading slash: ["plans", "a/b"] → "/plans/a%2Fb". */
const encodedPath = (segments) => "/" + segments.map(encodeURIComponent).join("/");

export const link = (href, ...children) => h("a", { href }, ...children);
/** A view's address: #/kind/id…, with an optional query of view state (empty values left out). */
export function route(...parts) {
  const last = parts.at(-1);
  const query = last && typeof last === "object" ? parts.pop() : null;
  const path = "#" + encodedPath(parts);
  if (!query) return path;
  const params = new URLSearchParams(
    Object.entries(query).filter(([, v]) => v !== null && v !== undefined && v !== ""),
  );
  return String(params) ? `${path}?${params}` : path;
}
export const unique = (values) => [...new Set(values)];
export function groupBy(values, key) {
  const groups = new Map();
  for (const value of values) {
    const name = key(value);
    if (!groups.has(name)) groups.set(name, []);
    groups.get(name).push(value);
  }
  return groups;
}
export const byId = (records) => new Map(records.map((record) => [record.id, record]));
export const plural = (count, one, many = `${one}s`) => `${count.toLocaleString("en")} ${count === 1 ? one : many}`;

// ---------------------------------------------------------------- API

/** An API path from its segments, each encoded: apiPath("plans", id, "points") → "/plans/…/points". */
export const apiPath = (...segments) => encodedPath(segments);

/** An answer that is not 2xx; `problem` is its application/problem+json document, when it sent one. */
export class ApiError extends Error {
  constructor(message, { status = null, problem = null } = {}) {
    super(message);
    this.status = status;
    this.problem = problem;
  }
}

async function failure(response) {
  let problem = null;
  try {
    problem = await response.json(); // application/problem+json
  } catch {
    // not a problem document: keep the status text
  }
  const detail = problem?.detail || problem?.title || response.statusText;
  return new ApiError(`${response.status} — ${detail}`, { status: response.status, problem });
}

/** GET a JSON answer. Only parameters the operation declares are sent (empty ones are left out). */
export async function getJSON(path, params = {}) {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    for (const one of [value].flat()) if (one !== null && one !== undefined && one !== "") query.append(name, one);
  }
  const url = `${API}${path}${String(query) ? `?${query}` : ""}`;
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  if (!response.ok) throw await failure(response);
  return response.json();
}

/** POST a JSON body with an API key (sent as a bearer header, never in the address); the created record. */
export async function postJSON(path, body, key) {
  const response = await fetch(`${API}${path}`, {
    method: "POST",
    headers: { Accept: "application/json", "Content-Type": "application/json", Authorization: `Bearer ${key}` },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw await failure(response);
  return response.json();
}

/** One page of up to LIST_LIMIT records; `more` says the list goes on past it. */
export async function getList(path, params = {}) {
  const page = await getJSON(path, { ...params, limit: LIST_LIMIT });
  return Object.assign(page.items, {
    total: page.total,
    exact: page.total_exact,
    more: page.total > page.items.length,
  });
}

const cache = new Map();
export function cached(key, load) {
  if (!cache.has(key))
    cache.set(
      key,
      load().catch((error) => {
        cache.delete(key);
        throw error;
      }),
    );
  return cache.get(key);
}

/**
 * Records of a small collection (actors, issues, plans, plan points, sources) by id: its first page, read
 * once per visit; an id past that page (a knowledge base of thousands) is read on its own.
 */
export async function records(collection, ids = []) {
  const known = await cached(`list:${collection}`, async () => byId(await getList(`/${collection}`)));
  const missing = unique(ids.filter((id) => id && !known.has(id)));
  await Promise.all(
    missing.map(async (id) => {
      known.set(id, await cached(`${collection}:${id}`, () => getJSON(apiPath(collection, id))));
    }),
  );
  return known;
}
export const getSource = (id) => cached(`source-text:${id}`, () => getJSON(apiPath("sources", id)));
export const nameOf = (known, id) => known.get(id)?.name ?? known.get(id)?.title ?? id;

// ---------------------------------------------------------------- text

const ENTITIES = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#x27;": "'", "&#39;": "'" };

/** A search snippet — HTML-escaped text with <mark> around the hits — rebuilt as nodes, not parsed as HTML. */
export function snippetNodes(snippet) {
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

const TABLE_ROW = /^\s*\|?(.*\|.*?)\|?\s*$/;
const TABLE_RULE = /^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/;

/**
 * A quote as the page shows it. Most are plain text. A quote cut from a Markdown table ("lisa H. Kupchik |
 * Deputy Secretary of State") is shown as the table row it is, cells apart, instead of raw pipes; the words
 * are the same, and the source view shows the text exactly as stored.
 */
export function quoteNodes(quote) {
  const lines = quote.split("\n");
  if (!lines.some((line) => line.includes("|") && TABLE_ROW.test(line))) return [`“${quote}”`];
  const nodes = [];
  let rows = [];
  const flush = () => {
    if (rows.length) nodes.push(h("table", { class: "quote-table" }, h("tbody", {}, rows)));
    rows = [];
  };
  for (const [index, line] of lines.entries()) {
    if (TABLE_RULE.test(line)) continue;
    if (line.includes("|")) {
      const cells = line
        .trim()
        .replace(/^\|/, "")
        .replace(/\|$/, "")
        .split("|")
        .map((cell) => cell.trim());
      const header = TABLE_RULE.test(lines[index + 1] ?? "");
      rows.push(
        h(
          "tr",
          {},
          cells.map((cell) => h(header ? "th" : "td", {}, cell)),
        ),
      );
    } else {
      flush();
      if (line.trim()) nodes.push(h("span", { class: "quote-line" }, line));
    }
  }
  flush();
  return [h("span", { class: "visually-hidden" }, "Quoted from a table: "), nodes];
}

const numberFormat = new Intl.NumberFormat("en", { maximumFractionDigits: 2 });
const dateFormat = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "long",
  year: "numeric",
  timeZone: "UTC",
});
export const formatDate = (iso) => dateFormat.format(new Date(`${iso}T00:00:00Z`));
export const formatNumber = (value) => numberFormat.format(value);

/** A claim's quantity as words: a date, a year ("2026", not "2026 year"), or a number and its unit. */
export function quantity(claim) {
  if (claim.value_on) return formatDate(claim.value_on);
  if (claim.value === null || claim.value === undefined) return "";
  if (claim.unit === "year") return String(claim.value);
  if (claim.unit === "USD") return `US$${compact(claim.value)}`;
  if (claim.unit === "percent") return `${formatNumber(claim.value)}%`;
  return `${formatNumber(claim.value)}${claim.unit ? ` ${claim.unit}` : ""}`;
}
function compact(value) {
  if (Math.abs(value) >= 1e9) return `${formatNumber(value / 1e9)} billion`;
  if (Math.abs(value) >= 1e6) return `${formatNumber(value / 1e6)} million`;
  return formatNumber(value);
}

// ---------------------------------------------------------------- grades

export const RELIABILITY = {
  A: "completely reliable",
  B: "usually reliable",
  C: "fairly reliable",
  D: "not usually reliable",
  E: "unreliable",
  F: "reliability cannot be judged",
};
export const CREDIBILITY = {
  1: "confirmed",
  2: "probably true",
  3: "possibly true",
  4: "doubtful",
  5: "improbable",
  6: "truth cannot be judged",
};
export const STANCES = {
  supports: { symbol: "+", words: "supports" },
  opposes: { symbol: "−", words: "opposes" },
  conditional: { symbol: "±", words: "conditional" },
  unclear: { symbol: "?", words: "unclear" },
};

/** A source's reliability grade: the letter, the words, and a style per grade (never colour alone). */
export function reliability(source, { why = false } = {}) {
  if (!source) return null;
  const grade = source.reliability;
  return gradeBadge(
    "reliability",
    grade,
    "Source reliability ",
    RELIABILITY[grade] ?? "",
    why && source.reliability_note ? h("span", { class: "visually-hidden" }, `: ${source.reliability_note}`) : null,
  );
}

/** A claim's credibility grade, 1 (confirmed) … 6 (cannot be judged). */
export function credibility(grade) {
  return gradeBadge("credibility", grade, "Information credibility ", CREDIBILITY[grade] ?? "");
}

/** A grade on one of the two scales: the scale's name for screen readers, the letter or digit, then the words. */
function gradeBadge(scale, grade, spokenName, ...words) {
  return h(
    "span",
    { class: `grade ${scale} grade-${grade}`, "data-grade": grade },
    h("span", { class: "visually-hidden" }, spokenName),
    h("b", { class: "letter" }, grade),
    " ",
    ...words,
  );
}

export function stance(value) {
  const known = STANCES[value] ?? { symbol: "", words: value };
  return h(
    "span",
    { class: `badge stance stance-${value}`, "data-stance": value },
    h("span", { "aria-hidden": "true", class: "symbol" }, known.symbol),
    " ",
    known.words,
  );
}

/** The two Admiralty scales, explained: shown wherever grades are compared. */
export function gradeLegend() {
  const scale = (title, grades, badge) =>
    h(
      "div",
      { class: "legend-scale" },
      h("h3", {}, title),
      h(
        "ul",
        { class: "legend" },
        grades.map((grade) => h("li", {}, badge(grade))),
      ),
    );
  return h(
    "section",
    { class: "legends", "aria-label": "What the grades mean" },
    scale("Source reliability, A–F: how far the source can be trusted", Object.keys(RELIABILITY), (grade) =>
      reliability({ reliability: grade }),
    ),
    scale("Information credibility, 1–6: how likely the claim is true", Object.keys(CREDIBILITY), (grade) =>
      credibility(Number(grade)),
    ),
    h(
      "p",
      { class: "meta legend-note" },
      "Grades follow the Admiralty (NATO AJP-2.1) system. F and 6 mean there " +
        "was no basis to judge — not that the source or claim is bad. Here every grade is judged from the " +
        "sources’ own text, and its reason is given beside it.",
    ),
  );
}

// ---------------------------------------------------------------- shared pieces

/** A claim with its quote and source; its statement links to the claim shown in its source. */
export function claimCard(claim, sources, extra = null) {
  if (!claim) return null;
  const source = sources.get(claim.source_id);
  return h(
    "article",
    { class: "claim-card", "data-claim-id": claim.id },
    h("p", { class: "statement" }, link(route("claims", claim.id), claim.statement)),
    h("blockquote", { class: "quote" }, quoteNodes(claim.quote)),
    h(
      "p",
      { class: "meta" },
      source ? link(route("sources", source.id), h("cite", {}, source.title)) : h("cite", {}, claim.source_id),
      " ",
      reliability(source),
      " ",
      credibility(claim.credibility),
      " ",
      quantity(claim) ? h("span", { class: "badge number" }, quantity(claim)) : null,
    ),
    extra,
  );
}

/** Claims as cards, or a note that there are none. */
export function claimCards(claims, sources, none) {
  return claims.length
    ? h("div", { class: "claims" }, claims.map((c) => claimCard(c, sources)))
    : empty(none);
}

/** A claim in a compact list: its statement (the link), source and grades on one line. */
export function claimItem(claim, sources) {
  const source = sources.get(claim.source_id);
  return h(
    "li",
    { "data-claim-id": claim.id },
    link(route("claims", claim.id), claim.statement),
    " ",
    h("span", { class: "meta" }, source ? source.title : claim.source_id),
    " ",
    reliability(source),
    " ",
    credibility(claim.credibility),
  );
}

export function section(title, ...content) {
  return h("section", {}, h("h2", {}, title), ...content);
}

export function heading(text, subtitle = null) {
  return [h("h1", { tabindex: "-1" }, text), subtitle ? h("p", { class: "lede" }, subtitle) : null];
}

export function empty(text) {
  return h("p", { class: "empty" }, text);
}

/** "Showing the first 500 of 1,000 or more" when a list stopped at one page. */
export function moreNote(list, what) {
  if (!list.more) return null;
  return h(
    "p",
    { class: "meta" },
    `Showing the first ${list.length} of ${list.total.toLocaleString("en")}` +
      `${list.exact ? "" : " or more"} ${what}; narrow the view to see the rest.`,
  );
}

export function definitions(pairs) {
  const shown = pairs.filter(
    ([, value]) =>
      value !== null && value !== undefined && value !== "" && !(Array.isArray(value) && value.length === 0),
  );
  return h(
    "dl",
    { class: "facts" },
    shown.map(([term, value]) => [h("dt", {}, term), h("dd", {}, value)]),
  );
}

export function inlineList(values, render) {
  return values.length
    ? h(
        "ul",
        { class: "inline" },
        values.map((value) => h("li", {}, render(value))),
      )
    : null;
}

/** Where a record kind of the API is shown in the explorer. */
export function recordRoute(kind, id) {
  const views = {
    actor: "actors",
    claim: "claims",
    issue: "issues",
    source: "sources",
    plan: "plans",
    plan_point: "plan-points",
    position: "positions",
    event: "events",
    claim_relation: "relations",
    place: "places",
  };
  return views[kind] ? route(views[kind], id) : null;
}

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
    ["said_by", (c) => (c.speaker_id ? nameOf(actors, c.speaker_id) : (c.attribution ?? ""))],
    ["stated_on", (c) => c.stated_on ?? ""],
    ["figure", (c) => quantity(c)],
    ["measure", (c) => c.measure ?? ""],
    ["quote_start", (c) => c.quote_start],
    ["quote_end", (c) => c.quote_end],
  ];
}

// Where the sources disagree: every contradiction, to filter by issue, by source or pair of sources, within
// one source or between two; ordered by weight (how well both sides are backed) or by id; grouped; in full
// (both claims side by side) or compact. The whole state is in the address, so Back returns to it.

import { getJSON, getList, nameOf, records } from "./api.js";
import { sourceMap } from "./charts.js";
import { byId, groupBy, h, link, plural, route } from "./dom.js";
import { downloads } from "./downloads.js";
import { credibility, reliability } from "./grades.js";
import { claimCard, empty, heading, moreNote, section } from "./pieces.js";

const DEFAULTS = { issue: "", sources: "", scope: "", sort: "weight", group: "none", layout: "full" };

function readState(query) {
  const params = new URLSearchParams(query);
  const state = { ...DEFAULTS };
  for (const name of Object.keys(DEFAULTS)) if (params.get(name)) state[name] = params.get(name);
  return state;
}

/** The address of a state: only what differs from the defaults, so the plain view stays #/contradictions. */
function address(state) {
  const changed = Object.fromEntries(Object.entries(state).filter(([name, value]) => value !== DEFAULTS[name]));
  return route("contradictions", changed);
}

function controls(state, summary, issues, scrollHere) {
  const titles = byId(summary.sources);
  const sourceName = (id) => titles.get(id)?.title ?? id;
  const choose = (name, label, options) =>
    h(
      "label",
      { class: "control" },
      h("span", {}, label),
      h(
        "select",
        {
          name,
          onchange: (event) => {
            location.hash = address({ ...state, [name]: event.target.value });
          },
        },
        options.map(([value, words]) => h("option", { value, selected: value === state[name] }, words)),
      ),
    );
  const pairs = summary.source_pairs.map((pair) => [
    pair.source_ids.join(","),
    pair.source_ids[0] === pair.source_ids[1]
      ? `within ${sourceName(pair.source_ids[0])} (${pair.count})`
      : `${sourceName(pair.source_ids[0])} × ${sourceName(pair.source_ids[1])} (${pair.count})`,
  ]);
  const single = summary.sources.map((s) => [s.id, `involving ${s.title}`]);
  // A filtered view (a map cell, a choice in the form) opens at the filters, the pairs just below them.
  return h(
    "form",
    {
      class: "filters",
      "aria-label": "Filter and arrange the contradictions",
      "data-scroll-here": scrollHere,
      onsubmit: (e) => e.preventDefault(),
    },
    choose("issue", "Issue", [
      ["", "every issue"],
      ...summary.issues.map((i) => [i.issue_id, `${nameOf(issues, i.issue_id)} (${i.count})`]),
    ]),
    choose("sources", "Sources", [["", "any sources"], ...pairs, ...single]),
    choose("scope", "Within or between", [
      ["", "both"],
      ["between", "between two sources"],
      ["within", "within one source"],
    ]),
    choose("sort", "Order", [
      ["weight", "best-backed first (weight)"],
      ["id", "by name"],
    ]),
    choose("group", "Group", [
      ["none", "no groups"],
      ["issue", "by issue"],
      ["sources", "by pair of sources"],
    ]),
    choose("layout", "Show", [
      ["full", "both claims side by side"],
      ["compact", "a compact list"],
    ]),
  );
}

function sidesWords(pair) {
  return pair.within_source
    ? ["within ", pair.from_source.title, " ", reliability(pair.from_source)]
    : [
        pair.from_source.title,
        " ",
        reliability(pair.from_source),
        " vs ",
        pair.to_source.title,
        " ",
        reliability(pair.to_source),
      ];
}

function fullPair(pair, issues) {
  const sources = byId([pair.from_source, pair.to_source]);
  return h(
    "article",
    { class: "contradiction", "data-relation-id": pair.id },
    h("p", { class: "rationale" }, link(route("relations", pair.id), pair.rationale)),
    h(
      "p",
      { class: "meta" },
      h("span", { class: "badge weight" }, `weight ${pair.weight}/20`),
      " ",
      sidesWords(pair),
      pair.issue_ids.length
        ? [" · ", pair.issue_ids.map((i, n) => [n ? ", " : "", link(route("issues", i), nameOf(issues, i))])]
        : null,
    ),
    h("div", { class: "side-by-side" }, claimCard(pair.from_claim, sources), claimCard(pair.to_claim, sources)),
  );
}

function compactPair(pair) {
  return h(
    "li",
    { class: "contradiction compact", "data-relation-id": pair.id },
    h("span", { class: "badge weight" }, `${pair.weight}/20`),
    " ",
    link(route("relations", pair.id), pair.rationale),
    h(
      "span",
      { class: "meta" },
      " — ",
      sidesWords(pair),
      " · the claims: ",
      credibility(pair.from_claim.credibility),
      " ",
      credibility(pair.to_claim.credibility),
    ),
  );
}

function pairList(pairs, state, issues) {
  return state.layout === "compact"
    ? h("ol", { class: "compact-list" }, pairs.map(compactPair))
    : h(
        "div",
        { class: "contradictions" },
        pairs.map((pair) => fullPair(pair, issues)),
      );
}

function grouped(pairs, state, issues, sources) {
  if (state.group === "issue") {
    const groups = new Map();
    for (const pair of pairs)
      for (const issue of pair.issue_ids.length ? pair.issue_ids : [""]) {
        if (!groups.has(issue)) groups.set(issue, []);
        groups.get(issue).push(pair);
      }
    const order = [...groups.keys()].sort(
      (a, b) => (a === "") - (b === "") || nameOf(issues, a).localeCompare(nameOf(issues, b), "en"),
    );
    return [
      h("p", { class: "meta" }, "A pair about several issues is listed under each."),
      order.map((issue) =>
        section(
          `${issue ? nameOf(issues, issue) : "About no issue"} (${groups.get(issue).length})`,
          pairList(groups.get(issue), state, issues),
        ),
      ),
    ];
  }
  if (state.group === "sources") {
    const groups = groupBy(pairs, (pair) => [pair.from_source.id, pair.to_source.id].sort().join(","));
    return [...groups.entries()]
      .sort((a, b) => b[1].length - a[1].length)
      .map(([key, group]) => {
        const [first, second] = key.split(",");
        const title =
          first === second
            ? `Within ${nameOf(sources, first)}`
            : `${nameOf(sources, first)} vs ${nameOf(sources, second)}`;
        return section(`${title} (${group.length})`, pairList(group, state, issues));
      });
  }
  return pairList(pairs, state, issues);
}

const COLUMNS = (issues) => [
  ["relation_id", (p) => p.id],
  ["weight", (p) => p.weight],
  ["rationale", (p) => p.rationale],
  ["within_one_source", (p) => (p.within_source ? "yes" : "no")],
  ["issues", (p) => p.issue_ids.map((i) => nameOf(issues, i))],
  ...["from", "to"].flatMap((side) => [
    [`${side}_claim_id`, (p) => p[`${side}_claim`].id],
    [`${side}_statement`, (p) => p[`${side}_claim`].statement],
    [`${side}_quote`, (p) => p[`${side}_claim`].quote],
    [`${side}_credibility`, (p) => p[`${side}_claim`].credibility],
    [`${side}_source`, (p) => p[`${side}_source`].title],
    [`${side}_source_id`, (p) => p[`${side}_source`].id],
    [`${side}_source_reliability`, (p) => p[`${side}_source`].reliability],
  ]),
];

export async function viewContradictions(query = "") {
  const state = readState(query);
  const params = {
    type: "contradicts",
    sort: state.sort === "id" ? null : "-weight",
    issue_id: state.issue,
    source_id: state.sources ? state.sources.split(",") : null,
    scope: state.scope,
  };
  const [pairs, summary, issues] = await Promise.all([
    getList("/claim-pairs", params),
    getJSON("/claim-pair-counts", { type: "contradicts", issue_id: state.issue }),
    records("issues"),
  ]);
  const sources = byId(summary.sources);
  const chosen = state.sources ? state.sources.split(",") : null;
  const current = chosen ? (chosen.length === 1 ? null : chosen.slice().sort()) : null;
  const filtered = state.issue || state.sources || state.scope;
  return [
    ...heading(
      "Where the sources disagree",
      `${plural(summary.total, "pair")} of claims that contradict each other` +
        `${state.issue ? ` about ${nameOf(issues, state.issue)}` : ""}. The map shows which sources disagree with which; ` +
        "select a cell for those pairs.",
    ),
    section(
      "Source by source",
      sourceMap(summary, {
        href: (ids) => address({ ...state, sources: ids.join(","), scope: "" }),
        current,
      }),
    ),
    controls(state, summary, issues, Boolean(filtered)),
    h(
      "p",
      { class: "summary", role: "status" },
      `Showing ${plural(pairs.length, "contradiction")}`,
      filtered
        ? [" · ", link(address({ ...state, issue: "", sources: "", scope: "" }), "Show every contradiction")]
        : null,
    ),
    pairs.length
      ? [
          downloads({
            name: "contradictions",
            what: "the contradictions shown, with both quotes",
            columns: COLUMNS(issues),
            rows: pairs,
            api: { list: "claim-pairs", params },
          }),
          grouped(pairs, state, issues, sources),
          moreNote(pairs, "contradictions"),
        ]
      : empty("No contradiction matches these filters."),
  ];
}

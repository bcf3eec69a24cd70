// Page pieces the views share: claim cards and lists, sections, headings, facts, export columns.

import { nameOf } from "./api.js";
import { h, link, route } from "./dom.js";
import { credibility, reliability } from "./grades.js";
import { quantity, quoteNodes } from "./text.js";

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

// The search view: ranked hits with their marked snippets and why each matched, the counts per kind as
// filters, and, when nothing matched, the queries the API proposes instead ("did you mean").

import { getJSON } from "./api.js";
import { h, link } from "./dom.js";
import { downloads } from "./downloads.js";
import { empty, heading, inlineList, recordRoute } from "./pieces.js";
import { snippetNodes } from "./text.js";

const PAGE = 25;

const searchHref = (params) => `#/search?${new URLSearchParams(Object.entries(params).filter(([, v]) => v))}`;
const kindName = (kind) => kind.replace("_", " ");

export async function viewSearch(query) {
  const params = new URLSearchParams(query);
  const q = params.get("q") ?? "";
  const kind = params.get("kind") ?? "";
  const offset = Number(params.get("offset") ?? 0);
  document.getElementById("search-input").value = q;
  if (!q.trim()) return [...heading("Search"), empty("Type words to search every record.")];
  const page = await getJSON("/search", { q, kind, limit: PAGE, offset, facets: true });
  const pageLink = (to, text) => link(searchHref({ q, kind, offset: to }), text);
  // Two records may have the same title (three envoys' positions, summarised alike): their ids tell them apart.
  const titles = page.items.map((hit) => hit.title);
  const named = (hit) =>
    titles.indexOf(hit.title) !== titles.lastIndexOf(hit.title)
      ? [hit.title, " ", h("span", { class: "meta" }, `(${hit.id})`)]
      : hit.title;
  return [
    ...heading(
      `Results for “${q}”`,
      `${page.total.toLocaleString("en")}${page.total_exact ? "" : " or more"} ` +
        `${kind ? `${kindName(kind)} records` : "records"} match; the words found are highlighted.`,
    ),
    kindFilters(q, kind, page.facets),
    didYouMean(page.did_you_mean),
    downloads({
      name: "search",
      what: "the hits on this page",
      rows: page.items,
      columns: [
        ["kind", (hit) => hit.kind],
        ["id", (hit) => hit.id],
        ["title", (hit) => hit.title],
        [
          "snippet",
          (hit) =>
            snippetNodes(hit.snippet)
              .map((node) => node.textContent)
              .join(""),
        ],
        ["matched", (hit) => hit.matched.map((term) => term.found).join("; ")],
        ["score", (hit) => hit.score],
      ],
    }),
    h(
      "ol",
      { class: "results", start: offset + 1 },
      page.items.map((hit) =>
        h(
          "li",
          { "data-kind": hit.kind },
          h("span", { class: "badge kind" }, kindName(hit.kind)),
          " ",
          recordRoute(hit.kind, hit.id) ? link(recordRoute(hit.kind, hit.id), named(hit)) : hit.title,
          h("p", { class: "snippet" }, snippetNodes(hit.snippet)),
          matchedTerms(hit.matched),
        ),
      ),
    ),
    h(
      "nav",
      { class: "pager", "aria-label": "Result pages" },
      offset > 0 ? pageLink(Math.max(0, offset - PAGE), "← Previous results") : null,
      " ",
      // A count that stopped at its bound (total_exact false) means there are more past it.
      offset + PAGE < page.total || !page.total_exact ? pageLink(offset + PAGE, "Next results →") : null,
    ),
  ];
}

/** The kinds that match, with their counts, each a link that keeps only that kind (and one back to all). */
function kindFilters(q, kind, facets) {
  const counts = Object.entries(facets.kind);
  if (counts.length === 0) return null;
  const more = facets.exact ? "" : "+";
  const every = counts.reduce((sum, [, count]) => sum + count, 0);
  const option = (value, label, count) => {
    const current = value === kind;
    return h(
      "a",
      { href: searchHref({ q, kind: value }), "aria-current": current ? "true" : null, "data-kind": value || "all" },
      `${label} `,
      h("span", { class: "badge number" }, `${count.toLocaleString("en")}${more}`),
    );
  };
  return h(
    "nav",
    { class: "filters facets", "aria-label": "Kinds of record" },
    option("", "All kinds", every),
    counts.map(([value, count]) => option(value, kindName(value), count)),
  );
}

/** When nothing matched: the queries to try instead, each a link that searches it. */
function didYouMean(suggestions) {
  if (suggestions.length === 0) return null;
  return h(
    "div",
    { class: "did-you-mean" },
    h("p", {}, "Did you mean:"),
    inlineList(suggestions, (suggestion) =>
      h(
        "a",
        { href: searchHref({ q: suggestion.query }), title: `“${suggestion.word}” → ${suggestion.term}` },
        suggestion.query,
      ),
    ),
  );
}

/** Why a hit matched: each part of the query it holds, and the alias, synonym or linked actor it came through. */
function matchedTerms(matched) {
  if (matched.length === 0) return null;
  return h(
    "p",
    { class: "matched meta" },
    "Matched: ",
    matched.map((term, index) => [
      index ? ", " : "",
      h("span", { class: "term", title: term.via ?? "" }, term.via ? `${term.query} → ${term.found}` : term.found),
    ]),
  );
}

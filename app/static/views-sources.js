// Sources: every grade side by side with its reason, and a source's page with its text.

import { apiPath, getJSON, getList, getSource } from "./api.js";
import { h, link, plural, route } from "./dom.js";
import { downloads } from "./downloads.js";
import { credibility, gradeLegend, reliability } from "./grades.js";
import { claimColumns, definitions, empty, heading, moreNote, section } from "./pieces.js";
import { formatDate } from "./text.js";

// ---------------------------------------------------------------- sources

export async function viewSources() {
  const [sources, summary] = await Promise.all([
    getList("/sources", { sort: "reliability" }),
    getJSON("/claim-pair-counts", { type: "contradicts" }),
  ]);
  const against = (id, within) =>
    summary.source_pairs
      .filter((p) => p.source_ids.includes(id) && (p.source_ids[0] === p.source_ids[1]) === within)
      .reduce((sum, p) => sum + p.count, 0);
  return [
    ...heading(
      "Sources and how far to trust them",
      "Every source’s reliability grade side by side, with the reason for it. " +
        "Claims carry a credibility grade of their own.",
    ),
    gradeLegend(),
    downloads({
      name: "sources",
      what: "the sources and their grades",
      rows: sources,
      api: { list: "sources", params: { sort: "reliability" } },
      columns: [
        ["source_id", (s) => s.id],
        ["title", (s) => s.title],
        ["kind", (s) => s.kind],
        ["publisher", (s) => s.publisher ?? ""],
        ["published_on", (s) => s.published_on ?? ""],
        ["reliability", (s) => s.reliability],
        ["why", (s) => s.reliability_note],
        ["contradictions_within", (s) => against(s.id, true)],
        ["contradictions_with_others", (s) => against(s.id, false)],
      ],
    }),
    h(
      "ul",
      { class: "source-cards" },
      sources.map((source) =>
        h(
          "li",
          { class: "source-card", "data-source-id": source.id },
          h("div", { class: "big-grade" }, reliability(source)),
          h(
            "div",
            {},
            h("h2", {}, link(route("sources", source.id), source.title)),
            h(
              "p",
              { class: "meta" },
              [
                source.kind.replace("_", " "),
                source.publisher,
                source.published_on ? formatDate(source.published_on) : "undated",
              ]
                .filter(Boolean)
                .join(" · "),
            ),
            h("p", { class: "why" }, h("strong", {}, "Why: "), source.reliability_note),
            h(
              "p",
              { class: "meta" },
              link(
                route("contradictions", { sources: source.id }),
                `${plural(against(source.id, false), "contradiction")} with other sources, ${against(source.id, true)} within itself`,
              ),
            ),
          ),
        ),
      ),
    ),
    moreNote(sources, "sources"),
  ];
}

// ---------------------------------------------------------------- source

export async function viewSource(id) {
  const [source, claims] = await Promise.all([
    getSource(id),
    getList(apiPath("sources", id, "claims"), { sort: "quote_start" }),
  ]);
  const sources = new Map([[source.id, source]]);
  return [
    ...heading(
      source.title,
      [
        source.publisher,
        source.attributed_to && `attributed to ${source.attributed_to}`,
        source.published_on ? formatDate(source.published_on) : "undated",
      ]
        .filter(Boolean)
        .join(" · "),
    ),
    h(
      "div",
      { class: "grade-box" },
      reliability(source),
      h("p", { class: "why" }, h("strong", {}, "Why this grade: "), source.reliability_note),
    ),
    definitions([
      ["Kind", source.kind.replace("_", " ")],
      ["Notes", source.notes],
      ["Address", source.url],
    ]),
    h(
      "p",
      { class: "controls" },
      link(route("contradictions", { sources: source.id }), "Contradictions involving this source"),
      " · ",
      link(route("sources", source.id, "review"), "Review the suggested claims"),
      " · ",
      link("#/sources", "Every source’s grade"),
    ),
    section(
      `Claims quoting it (${claims.total})`,
      claims.length
        ? [
            downloads({
              name: `claims-${id}`,
              what: "the claims quoting this source",
              columns: claimColumns(sources),
              rows: claims,
              api: { list: `sources/${id}/claims`, params: { sort: "quote_start" } },
            }),
            h(
              "ol",
              { class: "claim-list" },
              claims.map((c) =>
                h(
                  "li",
                  { "data-claim-id": c.id },
                  link(route("claims", c.id), c.statement),
                  " ",
                  credibility(c.credibility),
                ),
              ),
            ),
            moreNote(claims, "claims"),
          ]
        : empty("No claim quotes this source."),
    ),
    section(
      "Text",
      h("div", { class: "source-text", tabindex: "0", role: "region", "aria-label": "Source text" }, source.text),
    ),
  ];
}

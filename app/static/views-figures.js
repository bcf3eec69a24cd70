// Numbers and the timeline: figures by measure, and dated records drawn to scale.

import { getList, records } from "./api.js";
import { figureBars, timelineChart } from "./charts.js";
import { groupBy, h, link, plural, route, unique } from "./dom.js";
import { downloads } from "./downloads.js";
import { credibility, reliability } from "./grades.js";
import { claimColumns, empty, heading, moreNote, section } from "./pieces.js";
import { formatDate, quantity } from "./text.js";

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
  return h(
    "div",
    { class: "table-scroll" },
    h(
      "table",
      { class: "numbers" },
      h(
        "caption",
        {},
        caption,
        " ",
        compare
          ? h(
              "span",
              { class: `badge ${values.length > 1 ? "differ" : "agree"}` },
              values.length > 1 ? "the figures differ" : "the same figure",
            )
          : null,
      ),
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          ["Figure", "What it measures", "Source", "Credibility", "The words"].map((t) => h("th", { scope: "col" }, t)),
        ),
      ),
      h(
        "tbody",
        {},
        claims.map((claim) => {
          const source = sources.get(claim.source_id);
          return h(
            "tr",
            { "data-claim-id": claim.id },
            h("td", { class: "figure" }, quantity(claim)),
            h("td", {}, claim.measure ?? ""),
            h("td", {}, source ? source.title : claim.source_id, " ", reliability(source)),
            h("td", {}, credibility(claim.credibility)),
            h("td", {}, link(route("claims", claim.id), `“${claim.quote}”`)),
          );
        }),
      ),
    ),
  );
}

const clipped = (text, length) => (text.length > length ? `${text.slice(0, length - 1)}…` : text);
const BAR_UNITS = new Set([
  "percent",
  "USD",
  "hours",
  "days",
  "points",
  "soldiers",
  "prisoners of war",
  "civilians",
  "envoys",
]);

export async function viewNumbers() {
  const claims = await getList("/claims", { quantitative: "true", sort: "value" });
  const sources = await records(
    "sources",
    claims.map((c) => c.source_id),
  );
  const { compared, alone } = numberGroups(claims);
  const byUnit = groupBy(alone, (c) => (c.value_on ? "date" : (c.unit ?? "number")));
  return [
    ...heading(
      "Numbers across sources",
      "Every figure the sources give. Only figures of one measure — claims linked by a " +
        "relation, in the same unit — are compared, and drawn to one scale.",
    ),
    downloads({
      name: "figures",
      what: "every figure",
      rows: claims,
      api: { list: "claims", params: { quantitative: "true", sort: "value" } },
      columns: [
        ["figure", (c) => quantity(c)],
        ["value", (c) => c.value ?? c.value_on ?? ""],
        ["unit", (c) => c.unit ?? ""],
        ...claimColumns(sources).filter(([name]) => name !== "figure"),
      ],
    }),
    section(
      `Figures several claims give (${compared.length} measures)`,
      compared.length
        ? compared.map((group) =>
            h(
              "div",
              { class: "measure", "data-unit": group[0].unit ?? "date" },
              h("h3", {}, (group[0].measure ?? "a figure").replace(/\s*\([^)]*\)\s*$/, "")),
              group[0].unit && BAR_UNITS.has(group[0].unit)
                ? figureBars(
                    group.map((c) => ({ ...c, shown: quantity(c) })),
                    {
                      label: (c) =>
                        `${clipped(sources.get(c.source_id)?.title ?? c.source_id, 28)} (${sources.get(c.source_id)?.reliability ?? "?"})`,
                      value: (c) => c.value,
                      href: (c) => route("claims", c.id),
                      unit: group[0].unit,
                    },
                  )
                : null,
              numbersTable(group, sources, `${plural(group.length, "claim")}, one measure`, { compare: true }),
            ),
          )
        : empty("No figure is given by more than one claim."),
    ),
    section(
      "Figures only one claim gives",
      h(
        "p",
        { class: "meta" },
        "Each measures something of its own, so they are listed " + "by unit and not compared with each other.",
      ),
      [...byUnit.entries()].map(([unit, group]) =>
        numbersTable(group, sources, unit === "year" ? "years" : unit, { compare: false }),
      ),
    ),
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
  const dated = events
    .filter((e) => e.occurred_on)
    .sort((a, b) => a.occurred_on.localeCompare(b.occurred_on) || byTitle(a, b));
  const undated = events.filter((e) => !e.occurred_on).sort(byTitle);
  const named = figures.filter((c) => c.value_on);
  const years = figures.filter((c) => c.unit === "year");
  const marks = [
    ...dated.map((e) => ({
      date: e.occurred_on,
      label: e.title,
      kind: "event",
      href: route("events", e.id),
      id: `event-${e.id}`,
    })),
    ...stated.map((c) => ({
      date: c.stated_on,
      label: `said: ${c.statement}`,
      kind: "stated",
      href: route("claims", c.id),
      id: `claim-${c.id}`,
    })),
    ...named.map((c) => ({
      date: c.value_on,
      label: `date named: ${c.measure ?? c.statement}`,
      kind: "named",
      href: route("claims", c.id),
      id: `named-${c.id}`,
    })),
  ].sort((a, b) => a.date.localeCompare(b.date) || a.label.localeCompare(b.label, "en"));
  const item = (mark) =>
    h(
      "li",
      { id: mark.id, class: `event kind-${mark.kind}${mark.id === `event-${at}` ? " focused" : ""}` },
      h("time", { datetime: mark.date }, formatDate(mark.date)),
      " ",
      h("span", { class: "badge" }, { event: "event", stated: "claim made", named: "date a claim names" }[mark.kind]),
      " ",
      link(mark.href, mark.label),
    );
  return [
    ...heading(
      "Timeline",
      `${plural(marks.length, "dated record")} drawn to scale: ${plural(dated.length, "event")}, ` +
        `${plural(stated.length, "claim")} with the day it was made, ${plural(named.length, "date")} that claims name. ` +
        `${plural(undated.length, "event")} the sources do not date are listed apart.`,
    ),
    marks.length ? timelineChart(marks) : empty("No record is dated."),
    h(
      "p",
      { class: "meta" },
      "Above the line: events (circles). Below: claims (squares) — when a claim was made, or a date it names.",
    ),
    downloads({
      name: "timeline",
      what: "the dated records and the undated events",
      rows: [
        ...marks.map((m) => ({ ...m, note: "" })),
        ...undated.map((e) => ({
          date: "",
          label: e.title,
          kind: "undated event",
          href: route("events", e.id),
          id: `event-${e.id}`,
          note: e.date_note ?? "",
        })),
      ],
      columns: [
        ["date", (m) => m.date],
        ["what", (m) => m.kind],
        ["title", (m) => m.label],
        ["record", (m) => m.id],
        ["about_the_date", (m) => m.note],
      ],
    }),
    section("In order", h("ol", { class: "timeline" }, marks.map(item))),
    section(
      `Not dated by the sources (${undated.length})`,
      h(
        "p",
        { class: "meta" },
        "These events have no date in any source, so they cannot be placed on the line; they are " +
          "listed by title, not in time order, each with what the sources say about when.",
      ),
      h(
        "ul",
        { class: "timeline undated" },
        undated.map((e) =>
          h(
            "li",
            { id: `event-${e.id}`, class: `event${e.id === at ? " focused" : ""}` },
            link(route("events", e.id), e.title),
            e.date_note ? h("p", { class: "meta" }, e.date_note) : null,
          ),
        ),
      ),
    ),
    years.length
      ? section(
          `Given only as a year (${years.length})`,
          h("p", { class: "meta" }, "Claims that name a year but no day; not drawn on the line."),
          h(
            "ul",
            {},
            years.map((c) =>
              h("li", {}, h("span", { class: "figure" }, quantity(c)), " — ", link(route("claims", c.id), c.statement)),
            ),
          ),
        )
      : null,
  ];
}

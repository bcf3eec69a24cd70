// Actors: who stands where (the positions matrix) and an actor's page.

import { apiPath, getJSON, getList, nameOf, records } from "./api.js";
import { matrixChart, stanceKey } from "./charts.js";
import { byId, groupBy, h, link, plural, route } from "./dom.js";
import { downloads } from "./downloads.js";
import { stance } from "./grades.js";
import { claimColumns, claimItem, definitions, empty, heading, inlineList, moreNote, section } from "./pieces.js";
import { describeCell, positionColumns, positionEntry } from "./positions.js";
import { formatDate } from "./text.js";

// ---------------------------------------------------------------- who stands where

export async function viewActors() {
  const [matrix, actors] = await Promise.all([getJSON("/position-matrix"), getList("/actors", { sort: "name" })]);
  const actorNames = byId(matrix.actors),
    issueNames = byId(matrix.issues);
  const held = groupBy(matrix.cells, (c) => c.actor_id);
  const everyActor = byId(actors);
  const rows = matrix.cells.flatMap((cell) => cell.positions.map((p) => ({ cell, p })));
  const describe = (cell) => describeCell(cell, nameOf(actorNames, cell.actor_id), nameOf(issueNames, cell.issue_id));
  return [
    ...heading(
      "Who stands where",
      `${plural(matrix.actors.length, "actor")} × ${plural(matrix.issues.length, "issue")}. ` +
        "A position on a plan or plan point counts for every issue it touches. Select a cell for the positions behind it, " +
        "an issue for every actor’s position on it, an actor for its page.",
    ),
    stanceKey(),
    matrixChart(matrix, {
      cellHref: (cell) => route("actors", cell.actor_id, { issue: cell.issue_id }),
      actorHref: (actor) => route("actors", actor.id),
      issueHref: (issue) => route("issues", issue.id),
      describe,
    }),
    downloads({
      name: "positions-matrix",
      what: "every position, cell by cell",
      rows,
      columns: [
        ["actor", ({ cell }) => nameOf(actorNames, cell.actor_id)],
        ["actor_id", ({ cell }) => cell.actor_id],
        ["issue", ({ cell }) => nameOf(issueNames, cell.issue_id)],
        ["issue_id", ({ cell }) => cell.issue_id],
        ["stance", ({ p }) => p.stance],
        ["on_kind", ({ p }) => p.target_kind],
        ["on", ({ p }) => p.target_label],
        ["on_id", ({ p }) => p.target_id],
        ["summary", ({ p }) => p.summary],
        ["position_id", ({ p }) => p.position_id],
        ["claim_ids", ({ p }) => p.claim_ids],
      ],
    }),
    h(
      "details",
      { class: "as-table" },
      h("summary", {}, "The matrix as a table"),
      h(
        "div",
        { class: "table-scroll" },
        h(
          "table",
          {},
          h(
            "thead",
            {},
            h(
              "tr",
              {},
              h("th", { scope: "col" }, "Actor"),
              h("th", { scope: "col" }, "Issue"),
              h("th", { scope: "col" }, "Positions"),
            ),
          ),
          h(
            "tbody",
            {},
            matrix.cells.map((cell) =>
              h(
                "tr",
                {},
                h("th", { scope: "row" }, nameOf(actorNames, cell.actor_id)),
                h("td", {}, nameOf(issueNames, cell.issue_id)),
                h(
                  "td",
                  {},
                  h(
                    "a",
                    { href: route("actors", cell.actor_id, { issue: cell.issue_id }), "aria-label": describe(cell) },
                    describe(cell).split(": ").slice(1).join(": "),
                  ),
                ),
              ),
            ),
          ),
        ),
      ),
    ),
    section(
      `Every actor (${actors.total})`,
      downloads({
        name: "actors",
        what: "the actors",
        rows: actors,
        api: { list: "actors", params: { sort: "name" } },
        columns: [
          ["actor_id", (a) => a.id],
          ["actor", (a) => a.name],
          ["kind", (a) => a.kind],
          ["part_of", (a) => (a.affiliation_id ? nameOf(everyActor, a.affiliation_id) : "")],
          ["part_of_id", (a) => a.affiliation_id ?? ""],
          ["aliases", (a) => a.aliases],
          ["issues_with_positions", (a) => (held.get(a.id) ?? []).map((c) => nameOf(issueNames, c.issue_id))],
        ],
      }),
      h(
        "ul",
        { class: "actor-list" },
        actors.map((actor) =>
          h(
            "li",
            { "data-actor-id": actor.id },
            link(route("actors", actor.id), actor.name),
            " ",
            h(
              "span",
              { class: "meta" },
              actor.kind.replace("_", " "),
              held.has(actor.id) ? ` · positions on ${plural(held.get(actor.id).length, "issue")}` : "",
            ),
          ),
        ),
      ),
      moreNote(actors, "actors"),
    ),
  ];
}

// ---------------------------------------------------------------- actor

export async function viewActor(id, query = "") {
  const path = apiPath("actors", id);
  const focus = new URLSearchParams(query).get("issue");
  const [actor, matrix, claims, events, members, plans] = await Promise.all([
    getJSON(path),
    getJSON("/position-matrix", { actor_id: id, embed: "claims" }),
    getList(`${path}/claims`),
    getList(`${path}/events`, { sort: "occurred_on" }),
    getList("/actors", { affiliation_id: id }),
    records("plans"),
  ]);
  const actors = await records("actors", [actor.affiliation_id]);
  const sources = await records(
    "sources",
    claims.map((c) => c.source_id),
  );
  for (const source of matrix.sources) sources.set(source.id, source);
  const backing = byId(matrix.claims);
  const issues = byId(matrix.issues);
  const spoken = claims.filter((c) => c.speaker_id === id);
  const aboutIt = claims.filter((c) => c.speaker_id !== id);
  const rows = matrix.cells.flatMap((cell) =>
    cell.positions.map((p) => ({ ...p, issue_id: cell.issue_id, issue_name: nameOf(issues, cell.issue_id) })),
  );
  const claimList = (list, what, name) =>
    list.length
      ? [
          downloads({ name, what, columns: claimColumns(sources, actors), rows: list }),
          h(
            "ul",
            { class: "claim-list" },
            list.map((c) => claimItem(c, sources)),
          ),
        ]
      : empty(`No ${what}.`);
  return [
    ...heading(actor.name, actor.description),
    definitions([
      ["Kind", actor.kind.replace("_", " ")],
      [
        "Part of",
        actor.affiliation_id ? link(route("actors", actor.affiliation_id), nameOf(actors, actor.affiliation_id)) : null,
      ],
      ["Members", inlineList(members, (m) => link(route("actors", m.id), m.name))],
      ["Spelled in the sources", inlineList(actor.aliases, (alias) => `“${alias}”`)],
      [
        "Roles",
        inlineList(actor.roles, (r) => [
          r.role,
          " — ",
          link(route("claims", r.claim_id), `as “${r.role}” in ${nameOf(sources, r.source_id)}`),
        ]),
      ],
    ]),
    h("p", { class: "controls" }, link(route("graph", { actor: id }), `Network around ${actor.name}`)),
    section(
      "Positions, issue by issue",
      matrix.cells.length || matrix.unplaced.length
        ? [
            downloads({
              name: `positions-${id}`,
              what: `${actor.name}’s positions`,
              columns: positionColumns(byId([actor]), backing),
              rows: [...rows, ...matrix.unplaced],
            }),
            h(
              "div",
              { class: "positions" },
              matrix.cells.map((cell) =>
                h(
                  "article",
                  {
                    class: `issue-stand${cell.issue_id === focus ? " focused" : ""}`,
                    id: `stand-${cell.issue_id}`,
                    "data-issue-id": cell.issue_id,
                  },
                  h(
                    "h3",
                    {},
                    "On ",
                    link(route("issues", cell.issue_id), nameOf(issues, cell.issue_id)),
                    " ",
                    cell.stances.map((s) => [stance(s), " "]),
                  ),
                  cell.positions.map((p) =>
                    positionEntry(p, {
                      claims: backing,
                      sources,
                      plans,
                      actors: byId([actor]),
                      issueItself: cell.issue_id,
                      open: cell.issue_id === focus,
                    }),
                  ),
                ),
              ),
            ),
            matrix.unplaced.length
              ? h(
                  "article",
                  { class: "issue-stand" },
                  h("h3", {}, "On plans and points that touch no issue"),
                  matrix.unplaced.map((p) =>
                    positionEntry(p, { claims: backing, sources, plans, actors: byId([actor]) }),
                  ),
                )
              : null,
          ]
        : empty(`No position of ${actor.name} is recorded.`),
    ),
    section(
      `Claims ${actor.name} made (${spoken.length})`,
      claimList(spoken, `claims ${actor.name} made`, `claims-by-${id}`),
    ),
    section(
      `Claims about ${actor.name} (${aboutIt.length})`,
      claimList(aboutIt, `claims about ${actor.name}`, `claims-about-${id}`),
      moreNote(claims, "claims by or about this actor"),
    ),
    section(
      `Events (${events.length})`,
      events.length
        ? h(
            "ul",
            {},
            events.map((e) =>
              h(
                "li",
                {},
                link(route("events", e.id), e.title),
                " ",
                h("span", { class: "meta" }, e.occurred_on ? formatDate(e.occurred_on) : "not dated"),
              ),
            ),
          )
        : empty("No event involves this actor."),
    ),
  ];
}

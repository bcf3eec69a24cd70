// The disputed issues: each with the positions that count for it, and an issue's page: who stands where on it.

import { apiPath, getJSON, getList, nameOf, records } from "./api.js";
import { byId, groupBy, h, link, plural, route } from "./dom.js";
import { downloads } from "./downloads.js";
import { stance } from "./grades.js";
import { claimColumns, claimItem, empty, heading, moreNote, section } from "./pieces.js";
import { positionColumns, positionEntry } from "./positions.js";

// ---------------------------------------------------------------- issues

export async function viewIssues() {
  const [issues, matrix] = await Promise.all([getList("/issues", { sort: "name" }), getJSON("/position-matrix")]);
  const counts = new Map();
  for (const cell of matrix.cells) {
    const seen = counts.get(cell.issue_id) ?? { positions: new Set(), actors: new Set() };
    cell.positions.forEach((p) => seen.positions.add(p.position_id));
    seen.actors.add(cell.actor_id);
    counts.set(cell.issue_id, seen);
  }
  const count = (id) => counts.get(id) ?? { positions: new Set(), actors: new Set() };
  return [
    ...heading(
      "Disputed issues",
      "Pick an issue to see where every actor stands on it — on the issue itself and on the " +
        "plans and plan points that touch it — and the words of the sources behind each position.",
    ),
    downloads({
      name: "issues",
      what: "the issues",
      rows: issues,
      api: { list: "issues", params: { sort: "name" } },
      columns: [
        ["issue_id", (i) => i.id],
        ["issue", (i) => i.name],
        ["description", (i) => i.description ?? ""],
        ["positions", (i) => count(i.id).positions.size],
        ["actors", (i) => count(i.id).actors.size],
      ],
    }),
    h(
      "ul",
      { class: "cards" },
      issues.map((issue) =>
        h(
          "li",
          { class: "card", "data-issue-id": issue.id },
          h("h2", {}, link(route("issues", issue.id), issue.name)),
          issue.description ? h("p", {}, issue.description) : null,
          h(
            "p",
            { class: "meta counts" },
            `${plural(count(issue.id).positions.size, "position")} by ` +
              `${plural(count(issue.id).actors.size, "actor")}, counting those on plans and plan points that touch it`,
          ),
        ),
      ),
    ),
    moreNote(issues, "issues"),
  ];
}

// ---------------------------------------------------------------- issue

export async function viewIssue(id) {
  const path = apiPath("issues", id);
  const [issue, matrix, points, about, plans] = await Promise.all([
    getJSON(path),
    getJSON("/position-matrix", { issue_id: id, embed: "claims" }),
    getList(`${path}/plan-points`),
    getList(`${path}/claims`),
    records("plans"),
  ]);
  const sources = await records(
    "sources",
    about.map((c) => c.source_id),
  );
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
    h(
      "p",
      { class: "summary" },
      `${plural(matrix.cells.length, "actor")} take ${plural(positions.length, "position")} that count for this issue: ` +
        `${counted.get("issue")?.length ?? 0} on the issue itself, ${counted.get("plan")?.length ?? 0} on plans touching it, ` +
        `${counted.get("plan_point")?.length ?? 0} on plan points touching it.`,
    ),
    h(
      "p",
      { class: "controls" },
      link(route("contradictions", { issue: id }), "Contradictions about this issue"),
      " · ",
      link(route("graph", { issue: id }), "Network around this issue"),
    ),
    section(
      "Who stands where",
      matrix.cells.length
        ? [
            downloads({
              name: `positions-${id}`,
              what: "the positions on this issue",
              columns: positionColumns(actors, claims),
              rows,
            }),
            glance(cells, actors),
            h(
              "div",
              { class: "positions" },
              cells.map((cell) =>
                h(
                  "article",
                  { class: "actor-stand", id: `stand-${cell.actor_id}`, "data-actor-id": cell.actor_id },
                  h(
                    "h3",
                    {},
                    link(route("actors", cell.actor_id), nameOf(actors, cell.actor_id)),
                    " ",
                    cell.stances.map((s) => [stance(s), " "]),
                  ),
                  cell.positions.map((p) => positionEntry(p, { claims, sources, plans, actors, issueItself: id })),
                ),
              ),
            ),
          ]
        : empty("No actor’s position counts for this issue."),
    ),
    section(
      `Plan points touching this issue (${points.length})`,
      points.length
        ? h(
            "ul",
            { class: "points" },
            points.map((point) =>
              h(
                "li",
                { "data-point-id": point.id },
                link(route("plan-points", point.id), point.text),
                " ",
                h("span", { class: "meta" }, "— ", nameOf(plans, point.plan_id)),
              ),
            ),
          )
        : empty("No plan point touches this issue."),
    ),
    section(
      `Claims about this issue (${about.total})`,
      about.length
        ? [
            downloads({
              name: `claims-${id}`,
              what: "the claims about this issue",
              columns: claimColumns(sources),
              rows: about,
              api: { list: `issues/${id}/claims` },
            }),
            h(
              "ul",
              { class: "claim-list" },
              about.map((c) => claimItem(c, sources)),
            ),
            moreNote(about, "claims"),
          ]
        : empty("No claim is about this issue."),
    ),
  ];
}

/** Every actor's stance at a glance: on the issue itself, on plans touching it, on plan points touching it. */
function glance(cells, actors) {
  const kinds = [
    ["issue", "On the issue itself"],
    ["plan", "On plans touching it"],
    ["plan_point", "On plan points touching it"],
  ];
  const clip = (text) => (text.length > 70 ? `${text.slice(0, 69)}…` : text);
  return h(
    "div",
    { class: "table-scroll" },
    h(
      "table",
      { class: "glance" },
      h("caption", {}, "At a glance (details, and the evidence, below)"),
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          h("th", { scope: "col" }, "Actor"),
          kinds.map(([, words]) => h("th", { scope: "col" }, words)),
        ),
      ),
      h(
        "tbody",
        {},
        cells.map((cell) =>
          h(
            "tr",
            { "data-actor-id": cell.actor_id },
            h("th", { scope: "row" }, link(route("actors", cell.actor_id), nameOf(actors, cell.actor_id))),
            kinds.map(([kind]) =>
              h(
                "td",
                { "data-kind": kind },
                cell.positions
                  .filter((p) => p.target_kind === kind)
                  .map((p) => h("div", {}, stance(p.stance), kind === "issue" ? null : ` ${clip(p.target_label)}`)),
              ),
            ),
          ),
        ),
      ),
    ),
  );
}

// Plans: versions side by side (the plan diff), a plan's page and a plan point's page.

import { apiPath, getJSON, getList, nameOf, records } from "./api.js";
import { byId, h, link, route } from "./dom.js";
import { downloads } from "./downloads.js";
import { stance } from "./grades.js";
import { claimCards, definitions, empty, heading, inlineList, section } from "./pieces.js";
import { positionEntry, positionLink } from "./positions.js";
import { formatDate } from "./text.js";

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
    h(
      "select",
      { id: `plan-${name}`, name },
      plans.map((plan) => h("option", { value: plan.id, selected: plan.id === chosen }, plan.name)),
    ),
  ];
  return h(
    "form",
    {
      class: "plan-picker",
      onsubmit: (event) => {
        event.preventDefault();
        const data = new FormData(event.target);
        location.hash = route("plans", data.get("base"), data.get("other"));
      },
    },
    select("base", "Earlier version", base),
    select("other", "Later version", other),
    h("button", { type: "submit" }, "Compare"),
  );
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
  if (!point)
    return h(
      "td",
      { class: "absent" },
      h("span", { "aria-hidden": "true" }, "—"),
      h("span", { class: "visually-hidden" }, "no matching point"),
    );
  const number = point.ordinal !== null ? `${point.ordinal}. ` : "";
  return h(
    "td",
    { "data-point-id": point.id },
    number,
    link(route("plan-points", point.id), changes.length ? diffText(changes, side) : point.text),
    point.parent_id ? h("span", { class: "meta" }, " (detail of another point)") : null,
  );
}

async function viewPlan(id, plansById, plans) {
  const [points, positions, actors] = await Promise.all([
    getList(apiPath("plans", id, "points")),
    getList(apiPath("plans", id, "positions")),
    records("actors"),
  ]);
  const plan = plansById.get(id);
  const later = plans.filter((p) => p.supersedes_id === id);
  return [
    ...heading(plan.name, plan.description),
    h(
      "p",
      { class: "meta" },
      [
        plan.status.replace("_", " "),
        plan.announced_on ? `announced ${formatDate(plan.announced_on)}` : "no announcement date",
      ].join(" · "),
      plan.proposer_ids.length
        ? [
            " · proposed by ",
            plan.proposer_ids.map((a, i) => [i ? ", " : "", link(route("actors", a), nameOf(actors, a))]),
          ]
        : null,
    ),
    h(
      "p",
      { class: "controls" },
      plan.supersedes_id
        ? [
            link(
              route("plans", plan.supersedes_id, id),
              `Compare with the earlier ${nameOf(plansById, plan.supersedes_id)}`,
            ),
            " · ",
          ]
        : null,
      later.map((p) => [link(route("plans", id, p.id), `Compare with the later ${p.name}`), " · "]),
      plan.source_id ? link(route("sources", plan.source_id), "The source describing it") : null,
    ),
    planPicker(plans, id, id),
    section(
      `Positions on the whole plan (${positions.length})`,
      positions.length
        ? h(
            "ul",
            {},
            positions.map((p) =>
              h(
                "li",
                {},
                link(route("actors", p.actor_id), nameOf(actors, p.actor_id)),
                " ",
                stance(p.stance),
                " — ",
                positionLink(p, nameOf(actors, p.actor_id)),
              ),
            ),
          )
        : empty("No position on the whole plan is recorded."),
    ),
    section(
      `Points (${points.length})`,
      points.length
        ? [
            downloads({
              name: `points-${id}`,
              what: "the plan’s points",
              rows: points,
              api: { list: `plans/${id}/points` },
              columns: [
                ["point_id", (p) => p.id],
                ["plan", () => plan.name],
                ["plan_id", (p) => p.plan_id],
                ["ordinal", (p) => p.ordinal ?? ""],
                ["sequence", (p) => p.sequence],
                ["text", (p) => p.text],
                ["category", (p) => p.category],
                ["issue_ids", (p) => p.issue_ids],
                ["detail_of", (p) => p.parent_id ?? ""],
              ],
            }),
            h(
              "ol",
              { class: "points" },
              points.map((p) => h("li", { "data-point-id": p.id }, link(route("plan-points", p.id), p.text))),
            ),
          ]
        : empty("No source lists this plan’s points, so none are recorded."),
    ),
  ];
}

export async function viewPlanDiff(base, other) {
  const plansById = await records("plans");
  const plans = [...plansById.values()];
  const name = (id) => nameOf(plansById, id);
  if (base === other) return viewPlan(base, plansById, plans);
  const diff = await getJSON(apiPath("plans", base, "diff", other));
  const { summary } = diff;
  const baseEmpty = !diff.rows.some((row) => row.base),
    otherEmpty = !diff.rows.some((row) => row.other);
  const explain = (emptyId, fullId, what) =>
    h(
      "p",
      { class: "notice", role: "note" },
      `${name(emptyId)} has no recorded points: the sources mention it but never list its points. So every point of `,
      `${name(fullId)} shows as ${what} — which says nothing about what changed between the two. `,
      link(route("plans", emptyId), `What is known of ${name(emptyId)}`),
    );
  return [
    ...heading(
      "Plans side by side",
      "Points matched across versions: unchanged, reworded (word by word), removed and added.",
    ),
    planPicker(plans, base, other),
    h(
      "p",
      { class: "summary" },
      `${summary.unchanged} unchanged · ${summary.reworded} reworded · ${summary.removed} removed · ${summary.added} added`,
    ),
    baseEmpty && diff.rows.length ? explain(base, other, "added") : null,
    otherEmpty && diff.rows.length ? explain(other, base, "removed") : null,
    h("p", { class: "meta" }, `Method: ${diff.method}.`),
    downloads({
      name: `diff-${base}-${other}`,
      what: "the rows of this comparison",
      rows: diff.rows,
      columns: [
        ["change", (r) => r.status],
        ["matched_by", (r) => r.matched_by ?? ""],
        ["similarity", (r) => r.similarity ?? ""],
        [`${base}_point_id`, (r) => r.base?.id ?? ""],
        [`${base}_text`, (r) => r.base?.text ?? ""],
        [`${other}_point_id`, (r) => r.other?.id ?? ""],
        [`${other}_text`, (r) => r.other?.text ?? ""],
      ],
    }),
    h(
      "div",
      { class: "table-scroll" },
      h(
        "table",
        { class: "diff" },
        h("caption", {}, `${name(base)} → ${name(other)}`),
        h(
          "thead",
          {},
          h(
            "tr",
            {},
            h("th", { scope: "col" }, "Change"),
            h("th", { scope: "col" }, name(base)),
            h("th", { scope: "col" }, name(other)),
          ),
        ),
        h(
          "tbody",
          {},
          diff.rows.map((row) =>
            h(
              "tr",
              { class: `row-${row.status}` },
              h(
                "th",
                { scope: "row" },
                row.status,
                row.matched_by
                  ? h(
                      "span",
                      { class: "meta" },
                      ` by ${row.matched_by}${row.similarity !== null && row.similarity < 1 ? `, ${Math.round(row.similarity * 100)}% alike` : ""}`,
                    )
                  : null,
              ),
              pointCell(row.base, row.changes, "base"),
              pointCell(row.other, row.changes, "other"),
            ),
          ),
        ),
      ),
    ),
    diff.rows.length ? null : empty("Neither plan has recorded points."),
  ];
}

// ---------------------------------------------------------------- plan point

export async function viewPlanPoint(id) {
  const path = apiPath("plan-points", id);
  const point = await getJSON(path);
  const [siblings, positions, claims, plans, issues] = await Promise.all([
    getList(apiPath("plans", point.plan_id, "points")),
    getList(`${path}/positions`),
    getList(`${path}/claims`),
    records("plans", [point.plan_id]),
    records("issues", point.issue_ids),
  ]);
  const [actors, sources] = await Promise.all([
    records(
      "actors",
      positions.map((p) => p.actor_id),
    ),
    records(
      "sources",
      claims.map((c) => c.source_id),
    ),
  ]);
  const byPoint = byId(siblings);
  const children = siblings.filter((p) => p.parent_id === id);
  const plan = plans.get(point.plan_id);
  const claimsById = byId(claims);
  return [
    ...heading(
      // The source's own number if it gives one, else the point's place in the list.
      `${point.ordinal !== null ? `Point ${point.ordinal}` : `The ${nth(point.sequence)} point`} of ${plan?.name ?? point.plan_id}`,
      point.text,
    ),
    definitions([
      ["Plan", link(route("plans", point.plan_id), plan?.name ?? point.plan_id)],
      [
        "Detail of",
        point.parent_id
          ? link(route("plan-points", point.parent_id), byPoint.get(point.parent_id)?.text ?? point.parent_id)
          : null,
      ],
      ["Details", inlineList(children, (c) => link(route("plan-points", c.id), c.text))],
      ["Category", point.category.replace("_", " ")],
      ["Issues", inlineList(point.issue_ids, (x) => link(route("issues", x), nameOf(issues, x)))],
      ["Place in the plan", `${point.sequence} of ${siblings.length}`],
    ]),
    section(
      `Positions on this point (${positions.length})`,
      positions.length
        ? h(
            "div",
            { class: "positions" },
            positions.map((p) =>
              h(
                "div",
                {},
                h("h3", {}, link(route("actors", p.actor_id), nameOf(actors, p.actor_id))),
                positionEntry(
                  {
                    ...p,
                    position_id: p.id,
                    target_kind: "plan_point",
                    target_id: id,
                    target_label: point.text,
                    plan_id: point.plan_id,
                  },
                  { claims: claimsById, sources, plans, actors },
                ),
              ),
            ),
          )
        : empty("No actor’s position on this point is recorded."),
    ),
    section(
      `Claims about this point (${claims.length})`,
      claimCards(claims, sources, "No claim is about this point."),
    ),
  ];
}

function nth(number) {
  const tens = number % 100,
    ones = number % 10;
  const suffix = tens >= 11 && tens <= 13 ? "th" : ({ 1: "st", 2: "nd", 3: "rd" }[ones] ?? "th");
  return `${number}${suffix}`;
}

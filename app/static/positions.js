// Positions as the matrix answers them (GET /position-matrix): who takes which stance on what, and why.

import { h, link, route } from "./dom.js";
import { stance } from "./grades.js";
import { claimCard } from "./pieces.js";

const clip = (text, length) => (text.length > length ? `${text.slice(0, length - 1)}…` : text);

/** What a position is on, as words and links: the issue, a whole plan, or one point of a plan. */
export function targetWords(position, plans, { issueItself = null } = {}) {
  if (position.target_kind === "issue") {
    return position.target_id === issueItself
      ? "the issue itself"
      : ["the issue ", link(route("issues", position.target_id), position.target_label)];
  }
  if (position.target_kind === "plan")
    return ["the plan ", link(route("plans", position.target_id), position.target_label)];
  const plan = plans.get(position.plan_id);
  return [
    "the point ",
    link(route("plan-points", position.target_id), `“${clip(position.target_label, 110)}”`),
    plan ? [" of ", link(route("plans", plan.id), plan.name)] : null,
  ];
}

/** A link to a position's page, named with its actor: two actors may hold positions summarised alike. */
export function positionLink(position, actorName) {
  return h(
    "a",
    {
      href: route("positions", position.position_id ?? position.id),
      "aria-label": `${actorName}: ${position.summary}`,
    },
    position.summary,
  );
}

/** One position: its stance on what, its summary (linking to the position's page) and its evidence. */
export function positionEntry(position, { claims, sources, plans, actors, issueItself = null, open = false }) {
  const backing = position.claim_ids.map((id) => claims.get(id)).filter(Boolean);
  return h(
    "article",
    {
      class: "position",
      "data-position-id": position.position_id,
      "data-actor-id": position.actor_id,
      "data-target-kind": position.target_kind,
    },
    h("p", { class: "what" }, stance(position.stance), " ", targetWords(position, plans, { issueItself })),
    h("p", { class: "summary" }, positionLink(position, actors.get(position.actor_id)?.name ?? position.actor_id)),
    backing.length
      ? h(
          "details",
          { class: "evidence", open },
          h("summary", {}, `Evidence: ${backing.length} claim${backing.length === 1 ? "" : "s"}`),
          backing.map((claim) => claimCard(claim, sources)),
        )
      : h("p", { class: "empty" }, "No claim backs this position."),
  );
}

/** Columns for exporting positions, with names beside ids and the backing claims' words. */
export function positionColumns(actors, claims) {
  return [
    ["actor", (p) => actors.get(p.actor_id)?.name ?? p.actor_id],
    ["actor_id", (p) => p.actor_id],
    ["issue", (p) => p.issue_name ?? ""],
    ["issue_id", (p) => p.issue_id ?? ""],
    ["stance", (p) => p.stance],
    ["on_kind", (p) => p.target_kind],
    ["on", (p) => p.target_label],
    ["on_id", (p) => p.target_id],
    ["summary", (p) => p.summary],
    ["position_id", (p) => p.position_id],
    ["claim_ids", (p) => p.claim_ids],
    ["claim_quotes", (p) => p.claim_ids.map((id) => claims.get(id)?.quote).filter(Boolean)],
  ];
}

/** A sentence for a matrix cell: "Ukraine on Territory: opposes (the issue itself); supports (plan: …)". */
export function describeCell(cell, actorName, issueName) {
  const parts = cell.positions.map((p) => {
    const on =
      p.target_kind === "issue"
        ? "the issue itself"
        : `${p.target_kind.replace("_", " ")}: ${clip(p.target_label, 60)}`;
    return `${p.stance} (${on})`;
  });
  return `${actorName} on ${issueName}: ${parts.join("; ")}`;
}

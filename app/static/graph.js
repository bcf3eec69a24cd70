// The neighbourhood of an issue or an actor, from GET /api/v1/graph, drawn as an SVG network.
// The layout is a small force simulation run to rest before drawing (seeded, so the same graph is drawn the
// same way each time). Every node is a link: an actor or issue re-centres the graph on itself, the other
// kinds open their page. Hovering or focusing a node brings out its links. A list of the same records
// follows the picture, for reading and for screen readers.

import { getJSON, records } from "./api.js";
import { chartSvg, h, link, route, svg } from "./dom.js";
import { downloads } from "./downloads.js";
import { STANCES } from "./grades.js";
import { heading, recordRoute, section } from "./pieces.js";

const KINDS = {
  actor: { label: "Actors", shape: "circle", size: 11 },
  issue: { label: "Issues", shape: "square", size: 12 },
  plan: { label: "Plans", shape: "triangle", size: 12 },
  plan_point: { label: "Plan points", shape: "diamond", size: 9 },
  claim: { label: "Claims", shape: "dot", size: 5 },
};
const EDGE_WORDS = {
  position: "holds a position on",
  mentions: "is about",
  stated_by: "was stated by",
  contradicts: "contradicts",
  supports: "supports",
  updates: "updates",
  touches: "touches",
  part_of: "is part of",
};

function shape(kind, x, y) {
  const { shape: form, size } = KINDS[kind];
  if (form === "circle" || form === "dot") return svg("circle", { cx: x, cy: y, r: size });
  if (form === "square") return svg("rect", { x: x - size, y: y - size, width: 2 * size, height: 2 * size });
  if (form === "triangle")
    return svg("polygon", { points: `${x},${y - size - 2} ${x + size + 2},${y + size} ${x - size - 2},${y + size}` });
  return svg("polygon", {
    points: `${x},${y - size - 2} ${x + size + 2},${y} ${x},${y + size + 2} ${x - size - 2},${y}`,
  });
}

/**
 * Positions for the nodes (Fruchterman–Reingold): linked nodes attract, all nodes repel, the movement cools
 * step by step; the centre record stays in the middle. Seeded, so a graph is always drawn the same way.
 */
function layout(nodes, edges, width, height, centre) {
  let seed = 7;
  const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  const k = 0.9 * Math.sqrt((width * height) / Math.max(1, nodes.length));
  const at = new Map(
    nodes.map((node) => [
      node.id,
      {
        x: node.id === centre ? width / 2 : width * (0.15 + 0.7 * random()),
        y: node.id === centre ? height / 2 : height * (0.15 + 0.7 * random()),
        dx: 0,
        dy: 0,
      },
    ]),
  );
  const points = [...at.values()];
  const steps = 300;
  for (let step = 0; step < steps; step += 1) {
    const heat = (width / 8) * (1 - step / steps) + 1;
    for (const p of points) {
      p.dx = 0;
      p.dy = 0;
    }
    for (let i = 0; i < points.length; i += 1) {
      for (let j = i + 1; j < points.length; j += 1) {
        const a = points[i],
          b = points[j];
        const dx = a.x - b.x,
          dy = a.y - b.y,
          distance = Math.max(0.5, Math.hypot(dx, dy));
        const push = (k * k) / distance;
        a.dx += (dx / distance) * push;
        a.dy += (dy / distance) * push;
        b.dx -= (dx / distance) * push;
        b.dy -= (dy / distance) * push;
      }
    }
    for (const edge of edges) {
      const a = at.get(edge.source),
        b = at.get(edge.target);
      const dx = a.x - b.x,
        dy = a.y - b.y,
        distance = Math.max(0.5, Math.hypot(dx, dy));
      const pull = (distance * distance) / k;
      a.dx -= (dx / distance) * pull;
      a.dy -= (dy / distance) * pull;
      b.dx += (dx / distance) * pull;
      b.dy += (dy / distance) * pull;
    }
    for (const p of points) {
      p.dx += (width / 2 - p.x) * 0.05;
      p.dy += (height / 2 - p.y) * 0.05; // a little gravity keeps islands near
      const move = Math.max(0.01, Math.hypot(p.dx, p.dy)),
        scale = Math.min(move, heat) / move;
      p.x = Math.min(width - 160, Math.max(20, p.x + p.dx * scale));
      p.y = Math.min(height - 20, Math.max(20, p.y + p.dy * scale));
    }
    const c = at.get(centre);
    if (c) {
      c.x = width / 2;
      c.y = height / 2;
    }
  }
  return at;
}

function picture(graph, centre) {
  const width = 860,
    height = 620;
  const at = layout(graph.nodes, graph.edges, width, height, centre);
  const chart = chartSvg(
    "graph-chart",
    width,
    height,
    `Network of ${graph.nodes.length} records and ${graph.edges.length} links`,
  );
  const edgeLayer = svg("g", { class: "edges" });
  const nodeLayer = svg("g", { class: "nodes" });
  const touching = new Map(graph.nodes.map((node) => [node.id, new Set()]));
  for (const edge of graph.edges) {
    const a = at.get(edge.source),
      b = at.get(edge.target);
    const line = svg("line", {
      x1: a.x,
      y1: a.y,
      x2: b.x,
      y2: b.y,
      class: `edge edge-${edge.type}${edge.stance ? ` stance-${edge.stance}` : ""}`,
      "data-edge": edge.id,
    });
    line.append(svg("title", {}, `${EDGE_WORDS[edge.type]}${edge.stance ? ` (${edge.stance})` : ""}`));
    edgeLayer.append(line);
    if (edge.type === "position" && edge.stance) {
      edgeLayer.append(
        svg(
          "text",
          {
            x: (a.x + b.x) / 2,
            y: (a.y + b.y) / 2,
            class: `edge-label stance-${edge.stance}`,
            "text-anchor": "middle",
          },
          STANCES[edge.stance]?.symbol ?? "",
        ),
      );
    }
    touching.get(edge.source).add(line);
    touching.get(edge.target).add(line);
  }
  for (const node of graph.nodes) {
    const p = at.get(node.id);
    const recentre = node.kind === "actor" || node.kind === "issue";
    const href = recentre ? route("graph", { [node.kind]: node.record_id }) : recordRoute(node.kind, node.record_id);
    const words = `${KINDS[node.kind].label.replace(/s$/, "")}: ${node.label}${recentre ? " (centre the graph here)" : ""}`;
    const labelled = node.kind !== "claim" || node.id === centre;
    const anchor = svg(
      "a",
      {
        href,
        class: `node kind-${node.kind}${node.id === centre ? " centre" : ""}`,
        "aria-label": words,
        "data-node": node.id,
      },
      svg("title", {}, words),
      shape(node.kind, p.x, p.y),
      labelled
        ? svg(
            "text",
            { x: p.x + 14, y: p.y + 4, class: "node-label" },
            node.label.length > 32 ? `${node.label.slice(0, 31)}…` : node.label,
          )
        : null,
    );
    const light = (on) => {
      chart.classList.toggle("focusing", on);
      anchor.classList.toggle("lit", on);
      for (const line of touching.get(node.id)) line.classList.toggle("lit", on);
    };
    for (const [event, on] of [
      ["mouseenter", true],
      ["mouseleave", false],
      ["focus", true],
      ["blur", false],
    ]) {
      anchor.addEventListener(event, () => light(on));
    }
    nodeLayer.append(anchor);
  }
  chart.append(edgeLayer, nodeLayer);
  return h(
    "figure",
    { class: "chart" },
    h("div", { class: "chart-scroll", tabindex: "0", role: "region", "aria-label": "Network picture" }, chart),
  );
}

function key() {
  return h(
    "ul",
    { class: "chart-key", "aria-label": "Key" },
    Object.entries(KINDS).map(([kind, { label }]) =>
      h(
        "li",
        { class: `kind-${kind}` },
        svg(
          "svg",
          { width: 30, height: 30, viewBox: "0 0 30 30", "aria-hidden": "true" },
          svg("g", { class: `node kind-${kind}` }, shape(kind, 15, 15)),
        ),
        ` ${label}`,
      ),
    ),
    h(
      "li",
      {},
      "Lines: ",
      h("span", { class: "line-key contradicts" }, "contradicts (dashed)"),
      " · ",
      h("span", { class: "line-key line-position" }, "position (with its stance: + − ± ?)"),
      " · other links thin",
    ),
  );
}

/** #/graph?issue=… or #/graph?actor=…, optionally &claims=1 to draw the claims too. */
export async function viewGraph(query) {
  const params = new URLSearchParams(query);
  const issue = params.get("issue"),
    actor = params.get("actor"),
    withClaims = params.get("claims") === "1";
  if (!issue && !actor) {
    const issues = [...(await records("issues")).values()];
    return [
      ...heading("Network of records", "Pick an issue to see who and what surrounds it."),
      h(
        "ul",
        { class: "inline" },
        issues.map((i) => h("li", {}, link(route("graph", { issue: i.id }), i.name))),
      ),
    ];
  }
  const graph = await getJSON("/graph", { issue_id: issue, actor_id: actor });
  const centre = issue ? `issue:${issue}` : `actor:${actor}`;
  const centreNode = graph.nodes.find((node) => node.id === centre);
  const shown = withClaims
    ? graph
    : {
        nodes: graph.nodes.filter((node) => node.kind !== "claim"),
        edges: graph.edges.filter((edge) => !edge.source.startsWith("claim:") && !edge.target.startsWith("claim:")),
      };
  const claims = graph.nodes.filter((node) => node.kind === "claim").length;
  const toggle = route("graph", { issue, actor, claims: withClaims ? null : "1" });
  const byKind = Object.keys(KINDS).map((kind) => [kind, graph.nodes.filter((node) => node.kind === kind)]);
  const home = issue ? route("issues", issue) : route("actors", actor);
  const labels = new Map(graph.nodes.map((node) => [node.id, node.label]));
  return [
    ...heading(
      `Around ${centreNode?.label ?? issue ?? actor}`,
      `${graph.nodes.length} records and ${graph.edges.length} links around this ${issue ? "issue" : "actor"}. ` +
        "Select an actor or issue to centre the graph on it; any other record opens its page.",
    ),
    h(
      "p",
      { class: "controls" },
      link(home, `Open the page of ${centreNode?.label ?? "this record"}`),
      " · ",
      link(toggle, withClaims ? "Hide the claims" : `Show the ${claims} claims too`),
    ),
    key(),
    picture(shown, centre),
    downloads({
      name: `graph-${issue ?? actor}`,
      what: "every link around it, claims included",
      rows: graph.edges,
      columns: [
        ["link", (e) => e.type],
        ["from", (e) => labels.get(e.source)],
        ["from_node", (e) => e.source],
        ["to", (e) => labels.get(e.target)],
        ["to_node", (e) => e.target],
        ["stance", (e) => e.stance ?? ""],
        ["record_id", (e) => e.record_id ?? ""],
        ["claim_ids", (e) => e.claim_ids],
      ],
    }),
    section(
      "The same records, listed",
      byKind
        .filter(([, nodes]) => nodes.length)
        .map(([kind, nodes]) =>
          h(
            "details",
            { open: kind !== "claim" },
            h("summary", {}, `${KINDS[kind].label} (${nodes.length})`),
            h(
              "ul",
              {},
              nodes.map((node) => h("li", {}, link(recordRoute(node.kind, node.record_id), node.label))),
            ),
          ),
        ),
    ),
  ];
}

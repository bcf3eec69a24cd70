// Charts drawn by the page as SVG — no library, nothing from elsewhere. Each mark is a link to the record
// it stands for and has a text alternative (<title>, aria-label); meaning is carried by shape and words as
// well as colour. Wide charts scroll inside their own box, never the page.

import { chartSvg, h, svg } from "./dom.js";
import { STANCES } from "./grades.js";
import { formatDate } from "./text.js";

// Drawn for the screen it opens on: a phone gets shorter labels, so that more of the chart fits.
const narrow = () => window.matchMedia("(max-width: 40rem)").matches;
const clip = (text, length) => (text.length > length ? `${text.slice(0, length - 1)}…` : text);
const scrollBox = (label, chart) =>
  h(
    "figure",
    { class: "chart" },
    h("div", { class: "chart-scroll", tabindex: "0", role: "region", "aria-label": label }, chart),
  );

/** A stance as a mark: its own shape and symbol, so that it reads without colour. */
function stanceMark(stanceName, x, y, size) {
  const half = size / 2;
  const shapes = {
    supports: () => svg("circle", { cx: x, cy: y, r: half }),
    opposes: () => svg("rect", { x: x - half, y: y - half, width: size, height: size }),
    conditional: () =>
      svg("polygon", { points: `${x},${y - half - 1} ${x + half + 1},${y} ${x},${y + half + 1} ${x - half - 1},${y}` }),
    unclear: () => svg("circle", { cx: x, cy: y, r: half - 1 }),
  };
  return svg(
    "g",
    { class: `mark stance-${stanceName}` },
    (shapes[stanceName] ?? shapes.unclear)(),
    svg("text", { x, y: y + 4, "text-anchor": "middle", "aria-hidden": "true" }, STANCES[stanceName]?.symbol ?? "?"),
  );
}

export function stanceKey() {
  return h(
    "ul",
    { class: "chart-key", "aria-label": "Key" },
    Object.entries(STANCES).map(([name, { words }]) =>
      h(
        "li",
        {},
        svg("svg", { width: 18, height: 18, viewBox: "0 0 18 18", "aria-hidden": "true" }, stanceMark(name, 9, 9, 14)),
        ` ${words}`,
      ),
    ),
  );
}

/**
 * Actors (rows) × issues (columns). A cell shows the stances of every position of the actor that counts for
 * the issue, and links to them; a row or column label links to the actor or the issue.
 */
export function matrixChart(matrix, { cellHref, actorHref, issueHref, describe }) {
  const small = narrow();
  const cell = small ? 32 : 36,
    left = small ? 128 : 210,
    top = small ? 140 : 170,
    labels = small ? 17 : 30;
  const width = left + cell * matrix.issues.length + 130,
    height = top + cell * matrix.actors.length + 10;
  const column = new Map(matrix.issues.map((issue, index) => [issue.id, index]));
  const row = new Map(matrix.actors.map((actor, index) => [actor.id, index]));
  const chart = chartSvg(
    "matrix-chart",
    width,
    height,
    `Positions of ${matrix.actors.length} actors on ${matrix.issues.length} issues`,
  );
  matrix.issues.forEach((issue, index) => {
    const x = left + index * cell + cell / 2;
    chart.append(
      svg(
        "a",
        { href: issueHref(issue), class: "axis-label", "data-issue-id": issue.id },
        svg("title", {}, issue.name),
        svg("text", { x, y: top - 8, transform: `rotate(-40 ${x} ${top - 8})` }, clip(issue.name, small ? 22 : 30)),
      ),
    );
  });
  matrix.actors.forEach((actor, index) => {
    const y = top + index * cell + cell / 2;
    chart.append(
      svg("line", {
        x1: left,
        x2: left + cell * matrix.issues.length,
        y1: y + cell / 2,
        y2: y + cell / 2,
        class: "grid",
      }),
      svg(
        "a",
        { href: actorHref(actor), class: "axis-label", "data-actor-id": actor.id },
        svg("title", {}, actor.name),
        svg("text", { x: left - 8, y: y + 4, "text-anchor": "end" }, clip(actor.name, labels)),
      ),
    );
  });
  for (const entry of matrix.cells) {
    const x = left + column.get(entry.issue_id) * cell,
      y = top + row.get(entry.actor_id) * cell;
    const marks = entry.stances;
    const spots =
      marks.length === 1
        ? [[0.5, 0.5]]
        : [
            [0.28, 0.28],
            [0.72, 0.28],
            [0.28, 0.72],
            [0.72, 0.72],
          ];
    const label = describe(entry);
    chart.append(
      svg(
        "a",
        {
          href: cellHref(entry),
          class: "cell",
          "aria-label": label,
          "data-actor-id": entry.actor_id,
          "data-issue-id": entry.issue_id,
          "data-stances": marks.join(" "),
        },
        svg("title", {}, label),
        svg("rect", { x: x + 1, y: y + 1, width: cell - 2, height: cell - 2, class: "cell-back" }),
        marks.map((mark, index) =>
          stanceMark(mark, x + spots[index][0] * cell, y + spots[index][1] * cell, marks.length === 1 ? 20 : 13),
        ),
      ),
    );
  }
  return scrollBox("Positions matrix (scrolls sideways on narrow screens)", chart);
}

/**
 * Where the sources disagree: a source × source grid, a circle per pair of sources sized by how many claim
 * pairs set them against each other (the diagonal: a source against itself). Each cell links to those pairs.
 */
export function sourceMap(summary, { href, current = null, label = (source) => source.title }) {
  const sources = summary.sources.slice().sort((a, b) => totalOf(summary, b.id) - totalOf(summary, a.id));
  const shown = sources.slice(0, 12);
  const small = narrow();
  const cell = small ? 56 : 64,
    left = small ? 70 : 330,
    top = 40;
  const width = left + cell * shown.length + 10,
    height = top + cell * shown.length + 10;
  const count = new Map(summary.source_pairs.map((pair) => [pair.source_ids.join(" "), pair.count]));
  const most = Math.max(1, ...summary.source_pairs.map((pair) => pair.count));
  const chart = chartSvg("source-map", width, height, "Contradictions between each pair of sources");
  shown.forEach((source, index) => {
    const y = top + index * cell + cell / 2;
    chart.append(
      svg(
        "text",
        { x: left - 10, y: y + 4, "text-anchor": "end", class: "axis-text" },
        svg("title", {}, source.title),
        small
          ? `${String.fromCharCode(65 + index)} (${source.reliability})`
          : `${String.fromCharCode(65 + index)}  ${clip(label(source), 40)} (${source.reliability})`,
      ),
    );
    chart.append(
      svg(
        "text",
        { x: left + index * cell + cell / 2, y: top - 12, "text-anchor": "middle", class: "axis-text" },
        svg("title", {}, source.title),
        `${String.fromCharCode(65 + index)}`,
      ),
    );
  });
  shown.forEach((rowSource, rowIndex) =>
    shown.forEach((columnSource, columnIndex) => {
      if (columnIndex > rowIndex) return; // the grid is symmetric: the lower half says it all
      const ids = [rowSource.id, columnSource.id].sort();
      const n = count.get(ids.join(" ")) ?? 0;
      const x = left + columnIndex * cell,
        y = top + rowIndex * cell;
      const selected = current && current.join(" ") === ids.join(" ");
      const words =
        rowIndex === columnIndex
          ? `${plainCount(n)} within ${rowSource.title}`
          : `${plainCount(n)} between ${rowSource.title} and ${columnSource.title}`;
      const mark = [
        svg("title", {}, words),
        svg("rect", {
          x: x + 1,
          y: y + 1,
          width: cell - 2,
          height: cell - 2,
          class: `cell-back${selected ? " selected" : ""}`,
        }),
        n
          ? svg("circle", {
              cx: x + cell / 2,
              cy: y + cell / 2,
              r: 6 + 20 * Math.sqrt(n / most),
              class: rowIndex === columnIndex ? "within" : "between",
            })
          : null,
        svg("text", { x: x + cell / 2, y: y + cell / 2 + 5, "text-anchor": "middle", class: "count" }, String(n)),
      ];
      chart.append(
        n
          ? svg(
              "a",
              {
                href: href(ids),
                class: "cell",
                "aria-label": words,
                "data-sources": ids.join(" "),
                "aria-current": selected ? "true" : null,
              },
              mark,
            )
          : svg("g", { class: "cell empty-cell" }, mark),
      );
    }),
  );
  const leftOut = sources.length - shown.length;
  return [
    scrollBox("Source by source map of contradictions", chart),
    h(
      "div",
      { class: "meta" },
      "A solid circle counts pairs between two sources; a dashed one, pairs within one source; " +
        "the bigger, the more. Rows and columns are the same sources, A to ",
      String.fromCharCode(64 + shown.length),
      ":",
      h(
        "ol",
        { class: "map-key", type: "A" },
        shown.map((source) => h("li", {}, source.title, ` (reliability ${source.reliability})`)),
      ),
      leftOut > 0
        ? h("p", {}, `${leftOut} more sources are left out of the map; the filters below have them all.`)
        : null,
    ),
  ];
}
const totalOf = (summary, id) =>
  summary.source_pairs.filter((p) => p.source_ids.includes(id)).reduce((s, p) => s + p.count, 0);
const plainCount = (n) => `${n} contradiction${n === 1 ? "" : "s"}`;

const DAY = 86_400_000;
const toTime = (iso) => Date.parse(`${iso}T00:00:00Z`);

/**
 * Dated records on a time axis drawn to scale: events above the line, claims below (when a claim was made,
 * or a date it names). Labels that would collide move to another lane.
 */
export function timelineChart(items) {
  const times = items.map((item) => toTime(item.date));
  const first = Math.min(...times) - DAY,
    last = Math.max(...times) + DAY;
  const width = 820,
    left = 20,
    right = 20,
    span = width - left - right;
  const x = (iso) => left + ((toTime(iso) - first) / (last - first)) * span;
  const lanes = { above: [], below: [] };
  const placed = items.map((item) => {
    const side = item.kind === "event" ? "above" : "below";
    const at = x(item.date),
      size = Math.min(item.label.length, 34) * 6.4 + 12;
    const leftward = at + size > width; // near the right edge, the label reads back from its mark
    const [start, end] = leftward ? [at - size, at] : [at, at + size];
    let lane = lanes[side].findIndex((rightEdge) => rightEdge < start);
    if (lane === -1) lane = lanes[side].push(0) - 1;
    lanes[side][lane] = end;
    return { ...item, side, lane, at, leftward };
  });
  const laneHeight = 34;
  const axis = 30 + laneHeight * Math.max(1, lanes.above.length);
  const height = axis + 40 + laneHeight * Math.max(1, lanes.below.length);
  const chart = chartSvg(
    "timeline-chart",
    width,
    height,
    `${items.length} dated records from ${formatDate(new Date(first + DAY).toISOString().slice(0, 10))} to ${formatDate(new Date(last - DAY).toISOString().slice(0, 10))}, drawn to scale`,
  );
  chart.append(svg("line", { x1: left, x2: width - right, y1: axis, y2: axis, class: "axis" }));
  for (const tick of ticks(first, last)) {
    const at = left + ((tick.time - first) / (last - first)) * span;
    chart.append(
      svg("line", { x1: at, x2: at, y1: axis - 5, y2: axis + 5, class: "tick" }),
      svg("text", { x: at, y: axis + 20, "text-anchor": "middle", class: "tick-label" }, tick.label),
    );
  }
  for (const item of placed) {
    const y = item.side === "above" ? axis - 18 - item.lane * laneHeight : axis + 40 + item.lane * laneHeight;
    const words = `${formatDate(item.date)}: ${item.label}`;
    chart.append(
      svg(
        "a",
        { href: item.href, class: `timeline-mark kind-${item.kind}`, "aria-label": words, "data-date": item.date },
        svg("title", {}, words),
        svg("line", { x1: item.at, x2: item.at, y1: axis, y2: y + (item.side === "above" ? 4 : -12), class: "stem" }),
        item.kind === "event"
          ? svg("circle", { cx: item.at, cy: axis, r: 6 })
          : svg("rect", { x: item.at - 5, y: axis - 5, width: 10, height: 10 }),
        svg(
          "text",
          {
            x: item.leftward ? item.at - 4 : item.at + 4,
            y,
            class: "mark-label",
            "text-anchor": item.leftward ? "end" : "start",
          },
          clip(item.label, 34),
        ),
      ),
    );
  }
  return scrollBox("Timeline drawn to scale (scrolls sideways on narrow screens)", chart);
}

function ticks(first, last) {
  const days = (last - first) / DAY;
  const result = [];
  const start = new Date(first);
  if (days <= 62) {
    const step = days <= 14 ? 1 : days <= 31 ? 3 : 7;
    for (
      let t = Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate() + 1);
      t < last;
      t += step * DAY
    ) {
      const date = new Date(t);
      result.push({
        time: t,
        label: `${date.getUTCDate()} ${date.toLocaleString("en-GB", { month: "short", timeZone: "UTC" })}`,
      });
    }
  } else {
    const monthly = days <= 800;
    for (let year = start.getUTCFullYear(), month = start.getUTCMonth() + 1; ; month += monthly ? 1 : 12) {
      const t = Date.UTC(year, month, 1);
      if (t >= last) break;
      const date = new Date(t);
      result.push({
        time: t,
        label: monthly
          ? date.toLocaleString("en-GB", { month: "short", year: "2-digit", timeZone: "UTC" })
          : String(date.getUTCFullYear()),
      });
    }
  }
  return result;
}

/**
 * Figures that several claims give for the same measure, as bars to one scale from zero (a share, out of
 * 100%). Only figures of one measure and unit are ever drawn together.
 */
export function figureBars(claims, { label, value, href, unit }) {
  const left = 250,
    bar = 360,
    row = 30,
    width = left + bar + 120,
    height = row * claims.length + 10;
  const most = unit === "percent" ? 100 : Math.max(...claims.map(value));
  const chart = chartSvg("figure-bars", width, height, `${claims.length} figures for one measure, to one scale`);
  claims.forEach((claim, index) => {
    const y = 5 + index * row,
      length = Math.max(2, (value(claim) / most) * bar);
    const words = `${label(claim)}: ${claim.shown}, “${clip(claim.quote, 90)}”`;
    chart.append(
      svg(
        "a",
        { href: href(claim), class: "bar", "aria-label": words, "data-claim-id": claim.id },
        svg("title", {}, words),
        svg(
          "text",
          { x: left - 8, y: y + row / 2 + 4, "text-anchor": "end", class: "axis-text" },
          clip(label(claim), 36),
        ),
        svg("rect", { x: left, y: y + 4, width: length, height: row - 10 }),
        svg("text", { x: left + length + 6, y: y + row / 2 + 4, class: "value" }, claim.shown),
      ),
    );
  });
  return scrollBox("Figures compared to one scale", chart);
}

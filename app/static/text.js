// Text from the API shown as nodes: search snippets, quotes (tables too), dates, numbers, a claim's quantity.

import { h } from "./dom.js";

const ENTITIES = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#x27;": "'", "&#39;": "'" };

/** A search snippet — HTML-escaped text with <mark> around the hits — rebuilt as nodes, not parsed as HTML. */
export function snippetNodes(snippet) {
  const nodes = [];
  let marked = false;
  for (const part of snippet.split(/(<\/?mark>)/)) {
    if (part === "<mark>" || part === "</mark>") {
      marked = part === "<mark>";
      continue;
    }
    if (!part) continue;
    const text = part.replace(/&(amp|lt|gt|quot|#x27|#39);/g, (entity) => ENTITIES[entity]);
    nodes.push(marked ? h("mark", {}, text) : document.createTextNode(text));
  }
  return nodes;
}

const TABLE_ROW = /^\s*\|?(.*\|.*?)\|?\s*$/;
const TABLE_RULE = /^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/;

/**
 * A quote as the page shows it. Most are plain text. A quote cut from a Markdown table ("lisa H. Kupchik |
 * Deputy Secretary of State") is shown as the table row it is, cells apart, instead of raw pipes; the words
 * are the same, and the source view shows the text exactly as stored.
 */
export function quoteNodes(quote) {
  const lines = quote.split("\n");
  if (!lines.some((line) => line.includes("|") && TABLE_ROW.test(line))) return [`“${quote}”`];
  const nodes = [];
  let rows = [];
  const flush = () => {
    if (rows.length) nodes.push(h("table", { class: "quote-table" }, h("tbody", {}, rows)));
    rows = [];
  };
  for (const [index, line] of lines.entries()) {
    if (TABLE_RULE.test(line)) continue;
    if (line.includes("|")) {
      const cells = line
        .trim()
        .replace(/^\|/, "")
        .replace(/\|$/, "")
        .split("|")
        .map((cell) => cell.trim());
      const header = TABLE_RULE.test(lines[index + 1] ?? "");
      rows.push(
        h(
          "tr",
          {},
          cells.map((cell) => h(header ? "th" : "td", {}, cell)),
        ),
      );
    } else {
      flush();
      if (line.trim()) nodes.push(h("span", { class: "quote-line" }, line));
    }
  }
  flush();
  return [h("span", { class: "visually-hidden" }, "Quoted from a table: "), nodes];
}

const numberFormat = new Intl.NumberFormat("en", { maximumFractionDigits: 2 });
const dateFormat = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "long",
  year: "numeric",
  timeZone: "UTC",
});
export const formatDate = (iso) => dateFormat.format(new Date(`${iso}T00:00:00Z`));
export const formatNumber = (value) => numberFormat.format(value);

/** A claim's quantity as words: a date, a year ("2026", not "2026 year"), or a number and its unit. */
export function quantity(claim) {
  if (claim.value_on) return formatDate(claim.value_on);
  if (claim.value === null || claim.value === undefined) return "";
  if (claim.unit === "year") return String(claim.value);
  if (claim.unit === "USD") return `US$${compact(claim.value)}`;
  if (claim.unit === "percent") return `${formatNumber(claim.value)}%`;
  return `${formatNumber(claim.value)}${claim.unit ? ` ${claim.unit}` : ""}`;
}
function compact(value) {
  if (Math.abs(value) >= 1e9) return `${formatNumber(value / 1e9)} billion`;
  if (Math.abs(value) >= 1e6) return `${formatNumber(value / 1e6)} million`;
  return formatNumber(value);
}

// Exports from the page. "Download CSV" and "Download NDJSON" write exactly the rows the view shows, built
// from the JSON the page already holds: names beside ids, both quotes of a contradiction, the view's
// filters applied — no second trip to the API, and no 50-row page cut-off. Beside them, the API's own
// address for the list (records with ids only), for scripts.

import { API } from "./api.js";
import { h } from "./dom.js";

/** Where the API serves a list as CSV or NDJSON: the one place that spells that address. */
export function listExportUrl(list, params, format) {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params ?? {})) {
    for (const one of [value].flat()) if (one !== null && one !== undefined && one !== "") query.append(name, one);
  }
  return `${API}/${list}.${format}${String(query) ? `?${query}` : ""}`;
}

const cell = (value) => (Array.isArray(value) ? value.join("; ") : (value ?? ""));

/** RFC 4180 CSV: a header, then a row per record; a field with a comma, quote or line break is quoted. */
export function toCSV(columns, rows) {
  const field = (value) => {
    const text = String(cell(value));
    return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  const lines = [columns.map(([name]) => field(name)), ...rows.map((row) => columns.map(([, get]) => field(get(row))))];
  return lines.map((line) => line.join(",")).join("\r\n") + "\r\n";
}

/** One JSON object a line, keyed by the same column names as the CSV. */
export function toNDJSON(columns, rows) {
  return rows
    .map((row) => JSON.stringify(Object.fromEntries(columns.map(([name, get]) => [name, get(row) ?? null]))))
    .map((line) => `${line}\n`)
    .join("");
}

function save(filename, type, text) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const anchor = h("a", { href: url, download: filename, hidden: true });
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * The export bar of a list view. `columns` are [name, row → value] pairs; `api`, if given, is the API list
 * ({list, params}) the view reads, offered as the scripts' way to the same records.
 */
export function downloads({ name, what, columns, rows, api = null }) {
  const button = (label, run) => h("button", { type: "button", class: "download", onclick: run }, label);
  // U+FEFF first: spreadsheets then read the file as UTF-8, so "’" and "–" arrive intact.
  const csv = () => save(`${name}.csv`, "text/csv;charset=utf-8", `\ufeff${toCSV(columns, rows)}`);
  const ndjson = () => save(`${name}.ndjson`, "application/x-ndjson", toNDJSON(columns, rows));
  return h(
    "div",
    { class: "downloads", role: "group", "aria-label": `Download ${what}` },
    button("Download CSV", csv),
    button("Download NDJSON", ndjson),
    h("span", { class: "meta" }, `${rows.length.toLocaleString("en")} rows: ${what}, as shown, names beside ids.`),
    api
      ? h(
          "span",
          { class: "meta api-export" },
          " From the API (ids only): ",
          h("a", { href: listExportUrl(api.list, api.params, "csv"), "data-format": "csv" }, `${api.list}.csv`),
          " · ",
          h(
            "a",
            { href: listExportUrl(api.list, api.params, "ndjson"), "data-format": "ndjson" },
            `${api.list}.ndjson`,
          ),
        )
      : null,
  );
}

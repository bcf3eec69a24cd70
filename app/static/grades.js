// The Admiralty grades (source reliability A–F, information credibility 1–6) and stances, as badges.

import { h } from "./dom.js";

export const RELIABILITY = {
  A: "completely reliable",
  B: "usually reliable",
  C: "fairly reliable",
  D: "not usually reliable",
  E: "unreliable",
  F: "reliability cannot be judged",
};
export const CREDIBILITY = {
  1: "confirmed",
  2: "probably true",
  3: "possibly true",
  4: "doubtful",
  5: "improbable",
  6: "truth cannot be judged",
};
export const STANCES = {
  supports: { symbol: "+", words: "supports" },
  opposes: { symbol: "−", words: "opposes" },
  conditional: { symbol: "±", words: "conditional" },
  unclear: { symbol: "?", words: "unclear" },
};

/** A source's reliability grade: the letter, the words, and a style per grade (never colour alone). */
export function reliability(source, { why = false } = {}) {
  if (!source) return null;
  const grade = source.reliability;
  return gradeBadge(
    "reliability",
    grade,
    "Source reliability ",
    RELIABILITY[grade] ?? "",
    why && source.reliability_note ? h("span", { class: "visually-hidden" }, `: ${source.reliability_note}`) : null,
  );
}

/** A claim's credibility grade, 1 (confirmed) … 6 (cannot be judged). */
export function credibility(grade) {
  return gradeBadge("credibility", grade, "Information credibility ", CREDIBILITY[grade] ?? "");
}

/** A grade on one of the two scales: the scale's name for screen readers, the letter or digit, then the words. */
function gradeBadge(scale, grade, spokenName, ...words) {
  return h(
    "span",
    { class: `grade ${scale} grade-${grade}`, "data-grade": grade },
    h("span", { class: "visually-hidden" }, spokenName),
    h("b", { class: "letter" }, grade),
    " ",
    ...words,
  );
}

export function stance(value) {
  const known = STANCES[value] ?? { symbol: "", words: value };
  return h(
    "span",
    { class: `badge stance stance-${value}`, "data-stance": value },
    h("span", { "aria-hidden": "true", class: "symbol" }, known.symbol),
    " ",
    known.words,
  );
}

/** The two Admiralty scales, explained: shown wherever grades are compared. */
export function gradeLegend() {
  const scale = (title, grades, badge) =>
    h(
      "div",
      { class: "legend-scale" },
      h("h3", {}, title),
      h(
        "ul",
        { class: "legend" },
        grades.map((grade) => h("li", {}, badge(grade))),
      ),
    );
  return h(
    "section",
    { class: "legends", "aria-label": "What the grades mean" },
    scale("Source reliability, A–F: how far the source can be trusted", Object.keys(RELIABILITY), (grade) =>
      reliability({ reliability: grade }),
    ),
    scale("Information credibility, 1–6: how likely the claim is true", Object.keys(CREDIBILITY), (grade) =>
      credibility(Number(grade)),
    ),
    h(
      "p",
      { class: "meta legend-note" },
      "Grades follow the Admiralty (NATO AJP-2.1) system. F and 6 mean there " +
        "was no basis to judge — not that the source or claim is bad. Here every grade is judged from the " +
        "sources’ own text, and its reason is given beside it.",
    ),
  );
}

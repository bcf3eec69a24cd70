// Reviewing the curation assistant's suggestions for a source: its text with each suggestion highlighted, and
// beside it a form per suggestion. Accepting writes the claim (and the relations the curator ticked) through
// the write API with the curator's key; rejecting hides the suggestion in this browser; a suggestion already
// written shows as claimed (the API's `claimed_by`).

import { API, ApiError, apiPath, getList, getSource, postJSON } from "./api.js";
import { h, link, route } from "./dom.js";
import { CREDIBILITY } from "./grades.js";
import { empty, heading, section } from "./pieces.js";
import { quantity } from "./text.js";

// The key lives as long as the tab (sessionStorage), is sent only as a header, and never enters an address.
const KEY_STORE = "peacekb-api-key";
const rejectedStore = (sourceId) => `peacekb-rejected:${sourceId}`;
const SLUG_MAX = 120; // the API's longest id

/** A suggestion's identity in its source: where its quote is, and what kind of span it is. */
const keyOf = (s) => `${s.quote_start}-${s.quote_end}-${s.kind}`;

function readRejected(sourceId) {
  try {
    return new Set(JSON.parse(localStorage.getItem(rejectedStore(sourceId)) ?? "[]"));
  } catch {
    return new Set(); // a hand-edited or corrupt entry: start again rather than fail the view
  }
}
const saveRejected = (sourceId, keys) => localStorage.setItem(rejectedStore(sourceId), JSON.stringify([...keys]));

function slug(text, max = SLUG_MAX) {
  const words = text
    .normalize("NFKD")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return words.slice(0, max).replace(/-+$/, "") || "claim";
}
const claimIdFor = (s) => slug(`${s.statement.split(/\s+/).slice(0, 8).join(" ")} ${s.quote_start}`);
const idsOf = (value) =>
  value
    .split(",")
    .map((id) => id.trim())
    .filter(Boolean);

// ---------------------------------------------------------------- the key

function keyForm(onChange) {
  const stored = sessionStorage.getItem(KEY_STORE);
  if (stored) {
    return h(
      "div",
      { class: "key-box", "data-key": "entered" },
      h("p", {}, "Your API key is entered for this tab; accepting writes with it. "),
      h(
        "button",
        {
          type: "button",
          class: "secondary",
          onclick: () => {
            sessionStorage.removeItem(KEY_STORE);
            onChange();
          },
        },
        "Forget the key",
      ),
    );
  }
  const input = h("input", { id: "api-key", name: "key", type: "password", autocomplete: "off", required: true });
  return h(
    "form",
    {
      class: "key-box",
      "data-key": "missing",
      // Handled here, never submitted: a submitted form would put the key in the address.
      onsubmit: (event) => {
        event.preventDefault();
        const key = input.value.trim();
        if (!key) return;
        sessionStorage.setItem(KEY_STORE, key);
        onChange();
      },
    },
    h("label", { for: "api-key" }, "Your API key (a write key, from ", h("code", {}, "peacekb keys create"), ")"),
    " ",
    input,
    " ",
    h("button", { type: "submit" }, "Use this key"),
  );
}

// ---------------------------------------------------------------- the text

/**
 * The source text with its suggestions marked. Suggestions nest (a figure inside its sentence): the text
 * marks the outermost, and each mark leads to its suggestion's form. Offsets are UTF-16 units, as
 * JavaScript strings count (the blog's emoji take two).
 */
function markedText(text, suggestions, claimedKeys) {
  const nodes = [];
  let at = 0;
  for (const s of suggestions) {
    const [start, end] = [s.quote_start_utf16, s.quote_end_utf16];
    if (start < at) continue;
    nodes.push(text.slice(at, start));
    const key = keyOf(s);
    const open = () => {
      const card = document.querySelector(`.suggestion[data-key="${key}"]`);
      card?.scrollIntoView({ block: "center" });
      card?.focus({ preventScroll: true });
    };
    nodes.push(
      h(
        "mark",
        {
          class: claimedKeys.has(key) ? "suggested claimed" : "suggested",
          "data-key": key,
          title: s.statement,
          // A click leads to the form. The marks are not made buttons: a text of a hundred buttons is noise to a
          // keyboard or screen reader, who find the same suggestions in text order in the list beside it.
          onclick: open,
        },
        text.slice(start, end),
      ),
    );
    at = end;
  }
  nodes.push(text.slice(at));
  return nodes;
}

// ---------------------------------------------------------------- a suggestion

let fields = 0; // each form control's id, unique on the page

function field(name, label, control, hint = null) {
  control.setAttribute("name", name);
  control.id = `review-${name}-${++fields}`;
  return h(
    "div",
    { class: "field", "data-field": name },
    h("label", { for: control.id }, label),
    control,
    hint ? h("span", { class: "meta" }, hint) : null,
    h("span", { class: "field-error", "data-error-for": name, role: "status" }),
  );
}

function showProblem(form, error) {
  const box = form.querySelector(".problem");
  for (const control of form.querySelectorAll("[aria-invalid]")) control.removeAttribute("aria-invalid");
  for (const note of form.querySelectorAll(".field-error")) note.textContent = "";
  const problem = error instanceof ApiError ? error.problem : null;
  const fields = problem?.errors ?? [];
  for (const { name, reason } of fields) {
    const top = name.split(".")[0]; // "actor_ids.0" is the actor_ids field's
    const control = form.querySelector(`[name="${top}"]`);
    const note = form.querySelector(`[data-error-for="${top}"]`);
    control?.setAttribute("aria-invalid", "true");
    if (note) note.textContent = reason;
  }
  const refused = error instanceof ApiError && (error.status === 401 || error.status === 403);
  box.replaceChildren(
    h(
      "div",
      {},
      h("p", {}, h("strong", {}, problem?.title ?? "Not written"), ": ", problem?.detail ?? error.message),
      refused ? h("p", {}, "Forget the key at the top of the page and enter a key with the write scope.") : null,
      fields.length
        ? h(
          "ul",
          {},
            fields.map((f) => h("li", { "data-field": f.name }, h("code", {}, f.name), ` — ${f.reason}`)),
          )
        : null,
    ),
  );
  box.hidden = false;
}

function claimedNote(claimIds) {
  return h(
    "p",
    { class: "claimed-note" },
    h("span", { class: "badge agree" }, "claimed"),
    " by ",
    claimIds.map((id, index) => [index ? ", " : "", link(route("claims", id), id)]),
  );
}

function suggestionCard(s, source, { onReject, onAccepted }) {
  const key = keyOf(s);
  const facts = [
    s.speaker_id || s.attribution ? `said by ${s.speaker_id ?? s.attribution}` : null,
    s.stated_on ? `on ${s.stated_on}` : null,
    quantity(s) ? `figure: ${quantity(s)}${s.measure ? ` (${s.measure})` : ""}` : null,
    `confidence ${Math.round(s.confidence * 100)}%`,
  ].filter(Boolean);
  const card = h(
    "li",
    { class: "suggestion claim-card", "data-key": key, tabindex: "-1" },
    h("p", { class: "statement" }, s.statement),
    h("blockquote", { class: "quote" }, `“${s.quote}”`),
    h("p", { class: "meta" }, facts.join(" · ")),
    s.reasons.length ? h("p", { class: "meta reasons" }, "Why: ", s.reasons.join("; ")) : null,
  );
  if (s.claimed_by.length) {
    card.classList.add("claimed");
    card.append(claimedNote(s.claimed_by));
    return card;
  }
  const grades = h(
    "select",
    {},
    Object.entries(CREDIBILITY).map(([grade, words]) =>
      h("option", { value: grade, selected: grade === "6" }, `${grade} — ${words}`),
    ),
  );
  const relations = s.relations.map((r) =>
    h(
      "li",
      { "data-relation-to": r.claim_id },
      h(
        "label",
        {},
        h("input", { type: "checkbox", name: "relation", value: r.claim_id, "data-type": r.type }),
        ` ${r.type} `,
        link(route("claims", r.claim_id), r.claim_id),
        h("span", { class: "meta" }, ` — ${r.rationale}`),
      ),
    ),
  );
  const problem = h("div", { class: "problem error", role: "alert", hidden: true });
  const form = h(
    "form",
    { class: "review-form", onsubmit: (event) => event.preventDefault() },
    field("id", "Claim id", h("input", { value: claimIdFor(s), required: true })),
    field("statement", "Statement", h("textarea", { rows: "2" }, s.statement)),
    field("credibility", "Credibility", grades),
    field("speaker_id", "Speaker (actor id)", h("input", { value: s.speaker_id ?? "" })),
    field("actor_ids", "Actors", h("input", { value: s.actor_ids.join(", ") }), "actor ids, comma-separated"),
    field("issue_ids", "Issues", h("input", { value: s.issue_ids.join(", ") }), "issue ids, comma-separated"),
    field(
      "plan_point_ids",
      "Plan points",
      h("input", { value: s.plan_point_ids.join(", ") }),
      "plan point ids, comma-separated",
    ),
    relations.length
      ? h("fieldset", {}, h("legend", {}, "Relations to write with it (tick to accept)"), h("ul", {}, relations))
      : null,
    h(
      "p",
      { class: "controls" },
      h("button", { type: "button", class: "accept", onclick: () => accept() }, "Accept"),
      h("button", { type: "button", class: "reject secondary", onclick: () => onReject(s) }, "Reject"),
    ),
    problem,
  );
  card.append(form);

  async function accept() {
    const key = sessionStorage.getItem(KEY_STORE);
    if (!key) {
      showProblem(form, new Error("Enter your API key at the top of the page first."));
      return;
    }
    const data = new FormData(form);
    const claim = {
      ...Object.fromEntries(
        ["quote", "quote_start", "quote_end", "attribution", "stated_on", "value", "unit", "measure", "value_on"]
          .filter((name) => s[name] !== null && s[name] !== undefined)
          .map((name) => [name, s[name]]),
      ),
      id: data.get("id").trim(),
      source_id: source.id,
      statement: data.get("statement").trim(),
      credibility: Number(data.get("credibility")),
      speaker_id: data.get("speaker_id").trim() || null,
      actor_ids: idsOf(data.get("actor_ids")),
      issue_ids: idsOf(data.get("issue_ids")),
      plan_point_ids: idsOf(data.get("plan_point_ids")),
      event_ids: s.event_ids,
    };
    const buttons = form.querySelectorAll("button");
    for (const button of buttons) button.disabled = true;
    let written;
    try {
      written = await postJSON("/claims", claim, key);
    } catch (error) {
      for (const button of buttons) button.disabled = false;
      showProblem(form, error);
      return;
    }
    // The claim is written: the card shows it claimed whatever becomes of its relations, each written on its own.
    const failed = [];
    for (const box of form.querySelectorAll("input[name=relation]:checked")) {
      const candidate = s.relations.find((r) => r.claim_id === box.value && r.type === box.dataset.type);
      const relation = {
        id: slug(`${written.id}-${candidate.type}-${candidate.claim_id}`),
        type: candidate.type,
        from_claim_id: written.id,
        to_claim_id: candidate.claim_id,
        rationale: candidate.rationale,
      };
      try {
        await postJSON("/claim-relations", relation, key);
      } catch (error) {
        failed.push([candidate, error]);
      }
    }
    form.remove();
    card.classList.add("claimed");
    card.append(claimedNote([written.id]));
    if (failed.length)
      card.append(
        h(
          "div",
          { class: "problem error", role: "alert" },
          h("p", {}, "The claim is written; these relations are not:"),
          h(
            "ul",
            {},
            failed.map(([c, error]) =>
              h("li", { "data-relation-to": c.claim_id }, `${c.type} ${c.claim_id} — ${error.message}`),
            ),
          ),
        ),
      );
    onAccepted(s);
  }
  return card;
}

// ---------------------------------------------------------------- the view

export async function viewReview(id) {
  const [source, suggestions] = await Promise.all([
    getSource(id),
    getList(apiPath("sources", id, "suggestions")), // in text order
  ]);
  const rejected = readRejected(id);
  const claimed = new Set(suggestions.filter((s) => s.claimed_by.length).map(keyOf));
  const keyBox = h("div", {});
  const textBox = h("div", {
    class: "source-text review-text",
    tabindex: "0",
    role: "region",
    "aria-label": "Source text, suggestions marked",
  });
  const list = h("ol", { class: "suggestions" });
  const status = h("p", { class: "meta", role: "status" });

  const drawKey = () => keyBox.replaceChildren(keyForm(drawKey));
  const shown = () => suggestions.filter((s) => !rejected.has(keyOf(s)));
  const drawText = () => textBox.replaceChildren(...markedText(source.text, shown(), claimed));
  const drawStatus = () =>
    status.replaceChildren(
      `${shown().length} of ${suggestions.length} suggestions shown; ${claimed.size} claimed`,
      ...(rejected.size
        ? [
            `, ${rejected.size} rejected in this browser. `,
            h(
              "button",
              {
                type: "button",
                class: "secondary restore",
                onclick: () => {
                  rejected.clear();
                  saveRejected(id, rejected);
                  drawAll();
                },
              },
              "Show the rejected again",
            ),
          ]
        : ["."]),
    );
  const handlers = {
    onReject: (s) => {
      rejected.add(keyOf(s));
      saveRejected(id, rejected);
      list.querySelector(`.suggestion[data-key="${keyOf(s)}"]`)?.remove();
      drawText();
      drawStatus();
    },
    onAccepted: (s) => {
      claimed.add(keyOf(s));
      drawText();
      drawStatus();
    },
  };
  const drawAll = () => {
    drawText();
    drawStatus();
    list.replaceChildren(...shown().map((s) => suggestionCard(s, source, handlers)));
  };
  drawKey();
  drawAll();
  return [
    ...heading(
      `Review suggestions: ${source.title}`,
      "The curation assistant’s suggested claims, marked in the text. Edit one and accept it to write it as a " +
        "claim with your key; reject it to hide it in this browser. Nothing is written until you accept.",
    ),
    h(
      "p",
      { class: "controls" },
      link(route("sources", id), "Back to the source"),
      " · ",
      h("a", { href: API + apiPath("sources", id, "suggestions.ndjson") }, "The suggestions as NDJSON"),
    ),
    keyBox,
    suggestions.length
      ? [status, h("div", { class: "review-layout" }, section("Text", textBox), section("Suggestions", list))]
      : empty("The assistant suggests no claim in this text."),
  ];
}

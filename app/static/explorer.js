// PeaceKB evidence explorer: a small single-page view over the public JSON API — no build step, no libraries.
// Views are chosen by the URL fragment (#/issues/territory-donbas, #/contradictions?issue=…), so every view,
// with its filters, can be linked, and Back returns to it where the reader left it.
// The modules of app/static are plain ES modules, formatted with Prettier (print width 120).

import { h, link } from "./dom.js";
import { viewGraph } from "./graph.js";
import { heading } from "./pieces.js";
import { viewActor, viewActors } from "./views-actors.js";
import { viewContradictions } from "./views-contradictions.js";
import { viewNumbers, viewTimeline } from "./views-figures.js";
import { viewIssue, viewIssues } from "./views-issues.js";
import { viewPlanDiff, viewPlanPoint, viewPlans } from "./views-plans.js";
import { viewClaim, viewEvent, viewPlace, viewPosition, viewRelation } from "./views-records.js";
import { viewReview } from "./views-review.js";
import { viewSearch } from "./views-search.js";
import { viewSource, viewSources } from "./views-sources.js";

// ---------------------------------------------------------------- routing

const ROUTES = [
  [/^\/issues\/?$/, viewIssues],
  [/^\/issues\/([^/]+)$/, viewIssue],
  [/^\/actors\/?$/, viewActors],
  [/^\/actors\/([^/]+)$/, viewActor],
  [/^\/claims\/([^/]+)$/, viewClaim],
  [/^\/sources\/?$/, viewSources],
  [/^\/sources\/([^/]+)$/, viewSource],
  [/^\/sources\/([^/]+)\/review$/, viewReview],
  [/^\/plans\/?$/, viewPlans],
  [/^\/plans\/([^/]+)$/, (id) => viewPlanDiff(id, id)],
  [/^\/plans\/([^/]+)\/([^/]+)$/, viewPlanDiff],
  [/^\/plan-points\/([^/]+)$/, viewPlanPoint],
  [/^\/positions\/([^/]+)$/, viewPosition],
  [/^\/events\/([^/]+)$/, viewEvent],
  [/^\/places\/([^/]+)$/, viewPlace],
  [/^\/relations\/([^/]+)$/, viewRelation],
  [/^\/contradictions\/?$/, viewContradictions],
  [/^\/numbers\/?$/, viewNumbers],
  [/^\/timeline\/?$/, viewTimeline],
  [/^\/graph\/?$/, viewGraph],
  [/^\/search\/?$/, viewSearch],
];

let rendering = 0;
let firstRender = true;

/** Views read "#/path?query": the path picks the view, the query (its state) is passed on after the ids. */
function chooseView(hash) {
  const [path, query = ""] = hash.slice(1).split("?");
  for (const [pattern, view] of ROUTES) {
    const match = path.match(pattern);
    if (match) return () => view(...match.slice(1).map(decodeURIComponent), query);
  }
  return null;
}

async function render() {
  const hash = location.hash.startsWith("#/") ? location.hash : "#/issues";
  const main = document.getElementById("main");
  const ticket = ++rendering;
  const view = chooseView(hash);
  shownAddress = null;
  main.setAttribute("aria-busy", "true");
  main.replaceChildren(h("p", { class: "status", role: "status" }, "Loading…"));
  let content;
  try {
    content = view
      ? await view()
      : [...heading("Not found"), h("p", {}, "No such view. ", link("#/issues", "Back to the issues"))];
  } catch (error) {
    content = [...heading("Could not load this view"), h("p", { class: "error", role: "alert" }, error.message)];
  }
  if (ticket !== rendering) return; // a newer navigation has started
  main.replaceChildren(...[content].flat(Infinity).filter(Boolean));
  main.removeAttribute("aria-busy");
  const section = hash.split(/[/?]/)[1];
  if (section !== "search") document.getElementById("search-input").value = "";
  const current =
    { plans: "plans", "plan-points": "plans", relations: "contradictions", claims: null }[section] ?? section;
  for (const anchor of document.querySelectorAll("nav [data-section]")) {
    if (anchor.dataset.section === current) anchor.setAttribute("aria-current", "page");
    else anchor.removeAttribute("aria-current");
  }
  const title = main.querySelector("h1")?.textContent ?? "PeaceKB";
  document.title = `${title} — PeaceKB evidence explorer`;
  document.getElementById("announcer").textContent = `Showing: ${title}`;
  if (!firstRender) main.querySelector("h1")?.focus({ preventScroll: true });
  placeScroll();
  firstRender = false;
  document.body.dataset.ready = "true";
  document.body.dataset.drawn = String(ticket); // how many views have been drawn: tests wait on it
}

// ---------------------------------------------------------------- keeping the reader's place

// Each history entry remembers how far down the reader was (history.state.scroll). Coming back to an entry
// (Back, Forward) restores that place once the view is drawn; a new entry starts at its top, or at what
// the view points to (the quote in its source, the focused item).
history.scrollRestoration = "manual";
// The address of the view on the screen; null while one is drawn (the page's height, and so its scroll,
// then means nothing). A place is written only into the entry of the view it was measured on: after Back,
// the entry is already the earlier one while the later view is still on the screen.
let shownAddress = null;
const remember = () => {
  if (shownAddress !== null && shownAddress === location.hash)
    history.replaceState({ ...history.state, scroll: window.scrollY }, "");
};
let saving = 0;
window.addEventListener(
  "scroll",
  () => {
    clearTimeout(saving);
    saving = setTimeout(remember, 150);
  },
  { passive: true },
);
document.addEventListener(
  "click",
  (event) => {
    if (event.target.closest("a[href^='#/']")) remember();
  },
  true,
);

function placeScroll() {
  const saved = history.state?.scroll;
  if (typeof saved === "number") {
    window.scrollTo(0, saved);
    shownAddress = location.hash;
    return;
  }
  const quote = document.getElementById("quote");
  const target = quote ?? document.querySelector("main .focused, main [data-scroll-here]");
  if (target) target.scrollIntoView({ block: quote ? "center" : "start" });
  else window.scrollTo(0, 0);
  shownAddress = location.hash;
  remember();
}

// ---------------------------------------------------------------- page furniture

document.getElementById("search-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const q = new FormData(event.target).get("q").trim();
  if (q) location.hash = `#/search?${new URLSearchParams({ q })}`;
});
// The skip link moves focus to the content; it must not become the address (#main is not a view).
document.querySelector(".skip-link").addEventListener("click", (event) => {
  event.preventDefault();
  const main = document.getElementById("main");
  main.focus();
  main.scrollIntoView();
});
window.addEventListener("hashchange", () => {
  if (location.hash.startsWith("#/") || !location.hash) render();
});
render();
